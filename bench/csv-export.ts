/**
 * Figure 6: the full CSV download `GET /api/v1/downloads/algorithms.csv` (every current
 * publication), from request to last byte written to a file, as it is and compressed (Brotli, as
 * browsers ask for it), and the register process's peak memory meanwhile (its RSS read from /proc every 20 ms: the register runs in a process of its
 * own, bench/register-process.ts). Beside it the bare baseline (bench/csv-baseline-worker.ts):
 * the same rows by one SQL query and csv-stringify straight into a file, in a process of its own
 * whose memory is read the same way.
 */
import { fork } from 'node:child_process';
import { get } from 'node:http';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { measurePeakRss, rssOf, type MemoryPeak } from './memory.ts';
import type { BenchDatabase } from './database.ts';
import type { CsvBaselineJob, CsvBaselineMessage } from './csv-baseline-worker.ts';

export interface CsvRun {
  seconds: number;
  bytes: number;
  memory: MemoryPeak;
}

export interface CsvFigures {
  rows: number;
  /** The register's RSS just after it started, before its idle wait (`CSV_IDLE_SECONDS`), bytes. */
  startBytes: number;
  /** Asked for as it is (`Accept-Encoding: identity`): bytes are the CSV's own. */
  app: CsvRun;
  /** Asked for compressed, as a browser asks (`Accept-Encoding: br`): bytes are those on the wire. */
  compressed: CsvRun;
  baseline: CsvRun;
  /** The download and the baseline's file are byte for byte the same length (the same rows and cells). */
  sameLength: boolean;
}

const WORKER = new URL('./csv-baseline-worker.ts', import.meta.url);

/** The download written to `file` as it comes over the wire (not decoded), asked for in `encoding`. */
function download(url: string, file: string, encoding: 'identity' | 'br'): Promise<{ seconds: number; bytes: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    get(`${url}/api/v1/downloads/algorithms.csv`, { headers: { 'accept-encoding': encoding } }, (response) => {
      const coding = response.headers['content-encoding'] ?? 'identity';
      if (response.statusCode !== 200 || coding !== encoding) {
        response.resume();
        reject(new Error(`the CSV download asked for in ${encoding} answered ${response.statusCode} in ${coding}`));
        return;
      }
      pipeline(response, createWriteStream(file)).then(() => resolve({ seconds: (performance.now() - started) / 1000, bytes: statSync(file).size }), reject);
    }).on('error', reject);
  });
}

function baseline(database: BenchDatabase, file: string): Promise<CsvRun & { rows: number }> {
  return new Promise((resolve, reject) => {
    const child = fork(WORKER, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let finished: (value: { seconds: number; rows: number; bytes: number }) => void;
    let failed: (error: Error) => void;
    const done = new Promise<{ seconds: number; rows: number; bytes: number }>((res, rej) => {
      finished = res;
      failed = rej;
    });
    child.on('message', (message: CsvBaselineMessage) => {
      if ('started' in message) {
        // Its memory from the moment it starts work (the Node and tsx start-up is in both).
        measurePeakRss(child.pid!, () => done).then(({ result, memory }) => resolve({ ...result, memory }), reject);
      } else if ('done' in message) finished(message.done);
      else failed(new Error(`CSV baseline: ${message.error}`));
    });
    child.once('error', reject);
    child.once('exit', (code) => failed(new Error(`CSV baseline exited with ${code} before it finished`)));
    child.send({ engine: database.engine, url: database.url, file } satisfies CsvBaselineJob);
  });
}

/**
 * The register, started afresh for this figure, is left without work this long first, as a
 * running register is between requests: V8 gives back what starting left in the heap (reading the
 * search facets) only after some seconds without work (about 15 at 100,000 algorithms).
 */
export const CSV_IDLE_SECONDS = 30;

export async function measureCsvExport(url: string, pid: number, database: BenchDatabase, rows: number): Promise<CsvFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'ar-bench-csv-'));
  try {
    const startBytes = rssOf(pid);
    await new Promise((resolve) => setTimeout(resolve, CSV_IDLE_SECONDS * 1000));
    const measured = await measurePeakRss(pid, () => download(url, join(dir, 'register.csv'), 'identity'));
    const app = { ...measured.result, memory: measured.memory };
    rmSync(join(dir, 'register.csv'));
    // Without work again first, so that what the first download left in the heap is given back.
    await new Promise((resolve) => setTimeout(resolve, CSV_IDLE_SECONDS * 1000));
    const brotli = await measurePeakRss(pid, () => download(url, join(dir, 'register.csv.br'), 'br'));
    const compressed = { ...brotli.result, memory: brotli.memory };
    rmSync(join(dir, 'register.csv.br'));
    const { rows: written, ...base } = await baseline(database, join(dir, 'baseline.csv'));
    if (written !== rows) throw new Error(`the CSV baseline wrote ${written} rows, not ${rows}`);
    return { rows, startBytes, app, compressed, baseline: base, sameLength: app.bytes === base.bytes };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
