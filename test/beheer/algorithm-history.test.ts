// Management's history of an algorithm over real HTTP, on both engines: every version and
// event, comparing two versions, restoring an old one as a new draft, archiving and taking out
// of the archive (never a published version), a preview link that works and expires; nothing
// of another organisation.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINES } from '../helpers/engines.ts';
import { startRegister, type TestRegister } from '../helpers/server.ts';
import { addAlgorithm, addPerson, ManagementClient, textOf } from './management-client.ts';
import { latestVersion, listVersions, updateAlgorithm, type Algorithm } from '../../src/register/algorithms.ts';
import { eventsOfAlgorithm } from '../../src/register/audit.ts';
import { validRecord } from '../fixtures/records.ts';
import type { AlgorithmContent } from '../../src/standard/types.ts';

for (const engine of ENGINES) {
  describe(`history in management (${engine})`, () => {
    let r: TestRegister;
    let c: ManagementClient;
    let algorithm: Algorithm;
    let path: string;
    before(async () => {
      r = await startRegister(engine, { PREVIEW_TTL_SECONDS: '2' });
      await r.org('gm0500', 'ictu_last', 'Gemeente Vijf');
      await r.org('gm0501', 'ictu_last', 'Gemeente Zes');
      algorithm = await addAlgorithm(r, 'gm0500', 'Eerste naam', 'PUBLISHED');
      await updateAlgorithm(r.app.ctx.kysely, algorithm, validRecord({ name: 'Tweede naam', organization: 'Gemeente Vijf' }) as AlgorithmContent, { id: 'user:rosa', name: 'Rosa Redacteur' });
      c = new ManagementClient(r);
      await c.signIn((await addPerson(r, { roles: ['role_1'], organisations: ['gm0500'] })).username);
      path = `/beheer/algoritme/${algorithm.lars}/geschiedenis`;
    });
    after(() => r.close());

    it('lists every version and event, and compares any two', async () => {
      const [v1, v2] = await listVersions(r.app.ctx.kysely, algorithm.id);
      const page = await c.get(path);
      assert.equal(page.status, 200);
      const text = textOf(page.html);
      assert.match(text, /Geschiedenis van Tweede naam/);
      assert.match(text, /gepubliceerd/);
      assert.match(text, /nieuwe versie opgeslagen Rosa Redacteur/);
      const compared = await c.get(`${path}?van=${v1.id}&naar=${v2.id}`);
      assert.match(textOf(compared.html), /Wijzigingen van versie 1 naar versie 2/);
      assert.match(compared.html, /<del>[\s\S]*Eerste[\s\S]*<\/del>/);
      // The edit page links here.
      assert.ok((await c.get(`/beheer/algoritme/${algorithm.lars}`)).html.includes(`href="${path}"`));
    });

    it('restores an old version as a new draft, audited as such', async () => {
      const [v1] = await listVersions(r.app.ctx.kysely, algorithm.id);
      await c.get(path);
      const restored = await c.post(`/beheer/algoritme/${algorithm.lars}/herstel`, { versie: String(v1.id) });
      assert.equal(restored.status, 303);
      assert.match(restored.location!, /melding=teruggezet/);
      assert.match(textOf((await c.get(restored.location!)).html), /Versie 1 staat terug als nieuw concept/);
      const latest = (await latestVersion(r.app.ctx.kysely, algorithm.id))!;
      assert.equal(latest.content.name, 'Eerste naam');
      assert.equal(latest.state, 'STATE_1');
      assert.equal((await eventsOfAlgorithm(r.app.ctx.kysely, algorithm.id)).at(-1)!.action, 'restored');
    });

    it('archives and unarchives a version, never the published one', async () => {
      const versions = await listVersions(r.app.ctx.kysely, algorithm.id);
      const published = versions.find((v) => v.state === 'PUBLISHED')!;
      const expired = versions.find((v) => v.state === 'EXPIRED')!;
      await c.get(path);
      const refused = await c.post(`/beheer/algoritme/${algorithm.lars}/archief`, { versie: String(published.id), actie: 'archive' });
      assert.match(refused.location!, /melding=geweigerd/);
      assert.match((await c.post(`/beheer/algoritme/${algorithm.lars}/archief`, { versie: String(expired.id), actie: 'archive' })).location!, /melding=gearchiveerd/);
      assert.equal((await listVersions(r.app.ctx.kysely, algorithm.id)).find((v) => v.id === expired.id)!.state, 'ARCHIVED');
      assert.match((await c.post(`/beheer/algoritme/${algorithm.lars}/archief`, { versie: String(expired.id), actie: 'unarchive' })).location!, /melding=uit-archief/);
      assert.equal((await listVersions(r.app.ctx.kysely, algorithm.id)).find((v) => v.id === expired.id)!.state, 'EXPIRED');
    });

    it('makes a preview link of the latest version that works, cannot be guessed, and expires', async () => {
      await c.get(path);
      const made = await c.post(`/beheer/algoritme/${algorithm.lars}/voorbeeld`);
      assert.equal(made.status, 200);
      const link = new RegExp(`href="(${r.url.replace(/[.]/g, '\\.')}/algoritme/C${algorithm.lars}\\?preview=[^"]+)"`).exec(made.html)?.[1];
      assert.ok(link, 'the page shows the link');
      const token = new URL(link.replace(/&amp;/g, '&')).searchParams.get('preview')!;
      assert.ok(token.length >= 32);
      const shown = await fetch(link.replace(/&amp;/g, '&'));
      assert.equal(shown.status, 200);
      assert.equal(shown.headers.get('x-robots-tag'), 'noindex');
      assert.match(await shown.text(), /Eerste naam/);
      // One character different (never the same one by chance) is no preview.
      const tampered = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
      assert.equal((await fetch(`${r.url}/algoritme/C${algorithm.lars}?preview=${tampered}`)).status, 404);
      await new Promise((resolve) => setTimeout(resolve, 2100));
      assert.equal((await fetch(link.replace(/&amp;/g, '&'))).status, 404);
    });

    it('shows nothing of another organisation', async () => {
      const foreign = await addAlgorithm(r, 'gm0501', 'Van Zes', 'PUBLISHED');
      assert.equal((await c.get(`/beheer/algoritme/${foreign.lars}/geschiedenis`)).status, 404);
      await c.get(path);
      const [v] = await listVersions(r.app.ctx.kysely, foreign.id);
      assert.equal((await c.post(`/beheer/algoritme/${foreign.lars}/herstel`, { versie: String(v.id) })).status, 404);
      assert.equal((await c.post(`/beheer/algoritme/${foreign.lars}/archief`, { versie: String(v.id), actie: 'archive' })).status, 404);
      assert.equal((await c.post(`/beheer/algoritme/${foreign.lars}/voorbeeld`)).status, 404);
      // A version of another algorithm cannot be restored into this one.
      assert.equal((await c.post(`/beheer/algoritme/${algorithm.lars}/herstel`, { versie: String(v.id) })).status, 404);
    });
  });
}
