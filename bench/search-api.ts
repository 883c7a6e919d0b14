/**
 * Figure 4: the open-data search `GET /api/v1/algorithms?…` (with its facet counts, as it always
 * answers) under load with a mix of eight kinds of query, and the same queries one at a time
 * over one connection; beside it the bare date-sorted full-text query for the same words, timed
 * through the driver (search-baseline.ts) the same way.
 */
import { Agent, request } from 'node:http';
import { runLoad, type KindResult, type LoadResult } from './load.ts';
import { openBareSearch } from './search-baseline.ts';
import { apiPath, describeQuery, searchKinds, type SearchKind } from './search-queries.ts';
import type { BenchDatabase } from './database.ts';
import type { Settings } from './settings.ts';

export interface Latency {
  count: number;
  /** Per second: for the bare query, queries one after the other on one connection. */
  rate: number;
  p50: number;
  p95: number;
  p99: number;
}

export interface SearchKindFigures {
  name: string;
  examples: string[];
  /** Median share of all documents that a query of this kind matches (the API's `total`). */
  medianShare: number;
  /** Rows of the bare query's page (of 20), summed over the kind's queries: 0 where it finds nothing. */
  bareRows: number;
  /** The register one request at a time over one keep-alive connection, and the bare query one at a time. */
  single: Latency;
  bare: Latency;
}

export interface SearchFigures {
  documents: number;
  kinds: SearchKindFigures[];
  /** The mix under load (`connections` connections), overall and per kind (`byKind`). */
  loaded: LoadResult;
  /** All kinds together, the same number of runs of each (every kind equally often, as in the mix). */
  singleOverall: Latency;
  bareOverall: Latency;
}

/** Each kind is timed for at least this long and this many runs, one at a time. */
const KIND_SECONDS = 1.5;
const KIND_MIN_RUNS = 10;

function latency(ms: number[], seconds: number): Latency {
  const sorted = Float64Array.from(ms).sort();
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
  return { count: sorted.length, rate: sorted.length / seconds, p50: at(50), p95: at(95), p99: at(99) };
}

/** Checks every query answers 200 and finds something; the median share of documents each kind finds. */
async function checkQueries(url: string, kinds: SearchKind[], documents: number): Promise<Map<string, number>> {
  const shares = new Map<string, number>();
  for (const kind of kinds) {
    const found: number[] = [];
    for (const query of kind.queries) {
      const response = await fetch(url + apiPath(query));
      const body = (await response.json()) as { total?: number; facets?: Record<string, unknown> };
      if (response.status !== 200) throw new Error(`search ${apiPath(query)} answered ${response.status}: ${JSON.stringify(body).slice(0, 200)}`);
      if (!body.total) throw new Error(`search ${apiPath(query)} (${kind.name}) found nothing: the query mix no longer fits the data`);
      if (!body.facets || Object.keys(body.facets).length === 0) throw new Error(`search ${apiPath(query)} answered without facet counts`);
      found.push(body.total / documents);
    }
    found.sort((a, b) => a - b);
    shares.set(kind.name, found[Math.floor((found.length - 1) / 2)]);
  }
  return shares;
}

/** The register's answer to each of `paths` in turn over one keep-alive connection, request to last byte, for at least `seconds` and `minRuns` runs. */
async function timeRegister(url: string, paths: string[], seconds: number, minRuns: number): Promise<number[]> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const get = (path: string) =>
    new Promise<number>((resolve, reject) => {
      const started = performance.now();
      request(url + path, { agent }, (response) => {
        response.on('data', () => {});
        response.on('end', () => (response.statusCode === 200 ? resolve(performance.now() - started) : reject(new Error(`${path} answered ${response.statusCode}`))));
        response.on('error', reject);
      })
        .on('error', reject)
        .end();
    });
  try {
    for (const path of paths) await get(path); // untimed: the first round warms the caches, as the bare query's does
    const ms: number[] = [];
    const until = performance.now() + seconds * 1000;
    while (ms.length < minRuns || performance.now() < until) for (const path of paths) ms.push(await get(path));
    return ms;
  } finally {
    agent.destroy();
  }
}

/** Every kind equally often: the first `each` runs of each. */
function overall(runs: number[][]): Latency {
  const each = Math.min(...runs.map((ms) => ms.length));
  const mixed = runs.flatMap((ms) => ms.slice(0, each));
  return latency(mixed, mixed.reduce((a, b) => a + b, 0) / 1000);
}

export async function measureSearch(url: string, database: BenchDatabase, settings: Settings, opts: { documents: number; rareCodes: string[] }): Promise<SearchFigures> {
  const kinds = searchKinds(opts.rareCodes);
  const shares = await checkQueries(url, kinds, opts.documents);
  const runs = { register: [] as number[][], bare: [] as number[][] };

  // One at a time first, the register and the bare query in turn, while nothing else runs.
  const bare = openBareSearch(database);
  const kindFigures: SearchKindFigures[] = [];
  try {
    for (const kind of kinds) {
      let started = performance.now();
      const registerMs = await timeRegister(url, kind.queries.map(apiPath), KIND_SECONDS, KIND_MIN_RUNS);
      const registerSeconds = (performance.now() - started) / 1000;
      started = performance.now();
      const timings = await bare.time(kind.queries, KIND_SECONDS, Math.max(KIND_MIN_RUNS, 20));
      const bareSeconds = (performance.now() - started) / 1000;
      kindFigures.push({
        name: kind.name,
        examples: kind.queries.map(describeQuery),
        medianShare: shares.get(kind.name)!,
        bareRows: timings.rows.reduce((a, b) => a + b, 0),
        single: latency(registerMs, registerSeconds),
        bare: latency(timings.ms, bareSeconds),
      });
      runs.register.push(registerMs);
      runs.bare.push(timings.ms);
    }
  } finally {
    await bare.close();
  }

  const loaded = await runLoad({
    kind: 'mix',
    url,
    kinds: kinds.map((k) => ({ name: k.name, paths: k.queries.map(apiPath) })),
    headers: {},
    connections: settings.connections,
    seconds: settings.seconds,
    warmupSeconds: 0,
    warmupRequests: settings.connections * 2,
    minRequests: settings.connections * 8,
    timeoutSeconds: 120,
  });
  return { documents: opts.documents, kinds: kindFigures, loaded, singleOverall: overall(runs.register), bareOverall: overall(runs.bare) };
}

export type { KindResult };
