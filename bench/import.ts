/**
 * Figure 3: bulk import through the domain function `importRecords`, next to the bare SQL
 * floor (the same records' JSON in one multi-row INSERT per 500 rows, each its own
 * transaction, through the same driver), and the share of it that validation alone takes.
 * Each load runs in its own process (bench/import-worker.ts), as the CLI's import does.
 */
import { fork } from 'node:child_process';
import type { Kysely } from 'kysely';
import type { Database } from '../src/db/schema.ts';
import { validateRecord } from '../src/standard/validate.ts';
import { CURRENT_STANDARD } from '../src/standard/index.ts';
import type { BenchDatabase } from './database.ts';
import type { ImportJob, ImportMessage } from './import-worker.ts';

export interface Timed {
  records: number;
  seconds: number;
  perSecond: number;
}

export interface ImportRun extends Timed {
  /** False when the import was stopped at the time limit; `records` is then what it had imported. */
  complete: boolean;
  /** Records the run was asked to import. */
  requested: number;
  /** Records per second in each successive tenth of the run (shows a rate that falls as the register fills). */
  ratePerTenth: number[];
}

/** Which generated records: `count` of them from index `from` (bench/data.ts, seeded). */
export interface RecordSpec {
  seed: number;
  organisations: number;
  from: number;
  count: number;
}

const WORKER = new URL('./import-worker.ts', import.meta.url);

interface WorkerRun {
  /** The worker's own timing, when it finished. */
  done?: { seconds: number; created: number; errors: unknown[] };
  /** Batches done, with milliseconds since the start, in order. */
  progress: { done: number; ms: number }[];
  /** Seconds from the start to the kill, when it was stopped at the limit. */
  killedAfter?: number;
}

function runWorker(job: ImportJob, limitSeconds = Infinity): Promise<WorkerRun> {
  return new Promise((resolve, reject) => {
    const child = fork(WORKER, [], { execArgv: ['--import', 'tsx'], serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const run: WorkerRun = { progress: [] };
    let startedAt = 0;
    let timer: NodeJS.Timeout | undefined;
    let failure: Error | undefined;
    child.on('message', (message: ImportMessage) => {
      if ('started' in message) {
        startedAt = performance.now();
        if (Number.isFinite(limitSeconds)) {
          timer = setTimeout(() => {
            run.killedAfter = (performance.now() - startedAt) / 1000;
            child.kill('SIGKILL');
          }, limitSeconds * 1000);
        }
      } else if ('progress' in message) run.progress.push({ done: message.progress, ms: message.ms });
      else if ('done' in message) run.done = message.done;
      else failure = new Error(`import worker: ${message.error}`);
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (failure) reject(failure);
      else if (run.done || run.killedAfter !== undefined) resolve(run);
      else reject(new Error(`import worker exited with ${code} before it finished`));
    });
    child.send(job);
  });
}

function ratePerTenth(progress: { done: number; ms: number }[], total: number): number[] {
  const tenth = Math.max(1, Math.ceil(total / 10));
  const rates: number[] = [];
  let mark = { done: 0, ms: 0 };
  for (const p of progress) {
    if (p.done - mark.done >= tenth || p.done === total) {
      rates.push(((p.done - mark.done) * 1000) / (p.ms - mark.ms));
      mark = p;
    }
  }
  return rates;
}

/**
 * `importRecords` of new records (no LARS codes: the register gives them) into the register's
 * database. A run still going after `limitSeconds` is killed, even in the middle of a batch,
 * and reported as incomplete with what it had committed: a pathological slow-down then shows
 * as a figure instead of a benchmark that never ends.
 */
export async function measureImport(database: BenchDatabase, db: Kysely<Database>, spec: RecordSpec, limitSeconds: number): Promise<ImportRun> {
  const run = await runWorker({ kind: 'import', engine: database.engine, url: database.url, ...spec }, limitSeconds);
  const rates = ratePerTenth(run.progress, spec.count);
  if (run.done) {
    if (run.done.created !== spec.count || run.done.errors.length) {
      throw new Error(`importRecords created ${run.done.created} of ${spec.count}; first errors: ${JSON.stringify(run.done.errors)}`);
    }
    return { records: spec.count, seconds: run.done.seconds, perSecond: spec.count / run.done.seconds, complete: true, requested: spec.count, ratePerTenth: rates };
  }
  const { n } = await db.selectFrom('algorithms').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const imported = Number(n);
  const seconds = run.killedAfter ?? limitSeconds;
  return { records: imported, seconds, perSecond: imported / seconds, complete: false, requested: spec.count, ratePerTenth: rates };
}

/**
 * `importRecords(…, { publish: true })` of new records, as `import --publish` runs it: every
 * record published at once and put in the search index in the same transaction. The database
 * of the public figures (search, pages, downloads); no time limit, they need all of it.
 */
export async function measurePublishedImport(database: BenchDatabase, spec: RecordSpec): Promise<ImportRun> {
  const run = await runWorker({ kind: 'import', engine: database.engine, url: database.url, ...spec, publish: true });
  if (run.done!.created !== spec.count || run.done!.errors.length) {
    throw new Error(`importRecords with publish created ${run.done!.created} of ${spec.count}; first errors: ${JSON.stringify(run.done!.errors)}`);
  }
  const seconds = run.done!.seconds;
  return { records: spec.count, seconds, perSecond: spec.count / seconds, complete: true, requested: spec.count, ratePerTenth: ratePerTenth(run.progress, spec.count) };
}

/**
 * After a stopped import: the remaining records with free LARS codes of their own (as a
 * re-imported export carries them), so that the register still holds the size the GET-one
 * figure needs. Not a figure itself; its seconds.
 */
export async function completeImport(database: BenchDatabase, spec: RecordSpec): Promise<number> {
  const run = await runWorker({ kind: 'fill', engine: database.engine, url: database.url, ...spec });
  if (run.done!.created !== spec.count) throw new Error(`completing the import created ${run.done!.created} of ${spec.count}`);
  return run.done!.seconds;
}

/** The same records as plain rows of a scratch table, 500 to an INSERT (importRecords' batch size). */
export async function measureBareInsert(database: BenchDatabase, spec: RecordSpec): Promise<Timed> {
  const run = await runWorker({ kind: 'bare', engine: database.engine, url: database.url, ...spec });
  return { records: spec.count, seconds: run.done!.seconds, perSecond: spec.count / run.done!.seconds };
}

/** `validateRecord` alone (validation, HTML sanitising, normalisation): no database at all. */
export function measureValidation(records: Record<string, unknown>[]): Timed {
  // Warm up on a tenth of them first: the other figures are taken on a warm process too.
  for (const record of records.slice(0, Math.ceil(records.length / 10))) validateRecord(CURRENT_STANDARD, record, []);
  const started = performance.now();
  for (const record of records) validateRecord(CURRENT_STANDARD, record, []);
  const seconds = (performance.now() - started) / 1000;
  return { records: records.length, seconds, perSecond: records.length / seconds };
}
