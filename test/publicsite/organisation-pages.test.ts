// The organisations index and the page per organisation, with their JSON twins.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINES } from '../helpers/engines.ts';
import { startRegister, type TestRegister } from '../helpers/server.ts';
import { validRecord } from '../fixtures/records.ts';
import { createOrganisation } from '../../src/register/organisations.ts';
import { importRecords } from '../../src/register/import.ts';
import { findAlgorithm, removeAlgorithm } from '../../src/register/algorithms.ts';
import { SYSTEM_ACTOR } from '../../src/register/actor.ts';

async function page(r: TestRegister, path: string) {
  const res = await fetch(r.url + path, { redirect: 'manual' });
  return { status: res.status, text: await res.text(), headers: res.headers };
}

async function json(r: TestRegister, path: string) {
  const res = await fetch(r.url + path + (path.includes('?') ? '&' : '?') + 'format=json');
  return { status: res.status, body: (await res.json()) as any };
}

/** The visible names in the organisation list of an index page. */
const listed = (text: string) => [...text.matchAll(/<li><a href="\/(?:organisatie|en\/organisation)\/[^"]+">([^<]+)<\/a>/g)].map((m) => m[1]);

for (const engine of ENGINES) {
  describe(`public organisation pages (${engine})`, () => {
    let r: TestRegister;
    const published: string[] = [];
    let draft: string;
    let removed: string;
    before(async () => {
      r = await startRegister(engine);
      const db = r.app.ctx.kysely;
      const add = (code: string, name: string, type: string, parentCode?: string) => createOrganisation(db, { code, name, type, parentCode }, SYSTEM_ACTOR);
      await add('gm0001', 'Gemeente Voorbeeld', 'gemeente');
      await add('ws0001', 'Waterschap Proef', 'waterschap');
      await add('gm0001-soc', 'Afdeling Sociaal Domein', 'organisatieonderdeel', 'gm0001');
      await add('st50', 'Stichting 50% Korting', 'overig');
      await add('gm0002', 'Gemeente Verborgen', 'gemeente');
      await db.updateTable('organisations').set({ show_page: 0 }).where('code', '=', 'gm0002').execute();
      for (let i = 10; i < 37; i++) await add(`gm00${i}`, `Gemeente Reeks ${i}`, 'gemeente');
      await db
        .updateTable('organisations')
        .set({
          about_html: '<p>Over ons</p><script>alert(1)</script><img src=x onerror=alert(2)><p onclick="alert(3)">Wij <a href="javascript:alert(4)">werken</a> hier.</p>',
          contact_html: '<p>Bel 14 020</p>',
        })
        .where('code', '=', 'gm0001')
        .execute();

      const records = Array.from({ length: 23 }, (_, i) => validRecord({ name: `Algoritme ${String(i).padStart(2, '0')}`, source_id: `src-${i}` }));
      const report = await importRecords(db, records, SYSTEM_ACTOR, { organisation: 'gm0001', publish: true });
      published.push(...report.lars);
      draft = (await importRecords(db, [validRecord({ name: 'Nog een concept', source_id: 'draft' })], SYSTEM_ACTOR, { organisation: 'gm0001' })).lars[0];
      removed = (await importRecords(db, [validRecord({ name: 'Verwijderd algoritme', source_id: 'gone' })], SYSTEM_ACTOR, { organisation: 'gm0001', publish: true })).lars[0];
      await removeAlgorithm(db, (await findAlgorithm(db, removed))!, SYSTEM_ACTOR);
      await importRecords(db, [validRecord({ name: 'Dijkbewaking', source_id: 'dijk' })], SYSTEM_ACTOR, { organisation: 'ws0001', publish: true });
      await importRecords(db, [validRecord({ name: 'Verborgen algoritme', source_id: 'hidden' })], SYSTEM_ACTOR, { organisation: 'gm0002', publish: true });
    });
    after(() => r.close());

    it('lists the organisations that have a page, by name, with their published algorithms', async () => {
      const nl = await page(r, '/organisaties');
      assert.equal(nl.status, 200);
      assert.match(nl.text, /<html lang="nl">/);
      assert.match(nl.headers.get('content-security-policy') ?? '', /script-src 'self'/);
      assert.match(nl.text, /31 organisaties gevonden/);
      const names = listed(nl.text);
      assert.equal(names.length, 25, 'a page holds 25');
      assert.deepEqual(names.slice(0, 3), ['Afdeling Sociaal Domein', 'Gemeente Reeks 10', 'Gemeente Reeks 11']);
      assert.ok(!nl.text.includes('Gemeente Verborgen'), 'organisations without a page are left out');
      assert.match(nl.text, /<link rel="alternate" hreflang="en" href="\/en\/organisations"/);

      const { status, body } = await json(r, '/organisaties');
      assert.equal(status, 200);
      assert.equal(body.total, 31);
      assert.equal(body.pages, 2);
      const all = [...body.organisations, ...(await json(r, '/organisaties?page=2')).body.organisations];
      assert.equal(all.length, 31);
      const voorbeeld = all.find((o: any) => o.code === 'gm0001');
      assert.equal(voorbeeld.published, 23, 'drafts and removed algorithms do not count');
      assert.equal(voorbeeld.url, '/organisatie/gm0001');
      assert.equal(all.find((o: any) => o.code === 'ws0001').published, 1);
      assert.equal(all.find((o: any) => o.code === 'st50').published, 0);
      assert.ok(!all.some((o: any) => o.code === 'gm0002'));

      const en = await json(r, '/en/organisations?page=2');
      assert.equal(en.body.organisations.find((o: any) => o.code === 'ws0001').type_label, 'Water authority');
      assert.equal(en.body.organisations.find((o: any) => o.code === 'ws0001').url, '/en/organisation/ws0001');
      const enPage = await page(r, '/en/organisations');
      assert.match(enPage.text, /<html lang="en">/);
      assert.match(enPage.text, /31 organisations found/);
    });

    it('searches by name or code, case-insensitively and literally', async () => {
      assert.deepEqual(listed((await page(r, '/organisaties?q=proef')).text), ['Waterschap Proef']);
      assert.deepEqual(listed((await page(r, '/organisaties?q=VOORBEELD')).text), ['Gemeente Voorbeeld']);
      assert.deepEqual(listed((await page(r, '/organisaties?q=ws0001')).text), ['Waterschap Proef']);
      assert.deepEqual(listed((await page(r, '/organisaties?q=%25')).text), ['Stichting 50% Korting'], '% is a character, not a wildcard');
      assert.deepEqual(listed((await page(r, '/organisaties?q=_')).text), [], '_ is a character, not a wildcard');
      const none = await page(r, '/organisaties?q=bestaatniet');
      assert.equal(none.status, 200);
      assert.match(none.text, /Geen organisaties gevonden/);
      const kept = await page(r, '/organisaties?q=proef');
      assert.match(kept.text, /<input id="org-q" name="q" type="search" value="proef"/, 'the search term stays in the form');
      assert.match(kept.text, /hreflang="en" href="\/en\/organisations\?q=proef"/, 'the language switch keeps the search');
    });

    it('filters by organisation type, with counts per type', async () => {
      const water = await page(r, '/organisaties?type=waterschap');
      assert.equal(water.status, 200);
      assert.deepEqual(listed(water.text), ['Waterschap Proef']);
      assert.match(water.text, /<option value="waterschap" selected>Waterschap \(1\)<\/option>/);
      assert.match(water.text, /<option value="gemeente">Gemeente \(28\)<\/option>/);
      const { body } = await json(r, '/organisaties?type=gemeente&q=reeks');
      assert.equal(body.total, 27);
      assert.deepEqual(body.types, [{ type: 'gemeente', count: 27, label: 'Gemeente' }]);
      assert.equal((await json(r, '/organisaties?type=provincie')).body.total, 0);
    });

    it('answers bad query values with a clear message, never a 5xx', async () => {
      const unknown = await page(r, '/organisaties?type=ruimteschip');
      assert.equal(unknown.status, 400);
      assert.match(unknown.text, /<p id="org-type-error" class="field-error utrecht-form-field-error-message">Onbekende soort organisatie &quot;ruimteschip&quot;/);
      assert.match(unknown.text, /aria-invalid="true" aria-describedby="org-type-error"/);
      assert.equal(listed(unknown.text).length, 25, 'the page still lists organisations');
      const unknownJson = await json(r, '/organisaties?type=ruimteschip');
      assert.equal(unknownJson.status, 400);
      assert.equal(unknownJson.body.field, 'type');
      assert.match(unknownJson.body.detail, /ruimteschip/);

      for (const query of ['page=-1', 'page=abc', 'page=0', 'page=1.5', 'page=99999999999999999999', 'page[]=2', 'q=a&q=b', 'q[x]=1', `q=${'x'.repeat(5000)}`, 'type=&q=', 'type=gemeente&type=waterschap']) {
        const res = await page(r, `/organisaties?${query}`);
        assert.ok(res.status === 200, `${query}: ${res.status}`);
      }
      assert.equal((await json(r, '/organisaties?page=-1')).body.page, 1);
      assert.equal((await json(r, '/organisaties?page=999')).body.page, 2, 'beyond the last page: the last page');
      assert.equal((await page(r, '/organisaties?q=%00')).status, 400);
    });

    it('pages through the index with links that keep the search', async () => {
      const first = await page(r, '/organisaties?type=gemeente');
      assert.match(first.text, /<nav class="pagination ams-pagination" aria-label="Paginering">/);
      assert.match(first.text, /<a href="\/organisaties\?type=gemeente&amp;page=2" rel="next">Volgende pagina<\/a>/);
      assert.match(first.text, /Pagina 1 van 2/);
      const second = await page(r, '/organisaties?type=gemeente&page=2');
      assert.deepEqual(listed(second.text), ['Gemeente Reeks 35', 'Gemeente Reeks 36', 'Gemeente Voorbeeld']);
      assert.match(second.text, /<a href="\/organisaties\?type=gemeente" rel="prev">Vorige pagina<\/a>/);
    });

    it('shows an organisation with its sanitised profile, parent and published algorithms, paged', async () => {
      const nl = await page(r, '/organisatie/gm0001');
      assert.equal(nl.status, 200);
      assert.match(nl.text, /<h1 class="nl-heading nl-heading--level-1">Gemeente Voorbeeld<\/h1>/);
      assert.match(nl.text, /<dd>Gemeente<\/dd>/);
      assert.match(nl.text, /<p>Over ons<\/p>/);
      assert.match(nl.text, /Wij werken hier\./);
      assert.match(nl.text, /Bel 14 020/);
      for (const bad of ['<script', 'onerror', 'onclick', 'javascript:', '<img']) assert.ok(!nl.text.includes(bad), `no ${bad} in the profile`);
      assert.match(nl.text, /Gepubliceerde algoritmes \(23\)/);
      const links = [...nl.text.matchAll(/<a href="\/algoritme\/(\d{8})">/g)].map((m) => m[1]);
      assert.equal(links.length, 20);
      assert.ok(links.every((lars) => published.includes(lars)));
      assert.ok(!nl.text.includes(draft) && !nl.text.includes(removed), 'drafts and removed algorithms are not listed');
      const second = await page(r, '/organisatie/gm0001?page=2');
      const rest = [...second.text.matchAll(/<a href="\/algoritme\/(\d{8})">/g)].map((m) => m[1]);
      assert.deepEqual([...links, ...rest].sort(), [...published].sort(), 'the two pages together hold every published algorithm once');
      assert.equal((await page(r, '/organisatie/gm0001?page=-3')).status, 200);

      const sub = await page(r, '/organisatie/gm0001-soc');
      assert.match(sub.text, /Valt onder<\/dt><dd><a href="\/organisatie\/gm0001">Gemeente Voorbeeld<\/a>/);
      assert.match(sub.text, /Deze organisatie heeft nog geen algoritmes gepubliceerd/);

      const en = await page(r, '/en/organisation/gm0001');
      assert.match(en.text, /<html lang="en">/);
      assert.match(en.text, /<dd>Municipality<\/dd>/);
      assert.match(en.text, /<a href="\/en\/algoritme\/\d{8}">/);
      assert.match(en.text, /hreflang="nl" href="\/organisatie\/gm0001"/);
    });

    it('answers an organisation as JSON', async () => {
      const { status, body } = await json(r, '/organisatie/gm0001-soc');
      assert.equal(status, 200);
      assert.deepEqual(body.parent, { code: 'gm0001', name: 'Gemeente Voorbeeld', url: '/organisatie/gm0001' });
      const full = (await json(r, '/en/organisation/gm0001')).body;
      assert.equal(full.name, 'Gemeente Voorbeeld');
      assert.equal(full.type_label, 'Municipality');
      assert.ok(!full.about_html.includes('script') && full.about_html.includes('Over ons'));
      assert.equal(full.algorithms.total, 23);
      assert.equal(full.algorithms.results.length, 20);
      assert.match(full.algorithms.results[0].url, /^\/en\/algoritme\/\d{8}$/);
      assert.match(full.algorithms.results[0].name, /^Algoritme \d\d$/);
    });

    it('answers unknown and hidden organisations with a 404 page, and other cases of a code with a redirect', async () => {
      const unknown = await page(r, '/organisatie/bestaat-niet');
      assert.equal(unknown.status, 404);
      assert.match(unknown.text, /Er is geen organisatie met deze code/);
      assert.equal((await page(r, '/en/organisation/bestaat-niet')).status, 404);
      assert.equal((await page(r, '/organisatie/gm0002')).status, 404, 'no page when show_page is off');
      assert.equal((await json(r, '/organisatie/bestaat-niet')).status, 404);
      const long = (await page(r, `/organisatie/${'x'.repeat(300)}`)).status;
      assert.ok(long === 404 || long === 414, `an overlong code: ${long}`);
      const moved = await page(r, '/organisatie/GM0001?page=2');
      assert.equal(moved.status, 301);
      assert.equal(new URL(moved.headers.get('location')!, r.url).pathname + new URL(moved.headers.get('location')!, r.url).search, '/organisatie/gm0001?page=2');
    });
  });
}
