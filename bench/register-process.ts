/**
 * The register in a process of its own, for the public figures, started as `npm start` starts it:
 * `node bin/algoritmeregister.js serve` on the JavaScript that `npm run build` made (the bench
 * builds first: see package.json). Its memory can then be read from outside (/proc/PID/status)
 * without the benchmark's own heap in it, and the benchmark process is free to time bare SQL and
 * write files meanwhile.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { BenchDatabase } from './database.ts';
// @ts-expect-error: plain JavaScript of the command line, without types.
import { isCurrentBuild } from '../bin/built.js';

export interface RegisterProcess {
  url: string;
  pid: number;
  close(): Promise<void>;
}

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const BIN = fileURLToPath(new URL('../bin/algoritmeregister.js', import.meta.url));

/** A port nobody listens on now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * `env`: further configuration laid over the benchmark's own (rate limit off, no demo data,
 * warnings only), e.g. `{ SEARCH_CACHE_ENTRIES: '0' }`.
 */
export async function startRegisterProcess(database: BenchDatabase, env: Record<string, string> = {}): Promise<RegisterProcess> {
  if (!(isCurrentBuild(`${ROOT}src`, `${ROOT}dist`) as boolean)) throw new Error('dist/ is not the current build of src/: run `npm run build` first (`npm run bench` does).');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [BIN, 'serve'], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, DATABASE_URL: database.url, SEED_DEMO: '0', RATE_LIMIT_PER_MINUTE: '0', LOG_LEVEL: 'warn', HOST: '127.0.0.1', PORT: String(port), ...env },
  });
  let exitCode: number | null | undefined;
  const exited = new Promise<void>((done) =>
    child.once('exit', (code) => {
      exitCode = code;
      done();
    }),
  );
  // Ready when it answers (start-up reads the search facets: seconds at 100,000 algorithms).
  for (;;) {
    if (exitCode !== undefined) throw new Error(`register process exited with ${exitCode} before it listened`);
    try {
      if ((await fetch(`${url}/health`)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    pid: child.pid!,
    async close() {
      if (exitCode === undefined) child.kill('SIGTERM');
      // A register that does not close within 10 s is stopped: the run must go on.
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
