// Templates maintained in management, on both engines: an organisation makes its own template
// (as incomplete as it likes, but never invalid), sees it alone until it shares it, uses it to
// start a description; another organisation sees a shared one but can never change it; the
// delivery API lists only what is visible to all.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINES } from '../helpers/engines.ts';
import { startRegister, type TestRegister } from '../helpers/server.ts';
import { addPerson, ManagementClient, textOf } from './management-client.ts';
import { bundledTemplates, upsertTemplates } from '../../src/register/templates.ts';

for (const engine of ENGINES) {
  describe(`templates in management (${engine})`, () => {
    let r: TestRegister;
    let a: ManagementClient;
    let b: ManagementClient;
    let templateId: string;
    before(async () => {
      r = await startRegister(engine);
      await upsertTemplates(r.app.ctx.kysely, bundledTemplates().slice(0, 3));
      await r.org('gm0700', 'ictu_last', 'Gemeente Zeven');
      await r.org('gm0701', 'ictu_last', 'Gemeente Acht');
      a = new ManagementClient(r);
      await a.signIn((await addPerson(r, { roles: ['role_1'], organisations: ['gm0700'] })).username);
      b = new ManagementClient(r);
      await b.signIn((await addPerson(r, { roles: ['role_1'], organisations: ['gm0701'] })).username);
    });
    after(() => r.close());

    it('makes a template, refusing what cannot be stored with every value kept', async () => {
      const form = await a.get('/beheer/sjablonen/nieuw');
      assert.equal(form.status, 200);
      const refused = await a.post('/beheer/sjablonen/nieuw', { _template_name: '', _template_supplier: 'Gemeente Zeven', name: 'x'.repeat(101), goal: '<p>Doel</p>' });
      assert.equal(refused.status, 422);
      assert.match(textOf(refused.html), /Geef het sjabloon een naam/);
      assert.match(refused.html, new RegExp(`value="${'x'.repeat(101)}"`));
      const saved = await a.post('/beheer/sjablonen/nieuw', { _template_name: 'Parkeervergunningen (eigen)', _template_supplier: 'Gemeente Zeven', name: 'Parkeervergunning toekennen', goal: '<p>Sneller beslissen.</p>' });
      assert.equal(saved.status, 303);
      const list = await a.get('/beheer/sjablonen');
      assert.match(textOf(list.html), /Parkeervergunningen \(eigen\) – Gemeente Zeven \(alleen voor uw organisatie\)/);
      templateId = decodeURIComponent(/href="\/beheer\/sjabloon\/([^"]+)"/.exec(list.html)![1]);
    });

    it('starts a description from it; another organisation does not see it until it is shared', async () => {
      const start = await a.get(`/beheer/algoritmes/nieuw?sjabloon=${encodeURIComponent(templateId)}`);
      assert.equal(start.status, 200);
      assert.match(start.html, /value="Parkeervergunning toekennen"/);
      assert.equal((await b.get(`/beheer/algoritmes/nieuw?sjabloon=${encodeURIComponent(templateId)}`)).status, 404);
      const listB = textOf((await b.get('/beheer/sjablonen')).html);
      assert.ok(!listB.includes('Parkeervergunningen (eigen)'), listB);
      const token = await r.token(['role_1'], 'gm0701');
      const listed = async () => {
        const answer = await r.call('GET', '/aanleverapi/templates/1.0', { token });
        assert.equal(answer.status, 200);
        return JSON.stringify(answer.body);
      };
      assert.ok(!(await listed()).includes('Parkeervergunningen (eigen)'));

      const edit = await a.get(`/beheer/sjabloon/${encodeURIComponent(templateId)}`);
      assert.equal(edit.status, 200);
      assert.equal((await a.post(`/beheer/sjabloon/${encodeURIComponent(templateId)}`, { _template_name: 'Parkeervergunningen (eigen)', _template_supplier: 'Gemeente Zeven', _template_shared: '1', name: 'Parkeervergunning toekennen' })).status, 303);
      assert.match(textOf((await b.get('/beheer/sjablonen')).html), /Gedeelde sjablonen.*Parkeervergunningen \(eigen\)/);
      assert.equal((await b.get(`/beheer/algoritmes/nieuw?sjabloon=${encodeURIComponent(templateId)}`)).status, 200);
      assert.ok((await listed()).includes('Parkeervergunningen (eigen)'));
    });

    it('never lets another organisation change it', async () => {
      assert.equal((await b.get(`/beheer/sjabloon/${encodeURIComponent(templateId)}`)).status, 404);
      await b.get('/beheer/sjablonen');
      assert.equal((await b.post(`/beheer/sjabloon/${encodeURIComponent(templateId)}`, { _template_name: 'Overgenomen', name: 'Overgenomen' })).status, 404);
      const row = await r.app.ctx.kysely.selectFrom('templates').select('name').where('template_id', '=', templateId).executeTakeFirstOrThrow();
      assert.equal(row.name, 'Parkeervergunningen (eigen)');
      // The bundled suppliers' templates are nobody's to change here.
      const bundled = bundledTemplates()[0]!.templateId;
      assert.equal((await a.get(`/beheer/sjabloon/${encodeURIComponent(bundled)}`)).status, 404);
    });
  });
}
