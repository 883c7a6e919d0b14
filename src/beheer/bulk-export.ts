/**
 * The export of one organisation's algorithms, in every state: each algorithm's latest version
 * with its LARS, organisation code, state and version date, then every field of the standard,
 * as CSV, XLSX or JSON. The same columns and cell rules as the command-line export, so the file
 * reads back through management's import (and the CLI's) unchanged. Written as it is read, a
 * page of algorithms at a time, so memory stays flat however many there are.
 */
import { PassThrough, Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { exportRows, type ExportRow } from '../register/export.ts';
import { CURRENT_STANDARD } from '../standard/index.ts';
import { columns, rowCells } from '../standard/tabular.ts';
import { csvChunks, jsonArrayChunks, writeXlsx } from '../standard/tabular-stream.ts';
import type { TableFormat } from '../standard/tabular-read.ts';

export const CONTENT_TYPES: Record<TableFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

async function* mapRows<T>(rows: AsyncIterable<ExportRow>, f: (row: ExportRow) => T): AsyncGenerator<T> {
  for await (const row of rows) yield f(row);
}

/** The organisation's algorithms as a stream of the file in `format`. */
export function organisationExport(db: Kysely<Database>, organisationCode: string, format: TableFormat): Readable {
  const rows = exportRows(db, { organisation: organisationCode });
  const cells = (row: ExportRow) => rowCells(CURRENT_STANDARD, row, row.content);
  if (format === 'csv') return Readable.from(csvChunks(columns(CURRENT_STANDARD), mapRows(rows, cells)));
  if (format === 'json') {
    return Readable.from(jsonArrayChunks(mapRows(rows, (row) => ({ lars: row.lars, organisation_code: row.organisation_code, state: row.state, version_date: row.version_date, ...row.content }))));
  }
  const out = new PassThrough();
  writeXlsx({ stream: out }, 'algoritmes', columns(CURRENT_STANDARD), mapRows(rows, cells)).catch((error: unknown) => out.destroy(error as Error));
  return out;
}

/** The download's file name: the organisation and the day, so several exports do not overwrite each other. */
export function exportFileName(organisationCode: string, format: TableFormat, at = new Date()): string {
  const safe = organisationCode.replace(/[^A-Za-z0-9_-]/g, '_');
  return `algoritmes-${safe}-${at.toISOString().slice(0, 10)}.${format}`;
}
