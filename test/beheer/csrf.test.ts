// CSRF: every POST route under /beheer, found by walking the registered routes (so a new form
// cannot be forgotten), refuses a request without the session's token, with a wrong one and with
// another session's, with a 403 page that says what to do, and changes nothing.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { beheerMessages } from '../../src/beheer/messages.ts';
import { ENGINES } from '../helpers/engines.ts';
import { startRegister, type TestRegister } from '../helpers/server.ts';
import { managementRoutes } from '../../src/beheer/index.ts';
import { addAlgorithm, addPerson, addReport, ManagementClient, textOf } from './management-client.ts';

for (const engine of ENGINES) {
  describe(`CSRF on every management form (${engine})`, () => {
    let r: TestRegister;
    let username: string;
    let reportId: number;
    let lars: string;
    before(async () => {
      r = await startRegister(engine);
      await r.org('gm0001', 'ictu_last', 'Gemeente Een');
      await r.org('gm0002', 'ictu_last', 'Gemeente Twee');
      ({ username } = await addPerson(r, { roles: ['role_1'], organisations: ['gm0001', 'gm0002'] }));
      const algorithm = await addAlgorithm(r, 'gm0001', 'Parkeercontrole', 'PUBLISHED');
      lars = algorithm.lars;
      reportId = (await addReport(r, algorithm.lars, 'De contactgegevens kloppen niet meer.')).id;
    });
    after(() => r.close());

    /** Every POST route, its parameters filled with things of the organisation (a report, an algorithm). */
    const postRoutes = () =>
      (managementRoutes.get(r.app.ctx) ?? [])
        .filter((route) => route.method === 'POST')
        .map((route) => route.url.replace(':id', String(reportId)).replace(':lars', lars).replace(/:\w+/g, '1'));
    /** Fields that would make each form do something, were the token right. */
    const fields: Record<string, string> = { username: 'x', password: 'y', code: '123456', identifier: 'x', token: 'x', repeat: 'y', organisation: 'gm0002', lang: 'en', terug: '/beheer' };

    it('finds the management forms among the registered routes', () => {
      const routes = postRoutes();
      for (const expected of ['/beheer/inloggen', '/beheer/inloggen/code', '/beheer/uitloggen', '/beheer/wachtwoord-vergeten', '/beheer/wachtwoord-herstellen', `/beheer/foutmeldingen/${reportId}/afgehandeld`, '/beheer/organisatie', '/beheer/taal']) {
        assert.ok(routes.includes(expected), `${expected} in ${routes.join(', ')}`);
      }
    });

    it('refuses every POST without the token, with a wrong one, and with the token of another session', async () => {
      const c = new ManagementClient(r);
      assert.equal((await c.signIn(username)).status, 303);
      await c.get('/beheer');
      const other = new ManagementClient(r);
      await other.get('/beheer/inloggen');
      const variants: Record<string, Record<string, string>> = {
        'no token': { ...fields },
        'an empty token': { ...fields, _csrf: '' },
        'a wrong token': { ...fields, _csrf: c.csrf!.replace(/.$/, (ch) => (ch === 'A' ? 'B' : 'A')) },
        "another session's token": { ...fields, _csrf: other.csrf! },
      };
      for (const path of postRoutes()) {
        for (const [what, form] of Object.entries(variants)) {
          const response = await c.request('POST', path, form);
          assert.equal(response.status, 403, `${path} with ${what}`);
          assert.match(textOf(response.html), /Formulier niet geaccepteerd.*Er is niets gewijzigd\./, `${path} explains`);
          assert.equal(response.headers.get('cache-control'), 'no-store');
        }
      }
      // Nothing happened: still signed in, in Dutch, in the first organisation, the report still open.
      const list = await c.get('/beheer');
      assert.equal(list.status, 200);
      assert.match(textOf(list.html), /Algoritmes van Gemeente Een/);
      const report = await r.app.ctx.kysely.selectFrom('error_reports').select('status').where('id', '=', reportId).executeTakeFirstOrThrow();
      assert.equal(report.status, 'new');
    });

    it('refuses a POST from a visitor without any session', async () => {
      for (const path of postRoutes()) {
        const response = await new ManagementClient(r).request('POST', path, { ...fields, _csrf: 'whatever' });
        assert.equal(response.status, 403, path);
      }
    });

    it('accepts each form with the token of its own session (the 403s above are the token, nothing else)', async () => {
      for (const path of postRoutes()) {
        const c = new ManagementClient(r);
        await c.signIn(username);
        await c.get('/beheer');
        const response = await c.post(path, fields);
        // A form the editor may not use answers 403 from the policy; never the CSRF refusal.
        assert.doesNotMatch(response.html, new RegExp(beheerMessages.nl.csrfTitle), path);
        assert.ok(response.status < 500, `${path}: ${response.status}`);
      }
    });
  });
}
