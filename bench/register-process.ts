/**
 * The register in a process of its own (bench/register-child.ts), for the public figures: its
 * memory can then be read from outside (/proc/PID/status) without the benchmark's own heap in
 * it, and the benchmark process is free to time bare SQL and write files meanwhile.
 */
import { fork } from 'node:child_process';
import type { BenchDatabase } from './database.ts';

export interface RegisterProcess {
  url: string;
  pid: number;
  close(): Promise<void>;
}

const CHILD = new URL('./register-child.ts', import.meta.url);

/**
 * `env`: further variables for the register's `loadConfig`, laid over the benchmark's own
 * (e.g. `{ SEARCH_CACHE_ENTRIES: '0' }`); `loadConfig` is given these, not `process.env`.
 */
export function startRegisterProcess(database: BenchDatabase, env: Record<string, string> = {}): Promise<RegisterProcess> {
  return new Promise((resolve, reject) => {
    const child = fork(CHILD, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    let started = false;
    child.once('message', (message: { url?: string; error?: string }) => {
      if (message.error || !message.url) return reject(new Error(`register process: ${message.error ?? 'no address'}`));
      started = true;
      resolve({
        url: message.url,
        pid: child.pid!,
        async close() {
          if (child.connected) child.send('close');
          // A register that does not close within 10 s is stopped: the run must go on.
          const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
          await exited;
          clearTimeout(timer);
        },
      });
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (!started) reject(new Error(`register process exited with ${code} before it listened`));
    });
    child.send({ databaseUrl: database.url, env });
  });
}
