/**
 * Child process of bench/import.ts: one bulk load in a process of its own, as
 * `algoritmeregister import FILE` runs next to a serving register. It generates its records
 * itself (the same seeded generator), reports progress after every batch, and can be killed at
 * the time limit in the middle of a batch; each batch is one transaction, so the database keeps
 * only whole batches.
 */
import { sql } from 'kysely';
import { openDb, type Engine } from '../src/db/connect.ts';
import { importRecords } from '../src/register/import.ts';
import { generateLars } from '../src/register/lars.ts';
import { SYSTEM_ACTOR } from '../src/register/actor.ts';
import { createOrganisation, findOrganisation } from '../src/register/organisations.ts';
import { organisationType, recordGenerator, records } from './data.ts';
import { openBareSql, type ScratchRow } from './baseline-sql.ts';

export interface ImportJob {
  /** import: importRecords of new records; fill: the same with free LARS codes given; bare: the bare INSERT baseline. */
  kind: 'import' | 'fill' | 'bare';
  engine: Engine;
  url: string;
  seed: number;
  organisations: number;
  from: number;
  count: number;
  /**
   * import only: publish every record at once (`importRecords(…, { publish: true })`, as
   * `import --publish`), so the search index holds them; the organisations are created first
   * with their types (gemeente, provincie, …), untimed, so the public facets have them.
   */
  publish?: boolean;
}

export type ImportMessage =
  | { started: true }
  | { progress: number; ms: number }
  | { done: { seconds: number; created: number; errors: unknown[] } }
  | { error: string };

const send = (message: ImportMessage): void => {
  process.send!(message);
};
const BATCH = 500;
const CHUNK = 5_000;

async function run(job: ImportJob): Promise<void> {
  const generator = recordGenerator(job.seed, job.organisations);
  if (job.kind === 'bare') {
    const batch = records(generator, job.from, job.count);
    const sql = openBareSql({ engine: job.engine, url: job.url, drop: async () => {} });
    await sql.createScratch();
    send({ started: true });
    const started = performance.now();
    for (let start = 0; start < batch.length; start += BATCH) {
      const rows: ScratchRow[] = batch.slice(start, start + BATCH).map((record, k) => ({
        lars: String(start + k).padStart(8, '0'),
        organisation_code: String(record.organisation_code),
        content: JSON.stringify(record),
      }));
      await sql.insertMany(rows);
    }
    const seconds = (performance.now() - started) / 1000;
    await sql.dropScratch();
    await sql.close();
    send({ done: { seconds, created: batch.length, errors: [] } });
    return;
  }

  const db = openDb(job.url);
  if (job.publish) {
    for (const org of generator.organisations) {
      if (!(await findOrganisation(db.kysely, org.code))) await createOrganisation(db.kysely, { ...org, type: organisationType(org.code) }, SYSTEM_ACTOR);
    }
  }
  const taken = job.kind === 'fill' ? new Set((await db.kysely.selectFrom('algorithms').select('lars').execute()).map((a) => a.lars)) : null;
  /** Free LARS codes given in the records, as a re-imported export carries them. */
  const withLars = (chunk: Record<string, unknown>[]) =>
    taken
      ? chunk.map((record) => {
          let lars: string;
          do lars = generateLars();
          while (taken.has(lars));
          taken.add(lars);
          return { ...record, lars };
        })
      : chunk;
  // Publishing reads back each batch's versions to index them; PostgreSQL plans that read from
  // its statistics, which autovacuum keeps current as the tables grow. On a server without
  // autovacuum (this machine's runs with it off, a CI setting) its ANALYZE is done here, untimed,
  // after every chunk: without it every batch scans all versions published so far and the
  // import slows down as the square of its size.
  const analyseAfterChunks =
    job.publish === true && job.engine === 'postgres' && (await sql<{ autovacuum: string }>`show autovacuum`.execute(db.kysely)).rows[0]?.autovacuum === 'off';
  send({ started: true });
  // Generated a chunk at a time, outside the timing, so the worker's heap holds one chunk of
  // records and not all of them; importRecords itself is timed.
  let seconds = 0;
  let created = 0;
  const errors: unknown[] = [];
  for (let from = 0; from < job.count; from += CHUNK) {
    const chunk = withLars(records(generator, job.from + from, Math.min(CHUNK, job.count - from)));
    const started = performance.now();
    const report = await importRecords(db.kysely, chunk, SYSTEM_ACTOR, {
      publish: job.publish,
      onProgress: (done) => send({ progress: from + done, ms: seconds * 1000 + performance.now() - started }),
    });
    seconds += (performance.now() - started) / 1000;
    created += report.created;
    errors.push(...report.errors.slice(0, 3 - errors.length));
    if (analyseAfterChunks) await sql`analyze`.execute(db.kysely);
  }
  // As `algoritmeregister import` ends: the planner's statistics brought up to date (untimed).
  await db.optimize();
  await db.close();
  send({ done: { seconds, created, errors } });
}

process.once('message', (job: ImportJob) => {
  run(job).then(
    () => process.disconnect(),
    (error: unknown) => {
      send({ error: error instanceof Error ? error.stack ?? error.message : String(error) });
      process.disconnect();
    },
  );
});
