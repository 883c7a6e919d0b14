/**
 * Writing tables of cells (see tabular.ts) as CSV, XLSX and JSON, row by row as they are read,
 * so memory stays flat however many rows there are. The command-line export and the open-data
 * downloads write through these, so a file from either reads back the same way.
 *
 * The null and "" rule of tabular.ts holds here: in CSV null is a blank field and "" a quoted
 * empty one; in XLSX null is no cell and "" an empty string cell (inline strings, no
 * shared-string table, so an empty string cell stays one). CSV is written without a byte-order
 * mark, as it always was; our reader accepts files with and without one.
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';

export type Cells = (string | null)[];

/**
 * XML turns a carriage return into a line feed when it reads a file, so a spreadsheet writes
 * it as `_x000D_`, the escape of Office Open XML (ECMA-376 ST_Xstring), and a literal `_xHHHH_`
 * as `_x005F_xHHHH_`. ExcelJS does neither, so we do, both ways, as Excel itself does.
 */
export const toXlsxText = (text: string) => text.replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1').replace(/\r/g, '_x000D_');
export const fromXlsxText = (text: string) => text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

/** A field must be quoted when it holds a quote, the delimiter or a line break (RFC 4180). */
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One CSV field: null is a blank field, "" a quoted empty one, and a field with a quote, comma or
 * line break is quoted with its quotes doubled (RFC 4180; what csv-parse and spreadsheets read).
 */
function csvField(cell: string | null): string {
  if (cell === null) return '';
  if (cell === '') return '""';
  return NEEDS_QUOTES.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}

/** One CSV record, ended by a line feed. */
export const csvRecord = (cells: Cells): string => cells.map(csvField).join(',') + '\n';

/** Output is handed on in pieces of about this many bytes: a piece per row would cost more than the writing. */
const CHUNK_BYTES = 1 << 18;
const utf8 = new TextEncoder();

/**
 * Pieces of text as UTF-8, gathered into chunks of about CHUNK_BYTES, each piece encoded once
 * straight into its chunk. Joining the text first and encoding it after costs ten times as much:
 * a string built of many pieces is copied whole before it can be measured or encoded, and a
 * string written to a socket is encoded twice (once to count its bytes).
 */
export async function* utf8Chunks(pieces: AsyncIterable<string> | Iterable<string>): AsyncGenerator<Buffer> {
  let chunk = Buffer.allocUnsafe(CHUNK_BYTES);
  let used = 0;
  for await (const piece of pieces) {
    // A UTF-16 code unit takes at most three bytes of UTF-8.
    const most = piece.length * 3;
    if (most > chunk.length - used) {
      if (used > 0) yield chunk.subarray(0, used);
      chunk = Buffer.allocUnsafe(Math.max(CHUNK_BYTES, most));
      used = 0;
    }
    used += utf8.encodeInto(piece, used === 0 ? chunk : chunk.subarray(used)).written;
  }
  if (used > 0) yield chunk.subarray(0, used);
}

async function* csvRecords(header: string[], rows: AsyncIterable<Cells>): AsyncGenerator<string> {
  yield csvRecord(header);
  for await (const row of rows) yield csvRecord(row);
}

/** The CSV of a table as UTF-8 chunks: the header, then the rows. */
export function csvChunks(header: string[], rows: AsyncIterable<Cells>): AsyncGenerator<Buffer> {
  return utf8Chunks(csvRecords(header, rows));
}

async function* jsonArrayPieces(records: AsyncIterable<object>): AsyncGenerator<string> {
  let n = 0;
  yield '[';
  for await (const record of records) yield (n++ === 0 ? '\n' : ',\n') + JSON.stringify(record);
  yield '\n]\n';
}

/** A JSON array of records as UTF-8 chunks: one record per line. */
export function jsonArrayChunks(records: AsyncIterable<object>): AsyncGenerator<Buffer> {
  return utf8Chunks(jsonArrayPieces(records));
}

/** Waits until `out` takes more; fails when it was closed (a reader that went away) rather than wait for ever. */
async function drained(out: Writable): Promise<void> {
  if (out.destroyed) throw new Error('The output was closed before the table was written.');
  const ac = new AbortController();
  try {
    await Promise.race([once(out, 'drain', { signal: ac.signal }), once(out, 'close', { signal: ac.signal })]);
  } finally {
    ac.abort();
  }
  if (out.destroyed) throw new Error('The output was closed before the table was written.');
}

/** Writes chunks to `out`, waiting whenever it asks to; `out` is left open. */
export async function writeChunks(out: Writable, chunks: AsyncIterable<string | Uint8Array>): Promise<void> {
  for await (const chunk of chunks) if (!out.write(chunk)) await drained(out);
}

/**
 * ExcelJS streams a sheet's XML into the zip through a pass-through stream whose backpressure it
 * ignores; the zip takes it in only as fast as it compresses, so a fast reader piles the whole
 * sheet up in memory. How much waits there is read from ExcelJS's own streams (unexposed: when
 * they cannot be found this counts nothing and writing simply does not wait).
 */
function sheetBacklog(sheet: unknown): number {
  const pipes = (sheet as { stream?: { pipes?: unknown } }).stream?.pipes;
  if (!Array.isArray(pipes)) return 0;
  let bytes = 0;
  for (const pipe of pipes as { _readableState?: { length?: unknown }; _writableState?: { length?: unknown } }[]) {
    const queued = [pipe?._readableState?.length, pipe?._writableState?.length];
    for (const n of queued) if (typeof n === 'number') bytes += n;
  }
  return bytes;
}
const MAX_SHEET_BACKLOG = 1 << 20;

/**
 * Writes a table as an XLSX workbook with one sheet to a stream or a file; the workbook ends
 * the stream when it is complete.
 */
export async function writeXlsx(target: { stream: Writable } | { filename: string }, sheetName: string, header: string[], rows: AsyncIterable<Cells>): Promise<void> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ ...target, useSharedStrings: false, useStyles: false });
  const sheet = workbook.addWorksheet(sheetName);
  sheet.addRow(header).commit();
  // ExcelJS does not wait for a slow reader of the stream: we do, so rows are not piled up in memory.
  const out = 'stream' in target ? target.stream : null;
  for await (const row of rows) {
    sheet.addRow(row.map((cell) => (cell === null ? null : toXlsxText(cell)))).commit();
    while (sheetBacklog(sheet) > MAX_SHEET_BACKLOG && !out?.destroyed) await new Promise((resolve) => setTimeout(resolve, 1));
    if (out && (out.destroyed || out.writableNeedDrain)) await drained(out);
  }
  sheet.commit();
  await workbook.commit();
}
