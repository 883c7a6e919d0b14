// The organisation admin in management, on both engines over real HTTP: people and their roles
// (within the policy's limits), the flow, the profile (sanitised), API clients whose secret is
// shown once and works at the token endpoint until rotated or revoked; and the matrix: without
// the role nothing is shown or changed, and an admin of A reaches nothing of B.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINES } from '../helpers/engines.ts';
import { startRegister, type TestRegister } from '../helpers/server.ts';
import { addPerson, ManagementClient, textOf } from './management-client.ts';
import { findOrganisation } from '../../src/register/organisations.ts';
import { listOutbox } from '../../src/mail/mailer.ts';

for (const engine of ENGINES) {
  describe(`organisation admin in management (${engine})`, () => {
    let r: TestRegister;
    let admin: ManagementClient;
    let adminB: ManagementClient;
    let editor: ManagementClient;
    let memberId: number;
    let adminName: string;
    const db = () => r.app.ctx.kysely;
    const tokenWith = async (clientId: string, secret: string) => {
      const response = await fetch(`${r.url}/oauth/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: secret }) });
      return response.status;
    };
    const events = async (action: string) => (await db().selectFrom('audit_events').select('detail').where('action', '=', action).execute()).map((e) => e.detail ?? '');

    before(async () => {
      r = await startRegister(engine);
      await r.org('gm0100', 'ictu_last', 'Gemeente Honderd');
      await r.org('gm0200', 'ictu_last', 'Gemeente Tweehonderd');
      admin = new ManagementClient(r);
      adminName = (await addPerson(r, { organisationRoles: { gm0100: ['orgdetail'] } })).username;
      await admin.signIn(adminName);
      adminB = new ManagementClient(r);
      await adminB.signIn((await addPerson(r, { organisationRoles: { gm0200: ['orgdetail'] } })).username);
      editor = new ManagementClient(r);
      await editor.signIn((await addPerson(r, { organisationRoles: { gm0100: ['role_1'] } })).username);
      await addPerson(r, { username: 'bea', email: 'bea@b.example.nl', organisationRoles: { gm0200: ['role_1'] } });
    });
    after(() => r.close());

    it('shows the admin pages and the menu item only to the organisation admin', async () => {
      for (const path of ['/beheer/organisatiebeheer', '/beheer/organisatiebeheer/gebruikers', '/beheer/organisatiebeheer/publicatiestroom', '/beheer/organisatiebeheer/profiel', '/beheer/organisatiebeheer/api-clients']) {
        assert.equal((await admin.get(path)).status, 200, path);
        assert.equal((await editor.get(path)).status, 403, path);
      }
      assert.match((await admin.get('/beheer/organisatiebeheer')).html, /href="\/beheer\/organisatiebeheer"/);
      assert.doesNotMatch((await editor.get('/beheer')).html, /href="\/beheer\/organisatiebeheer"/);
    });

    it('adds a new person by e-mail with an invitation, and an existing account without one; refuses bad input with values kept', async () => {
      await admin.get('/beheer/organisatiebeheer/gebruikers');
      const bad = await admin.post('/beheer/organisatiebeheer/gebruikers', { email: 'geen-adres', roles: 'role_1' });
      assert.equal(bad.status, 422);
      assert.match(textOf(bad.html), /Vul een geldig e-mailadres in/);
      assert.match(bad.html, /value="geen-adres"/);
      const beyond = await admin.post('/beheer/organisatiebeheer/gebruikers', { email: 'eve@a.example.nl', roles: 'admin' });
      assert.equal(beyond.status, 422);
      assert.match(textOf(beyond.html), /Kies alleen rollen uit de lijst/);
      assert.equal(await db().selectFrom('users').select('id').where('username', '=', 'eve@a.example.nl').executeTakeFirst(), undefined);

      const added = await admin.post('/beheer/organisatiebeheer/gebruikers', { email: 'Nieuw@A.example.nl', roles: 'role_1' });
      assert.equal(added.status, 303);
      const list = textOf((await admin.get(added.location!)).html);
      assert.match(list, /account voor nieuw@a\.example\.nl aangemaakt en een uitnodiging verstuurd/);
      assert.match(list, /nieuw@a\.example\.nl.*Redacteur/);
      const mail = (await listOutbox(db(), 5)).find((m) => m.to === 'nieuw@a.example.nl');
      assert.ok(mail?.text.includes('/beheer/wachtwoord-herstellen?token='), 'an invitation with a link to choose a password');
      memberId = (await db().selectFrom('users').select('id').where('username', '=', 'nieuw@a.example.nl').executeTakeFirstOrThrow()).id;

      // bea of B joins A with her own account.
      assert.equal((await admin.post('/beheer/organisatiebeheer/gebruikers', { email: 'bea@b.example.nl', roles: 'role_2' })).status, 303);
      const again = await admin.post('/beheer/organisatiebeheer/gebruikers', { email: 'bea@b.example.nl', roles: 'role_2' });
      assert.equal(again.status, 422);
      assert.match(textOf(again.html), /werkt al mee/);
      assert.equal((await events('member_added')).length, 2);
    });

    it('changes roles within the limits and removes from the organisation, never its own', async () => {
      const path = `/beheer/organisatiebeheer/gebruikers/${memberId}`;
      assert.equal((await admin.get(path)).status, 200);
      assert.equal((await admin.post(path, { roles: 'all_groups' })).status, 403);
      assert.equal((await admin.post(path, { roles: 'ictu' })).status, 403);
      // Two checkboxes: the same field twice in the body.
      const form = new URLSearchParams([['_csrf', admin.csrf!], ['roles', 'role_1'], ['roles', 'role_2']]);
      const saved = await fetch(r.url + path, { method: 'POST', headers: { cookie: admin.cookie!, 'content-type': 'application/x-www-form-urlencoded' }, body: form, redirect: 'manual' });
      assert.equal(saved.status, 303);
      const org = (await findOrganisation(db(), 'gm0100'))!;
      const roles = async () => JSON.parse((await db().selectFrom('user_organisations').select('roles').where('user_id', '=', memberId).where('organisation_id', '=', org.id).executeTakeFirstOrThrow()).roles);
      assert.deepEqual((await roles()).sort(), ['role_1', 'role_2']);
      assert.ok((await events('member_roles_changed')).some((d) => d.includes('role_2')));
      const self = (await db().selectFrom('users').select('id').where('username', '=', adminName).executeTakeFirstOrThrow()).id;
      assert.equal((await admin.get(`/beheer/organisatiebeheer/gebruikers/${self}`)).status, 403);
      assert.equal((await admin.post(`/beheer/organisatiebeheer/gebruikers/${self}/verwijderen`)).status, 403);
      assert.equal((await admin.post(`${path}/verwijderen`)).status, 303);
      assert.equal(await db().selectFrom('user_organisations').select('user_id').where('user_id', '=', memberId).where('organisation_id', '=', org.id).executeTakeFirst(), undefined);
      assert.equal((await events('member_removed')).length, 1);
    });

    it('chooses the flow with an explanation of each, audited', async () => {
      const form = await admin.get('/beheer/organisatiebeheer/publicatiestroom');
      assert.match(textOf(form.html), /centrale beheerder van het register controleert en publiceert/);
      assert.match(textOf(form.html), /vaststeller van uw eigen organisatie keurt goed/);
      assert.equal((await admin.post('/beheer/organisatiebeheer/publicatiestroom', { flow: 'alles_mag' })).status, 422);
      assert.equal((await admin.post('/beheer/organisatiebeheer/publicatiestroom', { flow: 'self_publish_two' })).status, 303);
      assert.equal((await findOrganisation(db(), 'gm0100'))!.flow, 'self_publish_two');
      assert.equal((await events('organisation_flow_changed')).length, 1);
    });

    it('stores the profile sanitised to the allow-list and shows what the public reads', async () => {
      await admin.get('/beheer/organisatiebeheer/profiel');
      const saved = await admin.post('/beheer/organisatiebeheer/profiel', {
        about: '<p onclick="alert(1)">Wij zijn:</p><ul><li>Honderd</li></ul><script>alert(2)</script><img src=x onerror=alert(3)>',
        contact: '<a href="javascript:alert(4)">Bel ons</a><style>body{}</style>',
      });
      assert.equal(saved.status, 303);
      const org = (await findOrganisation(db(), 'gm0100'))!;
      assert.equal(org.about_html, '<p>Wij zijn:</p><ul><li>Honderd</li></ul>');
      assert.doesNotMatch(org.contact_html ?? '', /javascript|style|href/);
      const shown = await admin.get(saved.location!);
      assert.match(shown.html, /<p>Wij zijn:<\/p><ul><li>Honderd<\/li><\/ul>/);
      assert.doesNotMatch(shown.html, /<script>alert|onerror=|onclick=/);
      assert.equal((await events('organisation_profile_changed')).length, 1);
    });

    it('creates an API client with the flow’s roles, shows the secret once, and the secret works until rotated or revoked', async () => {
      const form = await admin.get('/beheer/organisatiebeheer/api-clients');
      assert.match(form.html, /value="role_2"/); // self_publish_two
      assert.doesNotMatch(form.html, /value="ictu"|value="admin"|value="orgdetail"/);
      assert.equal((await admin.post('/beheer/organisatiebeheer/api-clients', { name: 'Leverancier', roles: 'ictu' })).status, 422);
      const refused = await admin.post('/beheer/organisatiebeheer/api-clients', { name: '', roles: 'role_1' });
      assert.equal(refused.status, 422);
      assert.match(textOf(refused.html), /Geef de client een naam/);
      const created = await admin.post('/beheer/organisatiebeheer/api-clients', { name: 'Leverancier', roles: 'role_1' });
      assert.equal(created.status, 201);
      const clientId = /data-client-id[^>]*>([^<]+)</.exec(created.html)![1]!;
      const secret = /data-client-secret[^>]*>([^<]+)</.exec(created.html)![1]!;
      assert.equal(await tokenWith(clientId, secret), 200);
      const list = await admin.get('/beheer/organisatiebeheer/api-clients');
      assert.ok(list.html.includes(clientId) && !list.html.includes(secret), 'listed, the secret not shown again');

      const rotated = await admin.post(`/beheer/organisatiebeheer/api-clients/${clientId}/vernieuwen`);
      assert.equal(rotated.status, 200);
      const newSecret = /data-client-secret[^>]*>([^<]+)</.exec(rotated.html)![1]!;
      assert.notEqual(newSecret, secret);
      assert.notEqual(await tokenWith(clientId, secret), 200);
      assert.equal(await tokenWith(clientId, newSecret), 200);

      await admin.get('/beheer/organisatiebeheer/api-clients');
      assert.equal((await admin.post(`/beheer/organisatiebeheer/api-clients/${clientId}/intrekken`)).status, 303);
      assert.notEqual(await tokenWith(clientId, newSecret), 200);
      for (const action of ['client_created', 'client_secret_rotated', 'client_revoked']) assert.ok((await events(action)).some((d) => d.includes(clientId)), action);
    });

    it('matrix: an admin of B reaches nothing of A, and someone without the role changes nothing', async () => {
      const a = (await findOrganisation(db(), 'gm0100'))!;
      const { clientId } = await (await import('../../src/auth/clients.ts')).createClient(db(), { name: 'Van A', organisation: 'gm0100', roles: ['role_1'] }, { id: 'system', name: 'system' });
      const before = JSON.stringify(await db().selectFrom('organisations').selectAll().where('id', '=', a.id).executeTakeFirst());
      const membersBefore = JSON.stringify(await db().selectFrom('user_organisations').selectAll().orderBy('user_id').execute());
      const clientsBefore = JSON.stringify(await db().selectFrom('api_clients').selectAll().orderBy('id').execute());
      // bea is now a member of A (added above); B's admin still cannot see or touch her roles in A.
      const beaInA = (await db().selectFrom('users').select('id').where('username', '=', 'bea').executeTakeFirstOrThrow()).id;
      for (const c of [adminB, editor]) {
        await c.get('/beheer');
        const attempts: [string, Record<string, string>][] = [
          [`/beheer/organisatiebeheer/api-clients/${clientId}/vernieuwen`, {}],
          [`/beheer/organisatiebeheer/api-clients/${clientId}/intrekken`, {}],
          [`/beheer/organisatiebeheer/gebruikers/${beaInA}`, { roles: 'orgdetail' }],
          [`/beheer/organisatiebeheer/gebruikers/${beaInA}/verwijderen`, {}],
          ['/beheer/organisatiebeheer/publicatiestroom', { flow: 'ictu_last' }],
          ['/beheer/organisatiebeheer/profiel', { about: '<p>Overgenomen</p>', contact: '' }],
          ['/beheer/organisatiebeheer/api-clients', { name: 'Indringer', roles: 'role_1' }],
        ];
        for (const [path, fields] of attempts) {
          const response = await c.post(path, fields);
          if (c === editor) assert.equal(response.status, 403, `editor ${path}`);
          else if (path.includes(clientId) || path.includes(`/${beaInA}`)) {
            // B's admin works in B: A's client is not found there, and bea's membership in B is not her membership in A.
            assert.ok([403, 404, 303].includes(response.status), `${path}: ${response.status}`);
          }
        }
        const pageOfB = textOf((await c.get('/beheer/organisatiebeheer/api-clients')).html);
        assert.ok(!pageOfB.includes(clientId), 'A’s client not listed');
      }
      assert.equal(JSON.stringify(await db().selectFrom('organisations').selectAll().where('id', '=', a.id).executeTakeFirst()), before);
      assert.equal(JSON.stringify(await db().selectFrom('api_clients').selectAll().where('organisation_id', '=', a.id).orderBy('id').execute()), JSON.stringify(JSON.parse(clientsBefore).filter((c: { organisation_id: number }) => c.organisation_id === a.id)));
      const aMembers = (rows: { organisation_id: number }[]) => JSON.stringify(rows.filter((m) => m.organisation_id === a.id));
      assert.equal(aMembers(await db().selectFrom('user_organisations').selectAll().orderBy('user_id').execute()), aMembers(JSON.parse(membersBefore)));
      assert.ok(!textOf((await adminB.get('/beheer/organisatiebeheer/gebruikers')).html).includes('nieuw@a.example.nl'));
    });
  });
}
