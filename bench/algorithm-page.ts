/**
 * Figure 5: the public algorithm page `GET /algoritme/{lars}`, each request for a random
 * published algorithm: one at a time over one connection (the time of one page without
 * queueing), and under load beside the bare Node server answering a fixed HTML page of the size
 * of an average one, under the same load.
 */
import { runLoad, type LoadResult } from './load.ts';
import { latency, timeRegister, type Latency } from './one-at-a-time.ts';
import { startBaselineServer } from './baseline-server.ts';
import type { Settings } from './settings.ts';

/** One at a time: at least this long and this many requests, after an untimed warm-up as long as the load runs' (settings.warmupSeconds). */
export const SINGLE_SECONDS = 3;
export const SINGLE_MIN_RUNS = 200;

export interface AlgorithmPageFigures {
  /** The register one request at a time over one keep-alive connection, request to last byte. */
  single: Latency;
  /** Under load. */
  app: LoadResult;
  baseline: LoadResult;
  /** Mean body bytes of the page over a sample, and of the baseline's fixed page. */
  appBodyBytes: number;
  baselineBodyBytes: number;
}

export async function measureAlgorithmPage(url: string, settings: Settings, lars: string[]): Promise<AlgorithmPageFigures> {
  const paths = lars.map((code) => `/algoritme/${code}`);
  const sample: string[] = [];
  for (let i = 0; i < Math.min(100, paths.length); i++) {
    const path = paths[Math.floor(Math.random() * paths.length)];
    const response = await fetch(url + path, { headers: { accept: 'text/html' } });
    const text = await response.text();
    if (response.status !== 200 || !/<h1[\s>]/.test(text)) throw new Error(`${path} answered ${response.status}: ${text.slice(0, 200)}`);
    sample.push(text);
  }
  const size = (text: string) => Buffer.byteLength(text);
  const mean = sample.reduce((sum, text) => sum + size(text), 0) / sample.length;
  const typical = sample.reduce((best, text) => (Math.abs(size(text) - mean) < Math.abs(size(best) - mean) ? text : best));
  const baselineServer = await startBaselineServer({ getBody: null, getHtml: typical });
  const headers = { accept: 'text/html' };
  const load = { connections: settings.connections, seconds: settings.seconds, warmupSeconds: settings.warmupSeconds };
  try {
    // One at a time first, while nothing else runs.
    const singleMs = await timeRegister(url, paths, { order: 'random', warmupSeconds: settings.warmupSeconds, seconds: SINGLE_SECONDS, minRuns: SINGLE_MIN_RUNS, headers });
    const single = latency(singleMs, singleMs.reduce((a, b) => a + b, 0) / 1000);
    const baseline = await runLoad({ kind: 'get', url: baselineServer.url, paths, headers, ...load });
    const app = await runLoad({ kind: 'get', url, paths, headers, ...load });
    return { single, app, baseline, appBodyBytes: mean, baselineBodyBytes: size(typical) };
  } finally {
    await baselineServer.close();
  }
}
