/**
 * Figure 3: bulk import through the domain function `importRecords`, next to the bare SQL
 * floor (the same records' JSON in one multi-row INSERT per 500 rows, each its own
 * transaction, through the same driver), and the share of it that validation alone takes.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../src/db/schema.ts';
import { importRecords } from '../src/register/import.ts';
import { validateRecord } from '../src/standard/validate.ts';
import { CURRENT_STANDARD } from '../src/standard/index.ts';
import { SYSTEM_ACTOR } from '../src/register/actor.ts';
import type { BareSql, ScratchRow } from './baseline-sql.ts';

export interface Timed {
  records: number;
  seconds: number;
  perSecond: number;
}

const timed = (records: number, started: number): Timed => {
  const seconds = (performance.now() - started) / 1000;
  return { records, seconds, perSecond: records / seconds };
};

/** `importRecords` of all `records` into the register's database, as `algoritmeregister import` does. */
export async function measureImport(db: Kysely<Database>, records: Record<string, unknown>[]): Promise<Timed> {
  const started = performance.now();
  const report = await importRecords(db, records, SYSTEM_ACTOR);
  const result = timed(records.length, started);
  if (report.created !== records.length || report.errors.length) {
    throw new Error(`importRecords created ${report.created} of ${records.length}; first errors: ${JSON.stringify(report.errors.slice(0, 3))}`);
  }
  return result;
}

/** The same records as plain rows, 500 to an INSERT (importRecords' batch size). */
export async function measureBareInsert(sql: BareSql, records: Record<string, unknown>[], batchSize = 500): Promise<Timed> {
  await sql.createScratch();
  try {
    const started = performance.now();
    for (let start = 0; start < records.length; start += batchSize) {
      const rows: ScratchRow[] = records.slice(start, start + batchSize).map((record, k) => ({
        lars: String(start + k).padStart(8, '0'),
        organisation_code: String(record.organisation_code),
        content: JSON.stringify(record),
      }));
      await sql.insertMany(rows);
    }
    return timed(records.length, started);
  } finally {
    await sql.dropScratch();
  }
}

/** `validateRecord` alone (validation, HTML sanitising, normalisation): no database at all. */
export function measureValidation(records: Record<string, unknown>[]): Timed {
  // Warm up on a tenth of them first: the other figures are taken on a warm process too.
  for (const record of records.slice(0, Math.ceil(records.length / 10))) validateRecord(CURRENT_STANDARD, record, []);
  const started = performance.now();
  for (const record of records) validateRecord(CURRENT_STANDARD, record, []);
  return timed(records.length, started);
}
