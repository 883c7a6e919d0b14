// A register indexed before the text index moved into a table of its own (migration
// 013-search-text) finds the same after the upgrade, and keeps the text index with its documents
// from then on: a new publication is found, a retracted one is gone from it, a rebuild refills it.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { ENGINES, freshDatabase } from '../helpers/engines.ts';
import { openDb } from '../../src/db/connect.ts';
import { migrate } from '../../src/db/migrate.ts';
import { importRecords } from '../../src/register/import.ts';
import { SYSTEM_ACTOR } from '../../src/register/actor.ts';
import { changeState, findAlgorithm } from '../../src/register/algorithms.ts';
import { keepSearchAnswers, search } from '../../src/search/search.ts';
import { rebuildSearchIndex } from '../../src/search/indexer.ts';
import { validRecord } from '../fixtures/records.ts';
import { matchesOf } from '../../src/search/engine.ts';
import { parseQuery } from '../../src/search/query.ts';

const record = (name: string, goal: string) => validRecord({ name, goal, organization: 'Gemeente Opwaardering' });

for (const engine of ENGINES) {
  describe(`the text index after the upgrade to its own table (${engine})`, () => {
    it('finds what was indexed before, and follows every change after', async () => {
      const database = await freshDatabase(engine);
      const db = openDb(database.url);
      try {
        await migrate(db, '012-search-phrases');
        const before = await importRecords(
          db.kysely,
          [record('Vergunning voor de steigerbouw', 'Beoordeelt aanvragen voor steigerbouw.'), record('Meldingen openbare ruimte', 'Sorteert meldingen over de automatische beoordeling.')],
          SYSTEM_ACTOR,
          { publish: true },
        );
        assert.equal(before.created, 2, JSON.stringify(before.errors));
        assert.ok((await migrate(db)).includes('013-search-text'));
        keepSearchAnswers(db.kysely, 0);
        const names = async (q: string) => (await search(db.kysely, { q, sort: 'name' })).results.map((h) => h.name);
        assert.deepEqual(await names('steigerbouw'), ['Vergunning voor de steigerbouw']);
        assert.deepEqual(await names('"automatische beoordeling"'), ['Meldingen openbare ruimte']);
        assert.deepEqual(await names('meld*'), ['Meldingen openbare ruimte']);

        const after = await importRecords(db.kysely, [record('Steigerbouw in de binnenstad', 'Plant de steigerbouw.')], SYSTEM_ACTOR, { publish: true });
        assert.equal(after.created, 1, JSON.stringify(after.errors));
        assert.deepEqual(await names('steigerbouw'), ['Steigerbouw in de binnenstad', 'Vergunning voor de steigerbouw']);

        const retracted = (await findAlgorithm(db.kysely, before.lars[0]))!;
        await changeState(db.kysely, retracted, 'ictu_last', 'retract', SYSTEM_ACTOR);
        assert.deepEqual(await names('steigerbouw'), ['Steigerbouw in de binnenstad']);

        const count = async (table: string) => Number((await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(db.kysely)).rows[0].n);
        const documents = await count('search_documents');
        if (engine === 'postgres') assert.deepEqual([await count('search_text'), await count('search_names')], [documents, documents]);

        assert.equal(await rebuildSearchIndex(db.kysely), 2);
        if (engine === 'postgres') assert.deepEqual([await count('search_text'), await count('search_names')], [2, 2]);
        // A broad search ranks by name and short description (search_names on PostgreSQL): the name first.
        const broad = await matchesOf(db.kysely, parseQuery('steigerbouw'), 0);
        assert.deepEqual(broad.rankedIds.length, 1);
        assert.deepEqual(await names('steigerbouw'), ['Steigerbouw in de binnenstad']);
        assert.deepEqual(await names('"automatische beoordeling"'), ['Meldingen openbare ruimte']);
      } finally {
        await db.close();
        await database.drop();
      }
    });
  });
}
