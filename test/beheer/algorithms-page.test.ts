// "Algorithms of my organisation": every state, last change and by whom from the audit trail,
// open error reports, filters by state and text with bad values shown at the field; both
// languages; the management headers (strict CSP, no caching).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINES } from '../helpers/engines.ts';
import { startRegister, type TestRegister } from '../helpers/server.ts';
import { addAlgorithm, addPerson, addReport, ManagementClient, textOf } from './management-client.ts';
import { updateAlgorithm } from '../../src/register/algorithms.ts';
import { PAGE_SIZE } from '../../src/beheer/algorithms-page.tsx';
import { markHandled } from '../../src/register/error-reports.ts';
import { validRecord } from '../fixtures/records.ts';
import type { AlgorithmContent } from '../../src/standard/types.ts';

/** The table's rows as cells of text. */
function rowsOf(html: string): string[][] {
  const body = /<tbody[^>]*>([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? '';
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) => [...row[1]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((cell) => textOf(cell[1]!).trim()));
}

for (const engine of ENGINES) {
  describe(`algorithms of my organisation (${engine})`, () => {
    let r: TestRegister;
    let c: ManagementClient;
    let lars: Record<string, string>;
    before(async () => {
      r = await startRegister(engine);
      await r.org('gm0001', 'ictu_last', 'Gemeente Een');
      await r.org('gm0002', 'ictu_last', 'Gemeente Twee');
      const draft = await addAlgorithm(r, 'gm0001', 'Afvalroutes plannen', 'STATE_1');
      const released = await addAlgorithm(r, 'gm0001', 'Bijzondere bijstand', 'STATE_2');
      const published = await addAlgorithm(r, 'gm0001', 'Parkeercontrole scanauto', 'PUBLISHED');
      const redrafted = await addAlgorithm(r, 'gm0001', 'Woningtoewijzing', 'PUBLISHED');
      await updateAlgorithm(r.app.ctx.kysely, redrafted, validRecord({ name: 'Woningtoewijzing 2.0' }) as AlgorithmContent, { id: 'user:rosa', name: 'Rosa Redacteur' });
      await addAlgorithm(r, 'gm0002', 'Niet van Een', 'PUBLISHED');
      lars = { draft: draft.lars, released: released.lars, published: published.lars, redrafted: redrafted.lars };
      await addReport(r, published.lars, 'Eerste melding over de scanauto.');
      await addReport(r, published.lars, 'Tweede melding over de scanauto.');
      const handled = await addReport(r, redrafted.lars, 'Al afgehandelde melding.');
      await markHandled(r.app.ctx.kysely, handled.id, { id: 'user:x', name: 'X' });
      const { username } = await addPerson(r, { roles: ['role_1'], organisations: ['gm0001'] });
      c = new ManagementClient(r);
      await c.signIn(username);
    });
    after(() => r.close());

    it('lists every algorithm of the organisation in every state, the last change first, with who changed it and the open reports', async () => {
      const response = await c.get('/beheer');
      assert.equal(response.status, 200);
      const rows = rowsOf(response.html);
      assert.deepEqual(
        rows.map((row) => [row[0], row[1], row[2], row[5]]),
        [
          ['Woningtoewijzing 2.0', lars.redrafted, 'Concept (een eerdere versie is gepubliceerd)', '0'],
          ['Parkeercontrole scanauto', lars.published, 'Gepubliceerd', '2'],
          ['Bijzondere bijstand', lars.released, 'Ter goedkeuring', '0'],
          ['Afvalroutes plannen', lars.draft, 'Concept', '0'],
        ],
      );
      assert.match(rows[0]![4]!, /door Rosa Redacteur$/);
      assert.match(rows[1]![4]!, /^\d{1,2} \w+\.? \d{4}.* door Piet Publicist$/);
      assert.match(rows[2]![4]!, /door Eva Editor$/);
      // How complete each description is, from the standard's weights.
      for (const row of rows) assert.match(row[3]!, /^\d{1,3}%$/);
      assert.match(textOf(response.html), /4 algoritmes/);
      assert.ok(!textOf(response.html).includes('Niet van Een'));
    });

    it('filters by state and by words of the name or the LARS', async () => {
      const names = async (query: string) => rowsOf((await c.get(`/beheer?${query}`)).html).map((row) => row[0]);
      assert.deepEqual(await names('status=STATE_1'), ['Woningtoewijzing 2.0', 'Afvalroutes plannen']);
      assert.deepEqual(await names('status=STATE_2'), ['Bijzondere bijstand']);
      assert.deepEqual(await names('status=PUBLISHED'), ['Woningtoewijzing 2.0', 'Parkeercontrole scanauto'], 'published, also under a newer draft');
      assert.deepEqual(await names('status=ARCHIVED'), []);
      assert.deepEqual(await names('q=SCANAUTO'), ['Parkeercontrole scanauto']);
      assert.deepEqual(await names('q=bijstand+bijzondere'), ['Bijzondere bijstand']);
      assert.deepEqual(await names(`q=${lars.draft}`), ['Afvalroutes plannen']);
      assert.deepEqual(await names('q=plannen&status=STATE_2'), []);
      const filtered = await c.get('/beheer?q=woning&status=STATE_1');
      assert.match(textOf(filtered.html), /1 van 4 algoritmes/);
      assert.match(filtered.html, /<option value="STATE_1" selected/);
      assert.match(filtered.html, /name="q" type="search" value="woning"/);
      const none = await c.get('/beheer?q=bestaat-niet');
      assert.match(textOf(none.html), /Geen algoritmes gevonden bij dit filter\./);
    });

    it('shows a bad filter at its field with the values kept, never a server error', async () => {
      const response = await c.get(`/beheer?status=GEHEIM&q=${'x'.repeat(201)}`);
      assert.equal(response.status, 422);
      const text = textOf(response.html);
      assert.match(text, /Onbekende status "GEHEIM"\. Kies een status uit de lijst\./);
      assert.match(text, /De zoektekst is te lang: hoogstens 200 tekens\./);
      assert.match(response.html, /id="status-error"/);
      assert.match(response.html, /aria-describedby="q-error"/);
      assert.match(response.html, new RegExp(`value="${'x'.repeat(201)}"`));
      assert.equal(rowsOf(response.html).length, 4, 'the list without the bad filters');
      for (const query of ['status[]=a&status[]=b', 'q[x]=1', 'status=%3Cscript%3E', 'q=%F0%9F%98%80']) {
        const odd = await c.get(`/beheer?${query}`);
        assert.ok(odd.status < 500, `${query}: ${odd.status}`);
        assert.ok(!odd.html.includes('<script>'), 'escaped');
      }
    });

    it('speaks English when the person switches language, for the rest of the session', async () => {
      await c.get('/beheer');
      const switched = await c.post('/beheer/taal', { lang: 'en', terug: '/beheer?status=PUBLISHED' });
      assert.equal(switched.status, 303);
      assert.equal(switched.location, '/beheer?status=PUBLISHED');
      const english = await c.get('/beheer');
      assert.match(english.html, /<html lang="en"/);
      assert.match(textOf(english.html), /Algorithms of Gemeente Een .* Awaiting approval .* Published/);
      assert.match(textOf((await c.get('/beheer/foutmeldingen')).html), /Error reports for Gemeente Een/);
      await c.post('/beheer/taal', { lang: 'nl', terug: '/beheer' });
      assert.match((await c.get('/beheer')).html, /<html lang="nl"/);
    });

    it('sends management pages with a strict CSP, never cached, not indexed', async () => {
      for (const path of ['/beheer', '/beheer/foutmeldingen', '/beheer/inloggen', '/beheer/wachtwoord-vergeten', '/beheer/bestaat-niet']) {
        const response = await new ManagementClient(r).get(path);
        const page = response.status === 303 ? await c.get(path) : response;
        const csp = page.headers.get('content-security-policy') ?? '';
        assert.match(csp, /default-src 'none'/, path);
        assert.match(csp, /frame-ancestors 'none'/, path);
        assert.match(csp, /form-action 'self'/, path);
        // Scripts only from the register itself (the form's enhancement), never inline.
        assert.match(csp, /script-src 'self';/, path);
        assert.doesNotMatch(csp, /unsafe/, path);
        assert.equal(page.headers.get('cache-control'), 'no-store', path);
        assert.match(page.html, /<meta name="robots" content="noindex"/, path);
      }
      assert.equal((await c.get('/beheer/bestaat-niet')).status, 404);
    });
  });
}

for (const engine of ENGINES) {
  describe(`algorithms of a large organisation (${engine})`, () => {
    let r: TestRegister;
    before(async () => {
      r = await startRegister(engine);
      await r.org('gm0001', 'ictu_last', 'Gemeente Een');
    });
    after(() => r.close());

    it(`shows ${PAGE_SIZE} rows a page, with links to the other pages that keep the filter`, async () => {
      for (let i = 1; i <= PAGE_SIZE + 5; i++) await addAlgorithm(r, 'gm0001', `Algoritme ${String(i).padStart(3, '0')}`);
      const { username } = await addPerson(r, { roles: ['role_1'], organisations: ['gm0001'] });
      const c = new ManagementClient(r);
      await c.signIn(username);
      const first = await c.get('/beheer?status=STATE_1');
      assert.equal(rowsOf(first.html).length, PAGE_SIZE);
      assert.match(textOf(first.html), new RegExp(`${PAGE_SIZE + 5} van ${PAGE_SIZE + 5} algoritmes .* Pagina 1 van 2`));
      assert.match(first.html, /href="\/beheer\?status=STATE_1&amp;pagina=2" rel="next"/);
      const second = await c.get('/beheer?status=STATE_1&pagina=2');
      assert.deepEqual(rowsOf(second.html).map((row) => row[0]), ['Algoritme 005', 'Algoritme 004', 'Algoritme 003', 'Algoritme 002', 'Algoritme 001']);
      const beyond = await c.get('/beheer?pagina=999999');
      assert.equal(beyond.status, 200);
      assert.equal(rowsOf(beyond.html).length, 5, 'a page past the end shows the last one');
      assert.equal((await c.get('/beheer?pagina=-1')).status, 200);
    });
  });
}
