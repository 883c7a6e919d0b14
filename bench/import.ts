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
import { generateLars } from '../src/register/lars.ts';
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

export interface ImportRun extends Timed {
  /** False when the import was stopped at the time limit; `records` is then what it had imported. */
  complete: boolean;
  /** Records the run was asked to import. */
  requested: number;
  /** Records per second in each successive tenth of the run (shows a rate that falls as the register fills). */
  ratePerTenth: number[];
}

class TimeLimit extends Error {
  constructor(readonly done: number) {
    super(`import stopped at the time limit after ${done} records`);
  }
}

/**
 * `importRecords` of all `records` into the register's database, as `algoritmeregister import`
 * does. A run that passes `limitSeconds` is stopped between two batches (each batch is its own
 * transaction, so what was imported stays consistent) and reported as incomplete, so that a
 * pathological slow-down shows as a figure instead of a benchmark that never ends.
 */
export async function measureImport(db: Kysely<Database>, records: Record<string, unknown>[], limitSeconds: number): Promise<ImportRun> {
  const started = performance.now();
  const deadline = started + limitSeconds * 1000;
  const ratePerTenth: number[] = [];
  const tenth = Math.max(1, Math.ceil(records.length / 10));
  let mark = { done: 0, at: started };
  try {
    const report = await importRecords(db, records, SYSTEM_ACTOR, {
      onProgress: (done, total) => {
        const now = performance.now();
        if (done - mark.done >= tenth || done === total) {
          ratePerTenth.push(((done - mark.done) * 1000) / (now - mark.at));
          mark = { done, at: now };
        }
        if (done < total && now > deadline) throw new TimeLimit(done);
      },
    });
    if (report.created !== records.length || report.errors.length) {
      throw new Error(`importRecords created ${report.created} of ${records.length}; first errors: ${JSON.stringify(report.errors.slice(0, 3))}`);
    }
    return { ...timed(records.length, started), complete: true, requested: records.length, ratePerTenth };
  } catch (error) {
    if (!(error instanceof TimeLimit)) throw error;
    return { ...timed(error.done, started), complete: false, requested: records.length, ratePerTenth };
  }
}

/**
 * After a stopped import: the remaining records with LARS codes of their own (free ones, as a
 * re-imported export carries them), so the register still holds the size the GET-one figure
 * needs. Not a figure itself.
 */
export async function completeImport(db: Kysely<Database>, records: Record<string, unknown>[]): Promise<number> {
  const taken = new Set((await db.selectFrom('algorithms').select('lars').execute()).map((a) => a.lars));
  const withLars = records.map((record) => {
    let lars: string;
    do lars = generateLars();
    while (taken.has(lars));
    taken.add(lars);
    return { ...record, lars };
  });
  const started = performance.now();
  const report = await importRecords(db, withLars, SYSTEM_ACTOR);
  if (report.created !== records.length) throw new Error(`completing the import created ${report.created} of ${records.length}`);
  return (performance.now() - started) / 1000;
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
