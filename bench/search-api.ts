/**
 * Figure 4: the open-data search `GET /api/v1/algorithms?…` (with its facet counts, as it always
 * answers) with a mix of eight kinds of query. The register keeps search answers in memory
 * (src/search/result-cache.ts) and this mix repeats a fixed set of queries, so the figure uses two
 * register processes on the same database: one with the cache off (`SEARCH_CACHE_ENTRIES=0`), every
 * search computed anew, and one as configured by default (cache on). One at a time over one
 * connection against the cache-off register (the cost of one search computed anew); under load
 * against both: cache off (every search computed anew, the worst case) and cache on (a live site
 * whose searches repeat: each query asked once before the run, so every answer comes from memory). Beside it
 * the bare date-sorted full-text query for the same words, timed through the driver
 * (search-baseline.ts) one at a time.
 */
import { runLoad, type KindResult, type LoadResult } from './load.ts';
import { openBareSearch } from './search-baseline.ts';
import { latency, timeRegister, type Latency } from './one-at-a-time.ts';
import { apiPath, describeQuery, searchKinds, type SearchKind } from './search-queries.ts';
import type { BenchDatabase } from './database.ts';
import type { Settings } from './settings.ts';

export interface SearchKindFigures {
  name: string;
  examples: string[];
  /** Median share of all documents that a query of this kind matches (the API's `total`). */
  medianShare: number;
  /** Rows of the bare query's page (of 20), summed over the kind's queries: 0 where it finds nothing. */
  bareRows: number;
  /** The cache-off register one request at a time over one keep-alive connection, and the bare query one at a time. */
  single: Latency;
  bare: Latency;
}

export interface SearchFigures {
  documents: number;
  kinds: SearchKindFigures[];
  /** How many different queries the mix holds (each asked once of the cache-on register before its run, and kept). */
  distinctQueries: number;
  /** The mix under load (`connections` connections), overall and per kind (`byKind`): the register with its search cache on (the default). */
  loaded: LoadResult;
  /** The same under load against the register with `SEARCH_CACHE_ENTRIES=0`: every search computed anew. */
  loadedUncached: LoadResult;
  /** One at a time (cache-off register and bare query): all kinds together, the same number of runs of each (every kind equally often, as in the mix). */
  singleOverall: Latency;
  bareOverall: Latency;
}

/** Each kind is timed for at least this long and this many runs, one at a time. */
const KIND_SECONDS = 1.5;
const KIND_MIN_RUNS = 10;

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

/** Every kind equally often: the first `each` runs of each. */
function overall(runs: number[][]): Latency {
  const each = Math.min(...runs.map((ms) => ms.length));
  const mixed = runs.flatMap((ms) => ms.slice(0, each));
  return latency(mixed, mixed.reduce((a, b) => a + b, 0) / 1000);
}

/**
 * `urls.cacheOff`: a register started with `SEARCH_CACHE_ENTRIES=0`; `urls.cacheOn`: one with the
 * default cache, whose cache is filled with every query of the mix before its load run.
 */
export async function measureSearch(
  urls: { cacheOff: string; cacheOn: string },
  database: BenchDatabase,
  settings: Settings,
  opts: { documents: number; rareCodes: string[] },
): Promise<SearchFigures> {
  const kinds = searchKinds(opts.rareCodes);
  const shares = await checkQueries(urls.cacheOff, kinds, opts.documents);
  const runs = { register: [] as number[][], bare: [] as number[][] };

  // One at a time first, the cache-off register and the bare query in turn, while nothing else runs.
  const bare = openBareSearch(database);
  const kindFigures: SearchKindFigures[] = [];
  try {
    for (const kind of kinds) {
      let started = performance.now();
      const registerMs = await timeRegister(urls.cacheOff, kind.queries.map(apiPath), { seconds: KIND_SECONDS, minRuns: KIND_MIN_RUNS });
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

  const mix = (url: string) =>
    runLoad({
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
  // Cache off first (the worst case), then the register as it runs by default, once it has been
  // asked every query of the mix (checked to answer as the cache-off one does): a live site whose
  // searches repeat, every answer of the run from memory.
  const loadedUncached = await mix(urls.cacheOff);
  const sharesCached = await checkQueries(urls.cacheOn, kinds, opts.documents);
  for (const [kind, share] of shares) {
    if (sharesCached.get(kind) !== share) throw new Error(`search ${kind}: the cache-on register finds ${sharesCached.get(kind)} of the documents, the cache-off one ${share}`);
  }
  const loaded = await mix(urls.cacheOn);
  return {
    documents: opts.documents,
    kinds: kindFigures,
    distinctQueries: new Set(kinds.flatMap((k) => k.queries.map(apiPath))).size,
    loaded,
    loadedUncached,
    singleOverall: overall(runs.register),
    bareOverall: overall(runs.bare),
  };
}

export type { KindResult, Latency };
