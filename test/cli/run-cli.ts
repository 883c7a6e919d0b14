/**
 * Runs the real command line as a user would: `node bin/algoritmeregister.js <args>` in a child
 * process, against the database in `DATABASE_URL`, without demo data.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import type { Db } from '../../src/db/connect.ts';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = fileURLToPath(new URL('../../bin/algoritmeregister.js', import.meta.url));

export interface CliResult {
  args: string[];
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], databaseUrl?: string, env: Record<string, string> = {}): Promise<CliResult> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, SEED_DEMO: '0', ...env };
  // The test runner's own context must not leak into the command.
  delete childEnv.NODE_TEST_CONTEXT;
  if (databaseUrl) childEnv.DATABASE_URL = databaseUrl;
  else delete childEnv.DATABASE_URL;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ args, code, stdout, stderr });
    });
  });
}

/** Runs several commands at once (each its own process), in the order given back. */
export function runAll(commands: string[][], databaseUrl?: string): Promise<CliResult[]> {
  return Promise.all(commands.map((args) => runCli(args, databaseUrl)));
}

const show = (r: CliResult) => `algoritmeregister ${r.args.join(' ')} → exit ${r.code}\n--- stdout\n${r.stdout}--- stderr\n${r.stderr}`;

/** The command succeeded. */
export function assertOk(r: CliResult): void {
  assert.equal(r.code, 0, show(r));
}

/** The command failed with a non-zero exit and a clear one-line message on stderr, no stack trace. */
export function assertFails(r: CliResult, message: RegExp): void {
  assert.notEqual(r.code, 0, show(r));
  assert.notEqual(r.code, null, show(r));
  assert.match(r.stderr, message, show(r));
  assertNoStackTrace(r);
}

export function assertNoStackTrace(r: CliResult): void {
  assert.doesNotMatch(r.stderr, /^\s+at .+[:(]\d+:\d+\)?$/m, show(r));
  assert.doesNotMatch(r.stderr, /\b(TypeError|ReferenceError|SyntaxError|RangeError):/, show(r));
}

export interface StoredVersion {
  id: number;
  state: string;
  createdAt: string;
  publishedAt: string | null;
  content: Record<string, unknown>;
}

/** What the database holds, read straight from the tables: each algorithm with its organisation and versions. */
export interface StoredAlgorithm {
  lars: string;
  organisation: string;
  sourceId: string | null;
  versions: StoredVersion[];
  /** The latest version. */
  latest: StoredVersion;
}

export async function storedAlgorithms(db: Db): Promise<Map<string, StoredAlgorithm>> {
  const algorithms = await db.kysely
    .selectFrom('algorithms as a')
    .innerJoin('organisations as o', 'o.id', 'a.organisation_id')
    .select(['a.id', 'a.lars', 'a.source_id', 'o.code'])
    .where('a.removed_at', 'is', null)
    .orderBy('a.id')
    .execute();
  const versions = await db.kysely.selectFrom('versions').select(['id', 'algorithm_id', 'state', 'create_dt', 'published_at', 'content']).orderBy('id').execute();
  const out = new Map<string, StoredAlgorithm>();
  for (const a of algorithms) {
    const own = versions
      .filter((v) => v.algorithm_id === a.id)
      .map((v) => ({ id: v.id, state: v.state, createdAt: v.create_dt, publishedAt: v.published_at, content: JSON.parse(v.content) as Record<string, unknown> }));
    out.set(a.lars, { lars: a.lars, organisation: a.code, sourceId: a.source_id, versions: own, latest: own[own.length - 1] });
  }
  return out;
}
