/**
 * What a benchmark run measures and for how long, from the environment, so a quick run is
 * `BENCH_SIZES=10000 BENCH_SECONDS=3 npm run bench`.
 */
import type { Engine } from '../src/db/connect.ts';

/**
 * delivery: figures 1–3 (delivery API, import); public: figures 4–8 (search, pages, downloads,
 * compliance); bulk: figure 9 (management's bulk import); weight: figure 7 alone (page weight,
 * which `public` measures as well).
 */
export const PARTS = ['delivery', 'public', 'bulk', 'weight'] as const;
export type Part = (typeof PARTS)[number];
/** What a run without BENCH_PARTS measures: everything (`public` includes the page weight). */
export const ALL_PARTS: Part[] = ['delivery', 'public', 'bulk'];

export interface Settings {
  /** Numbers of algorithms in the database for the GET-one and import figures. */
  sizes: number[];
  engines: Engine[];
  /** Seconds per measured load run (after a warm-up run of `warmupSeconds`). */
  seconds: number;
  warmupSeconds: number;
  /** Concurrent keep-alive connections of the load generator. */
  connections: number;
  /** An import still running after this many seconds is stopped and reported as incomplete. */
  importLimitSeconds: number;
  /** Which parts run (BENCH_PARTS=delivery,public). */
  parts: Part[];
  /** Where BENCHMARKS.md is written. */
  output: string;
}

function list(value: string | undefined, fallback: string): string[] {
  return (value || fallback).split(',').map((s) => s.trim()).filter(Boolean);
}

function positive(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number, got "${value}"`);
  return n;
}

export function readSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  const sizes = list(env.BENCH_SIZES, '10000,100000').map((s) => positive(s, 0, 'BENCH_SIZES'));
  const engines = list(env.BENCH_ENGINES, 'sqlite,postgres');
  for (const e of engines) if (e !== 'sqlite' && e !== 'postgres') throw new Error(`BENCH_ENGINES: unknown engine "${e}"`);
  const parts = list(env.BENCH_PARTS, ALL_PARTS.join(','));
  for (const p of parts) if (!(PARTS as readonly string[]).includes(p)) throw new Error(`BENCH_PARTS: unknown part "${p}" (known: ${PARTS.join(', ')})`);
  return {
    sizes: [...new Set(sizes.map(Math.round))].sort((a, b) => a - b),
    engines: engines as Engine[],
    seconds: positive(env.BENCH_SECONDS, 6, 'BENCH_SECONDS'),
    warmupSeconds: positive(env.BENCH_WARMUP_SECONDS, 2, 'BENCH_WARMUP_SECONDS'),
    connections: Math.round(positive(env.BENCH_CONNECTIONS, 10, 'BENCH_CONNECTIONS')),
    importLimitSeconds: positive(env.BENCH_IMPORT_LIMIT_SECONDS, 120, 'BENCH_IMPORT_LIMIT_SECONDS'),
    parts: parts as Part[],
    output: env.BENCH_OUTPUT || new URL('../BENCHMARKS.md', import.meta.url).pathname,
  };
}
