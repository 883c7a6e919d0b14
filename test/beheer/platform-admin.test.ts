// The platform admin in management, on both engines over real HTTP: organisations (search,
// create, edit, CSV import with a dry run that changes nothing), all accounts (search, block and
// unblock), the audit log (filtered, newest first); and nobody else reaches any of it.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINES } from '../helpers/engines.ts';
import { startRegister, type TestRegister } from '../helpers/server.ts';
import { addPerson, ManagementClient, textOf } from './management-client.ts';
import { findOrganisation } from '../../src/register/organisations.ts';

for (const engine of ENGINES) {
  describe(`platform admin in management (${engine})`, () => {
    let r: TestRegister;
    let admin: ManagementClient;
    let orgAdmin: ManagementClient;
    const db = () => r.app.ctx.kysely;
    before(async () => {
      r = await startRegister(engine);
      await r.org('gm0300', 'ictu_last', 'Gemeente Driehonderd');
      admin = new ManagementClient(r);
      await admin.signIn((await addPerson(r, { roles: ['admin'] })).username);
      orgAdmin = new ManagementClient(r);
      await orgAdmin.signIn((await addPerson(r, { organisationRoles: { gm0300: ['orgdetail', 'role_1'] } })).username);
    });
    after(() => r.close());

    it('refuses every platform page and form to anyone but the platform admin, changing nothing', async () => {
      const before = await db().selectFrom('organisations').select(['code', 'name']).orderBy('code').execute();
      for (const path of ['/beheer/platform', '/beheer/platform/organisaties', '/beheer/platform/organisaties/nieuw', '/beheer/platform/organisaties/gm0300', '/beheer/platform/organisaties/importeren', '/beheer/platform/gebruikers', '/beheer/platform/audit']) {
        assert.equal((await orgAdmin.get(path)).status, 403, path);
      }
      await orgAdmin.get('/beheer');
      assert.equal((await orgAdmin.post('/beheer/platform/organisaties/nieuw', { code: 'gm9999', name: 'Indringer', type: 'gemeente', flow: 'ictu_last' })).status, 403);
      assert.equal((await orgAdmin.post('/beheer/platform/organisaties/gm0300', { name: 'Overgenomen', type: 'gemeente', flow: 'self_publish_two' })).status, 403);
      assert.equal((await orgAdmin.post('/beheer/platform/organisaties/importeren', { csv: 'code,naam,type\ngm9998,X,gemeente', stap: 'importeren' })).status, 403);
      assert.equal((await orgAdmin.post('/beheer/platform/gebruikers/1/blokkeren')).status, 403);
      assert.deepEqual(await db().selectFrom('organisations').select(['code', 'name']).orderBy('code').execute(), before);
      assert.equal((await new ManagementClient(r).get('/beheer/platform')).status, 303, 'without a session: to sign in');
    });

    it('creates, finds and edits an organisation, with errors at the field and values kept', async () => {
      await admin.get('/beheer/platform/organisaties/nieuw');
      const bad = await admin.post('/beheer/platform/organisaties/nieuw', { code: 'gm 0400', name: 'Gemeente Vierhonderd', type: 'gemeente', flow: 'ictu_last' });
      assert.equal(bad.status, 422);
      assert.match(textOf(bad.html), /Gebruik alleen letters/);
      assert.match(bad.html, /value="Gemeente Vierhonderd"/);
      assert.equal((await admin.post('/beheer/platform/organisaties/nieuw', { code: 'gm0300', name: 'Dubbel', type: 'gemeente', flow: 'ictu_last' })).status, 422);
      assert.equal((await admin.post('/beheer/platform/organisaties/nieuw', { code: 'gm0400', name: 'Gemeente Vierhonderd', type: 'gemeente', flow: 'self_publish_two' })).status, 303);
      assert.match(textOf((await admin.get('/beheer/platform/organisaties?q=vierhonderd')).html), /1 organisaties.*Gemeente Vierhonderd gm0400/);
      await admin.get('/beheer/platform/organisaties/gm0400');
      assert.equal((await admin.post('/beheer/platform/organisaties/gm0400', { name: 'Gemeente 400', type: 'waterschap', flow: 'ictu_last' })).status, 303);
      const org = (await findOrganisation(db(), 'gm0400'))!;
      assert.deepEqual([org.name, org.type, org.flow], ['Gemeente 400', 'waterschap', 'ictu_last']);
      assert.equal((await admin.get('/beheer/platform/organisaties/bestaat-niet')).status, 404);
    });

    it('imports a CSV list: a dry run reports per row and changes nothing, then applies the valid rows', async () => {
      const csv = ['code;naam;type', 'ws0001;Waterschap Een;waterschap', 'ws0002;Waterschap Twee;waterschap', 'pv0001;Provincie Een;provincie', 'x y;Fout;gemeente', 'gm0300;Gemeente 300;gemeente', 'gm0400;Gemeente 400;gemeente'].join('\n');
      await admin.get('/beheer/platform/organisaties/importeren');
      const dry = await admin.post('/beheer/platform/organisaties/importeren', { csv, stap: 'controleren' });
      assert.equal(dry.status, 200);
      assert.match(textOf(dry.html), /3 nieuw, 2 gewijzigd, 0 ongewijzigd, 1 met fouten; fouten in rij 5/);
      assert.match(textOf(dry.html), /ongeldige code "x y"/);
      assert.equal(await findOrganisation(db(), 'ws0001'), undefined, 'the dry run changed nothing');
      const applied = await admin.post('/beheer/platform/organisaties/importeren', { csv, stap: 'importeren' });
      assert.equal(applied.status, 200);
      assert.match(textOf(applied.html), /Geïmporteerd: 3 nieuw, 2 gewijzigd/);
      assert.equal((await findOrganisation(db(), 'ws0002'))!.type, 'waterschap');
      assert.equal((await findOrganisation(db(), 'gm0300'))!.name, 'Gemeente 300');
      const unreadable = await admin.post('/beheer/platform/organisaties/importeren', { csv: 'a,b\n1,2', stap: 'controleren' });
      assert.equal(unreadable.status, 422);
      assert.match(textOf(unreadable.html), /mist een van de kolommen/);
    });

    it('lists all users with their organisations and roles, blocks (ending sessions) and unblocks', async () => {
      const list = textOf((await admin.get('/beheer/platform/gebruikers?q=persoon')).html);
      assert.match(list, /Gemeente 300 \(gm0300\): Organisatiebeheerder, Redacteur/);
      const id = (await db().selectFrom('user_organisations').select('user_id').executeTakeFirstOrThrow()).user_id;
      const blocked = await admin.post(`/beheer/platform/gebruikers/${id}/blokkeren`);
      assert.equal(blocked.status, 303);
      assert.ok(JSON.parse((await db().selectFrom('users').select('roles').where('id', '=', id).executeTakeFirstOrThrow()).roles).includes('disabled'));
      assert.notEqual((await orgAdmin.get('/beheer/organisatiebeheer')).status, 200, 'the blocked person is out');
      await admin.get('/beheer/platform/gebruikers');
      assert.equal((await admin.post(`/beheer/platform/gebruikers/${id}/deblokkeren`)).status, 303);
      assert.ok(!JSON.parse((await db().selectFrom('users').select('roles').where('id', '=', id).executeTakeFirstOrThrow()).roles).includes('disabled'));
    });

    it('shows the audit log newest first, filtered by organisation, action and date, and refuses a bad date at the field', async () => {
      const page = textOf((await admin.get('/beheer/platform/audit')).html);
      const all = page.slice(page.indexOf('Wanneer')); // the table, not the list of actions to filter by
      assert.ok(all.indexOf('user_unblocked') < all.indexOf('user_blocked'), 'newest first');
      const filtered = textOf((await admin.get('/beheer/platform/audit?organisatie=gm0400&actie=organisation_changed')).html);
      assert.match(filtered, /2 gebeurtenissen/);
      const today = new Date().toISOString().slice(0, 10);
      assert.match(textOf((await admin.get(`/beheer/platform/audit?actie=user_blocked&van=${today}&tot=${today}`)).html), /1 gebeurtenissen/);
      assert.match(textOf((await admin.get('/beheer/platform/audit?actie=user_blocked&tot=2000-01-01')).html), /0 gebeurtenissen/);
      const bad = await admin.get('/beheer/platform/audit?van=gisteren');
      assert.equal(bad.status, 422);
      assert.match(bad.html, /value="gisteren"/);
    });
  });
}
