/**
 * Figure 5: the public algorithm page `GET /algoritme/{lars}`, each request for a random
 * published algorithm, beside the bare Node server answering a fixed HTML page of the size of an
 * average one, under the same load.
 */
import { runLoad, type LoadResult } from './load.ts';
import { startBaselineServer } from './baseline-server.ts';
import type { Settings } from './settings.ts';

export interface AlgorithmPageFigures {
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
    const baseline = await runLoad({ kind: 'get', url: baselineServer.url, paths, headers, ...load });
    const app = await runLoad({ kind: 'get', url, paths, headers, ...load });
    return { app, baseline, appBodyBytes: mean, baselineBodyBytes: size(typical) };
  } finally {
    await baselineServer.close();
  }
}
