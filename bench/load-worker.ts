/**
 * Child process of bench/load.ts: receives one LoadJob, runs it with autocannon (warm-up, then
 * the measured run), records every response time, and answers a LoadResult.
 */
import autocannon from 'autocannon';
import type { CycleJob, KindResult, LoadJob, LoadResult } from './load.ts';

type Request = autocannon.Request;
interface CycleContext {
  lars?: string;
}
/** Which kind of a mixed run the request of a connection is (autocannon keeps one context per connection). */
interface MixContext {
  kind?: string;
}

function requestsFor(job: LoadJob, counters: { cycles: number }): Request[] {
  if (job.kind === 'get') {
    const { paths, headers } = job;
    return [{ method: 'GET', headers, setupRequest: (req) => ({ ...req, path: paths[Math.floor(Math.random() * paths.length)] }) }];
  }
  if (job.kind === 'mix') {
    const { kinds, headers } = job;
    return [
      {
        method: 'GET',
        headers,
        setupRequest: (req, context) => {
          const kind = kinds[Math.floor(Math.random() * kinds.length)];
          (context as MixContext).kind = kind.name;
          return { ...req, path: kind.paths[Math.floor(Math.random() * kind.paths.length)] };
        },
      },
    ];
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

function kindResult(entry: { latencies: number[]; statuses: Record<string, number> }, seconds: number): KindResult {
  const sorted = Float64Array.from(entry.latencies).sort();
  return {
    requests: sorted.length,
    rate: sorted.length / seconds,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    statuses: entry.statuses,
  };
}

/** How long a run lasts: a duration (requests still open at its end are dropped), or a number of requests (every one answered). */
type Length = { seconds: number } | { amount: number };

async function run(job: LoadJob, length: Length): Promise<LoadResult> {
  const counters = { cycles: 0 };
  const latencies: number[] = [];
  const perKind = new Map<string, { latencies: number[]; statuses: Record<string, number> }>();
  let bytes = 0;
  let finish!: (error: Error | null, result: autocannon.Result) => void;
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    finish = (error, result) => (error ? reject(error) : resolve(result));
  });
  const options = {
    url: job.url,
    connections: job.connections,
    ...('amount' in length ? { amount: length.amount } : { duration: length.seconds }),
    ...(job.kind === 'mix' ? { timeout: job.timeoutSeconds } : {}),
    requests: requestsFor(job, counters),
  };
  // A run by number of requests ends only at autocannon's next one-second sample tick after its last
  // answer, so its `duration` is rounded up to whole seconds: such a run is timed here instead, from
  // its start to its last answer.
  const began = performance.now();
  let lastAnswer = began;
  const instance = autocannon(options, (error, result) => finish(error, result));
  instance.on('response', (client, status, resBytes, responseTime) => {
    lastAnswer = performance.now();
    latencies.push(responseTime);
    bytes += resBytes;
    if (job.kind === 'mix') {
      // The context still holds the request just answered: the next one is set up after this event.
      const kind = ((client as unknown as { requestIterator: { context: MixContext } }).requestIterator.context.kind) ?? '?';
      let entry = perKind.get(kind);
      if (!entry) perKind.set(kind, (entry = { latencies: [], statuses: {} }));
      entry.latencies.push(responseTime);
      entry.statuses[status] = (entry.statuses[status] ?? 0) + 1;
    }
  });
  const result = await done;
  const seconds = 'amount' in length && latencies.length > 0 ? (lastAnswer - began) / 1000 : result.duration;
  const sorted = Float64Array.from(latencies).sort();
  const statuses: Record<string, number> = {};
  for (const [status, { count }] of Object.entries(result.statusCodeStats ?? {})) statuses[status] = count ?? 0;
  return {
    requests: latencies.length,
    seconds,
    rate: latencies.length / seconds,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    bytesPerResponse: latencies.length ? bytes / latencies.length : 0,
    statuses,
    errors: result.errors,
    timeouts: result.timeouts,
    ...(job.kind === 'cycle' ? { cycles: counters.cycles } : {}),
    ...(job.kind === 'mix' ? { byKind: Object.fromEntries([...perKind].map(([kind, entry]) => [kind, kindResult(entry, seconds)])) } : {}),
  };
}

/**
 * A mix of slow searches runs by number of requests, so that no request is left running in the
 * server when a run ends (a dropped request is still worked on, and would queue before the next
 * run's): the warm-up makes `warmupRequests`, the measured run as many as the warm-up's rate
 * gives in `seconds`, at least `minRequests`.
 */
async function runMix(job: LoadJob & { kind: 'mix' }): Promise<LoadResult> {
  const warm = await run(job, { amount: job.warmupRequests });
  return run(job, { amount: Math.max(job.minRequests, Math.round(warm.rate * job.seconds)) });
}

process.once('message', async (job: LoadJob) => {
  try {
    if (job.kind === 'mix') return process.send!({ result: await runMix(job) });
    if (job.warmupSeconds > 0) await run(job, { seconds: job.warmupSeconds });
    process.send!({ result: await run(job, { seconds: job.seconds }) });
  } catch (error) {
    process.send!({ error: error instanceof Error ? error.stack ?? error.message : String(error) });
  }
});
