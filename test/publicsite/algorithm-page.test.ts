// The public algorithm page and the preview link the delivery API hands out.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINES } from '../helpers/engines.ts';
import { startRegister, type TestRegister } from '../helpers/server.ts';
import { validRecord } from '../fixtures/records.ts';

const V = '/aanleverapi/v1_0/organizations';

async function page(r: TestRegister, path: string) {
  const res = await fetch(r.url + path);
  return { status: res.status, text: await res.text(), headers: res.headers };
}

for (const engine of ENGINES) {
  describe(`public algorithm page (${engine})`, () => {
    let r: TestRegister;
    let editor: string;
    let lars: string;
    before(async () => {
      r = await startRegister(engine);
      await r.org('gm0001', 'ictu_last', 'Gemeente Voorbeeld');
      editor = await r.token(['role_1'], 'gm0001');
      const publisher = await r.token(['ictu', 'all_groups']);
      const record = validRecord({ name: 'Parkeren <script>alert(1)</script>', goal: '<p>Doel</p><img src=x onerror=alert(1)><script>alert(2)</script>' });
      lars = (await r.call('POST', `${V}/gm0001/algorithms`, { token: editor, body: record })).body.lars_code;
      await r.call('PUT', `${V}/gm0001/algorithms/${lars}/release`, { token: editor });
      await r.call('PUT', `${V}/gm0001/algorithms/${lars}/publish`, { token: publisher });
    });
    after(() => r.close());

    it('shows the published version grouped by the layout, in Dutch and English', async () => {
      const nl = await page(r, `/algoritme/${lars}`);
      assert.equal(nl.status, 200);
      assert.match(nl.text, /<html lang="nl">/);
      assert.match(nl.text, /Algemene informatie/);
      assert.match(nl.text, /Verantwoord gebruik/);
      assert.match(nl.text, /Gemeente Voorbeeld/);
      assert.match(nl.text, /Wegenverkeerswet 1994/);
      assert.match(nl.text, new RegExp(lars));
      assert.ok(!nl.text.includes('Bron-ID'), 'fields never shown are left out');
      assert.ok(!nl.text.includes('Risicobeheer'), 'empty fields are left out');
      assert.match(nl.headers.get('content-security-policy') ?? '', /script-src 'self'/);
      const en = await page(r, `/en/algoritme/${lars}`);
      assert.match(en.text, /<html lang="en">/);
      assert.match(en.text, /General information/);
      assert.match(en.text, /Traffic/);
      assert.equal((await page(r, `/nl/algoritme/${lars}`)).status, 200);
    });

    it('never lets stored markup run', async () => {
      const { text } = await page(r, `/algoritme/${lars}`);
      assert.ok(!/<script>alert/.test(text));
      assert.ok(!/onerror/.test(text));
      assert.ok(!/<img/.test(text));
      assert.match(text, /Parkeren/);
    });

    it('answers unknown and unpublished algorithms with a 404 page', async () => {
      assert.equal((await page(r, '/algoritme/12345670')).status, 404);
      const draft = (await r.call('POST', `${V}/gm0001/algorithms`, { token: editor, body: validRecord({ name: 'Concept' }) })).body.lars_code;
      assert.equal((await page(r, `/algoritme/${draft}`)).status, 404);
    });

    it('serves a draft behind the preview link until it expires, and audits its use', async () => {
      const draft = (await r.call('POST', `${V}/gm0001/algorithms`, { token: editor, body: validRecord({ name: 'Voorbeeldversie' }) })).body.lars_code;
      const { body } = await r.call('GET', `${V}/gm0001/algorithms/${draft}/preview`, { token: editor });
      const url = new URL(body.url);
      assert.equal(url.pathname, `/nl/algoritme/C${draft}`);
      const preview = await page(r, url.pathname + url.search);
      assert.equal(preview.status, 200);
      assert.match(preview.text, /Voorbeeldversie/);
      assert.equal(preview.headers.get('x-robots-tag'), 'noindex');
      const guessed = await page(r, `/nl/algoritme/C${draft}?preview=${'A'.repeat(32)}`);
      assert.equal(guessed.status, 404);
      const events = await r.app.ctx.kysely.selectFrom('audit_events').select('action').where('action', 'in', ['preview_activated', 'preview_used']).execute();
      assert.ok(events.some((e) => e.action === 'preview_activated') && events.some((e) => e.action === 'preview_used'));
      // Expired links stop working.
      await r.app.ctx.kysely.updateTable('versions').set({ preview_expires_at: new Date(Date.now() - 1000).toISOString() }).where('preview_token', '=', url.searchParams.get('preview')!).execute();
      assert.equal((await page(r, url.pathname + url.search)).status, 404);
    });
  });
}
