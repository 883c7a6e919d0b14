// The home page, the search page and the public version history over real HTTP, on both engines.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINES } from '../helpers/engines.ts';
import { startRegister, type TestRegister } from '../helpers/server.ts';
import { validRecord } from '../fixtures/records.ts';
import { wordDiff } from '../../src/standard/word-diff.ts';

const V = '/aanleverapi/v1_0/organizations';

for (const engine of ENGINES) {
  describe(`home, search and history pages (${engine})`, () => {
    let r: TestRegister;
    let lars: string;
    let versions: { version_id: number }[];
    before(async () => {
      r = await startRegister(engine);
      await r.org('gm0001', 'ictu_last', 'Gemeente Voorbeeld');
      const editor = await r.token(['role_1'], 'gm0001');
      const publisher = await r.token(['ictu', 'all_groups']);
      const publish = async (id: string) => {
        await r.call('PUT', `${V}/gm0001/algorithms/${id}/release`, { token: editor });
        await r.call('PUT', `${V}/gm0001/algorithms/${id}/publish`, { token: publisher });
      };
      lars = (await r.call('POST', `${V}/gm0001/algorithms`, { token: editor, body: validRecord({ name: 'Parkeervergunning toetsen' }) })).body.lars_code;
      await publish(lars);
      const edited = validRecord({ name: 'Parkeervergunning toetsen', description_short: 'Het algoritme toetst elke aanvraag voor een parkeervergunning op volledigheid.', category: ['Verkeer', 'Wonen'] });
      assert.equal((await r.call('PUT', `${V}/gm0001/algorithms/${lars}`, { token: editor, body: edited })).status, 200);
      await publish(lars);
      const other = (await r.call('POST', `${V}/gm0001/algorithms`, { token: editor, body: validRecord({ name: 'Bezwaar parkeerbelasting', category: ['Overheidsfinanciën'] }) })).body.lars_code;
      await publish(other);
      const draft = (await r.call('POST', `${V}/gm0001/algorithms`, { token: editor, body: validRecord({ name: 'Geheim concept parkeervergunning' }) })).body.lars_code;
      assert.ok(draft);
      versions = (await r.call('GET', `/api/v1/algorithms/${lars}/versions`)).body;
    });
    after(() => r.close());

    it('home shows counts, the newest publications and entry points with counts', async () => {
      const res = await fetch(`${r.url}/`);
      const page = await res.text();
      assert.equal(res.status, 200);
      assert.match(page, /2 gepubliceerde algoritmes van 1 organisaties/);
      assert.match(page, /Bezwaar parkeerbelasting/);
      assert.doesNotMatch(page, /Geheim concept/);
      assert.match(page, /href="\/algoritmes\?theme=Verkeer"/);
      const json = (await r.call('GET', '/en/?format=json')).body;
      assert.equal(json.algorithms, 2);
      assert.deepEqual(json.themes.find((t: { value: string }) => t.value === 'Verkeer').count, 1);
    });

    it('search page: text, facets, sort and paging in the URL; the count announced; bad values named', async () => {
      const res = await fetch(`${r.url}/algoritmes?q=parkeervergunningen&theme=Verkeer&sort=name`);
      const page = await res.text();
      assert.equal(res.status, 200);
      assert.match(page, /role="status" aria-live="polite"><h2 id="result-count">1 algoritme gevonden/);
      assert.match(page, /<mark>Parkeervergunning<\/mark> toetsen/);
      assert.match(page, /<input type="checkbox" name="theme" value="Verkeer" id="facet-theme-Verkeer" checked/);
      assert.match(page, /<option value="name" selected/);
      assert.doesNotMatch(page, /Geheim concept/);
      assert.match(page, /class="apply-filters /);
      // Nothing found and no filter chosen: no filters, and no button to apply them.
      const nothing = await (await fetch(`${r.url}/algoritmes?q=kernfusiereactor`)).text();
      assert.match(nothing, /<h2 id="result-count">Geen algoritmes gevonden/);
      assert.doesNotMatch(nothing, /<fieldset|class="apply-filters /);
      const english = await (await fetch(`${r.url}/en/algorithms?theme=Astrologie`)).text();
      assert.match(english, /theme: &quot;Astrologie&quot; is not a value of this filter/);
      assert.match(english, /2 algorithms found/);
      const json = await r.call('GET', '/algoritmes?q=parkeer*&format=json');
      assert.equal(json.body.total, 2);
      assert.equal((await r.call('GET', '/algoritmes?theme=Astrologie&format=json')).status, 400);
    });

    it('algorithm page: breadcrumb, history link, similar algorithms and a citation', async () => {
      const page = await (await fetch(`${r.url}/algoritme/${lars}`)).text();
      assert.match(page, /<a href="\/organisatie\/gm0001">Gemeente Voorbeeld<\/a>/);
      assert.match(page, new RegExp(`href="/algoritme/${lars}/versies">Alle gepubliceerde versies \\(2\\)`));
      assert.match(page, /Vergelijkbare algoritmes[\s\S]*Bezwaar parkeerbelasting/);
      assert.match(page, new RegExp(`Gemeente Voorbeeld \\(\\d{4}\\)\\. Parkeervergunning toetsen\\. Algoritmeregister, algoritme-ID ${lars}`));
      assert.match(page, new RegExp(`Fout gezien\\?[\\s\\S]*er staan nu geen meldingen open[\\s\\S]*href="/algoritme/${lars}/fout-melden"`));
      const json = (await r.call('GET', `/en/algoritme/${lars}?format=json`)).body;
      assert.equal(json.published_versions, 2);
      assert.equal(json.open_error_reports, 0);
      assert.equal(json.similar[0].name, 'Bezwaar parkeerbelasting');
    });

    it('history lists every published version and compares any two, field by field', async () => {
      assert.equal(versions.length, 2);
      const [first, second] = versions.map((v) => v.version_id);
      const list = await (await fetch(`${r.url}/algoritme/${lars}/versies`)).text();
      assert.match(list, /Versie 1 \(/);
      assert.match(list, /Versie 2 \([^)]*\)<strong> – huidige versie/);
      const diff = await (await fetch(`${r.url}/algoritme/${lars}/versies?van=${second}&naar=${first}`)).text();
      assert.match(diff, /<th scope="row">Korte omschrijving<\/th>/);
      assert.match(diff, /<del><span class="visually-hidden-heading">\[verwijderd: <\/span>controleert of<span class="visually-hidden-heading">\]<\/span><\/del><ins><span class="visually-hidden-heading">\[toegevoegd: <\/span>toetst</);
      assert.match(diff, /<th scope="row">Thema<\/th>/);
      assert.doesNotMatch(diff, /<th scope="row">Naam<\/th>/);
      const json = (await r.call('GET', `/en/algoritme/${lars}/versions?from=${first}&to=${second}&format=json`)).body;
      assert.deepEqual(json.changes.category, { from: ['Verkeer'], to: ['Verkeer', 'Wonen'] });
      const bad = await fetch(`${r.url}/algoritme/${lars}/versies?van=1&naar=abc`);
      assert.equal(bad.status, 400);
      assert.match(await bad.text(), /Kies twee versies uit de lijst/);
      assert.equal((await fetch(`${r.url}/algoritme/12345678/versies`)).status, 404);
    });
  });
}

describe('word diff', () => {
  it('keeps what stayed and marks what was removed and added', () => {
    assert.deepEqual(wordDiff('de kat zit op de mat', 'de hond zit op de mat'), [
      { kind: 'same', text: 'de ' },
      { kind: 'removed', text: 'kat' },
      { kind: 'added', text: 'hond' },
      { kind: 'same', text: ' zit op de mat' },
    ]);
    assert.deepEqual(wordDiff('', 'nieuw'), [{ kind: 'added', text: 'nieuw' }]);
  });
});
