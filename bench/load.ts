/**
 * The load generator, the same for the register and for its baselines: autocannon over
 * keep-alive connections on loopback, run in its own process (bench/load-worker.ts) so it
 * does not share an event loop with the server it measures. Each job runs a warm-up first,
 * whose figures are thrown away, then the measured run.
 */
import { fork } from 'node:child_process';

interface Common {
  /** Base URL of the server, e.g. http://127.0.0.1:1234. */
  url: string;
  connections: number;
  seconds: number;
  warmupSeconds: number;
}

/** GET, each request a path drawn at random from `paths`. */
export interface GetJob extends Common {
  kind: 'get';
  paths: string[];
  headers: Record<string, string>;
}

/** POST one of `bodies` (in turn) to `path`. */
export interface CreateJob extends Common {
  kind: 'create';
  path: string;
  headers: Record<string, string>;
  bodies: string[];
}

/** Per connection, over and over: POST a body to `path`, PUT `path/{lars}/release`, PUT `path/{lars}/publish`. */
export interface CycleJob extends Common {
  kind: 'cycle';
  path: string;
  editorHeaders: Record<string, string>;
  publisherHeaders: Record<string, string>;
  bodies: string[];
}

/**
 * GET, each request of a kind drawn at random (every kind equally often), then one of that
 * kind's paths at random; the figures are also given per kind. Runs by number of requests, not
 * by time (see load-worker.ts): a warm-up of `warmupRequests`, then as many as its rate gives in
 * `seconds`, at least `minRequests`; `warmupSeconds` is not used.
 */
export interface MixJob extends Common {
  kind: 'mix';
  kinds: { name: string; paths: string[] }[];
  headers: Record<string, string>;
  warmupRequests: number;
  minRequests: number;
  /** A request still unanswered after this long counts as a timeout. */
  timeoutSeconds: number;
}

export type LoadJob = GetJob | CreateJob | CycleJob | MixJob;

/** One kind of request within a mixed run. */
export interface KindResult {
  requests: number;
  /** Responses of this kind per second of the whole run. */
  rate: number;
  p50: number;
  p95: number;
  p99: number;
  statuses: Record<string, number>;
}

export interface LoadResult {
  /** Responses received in the measured run. */
  requests: number;
  seconds: number;
  /** Responses per second. */
  rate: number;
  /** Latency in milliseconds. */
  p50: number;
  p95: number;
  p99: number;
  /** Mean bytes per response, headers included. */
  bytesPerResponse: number;
  /** Status code → count; anything but 200 is reported. */
  statuses: Record<string, number>;
  errors: number;
  timeouts: number;
  /** Cycle jobs: completed create+release+publish cycles (publish answered 200). */
  cycles?: number;
  /** Mix jobs: the figures of each kind. */
  byKind?: Record<string, KindResult>;
}

const WORKER = new URL('./load-worker.ts', import.meta.url);

export function runLoad(job: LoadJob): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = fork(WORKER, [], { execArgv: ['--import', 'tsx'], serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let settled = false;
    child.once('message', (message: { result?: LoadResult; error?: string }) => {
      settled = true;
      child.disconnect();
      if (message.error) reject(new Error(`load generator: ${message.error}`));
      else resolve(message.result!);
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (!settled) reject(new Error(`load generator exited with ${code} before answering`));
    });
    child.send(job);
  });
}

/** Non-200 answers in a result, as `404×3, 500×1`, or '' when every answer was 200. */
export function failures(result: Pick<LoadResult, 'statuses'> & { errors?: number }): string {
  const bad = Object.entries(result.statuses).filter(([status]) => status !== '200');
  const parts = bad.map(([status, n]) => `${status}×${n}`);
  if (result.errors) parts.push(`errors×${result.errors}`);
  return parts.join(', ');
}
