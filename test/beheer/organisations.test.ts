// Organisations in management: a person sees and changes only the organisation they work in,
// switches between the organisations they belong to (kept in the session), and holds the roles
// the policy gives them there, including roles that hold in one organisation only.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINES } from '../helpers/engines.ts';
import { startRegister, type TestRegister } from '../helpers/server.ts';
import { addAlgorithm, addPerson, addReport, ManagementClient, textOf } from './management-client.ts';

for (const engine of ENGINES) {
  describe(`organisations in management (${engine})`, () => {
    let r: TestRegister;
    let larsA: string;
    let larsB: string;
    let reportA: number;
    let reportB: number;
    before(async () => {
      r = await startRegister(engine);
      await r.org('gm0001', 'ictu_last', 'Gemeente Een');
      await r.org('gm0002', 'self_publish_two', 'Gemeente Twee');
      larsA = (await addAlgorithm(r, 'gm0001', 'Parkeercontrole Een', 'PUBLISHED')).lars;
      larsB = (await addAlgorithm(r, 'gm0002', 'Bijstandsfraude Twee', 'PUBLISHED')).lars;
      reportA = (await addReport(r, larsA, 'Melding over Een: het adres klopt niet.')).id;
      reportB = (await addReport(r, larsB, 'Melding over Twee: geheim voor Een.')).id;
    });
    after(() => r.close());

    const statusOf = async (id: number) => (await r.app.ctx.kysely.selectFrom('error_reports').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;

    it('shows a person of organisation A nothing of organisation B and lets them change nothing of it', async () => {
      const { username } = await addPerson(r, { roles: ['role_1'], organisations: ['gm0001'] });
      const c = new ManagementClient(r);
      await c.signIn(username);

      const list = textOf((await c.get('/beheer')).html);
      assert.match(list, /Parkeercontrole Een/);
      assert.ok(list.includes(larsA));
      assert.ok(!list.includes('Bijstandsfraude') && !list.includes(larsB), 'no algorithm of B on the list');
      const searched = textOf((await c.get(`/beheer?q=${larsB}`)).html);
      assert.ok(!searched.includes('Bijstandsfraude'), 'not even when searched by its LARS');

      const reports = textOf((await c.get('/beheer/foutmeldingen')).html);
      assert.match(reports, /Melding over Een/);
      assert.ok(!reports.includes('Melding over Twee'), 'no report of B');
      const handled = textOf((await c.get('/beheer/foutmeldingen?weergave=afgehandeld')).html);
      assert.ok(!handled.includes('Melding over Twee'));

      const markB = await c.post(`/beheer/foutmeldingen/${reportB}/afgehandeld`);
      assert.equal(markB.status, 404, "another organisation's report is not found");
      assert.equal(await statusOf(reportB), 'new');

      const switchToB = await c.post('/beheer/organisatie', { organisation: 'gm0002', terug: '/beheer' });
      assert.equal(switchToB.status, 403);
      assert.ok(!textOf(switchToB.html).includes('Gemeente Twee'), 'the refusal names nothing of B');
      assert.match(textOf((await c.get('/beheer')).html), /Algoritmes van Gemeente Een/, 'still in A');

      const unknown = await c.post('/beheer/foutmeldingen/999999/afgehandeld');
      assert.equal(unknown.status, 404);
      const nonsense = await c.post('/beheer/foutmeldingen/abc/afgehandeld');
      assert.equal(nonsense.status, 404);
    });

    it('marks its own report handled once, by a person with the right, and says so', async () => {
      const { username } = await addPerson(r, { roles: ['role_1'], organisations: ['gm0001'] });
      const c = new ManagementClient(r);
      await c.signIn(username);
      await c.get('/beheer/foutmeldingen');
      const done = await c.post(`/beheer/foutmeldingen/${reportA}/afgehandeld`);
      assert.equal(done.status, 303);
      assert.equal(done.location, '/beheer/foutmeldingen?melding=afgehandeld');
      assert.equal(await statusOf(reportA), 'handled');
      assert.match(textOf((await c.get(done.location!)).html), /De melding is gemarkeerd als afgehandeld\. .*Er zijn geen open foutmeldingen\./);
      assert.match(textOf((await c.get('/beheer/foutmeldingen?weergave=afgehandeld')).html), /Melding over Een/);
      const again = await c.post(`/beheer/foutmeldingen/${reportA}/afgehandeld`);
      assert.equal(again.location, '/beheer/foutmeldingen?melding=al-afgehandeld');
      const event = await r.app.ctx.kysely.selectFrom('audit_events').select(['actor_name']).where('action', '=', 'error_report_handled').executeTakeFirstOrThrow();
      assert.equal(event.actor_name, username);
    });

    it('lets a person of both switch; the choice is kept in the session and every page follows it', async () => {
      const { username } = await addPerson(r, { roles: ['role_1', 'role_2'], organisations: ['gm0001', 'gm0002'] });
      const c = new ManagementClient(r);
      await c.signIn(username);
      const start = await c.get('/beheer');
      assert.match(textOf(start.html), /Algoritmes van Gemeente Een/);
      assert.match(start.html, /<select id="organisation-switch"/);
      const cookie = c.cookie;
      const switched = await c.post('/beheer/organisatie', { organisation: 'gm0002', terug: '/beheer/foutmeldingen' });
      assert.equal(switched.status, 303);
      assert.equal(switched.location, '/beheer/foutmeldingen');
      assert.equal(c.cookie, cookie, 'the same session');
      const reports = textOf((await c.get('/beheer/foutmeldingen')).html);
      assert.match(reports, /Foutmeldingen voor Gemeente Twee/);
      assert.match(reports, /Melding over Twee/);
      assert.ok(!reports.includes('Melding over Een'));
      const list = textOf((await c.get('/beheer')).html);
      assert.match(list, /Bijstandsfraude Twee/);
      assert.ok(!list.includes('Parkeercontrole Een'));
      // Another request of the same session (another app server would read the same row).
      const sameSession = new ManagementClient(r);
      sameSession.cookie = cookie;
      assert.match(textOf((await sameSession.get('/beheer')).html), /Algoritmes van Gemeente Twee/);
    });

    it('checks the role in the current organisation: roles held in one organisation do not reach another', async () => {
      const { username } = await addPerson(r, { roles: [], organisations: ['gm0002'], organisationRoles: { gm0001: ['role_1'] } });
      const c = new ManagementClient(r);
      await c.signIn(username);
      // First organisation by name: Een, where they are an editor.
      assert.equal((await c.get('/beheer')).status, 200);
      assert.equal((await c.get('/beheer/foutmeldingen')).status, 200);
      assert.equal((await c.post('/beheer/organisatie', { organisation: 'gm0002' })).status, 303);
      const list = await c.get('/beheer');
      assert.equal(list.status, 403, 'no role in Twee');
      assert.match(textOf(list.html), /Geen toegang.*U heeft in Gemeente Twee niet de rol die hiervoor nodig is\./);
      assert.equal((await c.get('/beheer/foutmeldingen')).status, 403);
      assert.equal((await c.post(`/beheer/foutmeldingen/${reportB}/afgehandeld`)).status, 403);
      assert.equal(await statusOf(reportB), 'new');
    });

    it('lets an approver read reports but follows the flow for what they may change', async () => {
      // role_2 reads and edits in self_publish_two (Twee); in ictu_last (Een) the role has no rights.
      const { username } = await addPerson(r, { roles: ['role_2'], organisations: ['gm0001', 'gm0002'] });
      const c = new ManagementClient(r);
      await c.signIn(username);
      assert.equal((await c.get('/beheer')).status, 403, 'Een: ictu_last gives role_2 nothing');
      await c.post('/beheer/organisatie', { organisation: 'gm0002' });
      assert.equal((await c.get('/beheer')).status, 200);
      const reports = await c.get('/beheer/foutmeldingen');
      assert.match(reports.html, /Markeer als afgehandeld/);
    });

    it('tells a person who belongs to no organisation what to do', async () => {
      const { username } = await addPerson(r, { roles: ['role_1'], organisations: [] });
      const c = new ManagementClient(r);
      await c.signIn(username);
      const response = await c.get('/beheer');
      assert.equal(response.status, 403);
      assert.match(textOf(response.html), /Uw account hoort nog bij geen enkele organisatie/);
    });

    it('lets a platform administrator choose any organisation', async () => {
      const { username } = await addPerson(r, { roles: ['admin'], organisations: [] });
      const c = new ManagementClient(r);
      await c.signIn(username);
      assert.match(textOf((await c.get('/beheer')).html), /Algoritmes van Gemeente Een/);
      await c.post('/beheer/organisatie', { organisation: 'gm0002' });
      assert.match(textOf((await c.get('/beheer')).html), /Algoritmes van Gemeente Twee/);
    });
  });
}
