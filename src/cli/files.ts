/** Reading records from and writing exports to JSON, CSV and XLSX files. */
import { createReadStream, createWriteStream, readFileSync } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { parse } from 'csv-parse';
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { CURRENT_STANDARD } from '../standard/index.ts';
import { columns, fromCells, rowCells } from '../standard/tabular.ts';
import { countAlgorithms, exportRows } from '../register/export.ts';
import { progressBar } from './progress.ts';

export const EXPORT_FORMATS = ['json', 'csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The records in a file, by its extension: a JSON array, or a CSV/XLSX table with a header row. */
export async function readRecords(file: string): Promise<unknown[]> {
  const lower = file.toLowerCase();
  if (lower.endsWith('.csv')) {
    const rows: Record<string, string>[] = [];
    for await (const row of createReadStream(file).pipe(parse({ columns: true, bom: true, relax_column_count: true }))) rows.push(row);
    return rows.map((r) => fromCells(CURRENT_STANDARD, r));
  }
  if (lower.endsWith('.xlsx')) {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.worksheets[0];
    if (!sheet) return [];
    const header = (sheet.getRow(1).values as unknown[]).map((v) => (v == null ? '' : String(v)));
    const rows: unknown[] = [];
    sheet.eachRow((row, n) => {
      if (n === 1) return;
      const values = row.values as unknown[];
      const record: Record<string, unknown> = {};
      header.forEach((key, i) => {
        if (key) record[key] = values[i] ?? null;
      });
      rows.push(fromCells(CURRENT_STANDARD, record));
    });
    return rows;
  }
  const data = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  if (!Array.isArray(data)) throw new Error(`${file}: expected a JSON array of records`);
  return data;
}

async function write(out: Writable, chunk: string): Promise<void> {
  if (!out.write(chunk)) await once(out, 'drain');
}

/** Writes every algorithm in `format` to `output` (or standard output); returns how many. */
export async function writeExport(db: Kysely<Database>, format: ExportFormat, opts: { organisation?: string; output?: string }): Promise<number> {
  const total = await countAlgorithms(db, opts);
  const bar = opts.output ? progressBar('Exporting', total) : progressBar('', 0);
  let n = 0;
  const rows = exportRows(db, { organisation: opts.organisation });

  if (format === 'xlsx') {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter(opts.output ? { filename: opts.output } : { stream: process.stdout });
    const sheet = workbook.addWorksheet('algoritmes');
    sheet.addRow(columns(CURRENT_STANDARD)).commit();
    for await (const row of rows) {
      sheet.addRow(rowCells(CURRENT_STANDARD, row, row.content)).commit();
      bar.update(++n);
    }
    sheet.commit();
    await workbook.commit();
    bar.stop();
    return n;
  }

  const out: Writable = opts.output ? createWriteStream(opts.output) : process.stdout;
  if (format === 'csv') {
    const csv = stringify({ header: true, columns: columns(CURRENT_STANDARD) });
    csv.pipe(out);
    for await (const row of rows) {
      if (!csv.write(rowCells(CURRENT_STANDARD, row, row.content))) await once(csv, 'drain');
      bar.update(++n);
    }
    csv.end();
    await once(csv, 'end');
  } else {
    await write(out, '[');
    for await (const row of rows) {
      const record = { lars: row.lars, organisation_code: row.organisation_code, state: row.state, version_date: row.version_date, ...row.content };
      await write(out, (n === 0 ? '\n' : ',\n') + JSON.stringify(record));
      bar.update(++n);
    }
    await write(out, '\n]\n');
  }
  if (out !== process.stdout) {
    out.end();
    await once(out, 'finish');
  }
  bar.stop();
  return n;
}
