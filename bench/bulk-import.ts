/**
 * Management's bulk import: the dry run and the apply of 10,000 generated rows (bench/data.ts)
 * into one organisation of a fresh database, through the domain functions the pages call
 * (planImport, applyImport: the apply plans again inside its one transaction, as the page does).
 * Rows per second for each step and the peak resident memory of this process while it runs,
 * sampled every 20 ms. Run alone: `node --import tsx bench/bulk-import.ts` (PostgreSQL too when
 * it is reachable, see bench/database.ts).
 */
import { openDb, type Engine } from '../src/db/connect.ts';
import { migrate } from '../src/db/migrate.ts';
import { createOrganisation } from '../src/register/organisations.ts';
import { SYSTEM_ACTOR } from '../src/register/actor.ts';
import { applyImport, planImport } from '../src/register/bulk-import.ts';
import { freshDatabase, postgresReachable } from './database.ts';
import { recordGenerator, records as generatedRecords } from './data.ts';

export interface BulkImportStep {
  rows: number;
  seconds: number;
  rowsPerSecond: number;
}

export interface BulkImportFigures {
  engine: Engine;
  rows: number;
  dryRun: BulkImportStep & { create: number; refused: number };
  apply: BulkImportStep & { created: number };
  /** The largest resident set size seen during the dry run and the apply, in MiB. */
  peakRssMiB: number;
}

const ROWS = 10_000;
const ORGANISATION = { code: 'gm0001', name: 'Gemeente Bench' };

/** Peak RSS of this process while `work` runs. */
async function withPeakRss<T>(work: () => Promise<T>): Promise<{ result: T; peak: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, peak };
  } finally {
    clearInterval(timer);
  }
}

async function timed<T>(work: () => Promise<T>): Promise<{ result: T; seconds: number }> {
  const start = performance.now();
  const result = await work();
  return { result, seconds: (performance.now() - start) / 1000 };
}

export async function benchBulkImport(engine: Engine, rows = ROWS): Promise<BulkImportFigures> {
  const database = await freshDatabase(engine);
  const db = openDb(engine === 'sqlite' ? `sqlite:${database.url}` : database.url);
  try {
    await migrate(db);
    const org = await createOrganisation(db.kysely, { ...ORGANISATION, type: 'gemeente' }, SYSTEM_ACTOR);
    // Rows as an organisation's own spreadsheet has them: its own code and name on each (the
    // generator spreads records over many organisations, whose rows this import would refuse).
    const rowsOf = generatedRecords(recordGenerator(7), 0, rows).map((record) => ({ ...record, organisation_code: ORGANISATION.code, organization: ORGANISATION.name }));
    const { result, peak } = await withPeakRss(async () => {
      const dry = await timed(() => planImport(db.kysely, org, rowsOf));
      const applied = await timed(() => applyImport(db.kysely, org, rowsOf, dry.result.fingerprint, SYSTEM_ACTOR, { fileName: 'bench.csv' }));
      return { dry, applied };
    });
    const { dry, applied } = result;
    return {
      engine,
      rows,
      dryRun: { rows, seconds: dry.seconds, rowsPerSecond: rows / dry.seconds, create: dry.result.counts.create, refused: dry.result.counts.refused },
      apply: { rows, seconds: applied.seconds, rowsPerSecond: rows / applied.seconds, created: applied.result.created },
      peakRssMiB: peak / (1024 * 1024),
    };
  } finally {
    await db.close();
    await database.drop();
  }
}

function print(f: BulkImportFigures): void {
  const n = (x: number) => Math.round(x).toLocaleString('en-GB');
  console.log(
    `${f.engine.padEnd(8)} dry run ${n(f.dryRun.rowsPerSecond)} rows/s (${f.dryRun.seconds.toFixed(2)} s, ${f.dryRun.create} to create, ${f.dryRun.refused} refused)` +
      ` | apply ${n(f.apply.rowsPerSecond)} rows/s (${f.apply.seconds.toFixed(2)} s, ${f.apply.created} created) | peak RSS ${n(f.peakRssMiB)} MiB`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const engines: Engine[] = (await postgresReachable()) ? ['sqlite', 'postgres'] : ['sqlite'];
  console.log(`bulk import of ${ROWS.toLocaleString('en-GB')} generated rows into one organisation`);
  for (const engine of engines) print(await benchBulkImport(engine));
}
