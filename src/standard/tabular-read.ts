/**
 * Reading records from the bytes of a JSON, CSV or XLSX file, the counterpart of
 * tabular-stream.ts: the command-line import reads files through this, management's bulk
 * import reads uploads through it, so a file reads the same way wherever it is given.
 *
 * The null and "" rule of tabular.ts holds: blank cells reach `fromCells` as null and empty
 * string cells as "". The CSV and spreadsheet libraries are loaded only when such a file is read.
 */
import { Readable } from 'node:stream';
import { CURRENT_STANDARD } from './index.ts';
import { fromCells } from './tabular.ts';
import { fromXlsxText } from './tabular-stream.ts';

export const TABLE_FORMATS = ['json', 'csv', 'xlsx'] as const;
export type TableFormat = (typeof TABLE_FORMATS)[number];

/** The format a file name says it has, by its extension; undefined for any other. */
export function formatOfName(name: string): TableFormat | undefined {
  const extension = /\.([a-z]+)$/i.exec(name)?.[1]?.toLowerCase();
  return (TABLE_FORMATS as readonly string[]).includes(extension ?? '') ? (extension as TableFormat) : undefined;
}

/** A file that cannot be read as its format: the reason, for the person who gave it. */
export class UnreadableFile extends Error {
  constructor(
    readonly reason: 'not-an-array' | 'syntax',
    detail: string,
  ) {
    super(detail);
  }
}

/**
 * The records in a file: a JSON array, or a CSV/XLSX table with a header row (only the first
 * sheet of a workbook holds records). `source` is the file's bytes or a stream of them.
 */
export async function readRecordsFrom(source: Buffer | NodeJS.ReadableStream, format: TableFormat): Promise<unknown[]> {
  if (format === 'csv') return readCsv(source);
  if (format === 'xlsx') return readXlsx(source);
  const text = Buffer.isBuffer(source) ? source.toString('utf8') : await textOf(source);
  let data: unknown;
  try {
    // A byte-order mark is not JSON, but editors on Windows write one.
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new UnreadableFile('syntax', (error as Error).message);
  }
  if (!Array.isArray(data)) throw new UnreadableFile('not-an-array', 'expected a JSON array of records');
  return data;
}

async function textOf(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

const streamOf = (source: Buffer | NodeJS.ReadableStream) => (Buffer.isBuffer(source) ? Readable.from([source]) : source);

async function readCsv(source: Buffer | NodeJS.ReadableStream): Promise<unknown[]> {
  const { parse } = await import('csv-parse');
  const rows: Record<string, string | null>[] = [];
  const parser = parse({
    columns: true,
    bom: true,
    relax_column_count: true,
    // An unquoted empty field is a blank cell (null); a quoted one ("") is the empty string.
    cast: (value, context) => (value === '' && !context.quoting && !context.header ? null : value),
  });
  try {
    for await (const row of streamOf(source).pipe(parser)) rows.push(row);
  } catch (error) {
    throw new UnreadableFile('syntax', (error as Error).message);
  }
  return rows.map((r) => fromCells(CURRENT_STANDARD, r));
}

async function readXlsx(source: Buffer | NodeJS.ReadableStream): Promise<unknown[]> {
  const { default: ExcelJS } = await import('exceljs');
  // The streaming reader, so memory stays flat, and because it keeps an empty string cell as ""
  // where the whole-workbook reader turns it into a blank.
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(streamOf(source) as never, { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' });
  const rows: unknown[] = [];
  let sheets = 0;
  try {
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
  } catch (error) {
    throw new UnreadableFile('syntax', (error as Error).message);
  }
  return rows;
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
