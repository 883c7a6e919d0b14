// Two processes writing one SQLite file (the server, and an import from the command line): a
// write that comes while the other process holds the write lock waits for it, instead of failing
// with "database is locked". PostgreSQL has row locks and needs no such care.
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { freshDatabase, type FreshDatabase } from '../helpers/engines.ts';
import { openDb, type Db } from '../../src/db/connect.ts';
import { migrate } from '../../src/db/migrate.ts';
import { createAlgorithm } from '../../src/register/algorithms.ts';
import type { AlgorithmContent } from '../../src/standard/types.ts';
import { createOrganisation } from '../../src/register/organisations.ts';
import { validRecord } from '../fixtures/records.ts';

const betterSqlite = createRequire(import.meta.url).resolve('better-sqlite3');

/** Another process takes the write lock, writes, holds it for `ms`, then commits. */
async function holdWriteLock(file: string, ms: number) {
  const script = `
    const db = new (require(${JSON.stringify(betterSqlite)}))(${JSON.stringify(file)});
    db.pragma('busy_timeout = 5000');
    db.exec('begin immediate');
    db.prepare("insert into organisations (code, name, type, flow, created_at) values ('gm0999', 'Ander Proces', 'gemeente', 'ictu_last', '2026-01-01T00:00:00Z')").run();
    process.stdout.write('locked\\n');
    setTimeout(() => { db.exec('commit'); process.stdout.write('committed\\n'); }, ${ms});
  `;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  child.stdout.setEncoding('utf8');
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: string) => {
      output += chunk;
      if (output.includes('locked')) resolve();
    });
    child.on('exit', () => reject(new Error(`the other process stopped: ${output}`)));
  });
  return { finished: once(child, 'exit'), output: () => output };
}

describe('two processes writing one SQLite file', () => {
  let database: FreshDatabase;
  let db: Db;
  after(async () => {
    await db?.close();
    await database?.drop();
  });

  it('waits for the other process\'s write instead of failing, and keeps both', async () => {
    database = await freshDatabase('sqlite');
    db = openDb(database.url);
    await migrate(db);
    const org = await createOrganisation(db.kysely, { code: 'gm0100', name: 'Gemeente Proefstad', type: 'gemeente' }, { id: 'admin', name: 'Beheer' });

    const other = await holdWriteLock(database.url, 700);
    // Creating an algorithm reads (a free LARS) before it writes: it must wait for the lock
    // before it reads, or the other process's commit makes its snapshot stale.
    const created = await createAlgorithm(db.kysely, org, validRecord({ name: 'Tijdens een import' }) as AlgorithmContent, { id: 'editor', name: 'Eva' });
    await other.finished;
    assert.match(other.output(), /committed/);

    assert.equal(created.version.content.name, 'Tijdens een import');
    const codes = (await db.kysely.selectFrom('organisations').select('code').orderBy('code').execute()).map((o) => o.code);
    assert.deepEqual(codes, ['gm0100', 'gm0999']);
  });
});
