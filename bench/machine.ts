/** What the figures were measured on, for the head of BENCHMARKS.md. */
import { availableParallelism, cpus, totalmem } from 'node:os';
import { execFileSync } from 'node:child_process';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { POSTGRES_ADMIN_URL } from './database.ts';

export interface Machine {
  cores: number;
  cpu: string;
  memoryGiB: number;
  node: string;
  sqlite: string;
  postgres: string | null;
  /** Whether the PostgreSQL server runs autovacuum (null without PostgreSQL). */
  postgresAutovacuum: boolean | null;
  autocannon: string;
}

function nproc(): number {
  try {
    return Number(execFileSync('nproc', { encoding: 'utf8' }).trim()) || availableParallelism();
  } catch {
    return availableParallelism();
  }
}

export async function describeMachine(withPostgres: boolean): Promise<Machine> {
  const memory = new SQLite(':memory:');
  const sqlite = (memory.prepare('select sqlite_version() as v').get() as { v: string }).v;
  memory.close();
  let postgres: string | null = null;
  let postgresAutovacuum: boolean | null = null;
  if (withPostgres) {
    const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
    await client.connect();
    postgres = (await client.query<{ v: string }>(`select current_setting('server_version') as v`)).rows[0].v.split(' ')[0];
    postgresAutovacuum = (await client.query<{ v: string }>(`select current_setting('autovacuum') as v`)).rows[0].v === 'on';
    await client.end();
  }
  const { createRequire } = await import('node:module');
  const autocannon = (createRequire(import.meta.url)('autocannon/package.json') as { version: string }).version;
  return {
    cores: nproc(),
    cpu: cpus()[0]?.model.trim() ?? 'unknown CPU',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    sqlite,
    postgres,
    postgresAutovacuum,
    autocannon,
  };
}
