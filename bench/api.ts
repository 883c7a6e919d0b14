/**
 * Figures 1 and 2 over real HTTP: the delivery API's write path (create; create, release and
 * publish) and its GET one, each next to the bare baseline server under the same load.
 */
import { runLoad, type LoadResult } from './load.ts';
import { startBaselineServer } from './baseline-server.ts';
import type { BareSql } from './baseline-sql.ts';
import type { Settings } from './settings.ts';

const API = '/aanleverapi/v1_0';

export interface Pair {
  app: LoadResult;
  baseline: LoadResult;
}

export interface GetOneFigures extends Pair {
  algorithms: number;
  /** Mean body bytes of GET one over a sample, and of the baseline's fixed answer. */
  appBodyBytes: number;
  baselineBodyBytes: number;
}

const load = (settings: Settings) => ({ connections: settings.connections, seconds: settings.seconds, warmupSeconds: settings.warmupSeconds });
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/**
 * GET one of random algorithms of `organisation`, and the bare server answering a JSON body of
 * the size of an average answer (the sampled answer closest to the mean).
 */
export async function measureGetOne(
  url: string,
  settings: Settings,
  opts: { algorithms: number; organisation: string; lars: string[]; token: string },
): Promise<GetOneFigures> {
  const paths = opts.lars.map((lars) => `${API}/organizations/${opts.organisation}/algorithms/${lars}`);
  const headers = bearer(opts.token);
  const sample: string[] = [];
  for (let i = 0; i < Math.min(100, paths.length); i++) {
    const response = await fetch(url + paths[Math.floor(Math.random() * paths.length)], { headers });
    const text = await response.text();
    if (response.status !== 200) throw new Error(`GET one answered ${response.status}: ${text.slice(0, 200)}`);
    sample.push(text);
  }
  const mean = sample.reduce((sum, text) => sum + Buffer.byteLength(text), 0) / sample.length;
  const typical = sample.reduce((best, text) => (Math.abs(Buffer.byteLength(text) - mean) < Math.abs(Buffer.byteLength(best) - mean) ? text : best));
  const baselineServer = await startBaselineServer({ getBody: JSON.parse(typical) });
  try {
    const baseline = await runLoad({ kind: 'get', url: baselineServer.url, paths, headers, ...load(settings) });
    const app = await runLoad({ kind: 'get', url, paths, headers, ...load(settings) });
    return { algorithms: opts.algorithms, app, baseline, appBodyBytes: mean, baselineBodyBytes: Buffer.byteLength(typical) };
  } finally {
    await baselineServer.close();
  }
}

export interface WriteFigures {
  creates: Pair;
  cycles: Pair;
}

/**
 * POST (creates/s), and create → release → publish cycles, against the register and against
 * the bare server that does the bare SQL of each step (insert the body, set the state).
 */
export async function measureWrites(
  url: string,
  settings: Settings,
  sql: BareSql,
  opts: { organisation: string; editorToken: string; publisherToken: string; bodies: string[] },
): Promise<WriteFigures> {
  const path = `${API}/organizations/${opts.organisation}/algorithms`;
  const editorHeaders = bearer(opts.editorToken);
  const publisherHeaders = bearer(opts.publisherToken);
  await sql.createScratch();
  const baselineServer = await startBaselineServer({ getBody: null, sql });
  try {
    const create = (target: string) => runLoad({ kind: 'create', url: target, path, headers: editorHeaders, bodies: opts.bodies, ...load(settings) });
    const cycle = (target: string) => runLoad({ kind: 'cycle', url: target, path, editorHeaders, publisherHeaders, bodies: opts.bodies, ...load(settings) });
    const creates = { baseline: await create(baselineServer.url), app: await create(url) };
    const cycles = { baseline: await cycle(baselineServer.url), app: await cycle(url) };
    return { creates, cycles };
  } finally {
    await baselineServer.close();
    await sql.dropScratch();
  }
}
