/**
 * Reading records from and writing exports to JSON, CSV and XLSX files. The CSV and spreadsheet
 * libraries are loaded when a file of that kind is read or written (the command line starts faster).
 */
import { createReadStream, createWriteStream, readFileSync } from 'node:fs';
import { finished } from 'node:stream/promises';
import type { Writable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { CURRENT_STANDARD } from '../standard/index.ts';
import { columns, fromCells, rowCells } from '../standard/tabular.ts';
import { csvChunks, fromXlsxText, jsonArrayChunks, writeChunks, writeXlsx } from '../standard/tabular-stream.ts';
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

/** Writes every algorithm in `format` to `output` (or standard output); returns how many. */
export async function writeExport(db: Kysely<Database>, format: ExportFormat, opts: { organisation?: string; output?: string }): Promise<number> {
  const { countAlgorithms, exportRows } = await import('../register/export.ts');
  const total = await countAlgorithms(db, opts);
  const bar = opts.output ? progressBar('Exporting', total) : progressBar('', 0);
  let n = 0;
  async function* counted() {
    for await (const row of exportRows(db, { organisation: opts.organisation })) {
      yield row;
      bar.update(++n);
    }
  }
  async function* cells() {
    for await (const row of counted()) yield rowCells(CURRENT_STANDARD, row, row.content);
  }

  if (format === 'xlsx') {
    await writeXlsx(opts.output ? { filename: opts.output } : { stream: process.stdout }, 'algoritmes', columns(CURRENT_STANDARD), cells());
  } else {
    const out: Writable = opts.output ? createWriteStream(opts.output) : process.stdout;
    if (format === 'csv') await writeChunks(out, csvChunks(columns(CURRENT_STANDARD), cells()));
    else {
      async function* records() {
        for await (const row of counted()) yield { lars: row.lars, organisation_code: row.organisation_code, state: row.state, version_date: row.version_date, ...row.content };
      }
      await writeChunks(out, jsonArrayChunks(records()));
    }
    // Standard output is never ended; a file is, and written out before we return.
    if (out !== process.stdout) {
      out.end();
      await finished(out);
    }
  }
  bar.stop();
  return n;
}
