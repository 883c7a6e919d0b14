/**
 * Reading records from and writing exports to JSON, CSV and XLSX files. The CSV and spreadsheet
 * libraries are loaded when a file of that kind is read or written (the command line starts faster).
 */
import { createReadStream, createWriteStream, readFileSync } from 'node:fs';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import type { Writable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { CURRENT_STANDARD } from '../standard/index.ts';
import { columns, fromCells, rowCells } from '../standard/tabular.ts';
import { progressBar } from './progress.ts';

export const EXPORT_FORMATS = ['json', 'csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/**
 * The records in a file, by its extension: a JSON array, or a CSV/XLSX table with a header row.
 * Blank cells reach `fromCells` as null and empty string cells as "" (see src/standard/tabular.ts).
 */
export async function readRecords(file: string): Promise<unknown[]> {
  const lower = file.toLowerCase();
  if (lower.endsWith('.csv')) {
    const { parse } = await import('csv-parse');
    const rows: Record<string, string | null>[] = [];
    const parser = parse({
      columns: true,
      bom: true,
      relax_column_count: true,
      // An unquoted empty field is a blank cell (null); a quoted one ("") is the empty string.
      cast: (value, context) => (value === '' && !context.quoting && !context.header ? null : value),
    });
    for await (const row of createReadStream(file).pipe(parser)) rows.push(row);
    return rows.map((r) => fromCells(CURRENT_STANDARD, r));
  }
  if (lower.endsWith('.xlsx')) {
    const { default: ExcelJS } = await import('exceljs');
    // The streaming reader, so memory stays flat, and because it keeps an empty string cell as ""
    // where the whole-workbook reader turns it into a blank.
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' });
    const rows: unknown[] = [];
    let sheets = 0;
    for await (const sheet of reader) {
      const first = sheets++ === 0;
      let header: string[] | null = null;
      for await (const row of sheet) {
        if (!first) continue; // only the first sheet holds records; the rest is read past
        const values = row.values as unknown[];
        if (!header) {
          header = Array.from(values, (v) => cellText(v) ?? '');
          continue;
        }
        const record: Record<string, unknown> = {};
        header.forEach((key, i) => {
          if (key) record[key] = cellText(values[i]);
        });
        rows.push(fromCells(CURRENT_STANDARD, record));
      }
    }
    return rows;
  }
  const data = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  if (!Array.isArray(data)) throw new Error(`${file}: expected a JSON array of records`);
  return data;
}

/**
 * XML turns a carriage return into a line feed when it reads a file, so a spreadsheet writes
 * it as `_x000D_`, the escape of Office Open XML (ECMA-376 ST_Xstring), and a literal `_xHHHH_`
 * as `_x005F_xHHHH_`. ExcelJS does neither, so we do, both ways, as Excel itself does.
 */
const toXlsxText = (text: string) => text.replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1').replace(/\r/g, '_x000D_');
const fromXlsxText = (text: string) => text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

/** The text of a spreadsheet cell as ExcelJS reads it: null when blank; rich text, links and formulas as their text. */
function cellText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return fromXlsxText(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') {
    const v = value as { richText?: { text?: unknown }[]; text?: unknown; result?: unknown; error?: unknown; formula?: unknown };
    if (Array.isArray(v.richText)) return fromXlsxText(v.richText.map((part) => (typeof part.text === 'string' ? part.text : '')).join(''));
    if ('text' in v) return cellText(v.text);
    if ('formula' in v || 'sharedFormula' in v) return cellText(v.result);
    if ('error' in v) return null;
  }
  return JSON.stringify(value);
}

async function write(out: Writable, chunk: string): Promise<void> {
  if (!out.write(chunk)) await once(out, 'drain');
}

/** Writes every algorithm in `format` to `output` (or standard output); returns how many. */
export async function writeExport(db: Kysely<Database>, format: ExportFormat, opts: { organisation?: string; output?: string }): Promise<number> {
  const { countAlgorithms, exportRows } = await import('../register/export.ts');
  const total = await countAlgorithms(db, opts);
  const bar = opts.output ? progressBar('Exporting', total) : progressBar('', 0);
  let n = 0;
  const rows = exportRows(db, { organisation: opts.organisation });

  if (format === 'xlsx') {
    const { default: ExcelJS } = await import('exceljs');
    // Inline strings (no shared-string table), so memory stays flat and an empty string cell stays one.
    const target = opts.output ? { filename: opts.output } : { stream: process.stdout };
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ ...target, useSharedStrings: false, useStyles: false });
    const sheet = workbook.addWorksheet('algoritmes');
    sheet.addRow(columns(CURRENT_STANDARD)).commit();
    for await (const row of rows) {
      sheet.addRow(rowCells(CURRENT_STANDARD, row, row.content).map((cell) => (cell === null ? null : toXlsxText(cell)))).commit();
      bar.update(++n);
    }
    sheet.commit();
    await workbook.commit();
    bar.stop();
    return n;
  }

  const out: Writable = opts.output ? createWriteStream(opts.output) : process.stdout;
  if (format === 'csv') {
    const { stringify } = await import('csv-stringify');
    // Only empty strings are quoted when empty, so `""` is "" and a blank field is null.
    const csv = stringify({ header: true, columns: columns(CURRENT_STANDARD), quoted_match: /^$/ });
    csv.pipe(out);
    for await (const row of rows) {
      if (!csv.write(rowCells(CURRENT_STANDARD, row, row.content))) await once(csv, 'drain');
      bar.update(++n);
    }
    csv.end();
    // The pipe ends a file stream itself; standard output is never ended by a pipe.
    if (out === process.stdout) await once(csv, 'end');
    else await finished(out);
  } else {
    await write(out, '[');
    for await (const row of rows) {
      const record = { lars: row.lars, organisation_code: row.organisation_code, state: row.state, version_date: row.version_date, ...row.content };
      await write(out, (n === 0 ? '\n' : ',\n') + JSON.stringify(record));
      bar.update(++n);
    }
    await write(out, '\n]\n');
    if (out !== process.stdout) {
      out.end();
      await finished(out);
    }
  }
  bar.stop();
  return n;
}
