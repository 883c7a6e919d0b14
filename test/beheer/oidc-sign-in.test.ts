// Signing in to management through an external OpenID Provider: a real provider (oidc-provider)
// on 127.0.0.1, walked over real HTTP with the cookies of a browser at both ends. The identity
// is linked the first time by a verified e-mail address and after that by its subject; a stale,
// foreign or cancelled attempt and an unknown person are refused with a page that says so; the
// session gets a new id at sign-in.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINES } from '../helpers/engines.ts';
import { startRegister, type TestRegister } from '../helpers/server.ts';
import { addPerson, ManagementClient, textOf } from './management-client.ts';
import { TestProvider } from './oidc-provider.ts';
import { OIDC_CALLBACK_PATH } from '../../src/beheer/oidc-sign-in-pages.tsx';

for (const engine of ENGINES) {
  describe(`management sign-in through an OpenID Provider (${engine})`, () => {
    let r: TestRegister;
    let op: TestProvider;
    before(async () => {
      op = await TestProvider.listen();
      r = await startRegister(engine, {
        MANAGEMENT_OIDC_ISSUER: op.issuer,
        MANAGEMENT_OIDC_CLIENT_ID: op.clientId,
        MANAGEMENT_OIDC_CLIENT_SECRET: op.clientSecret,
        MANAGEMENT_OIDC_LABEL: 'Inloggen met Testprovider',
      });
      await op.start(`${r.url}${OIDC_CALLBACK_PATH}`);
      await r.org('gm0001', 'ictu_last', 'Gemeente Een');
    });
    after(async () => {
      await r.close();
      await op.close();
    });

    const db = () => r.app.ctx.kysely;
    const linksOf = (username: string) =>
      db().selectFrom('external_identities').innerJoin('users', 'users.id', 'external_identities.user_id').select(['subject', 'issuer']).where('users.username', '=', username).execute();

    /**
     * Starts at the register's start link and follows the provider's redirects (login, resume)
     * until the provider sends the browser back; answers that address, not yet visited.
     */
    async function toCallback(c: ManagementClient, terug = '/beheer'): Promise<URL> {
      const start = await c.get(`/beheer/inloggen/oidc?terug=${encodeURIComponent(terug)}`);
      assert.equal(start.status, 303, start.html);
      let location = new URL(start.location!);
      assert.equal(location.origin, op.issuer);
      assert.equal(location.searchParams.get('code_challenge_method'), 'S256');
      for (let hops = 0; location.origin === op.issuer; hops++) {
        assert.ok(hops < 10, 'too many redirects at the provider');
        const response = await op.fetch(location.href);
        assert.ok([302, 303].includes(response.status), `${location.href}: ${response.status} ${await response.text()}`);
        location = new URL(response.headers.get('location')!, location);
      }
      assert.equal(location.origin + location.pathname, `${r.url}${OIDC_CALLBACK_PATH}`);
      return location;
    }

    const back = (c: ManagementClient, url: URL) => c.get(url.pathname + url.search);

    async function signedInAs(c: ManagementClient): Promise<string | undefined> {
      const home = await c.get('/beheer');
      if (home.status !== 200) return undefined;
      return /Ingelogd als ([^<]+)/.exec(home.html)?.[1]?.trim();
    }

    it('offers the provider on the sign-in page, with the configured label', async () => {
      const c = new ManagementClient(r);
      const form = await c.get('/beheer/inloggen?terug=%2Fbeheer%2Ffoutmeldingen');
      assert.equal(form.status, 200);
      assert.match(form.html, /href="\/beheer\/inloggen\/oidc\?terug=%2Fbeheer%2Ffoutmeldingen"[^>]*>Inloggen met Testprovider</);
    });

    it('links a verified e-mail address the first time, signs in with a new session id, and returns to the page asked for', async () => {
      await addPerson(r, { username: 'eva', firstName: 'Eva', lastName: 'Editor', email: 'Eva.Editor@gemeente-een.nl', roles: ['role_1'], organisations: ['gm0001'] });
      op.addPerson({ sub: 'op-eva', email: 'eva.editor@gemeente-een.nl', email_verified: true, name: 'Eva Editor' });
      op.signInAs('op-eva');
      op.forget();
      const c = new ManagementClient(r);
      await c.get('/beheer/inloggen');
      const before = c.cookie!;
      const csrfBefore = c.csrf!;
      assert.ok(before);

      const callback = await toCallback(c, '/beheer/foutmeldingen');
      assert.equal(c.cookie, before, 'the attempt is kept on the server, not in a cookie');
      const done = await back(c, callback);
      assert.equal(done.status, 303, textOf(done.html));
      assert.equal(done.location, '/beheer/foutmeldingen');
      assert.ok(c.cookie && c.cookie !== before, 'a new session id at sign-in');

      assert.equal(await signedInAs(c), 'Eva Editor');
      assert.notEqual(c.csrf, csrfBefore, 'a new CSRF token at sign-in');
      assert.deepEqual(await linksOf('eva'), [{ subject: 'op-eva', issuer: op.issuer }]);
      const events = await db().selectFrom('audit_events').select(['action', 'detail']).where('action', 'in', ['signed_in', 'external_identity_linked']).execute();
      assert.ok(events.some((e) => e.action === 'external_identity_linked' && JSON.parse(e.detail!).username === 'eva'));
      assert.ok(events.some((e) => e.action === 'signed_in' && JSON.parse(e.detail!).method === 'oidc' && JSON.parse(e.detail!).username === 'eva'));

      // The id from before sign-in opens nothing.
      const stale = new ManagementClient(r);
      stale.cookie = before;
      assert.equal((await stale.get('/beheer')).status, 303);

      // The callback cannot be used a second time, not even by the same browser.
      const again = await back(c, callback);
      assert.equal(again.status, 303, 'signed in already: straight back');
      const other = new ManagementClient(r);
      await other.get('/beheer/inloggen');
      const replay = await back(other, callback);
      assert.equal(replay.status, 400);
      assert.match(textOf(replay.html), /inlogpoging is onbekend of verlopen/);
      assert.equal(await signedInAs(other), undefined);
    });

    it('finds a linked account by its subject later, whatever its e-mail address has become', async () => {
      await addPerson(r, { username: 'piet', firstName: 'Piet', lastName: 'Publicist', email: 'piet@gemeente-een.nl', roles: ['role_1'], organisations: ['gm0001'] });
      op.addPerson({ sub: 'op-piet', email: 'piet@gemeente-een.nl', email_verified: true });
      op.signInAs('op-piet');
      op.forget();
      const first = new ManagementClient(r);
      assert.equal((await back(first, await toCallback(first))).status, 303);
      assert.equal(await signedInAs(first), 'Piet Publicist');

      // Both addresses change; the link by subject still holds, and nobody else can claim the account by e-mail.
      await db().updateTable('users').set({ email: 'p.publicist@gemeente-een.nl' }).where('username', '=', 'piet').execute();
      op.addPerson({ sub: 'op-piet', email: 'piet.nieuw@elders.nl', email_verified: true });
      op.forget();
      const second = new ManagementClient(r);
      const done = await back(second, await toCallback(second));
      assert.equal(done.status, 303);
      assert.equal(await signedInAs(second), 'Piet Publicist');

      op.addPerson({ sub: 'op-imposter', email: 'p.publicist@gemeente-een.nl', email_verified: true });
      op.signInAs('op-imposter');
      op.forget();
      const imposter = new ManagementClient(r);
      const refused = await back(imposter, await toCallback(imposter));
      assert.equal(refused.status, 403);
      assert.match(textOf(refused.html), /al gekoppeld aan een andere identiteit/);
      assert.equal(await signedInAs(imposter), undefined);
      assert.deepEqual((await linksOf('piet')).map((l) => l.subject), ['op-piet']);
    });

    it('refuses an answer whose state belongs to another attempt, and that attempt is then used up', async () => {
      await addPerson(r, { username: 'sara', firstName: 'Sara', lastName: 'State', email: 'sara@gemeente-een.nl', roles: ['role_1'], organisations: ['gm0001'] });
      op.addPerson({ sub: 'op-sara', email: 'sara@gemeente-een.nl', email_verified: true });
      op.signInAs('op-sara');
      op.forget();
      const c = new ManagementClient(r);
      const callback = await toCallback(c);
      const forged = new URL(callback);
      forged.searchParams.set('state', 'x'.repeat(callback.searchParams.get('state')!.length));
      const refused = await back(c, forged);
      assert.equal(refused.status, 400);
      assert.match(textOf(refused.html), /hoort niet bij deze inlogpoging/);
      assert.equal(await signedInAs(c), undefined);
      // The genuine answer after a forged one finds no attempt any more.
      const late = await back(c, callback);
      assert.equal(late.status, 400);
      assert.equal(await signedInAs(c), undefined);
      assert.deepEqual(await linksOf('sara'), []);

      // Someone else's answer (login CSRF) does not sign a browser in, even one with an attempt of its own.
      op.forget();
      const attacker = new ManagementClient(r);
      const attackersCallback = await toCallback(attacker);
      const victim = new ManagementClient(r);
      await toCallback(victim);
      const planted = await back(victim, attackersCallback);
      assert.equal(planted.status, 400);
      assert.match(textOf(planted.html), /hoort niet bij deze inlogpoging/);
      assert.equal(await signedInAs(victim), undefined);
    });

    it('refuses an unknown person with a message and creates no account', async () => {
      op.addPerson({ sub: 'op-onbekend', email: 'onbekend@elders.nl', email_verified: true });
      op.signInAs('op-onbekend');
      op.forget();
      const c = new ManagementClient(r);
      const usersBefore = await db().selectFrom('users').select('id').execute();
      const refused = await back(c, await toCallback(c));
      assert.equal(refused.status, 403);
      assert.match(textOf(refused.html), /geen account voor onbekend@elders\.nl/);
      assert.match(refused.html, /href="\/beheer\/inloggen"/);
      assert.equal(await signedInAs(c), undefined);
      assert.equal((await db().selectFrom('users').select('id').execute()).length, usersBefore.length);
      assert.equal((await db().selectFrom('external_identities').select('subject').where('subject', '=', 'op-onbekend').execute()).length, 0);
    });

    it('does not link by an e-mail address the provider has not verified', async () => {
      await addPerson(r, { username: 'vera', firstName: 'Vera', lastName: 'Vals', email: 'vera@gemeente-een.nl', roles: ['role_1'], organisations: ['gm0001'] });
      op.addPerson({ sub: 'op-vera', email: 'vera@gemeente-een.nl', email_verified: false });
      op.signInAs('op-vera');
      op.forget();
      const c = new ManagementClient(r);
      const refused = await back(c, await toCallback(c));
      assert.equal(refused.status, 403);
      assert.match(textOf(refused.html), /niet bevestigd/);
      assert.equal(await signedInAs(c), undefined);
      assert.deepEqual(await linksOf('vera'), []);
    });

    it('says so when the person cancels at the provider', async () => {
      op.deny();
      op.forget();
      const c = new ManagementClient(r);
      const callback = await toCallback(c);
      assert.equal(callback.searchParams.get('error'), 'access_denied');
      const refused = await back(c, callback);
      assert.equal(refused.status, 401);
      assert.match(textOf(refused.html), /heeft het inloggen afgebroken/);
      assert.equal(await signedInAs(c), undefined);
    });

    it('answers a callback without an attempt, or with nonsense, with a page and not a 5xx', async () => {
      for (const query of ['', '?code=abc&state=def', '?error=access_denied', '?state=a&state=b&code=c', `?code=${'x'.repeat(3000)}`]) {
        const c = new ManagementClient(r);
        await c.get('/beheer/inloggen');
        const response = await c.get(`${OIDC_CALLBACK_PATH}${query}`);
        assert.equal(response.status, 400, query);
        assert.match(textOf(response.html), /Inloggen is niet gelukt/);
      }
      // With an attempt under way too.
      const c = new ManagementClient(r);
      await c.get('/beheer/inloggen/oidc');
      const nonsense = await c.get(`${OIDC_CALLBACK_PATH}?code=abc&state=a&state=b`);
      assert.equal(nonsense.status, 400);
    });
  });
}

describe('management sign-in without an OpenID Provider configured', () => {
  let r: TestRegister;
  before(async () => {
    r = await startRegister(ENGINES[0]!);
  });
  after(() => r.close());

  it('offers no provider and has no provider routes', async () => {
    const c = new ManagementClient(r);
    const form = await c.get('/beheer/inloggen');
    assert.equal(form.status, 200);
    assert.doesNotMatch(form.html, /inloggen\/oidc/);
    assert.equal((await c.get('/beheer/inloggen/oidc')).status, 404);
    assert.equal((await c.get(`${OIDC_CALLBACK_PATH}?code=a&state=b`)).status, 404);
  });
});
