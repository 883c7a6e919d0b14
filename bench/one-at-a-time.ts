/**
 * Requests one at a time over one keep-alive connection, each timed from request to last byte:
 * the time of one answer without queueing. Shared by the search figure (4) and the algorithm
 * page (5).
 */
import { Agent, request } from 'node:http';

export interface Latency {
  count: number;
  /** Per second: for the bare query, queries one after the other on one connection. */
  rate: number;
  p50: number;
  p95: number;
  p99: number;
}

export function latency(ms: number[], seconds: number): Latency {
  const sorted = Float64Array.from(ms).sort();
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
  return { count: sorted.length, rate: sorted.length / seconds, p50: at(50), p95: at(95), p99: at(99) };
}

export interface OneAtATimeOptions {
  /** Timed for at least this long and this many requests. */
  seconds: number;
  minRuns: number;
  /**
   * 'in turn': every path in order, round after round, after one untimed round (counted runs are
   * whole rounds); 'random': each request a path drawn at random, after `warmupSeconds` of untimed ones.
   */
  order?: 'in turn' | 'random';
  warmupSeconds?: number;
  headers?: Record<string, string>;
}

/** The register's answer to `paths` one at a time over one keep-alive connection, request to last byte (ms each); every answer must be 200. */
export async function timeRegister(url: string, paths: string[], opts: OneAtATimeOptions): Promise<number[]> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const get = (path: string) =>
    new Promise<number>((resolve, reject) => {
      const started = performance.now();
      request(url + path, { agent, headers: opts.headers }, (response) => {
        response.on('data', () => {});
        response.on('end', () => (response.statusCode === 200 ? resolve(performance.now() - started) : reject(new Error(`${path} answered ${response.statusCode}`))));
        response.on('error', reject);
      })
        .on('error', reject)
        .end();
    });
  const pick = () => paths[Math.floor(Math.random() * paths.length)];
  try {
    const ms: number[] = [];
    const until = () => performance.now() + opts.seconds * 1000;
    if (opts.order === 'random') {
      const warm = performance.now() + (opts.warmupSeconds ?? 0) * 1000;
      while (performance.now() < warm) await get(pick()); // untimed
      const end = until();
      while (ms.length < opts.minRuns || performance.now() < end) ms.push(await get(pick()));
    } else {
      for (const path of paths) await get(path); // untimed: the first round warms the caches, as the bare query's does
      const end = until();
      while (ms.length < opts.minRuns || performance.now() < end) for (const path of paths) ms.push(await get(path));
    }
    return ms;
  } finally {
    agent.destroy();
  }
}
