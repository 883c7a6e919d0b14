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
import { columns, rowCells } from '../standard/tabular.ts';
import { csvChunks, jsonArrayChunks, writeChunks, writeXlsx } from '../standard/tabular-stream.ts';
import { formatOfName, readRecordsFrom, UnreadableFile } from '../standard/tabular-read.ts';
import { progressBar } from './progress.ts';

export const EXPORT_FORMATS = ['json', 'csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/**
 * The records in a file, by its extension: a JSON array, or a CSV/XLSX table with a header row
 * (read by src/standard/tabular-read.ts, as management's bulk import reads uploads).
 */
export async function readRecords(file: string): Promise<unknown[]> {
  const format = formatOfName(file) ?? 'json';
  try {
    return await readRecordsFrom(format === 'json' ? readFileSync(file) : createReadStream(file), format);
  } catch (error) {
    if (error instanceof UnreadableFile && error.reason === 'not-an-array') throw new Error(`${file}: expected a JSON array of records`);
    throw error;
  }
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
