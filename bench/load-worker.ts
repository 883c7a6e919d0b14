/**
 * Child process of bench/load.ts: receives one LoadJob, runs it with autocannon (warm-up, then
 * the measured run), records every response time, and answers a LoadResult.
 */
import autocannon from 'autocannon';
import type { CycleJob, LoadJob, LoadResult } from './load.ts';

type Request = autocannon.Request;
interface CycleContext {
  lars?: string;
}

function requestsFor(job: LoadJob, counters: { cycles: number }): Request[] {
  if (job.kind === 'get') {
    const { paths, headers } = job;
    return [{ method: 'GET', headers, setupRequest: (req) => ({ ...req, path: paths[Math.floor(Math.random() * paths.length)] }) }];
  }
  let next = 0;
  const body = () => job.bodies[next++ % job.bodies.length];
  if (job.kind === 'create') {
    const headers = { ...job.headers, 'content-type': 'application/json' };
    return [{ method: 'POST', path: job.path, headers, setupRequest: (req) => ({ ...req, body: body() }) }];
  }
  return cycle(job, body, counters);
}

function cycle(job: CycleJob, body: () => string, counters: { cycles: number }): Request[] {
  const step = (action: string, headers: Record<string, string>): Request => ({
    method: 'PUT',
    headers,
    // Without a LARS (the create failed), start the sequence again.
    setupRequest: (req, context) => {
      const lars = (context as CycleContext).lars;
      return (lars ? { ...req, path: `${job.path}/${lars}/${action}` } : undefined) as unknown as Request;
    },
  });
  return [
    {
      method: 'POST',
      path: job.path,
      headers: { ...job.editorHeaders, 'content-type': 'application/json' },
      setupRequest: (req) => ({ ...req, body: body() }),
      onResponse: (status, text, context) => {
        (context as CycleContext).lars = status === 200 ? (JSON.parse(text) as { lars_code: string }).lars_code : undefined;
      },
    },
    step('release', job.editorHeaders),
    {
      ...step('publish', job.publisherHeaders),
      onResponse: (status) => {
        if (status === 200) counters.cycles++;
      },
    },
  ];
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

async function run(job: LoadJob, seconds: number): Promise<LoadResult> {
  const counters = { cycles: 0 };
  const latencies: number[] = [];
  let bytes = 0;
  let finish!: (error: Error | null, result: autocannon.Result) => void;
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    finish = (error, result) => (error ? reject(error) : resolve(result));
  });
  const instance = autocannon({ url: job.url, connections: job.connections, duration: seconds, requests: requestsFor(job, counters) }, (error, result) => finish(error, result));
  instance.on('response', (_client, _status, resBytes, responseTime) => {
    latencies.push(responseTime);
    bytes += resBytes;
  });
  const result = await done;
  const sorted = Float64Array.from(latencies).sort();
  const statuses: Record<string, number> = {};
  for (const [status, { count }] of Object.entries(result.statusCodeStats ?? {})) statuses[status] = count ?? 0;
  return {
    requests: latencies.length,
    seconds: result.duration,
    rate: latencies.length / result.duration,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    bytesPerResponse: latencies.length ? bytes / latencies.length : 0,
    statuses,
    errors: result.errors,
    timeouts: result.timeouts,
    ...(job.kind === 'cycle' ? { cycles: counters.cycles } : {}),
  };
}

process.once('message', async (job: LoadJob) => {
  try {
    if (job.warmupSeconds > 0) await run(job, job.warmupSeconds);
    process.send!({ result: await run(job, job.seconds) });
  } catch (error) {
    process.send!({ error: error instanceof Error ? error.stack ?? error.message : String(error) });
  }
});
