// A search result as a download: the search page's query (words, facets, order) gives exactly
// the algorithms of the search, in its order, in every format; bad parameters are named.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { ENGINES } from '../helpers/engines.ts';
import { startRegister, type TestRegister } from '../helpers/server.ts';
import { importRecords } from '../../src/register/import.ts';
import { SYSTEM_ACTOR } from '../../src/register/actor.ts';
import { CORPUS } from '../search/relevance-set.ts';

for (const engine of ENGINES) {
  describe(`downloads of a search result (${engine})`, () => {
    let r: TestRegister;
    before(async () => {
      r = await startRegister(engine);
      const report = await importRecords(r.app.ctx.kysely, CORPUS, SYSTEM_ACTOR, { publish: true });
      assert.equal(report.created, CORPUS.length);
    });
    after(() => r.close());

    it('holds what the search finds, in the same order, as CSV and JSON', async () => {
      const query = 'q=uitkering&theme=Sociale%20zekerheid&theme=Werk&sort=name';
      const found = (await r.call('GET', `/api/v1/algorithms?${query}&limit=100`)).body.results.map((h: { lars: string }) => h.lars);
      assert.ok(found.length >= 2);
      const json = await r.call('GET', `/api/v1/downloads/algorithms.json?${query}`);
      assert.equal(json.status, 200);
      assert.match(json.headers.get('content-disposition') ?? '', /attachment; filename="algorithms-search-\d{4}-\d{2}-\d{2}\.json"/);
      assert.deepEqual(json.body.map((row: { lars: string }) => row.lars), found);
      const csv = await fetch(`${r.url}/api/v1/downloads/algorithms.csv?${query}`);
      const rows = parse(await csv.text(), { columns: true, bom: true }) as { lars: string; name: string }[];
      assert.deepEqual(rows.map((row) => row.lars), found);
    });

    it('names a bad search parameter instead of downloading everything', async () => {
      const bad = await r.call('GET', '/api/v1/downloads/algorithms.csv?q=x&theme=Astrologie');
      assert.equal(bad.status, 400);
      assert.match(bad.body.detail, /theme: "Astrologie"/);
      const unknown = await r.call('GET', '/api/v1/downloads/algorithms.csv?q=x&colour=blue');
      assert.equal(unknown.status, 400);
      assert.match(unknown.body.detail, /"colour"/);
    });
  });
}
