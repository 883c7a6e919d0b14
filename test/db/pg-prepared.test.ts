// Named prepared statements on PostgreSQL (src/db/pg-prepared.ts), through a real server: what is
// prepared, and that a table changed by another connection (a migration during a deploy) costs
// no failed request outside a transaction and one failed transaction inside one.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { sql } from 'kysely';
import { ENGINES, freshDatabase, type FreshDatabase } from '../helpers/engines.ts';
import { openDb, type Db } from '../../src/db/connect.ts';
import { MAX_PARAMETERS } from '../../src/db/pg-prepared.ts';

/** `work` on a database opened with one connection, so that every statement runs on the same session. */
async function withOneConnection(url: string, work: (db: Db) => Promise<void>, env: Record<string, string> = {}): Promise<void> {
  const saved = { ...process.env };
  Object.assign(process.env, { DB_POOL_SIZE: '1', ...env });
  let db: Db;
  try {
    db = openDb(url);
  } finally {
    process.env = saved;
  }
  try {
    await work(db);
  } finally {
    await db.close();
  }
}

const prepared = async (db: Db, like: string) =>
  Number((await sql<{ n: number }>`select count(*) as n from pg_prepared_statements where statement like ${like}`.execute(db.kysely)).rows[0].n);

if (ENGINES.includes('postgres')) {
  describe('prepared statements (postgres)', () => {
    let database: FreshDatabase;
    let other: pg.Client;
    before(async () => {
      database = await freshDatabase('postgres');
      other = new pg.Client(database.url);
      await other.connect();
      await other.query('create table things (id integer primary key, name text)');
      await other.query("insert into things values (1, 'een'), (2, 'twee')");
    });
    after(async () => {
      await other.end();
      await database.drop();
    });

    it('prepares a recurring statement once per connection, and not an insert of many rows', () =>
      withOneConnection(database.url, async (db) => {
        for (const id of [1, 2, 1]) await db.kysely.selectFrom('things' as never).select('name' as never).where('id' as never, '=', id as never).execute();
        assert.equal(await prepared(db, 'select "name" from "things"%'), 1);
        const many = Array.from({ length: MAX_PARAMETERS }, (_, i) => ({ id: 100 + i, name: `n${i}` }));
        await db.kysely.insertInto('things' as never).values(many as never).execute();
        assert.equal(await prepared(db, 'insert into "things"%'), 0);
      }));

    it('prepares nothing with DB_PREPARED_STATEMENTS=0', () =>
      withOneConnection(
        database.url,
        async (db) => {
          for (const id of [1, 2]) await db.kysely.selectFrom('things' as never).selectAll().where('id' as never, '=', id as never).execute();
          assert.equal(await prepared(db, '%'), 0);
        },
        { DB_PREPARED_STATEMENTS: '0' },
      ));

    it('answers with the new shape of a table that another connection changed, outside a transaction', () =>
      withOneConnection(database.url, async (db) => {
        const read = () => db.kysely.selectFrom('things' as never).selectAll().where('id' as never, '=', 1 as never).execute();
        assert.deepEqual(await read(), [{ id: 1, name: 'een' }]);
        await other.query("alter table things add column colour text default 'blauw'");
        assert.deepEqual(await read(), [{ id: 1, name: 'een', colour: 'blauw' }]);
      }));

    it('fails the one transaction that meets a changed table, and prepares afresh after it', () =>
      withOneConnection(database.url, async (db) => {
        const read = (q: typeof db.kysely) => q.selectFrom('things' as never).selectAll().where('id' as never, '=', 2 as never).execute();
        assert.equal((await read(db.kysely)).length, 1);
        await other.query('alter table things add column size integer default 3');
        await assert.rejects(
          db.kysely.transaction().execute((trx) => read(trx)),
          /cached plan must not change result type/,
        );
        const again = await db.kysely.transaction().execute((trx) => read(trx));
        assert.equal((again[0] as { size: number }).size, 3);
        assert.equal((await read(db.kysely)).length, 1);
      }));

    it('prepares afresh when the session dropped its prepared statements', () =>
      withOneConnection(database.url, async (db) => {
        const read = () => db.kysely.selectFrom('things' as never).select('name' as never).where('id' as never, '=', 1 as never).execute();
        assert.deepEqual(await read(), [{ name: 'een' }]);
        await sql`deallocate all`.execute(db.kysely);
        assert.deepEqual(await read(), [{ name: 'een' }]);
        assert.equal(await prepared(db, 'select "name" from "things"%'), 1);
      }));

    it('keeps a connection usable after a statement that fails, with the same error each time', () =>
      withOneConnection(database.url, async (db) => {
        for (let i = 0; i < 2; i++) await assert.rejects(sql`select * from no_such_table where id = ${i}`.execute(db.kysely), /no_such_table/);
        assert.equal((await sql<{ n: number }>`select count(*) as n from things where id < ${1000}`.execute(db.kysely)).rows[0].n, 2 + MAX_PARAMETERS);
      }));
  });
}
