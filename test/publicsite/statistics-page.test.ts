// The statistics page: its figures (checked against a register whose history we wrote), its charts
// with their table alternatives, and its JSON twin.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINES } from '../helpers/engines.ts';
import { startRegister, type TestRegister } from '../helpers/server.ts';
import { validRecord } from '../fixtures/records.ts';
import { createOrganisation } from '../../src/register/organisations.ts';
import { importRecords } from '../../src/register/import.ts';
import { changeState, findAlgorithm, listVersions, removeAlgorithm } from '../../src/register/algorithms.ts';
import { SYSTEM_ACTOR } from '../../src/register/actor.ts';

async function page(r: TestRegister, path: string) {
  const res = await fetch(r.url + path);
  return { status: res.status, text: await res.text(), headers: res.headers };
}

for (const engine of ENGINES) {
  describe(`public statistics page (${engine})`, () => {
    let r: TestRegister;

    it('says so when nothing is published yet', async () => {
      const empty = await startRegister(engine);
      try {
        const nl = await page(empty, '/statistieken');
        assert.equal(nl.status, 200);
        assert.match(nl.text, /Er is nog niets gepubliceerd/);
        assert.ok(!nl.text.includes('<svg'));
        const res = await fetch(`${empty.url}/statistieken?format=json`);
        assert.deepEqual(await res.json(), {
          published_algorithms: 0,
          publishing_organisations: 0,
          publications_per_month: [],
          by_publication_category: [
            { category: 'Hoog-risico AI-systeem', count: 0, label: 'Hoog-risico AI-systeem' },
            { category: 'Impactvolle algoritmes', count: 0, label: 'Impactvolle algoritmes' },
            { category: 'Overige algoritmes', count: 0, label: 'Overige algoritmes' },
          ],
          by_organisation_type: [],
        });
      } finally {
        await empty.close();
      }
    });

    describe('with a history', () => {
      before(async () => {
        r = await startRegister(engine);
        const db = r.app.ctx.kysely;
        await createOrganisation(db, { code: 'gm0001', name: 'Gemeente Een', type: 'gemeente' }, SYSTEM_ACTOR);
        await createOrganisation(db, { code: 'ws0001', name: 'Waterschap Twee', type: 'waterschap' }, SYSTEM_ACTOR);
        await createOrganisation(db, { code: 'pv01', name: 'Provincie Drie', type: 'provincie' }, SYSTEM_ACTOR);
        await createOrganisation(db, { code: 'gm0009', name: 'Gemeente Weg', type: 'gemeente' }, SYSTEM_ACTOR);
        const publish = async (org: string, name: string, category: string, extra: Record<string, unknown> = {}) =>
          (await importRecords(db, [validRecord({ name, source_id: name, publication_category: category, ...extra })], SYSTEM_ACTOR, { organisation: org, publish: true })).lars[0];
        const when = async (lars: string, dates: string[]) => {
          const algorithm = await findAlgorithm(db, lars);
          const published = (await listVersions(db, algorithm!.id)).filter((v) => v.published_at);
          assert.equal(published.length, dates.length);
          for (const [i, v] of published.entries()) await db.updateTable('versions').set({ published_at: dates[i] }).where('id', '=', v.id).execute();
        };

        await when(await publish('gm0001', 'Een', 'Impactvolle algoritmes'), ['2024-01-10T09:00:00.000Z']);
        await when(await publish('gm0001', 'Twee', 'Hoog-risico AI-systeem'), ['2024-03-05T09:00:00.000Z']);
        const unstated = await publish('gm0001', 'Drie', 'Overige algoritmes');
        await when(unstated, ['2024-03-31T23:00:00.000Z']);
        // A version from before the category was required: it states none.
        const version = (await listVersions(db, (await findAlgorithm(db, unstated))!.id))[0];
        await db.updateTable('versions').set({ content: JSON.stringify({ ...version.content, publication_category: null }) }).where('id', '=', version.id).execute();
        // Published, then published again with a change: two publications, one algorithm now.
        const twice = await publish('ws0001', 'Vier', 'Overige algoritmes');
        assert.equal(await publish('ws0001', 'Vier, herzien', 'Impactvolle algoritmes', { lars: twice, source_id: 'Vier' }), twice);
        await when(twice, ['2024-02-01T12:00:00.000Z', '2024-04-01T12:00:00.000Z']);
        // Published and retracted: it was published, but is not now.
        const retracted = await publish('pv01', 'Vijf', 'Impactvolle algoritmes');
        await when(retracted, ['2024-04-15T12:00:00.000Z']);
        await changeState(db, (await findAlgorithm(db, retracted))!, 'ictu_last', 'retract', SYSTEM_ACTOR);
        // Removed algorithms are nowhere public, so count nowhere.
        const removed = await publish('gm0009', 'Zes', 'Hoog-risico AI-systeem');
        await when(removed, ['2024-06-15T12:00:00.000Z']);
        await removeAlgorithm(db, (await findAlgorithm(db, removed))!, SYSTEM_ACTOR);
        // A draft never counts.
        await importRecords(db, [validRecord({ name: 'Concept', source_id: 'concept' })], SYSTEM_ACTOR, { organisation: 'gm0001' });
      });
      after(() => r.close());

      it('counts publications per month, current algorithms by category and organisation type, and publishing organisations', async () => {
        const res = await fetch(`${r.url}/statistieken?format=json`);
        assert.equal(res.status, 200);
        const body = (await res.json()) as any;
        assert.equal(body.published_algorithms, 4);
        assert.equal(body.publishing_organisations, 2);
        assert.deepEqual(body.publications_per_month, [
          { month: '2024-01', count: 1 },
          { month: '2024-02', count: 1 },
          { month: '2024-03', count: 2 },
          { month: '2024-04', count: 2 },
        ]);
        assert.deepEqual(
          body.by_publication_category.map((c: any) => [c.category, c.count]),
          [
            ['Hoog-risico AI-systeem', 1],
            ['Impactvolle algoritmes', 2],
            ['Overige algoritmes', 0],
            [null, 1],
          ],
        );
        assert.equal(body.by_publication_category[3].label, 'Niet opgegeven');
        assert.deepEqual(body.by_organisation_type, [
          { type: 'gemeente', count: 3, label: 'Gemeente' },
          { type: 'waterschap', count: 1, label: 'Waterschap' },
        ]);
        const en = (await (await fetch(`${r.url}/en/statistics?format=json`)).json()) as any;
        assert.equal(en.by_publication_category[0].label, 'High-Risk AI-system');
        assert.equal(en.by_organisation_type[1].label, 'Water authority');
      });

      it('fills months without publications with zero', async () => {
        const db = r.app.ctx.kysely;
        const lars = (await importRecords(db, [validRecord({ name: 'Later', source_id: 'later' })], SYSTEM_ACTOR, { organisation: 'gm0001', publish: true })).lars[0];
        const algorithm = (await findAlgorithm(db, lars))!;
        await db.updateTable('versions').set({ published_at: '2024-07-02T08:00:00.000Z' }).where('algorithm_id', '=', algorithm.id).execute();
        try {
          const body = (await (await fetch(`${r.url}/statistieken?format=json`)).json()) as any;
          assert.deepEqual(body.publications_per_month.slice(4), [
            { month: '2024-05', count: 0 },
            { month: '2024-06', count: 0 },
            { month: '2024-07', count: 1 },
          ]);
        } finally {
          await removeAlgorithm(db, algorithm, SYSTEM_ACTOR);
        }
      });

      it('draws each chart as an SVG image with a name, a description and a table of the same figures', async () => {
        const nl = await page(r, '/statistieken');
        assert.equal(nl.status, 200);
        assert.match(nl.text, /<html lang="nl">/);
        assert.match(nl.headers.get('content-security-policy') ?? '', /script-src 'self'/);
        assert.ok(!/<script|style="/.test(nl.text), 'no script and no inline style');
        const charts = [...nl.text.matchAll(/<svg [^>]*role="img" aria-labelledby="([^" ]+) ([^"]+)"[^>]*>([\s\S]*?)<\/svg>/g)];
        assert.equal(charts.length, 3);
        for (const [, titleId, descId, inner] of charts) {
          assert.match(inner, new RegExp(`<title id="${titleId}">[^<]+</title>`));
          assert.match(inner, new RegExp(`<desc id="${descId}">[^<]+</desc>`));
        }
        const tables = [...nl.text.matchAll(/<table[^>]*>([\s\S]*?)<\/table>/g)].map((m) => m[1]);
        assert.equal(tables.length, 3);
        for (const table of tables) {
          assert.match(table, /^<caption>[^<]+<\/caption><thead><tr><th scope="col">/);
          assert.match(table, /<th scope="row">/);
        }
        assert.match(tables[0], /<caption>Publicaties per maand<\/caption>/);
        assert.match(tables[0], /<th scope="row">maart 2024<\/th><td class="number">2<\/td>/);
        assert.match(tables[1], /<th scope="row">Impactvolle algoritmes<\/th><td class="number">2<\/td>/);
        assert.match(tables[1], /<th scope="row">Niet opgegeven<\/th><td class="number">1<\/td>/);
        assert.match(tables[2], /<th scope="row">Gemeente<\/th><td class="number">3<\/td>/);
        assert.match(nl.text, /<desc id="grafiek-per-categorie-omschrijving">Hoog-risico AI-systeem: 1, Impactvolle algoritmes: 2, Overige algoritmes: 0, Niet opgegeven: 1\.<\/desc>/);
        assert.match(nl.text, /Van januari 2024 tot en met april 2024; de meeste publicaties in maart 2024 \(2\)\./);
        // One column per month, each as tall as its count.
        const months = charts[0][3];
        const heights = [...months.matchAll(/<rect [^>]*height="([\d.]+)"/g)].map((m) => Number(m[1]));
        assert.equal(heights.length, 4);
        assert.ok(heights[2] === heights[3] && heights[2] === 2 * heights[0] && heights[0] === heights[1] && heights[0] > 0);

        const en = await page(r, '/en/statistics');
        assert.match(en.text, /<html lang="en">/);
        assert.match(en.text, /<caption>Publications per month<\/caption>/);
        assert.match(en.text, /<th scope="row">March 2024<\/th>/);
        assert.match(en.text, /hreflang="nl" href="\/statistieken"/);
        assert.equal((await page(r, '/statistieken?page=-1&format=xml')).status, 200, 'odd query values are ignored');
      });
    });
  });
}
