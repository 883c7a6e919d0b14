// Signing in to management: password, TOTP as second step, lockout, a new session id at every
// step (no fixation), sign-out that ends the session on the server, idle expiry, and the cookie's flags.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINES } from '../helpers/engines.ts';
import { startRegister, type TestRegister } from '../helpers/server.ts';
import { addPerson, ManagementClient, PASSWORD, textOf, totpCode, wrongTotpCode } from './management-client.ts';
import { MAX_FAILURES, purgeOldFailures } from '../../src/auth/lockout.ts';
import { hashSessionId } from '../../src/auth/sessions.ts';
import { SIGN_IN_ATTEMPTS_PER_ADDRESS } from '../../src/beheer/rate-limits.ts';

for (const engine of ENGINES) {
  describe(`management sign-in (${engine})`, () => {
    let r: TestRegister;
    before(async () => {
      r = await startRegister(engine);
      await r.org('gm0001', 'ictu_last', 'Gemeente Een');
    });
    after(() => r.close());

    const auditActions = async (action: string) =>
      (await r.app.ctx.kysely.selectFrom('audit_events').select(['action', 'detail']).where('action', '=', action).execute()).map((e) => JSON.parse(e.detail ?? 'null'));

    it('sends a visitor without a session to the sign-in form and back to the page after signing in', async () => {
      const { username } = await addPerson(r, { roles: ['role_1'], organisations: ['gm0001'] });
      const c = new ManagementClient(r);
      const start = await c.get('/beheer?status=STATE_1');
      assert.equal(start.status, 303);
      assert.equal(start.location, '/beheer/inloggen?terug=%2Fbeheer%3Fstatus%3DSTATE_1');
      const form = await c.get(start.location!);
      assert.equal(form.status, 200);
      assert.match(form.html, /name="terug" value="\/beheer\?status=STATE_1"/);
      const signedIn = await c.post('/beheer/inloggen', { username, password: PASSWORD, terug: '/beheer?status=STATE_1' });
      assert.equal(signedIn.status, 303);
      assert.equal(signedIn.location, '/beheer?status=STATE_1');
      const list = await c.get('/beheer');
      assert.equal(list.status, 200);
      assert.match(textOf(list.html), /Algoritmes van Gemeente Een/);
      assert.ok((await auditActions('signed_in')).some((d) => d.username === username && d.second_factor === false));
    });

    it('never returns to another site after signing in', async () => {
      const { username } = await addPerson(r, { roles: ['role_1'], organisations: ['gm0001'] });
      const c = new ManagementClient(r);
      await c.get('/beheer/inloggen');
      for (const terug of ['https://evil.example/', '//evil.example/beheer', '/beheer/../x', '/beheer/%2E%2e/x', '/beheer\\evil.example', '/elders', '/beheer/foutmeldingen']) {
        const again = new ManagementClient(r);
        await again.get('/beheer/inloggen');
        const response = await again.post('/beheer/inloggen', { username, password: PASSWORD, terug });
        assert.equal(response.status, 303);
        assert.equal(response.location, terug === '/beheer/foutmeldingen' ? terug : '/beheer', terug);
      }
    });

    it('gives the session a new id at sign-in; the id from before sign-in opens nothing', async () => {
      const { username } = await addPerson(r, { roles: ['role_1'], organisations: ['gm0001'] });
      const c = new ManagementClient(r);
      await c.get('/beheer/inloggen');
      const before = c.cookie!;
      const csrfBefore = c.csrf!;
      assert.ok(before);
      await c.post('/beheer/inloggen', { username, password: PASSWORD });
      assert.ok(c.cookie && c.cookie !== before, 'a new session id');
      assert.equal((await c.get('/beheer')).status, 200);
      assert.notEqual(c.csrf, csrfBefore, 'a new CSRF token');

      // An attacker who planted or saw the old id gets the sign-in form, not the session.
      const attacker = new ManagementClient(r);
      attacker.cookie = before;
      const response = await attacker.get('/beheer');
      assert.equal(response.status, 303);
      assert.match(response.location!, /^\/beheer\/inloggen/);
    });

    it('sets the cookie HttpOnly, SameSite=Lax, on the management path; Secure when the register is reached over https', async () => {
      const c = new ManagementClient(r);
      const plain = await c.get('/beheer/inloggen');
      assert.match(plain.setCookie!, /HttpOnly/);
      assert.match(plain.setCookie!, /SameSite=Lax/);
      assert.match(plain.setCookie!, /Path=\/beheer/);
      assert.doesNotMatch(plain.setCookie!, /Secure/);
      const publicUrl = r.config.publicUrl;
      r.config.publicUrl = 'https://register.example.nl';
      try {
        const secure = await new ManagementClient(r).get('/beheer/inloggen');
        assert.match(secure.setCookie!, /^__Secure-beheer-sessie=/);
        assert.match(secure.setCookie!, /; Secure/);
        assert.match(secure.setCookie!, /HttpOnly/);
      } finally {
        r.config.publicUrl = publicUrl;
      }
    });

    it('shows missing fields at the field with the username kept', async () => {
      const c = new ManagementClient(r);
      await c.get('/beheer/inloggen');
      const response = await c.post('/beheer/inloggen', { username: 'iemand<b>', password: '' });
      assert.equal(response.status, 422);
      assert.match(response.html, /id="password-error"[^>]*>.*Vul uw wachtwoord in\./s);
      assert.match(response.html, /href="#password"/);
      assert.match(response.html, /value="iemand&lt;b>"/);
      assert.match(response.html, /<title>Fout: Inloggen/);
      const nothing = await c.post('/beheer/inloggen', {});
      assert.equal(nothing.status, 422);
      assert.match(textOf(nothing.html), /Vul uw gebruikersnaam in\./);
    });

    it('refuses a wrong password with one message for unknown names and wrong passwords', async () => {
      const { username } = await addPerson(r, { roles: ['role_1'], organisations: ['gm0001'] });
      const c = new ManagementClient(r);
      await c.get('/beheer/inloggen');
      const wrong = await c.post('/beheer/inloggen', { username, password: 'niet het wachtwoord' });
      const unknown = await c.post('/beheer/inloggen', { username: 'bestaat-niet', password: 'niet het wachtwoord' });
      assert.equal(wrong.status, 401);
      assert.equal(unknown.status, 401);
      assert.match(textOf(wrong.html), /De gebruikersnaam of het wachtwoord klopt niet\./);
      assert.equal(textOf(wrong.html).replace(username, 'X'), textOf(unknown.html).replace('bestaat-niet', 'X'));
      assert.equal((await c.get('/beheer')).status, 303, 'not signed in');
    });

    it('asks for the TOTP code after the password, and signs in only with the right code', async () => {
      const { username, totpSecret } = await addPerson(r, { roles: ['role_1'], organisations: ['gm0001'], totp: true });
      const c = new ManagementClient(r);
      await c.get('/beheer/inloggen');
      const anonymous = c.cookie;
      const step1 = await c.post('/beheer/inloggen', { username, password: PASSWORD, terug: '/beheer/foutmeldingen' });
      assert.equal(step1.status, 303);
      assert.equal(step1.location, '/beheer/inloggen/code?terug=%2Fbeheer%2Ffoutmeldingen');
      const pending = c.cookie;
      assert.notEqual(pending, anonymous, 'a new session id after the password');
      assert.equal((await c.get('/beheer')).status, 303, 'the password alone does not sign in');

      const form = await c.get(step1.location!);
      assert.equal(form.status, 200);
      assert.match(form.html, /autocomplete="one-time-code"/);

      const wrongCode = wrongTotpCode(totpSecret!);
      const wrong = await c.post('/beheer/inloggen/code', { code: wrongCode, terug: '/beheer/foutmeldingen' });
      assert.equal(wrong.status, 401);
      assert.match(textOf(wrong.html), /Deze code klopt niet of is verlopen/);
      assert.match(wrong.html, /aria-invalid="true"/);
      const malformed = await c.post('/beheer/inloggen/code', { code: '12ab', terug: '/beheer' });
      assert.equal(malformed.status, 422);
      assert.match(textOf(malformed.html), /precies 6 cijfers/);
      assert.equal((await c.get('/beheer')).status, 303, 'a wrong code does not sign in');

      const right = await c.post('/beheer/inloggen/code', { code: await totpCode(totpSecret!), terug: '/beheer/foutmeldingen' });
      assert.equal(right.status, 303);
      assert.equal(right.location, '/beheer/foutmeldingen');
      assert.notEqual(c.cookie, pending, 'a new session id after the code');
      assert.equal((await c.get('/beheer')).status, 200);
      assert.ok((await auditActions('signed_in')).some((d) => d.username === username && d.second_factor === true));

      // The session that waited for the code is gone.
      const old = new ManagementClient(r);
      old.cookie = pending;
      assert.equal((await old.get('/beheer/inloggen/code')).location, '/beheer/inloggen');
    });

    it(`locks a username after ${MAX_FAILURES} failures within 15 minutes, even for the right password, with a clear message, audited`, async () => {
      const { username } = await addPerson(r, { roles: ['role_1'], organisations: ['gm0001'] });
      const c = new ManagementClient(r);
      await c.get('/beheer/inloggen');
      for (let i = 1; i < MAX_FAILURES; i++) {
        assert.equal((await c.post('/beheer/inloggen', { username, password: `fout ${i}` })).status, 401);
      }
      const last = await c.post('/beheer/inloggen', { username, password: 'fout laatste' });
      assert.equal(last.status, 429);
      assert.match(textOf(last.html), /te vaak verkeerd ingelogd met deze gebruikersnaam\. Inloggen kan weer vanaf \d\d:\d\d/);
      const right = await c.post('/beheer/inloggen', { username, password: PASSWORD });
      assert.equal(right.status, 429, 'the right password does not open a locked account');
      assert.equal((await c.get('/beheer')).status, 303);
      const locked = await auditActions('sign_in_locked');
      assert.ok(locked.some((d) => d.username === username && d.failures === MAX_FAILURES));

      // Another account is not affected; the failures of a name expire after the window.
      const other = await addPerson(r, { roles: ['role_1'], organisations: ['gm0001'] });
      assert.equal((await new ManagementClient(r).signIn(other.username)).status, 303);
      const old = new Date(Date.now() - 16 * 60 * 1000).toISOString();
      await r.app.ctx.kysely.updateTable('sign_in_failures').set({ at: old }).where('username', '=', username).execute();
      assert.equal((await c.post('/beheer/inloggen', { username, password: PASSWORD })).status, 303);
      await purgeOldFailures(r.app.ctx.kysely);
      assert.deepEqual(await r.app.ctx.kysely.selectFrom('sign_in_failures').select('id').where('username', '=', username).execute(), [], 'expired failures are forgotten');
    });

    it('refuses a blocked account, saying so only to whoever knows its password', async () => {
      const { username } = await addPerson(r, { roles: ['role_1', 'disabled'], organisations: ['gm0001'] });
      const c = new ManagementClient(r);
      await c.get('/beheer/inloggen');
      const wrong = await c.post('/beheer/inloggen', { username, password: 'niet het wachtwoord' });
      assert.equal(wrong.status, 401);
      assert.doesNotMatch(textOf(wrong.html), /geblokkeerd/);
      const right = await c.post('/beheer/inloggen', { username, password: PASSWORD });
      assert.equal(right.status, 403);
      assert.match(textOf(right.html), /Dit account is geblokkeerd\./);
      assert.equal((await c.get('/beheer')).status, 303, 'not signed in');
    });

    it('accepts a TOTP code once: the same code in another sign-in is refused', async () => {
      const { username, totpSecret } = await addPerson(r, { roles: ['role_1'], organisations: ['gm0001'], totp: true });
      const code = await totpCode(totpSecret!);
      const statuses = [];
      for (const c of [new ManagementClient(r), new ManagementClient(r)]) {
        await c.get('/beheer/inloggen');
        const step1 = await c.post('/beheer/inloggen', { username, password: PASSWORD });
        await c.get(step1.location!);
        const answer = await c.post('/beheer/inloggen/code', { code });
        statuses.push(answer.status);
        if (answer.status !== 303) assert.match(textOf(answer.html), /Deze code klopt niet of is verlopen/);
      }
      assert.deepEqual(statuses, [303, 401]);
    });

    it('counts wrong TOTP codes towards the lockout', async () => {
      const { username, totpSecret } = await addPerson(r, { roles: ['role_1'], organisations: ['gm0001'], totp: true });
      const c = new ManagementClient(r);
      await c.get('/beheer/inloggen');
      await c.post('/beheer/inloggen', { username, password: PASSWORD });
      // The form of the renewed session carries its new CSRF token; the old one is refused.
      assert.equal((await c.post('/beheer/inloggen/code', { code: '000000' })).status, 403);
      await c.get('/beheer/inloggen/code');
      const wrongCode = wrongTotpCode(totpSecret!);
      const statuses = [];
      for (let i = 0; i < MAX_FAILURES; i++) statuses.push((await c.post('/beheer/inloggen/code', { code: wrongCode })).status);
      assert.deepEqual(statuses, [401, 401, 401, 401, 429]);
      const right = await c.post('/beheer/inloggen/code', { code: await totpCode(totpSecret!) });
      assert.equal(right.status, 429);
    });

    it('ends the session on the server at sign-out: the old cookie opens nothing', async () => {
      const { username } = await addPerson(r, { roles: ['role_1'], organisations: ['gm0001'] });
      const c = new ManagementClient(r);
      await c.signIn(username);
      const session = c.cookie!;
      assert.equal((await c.get('/beheer')).status, 200);
      const out = await c.post('/beheer/uitloggen');
      assert.equal(out.status, 303);
      assert.equal(out.location, '/beheer/inloggen?melding=uitgelogd');
      assert.match(out.setCookie!, /beheer-sessie=;/, 'the browser is told to forget the cookie');
      const replay = new ManagementClient(r);
      replay.cookie = session;
      const response = await replay.get('/beheer');
      assert.equal(response.status, 303, 'the old session id is dead on the server');
      const stored = await r.app.ctx.kysely.selectFrom('sessions').select('id_hash').where('id_hash', '=', hashSessionId(session.split('=')[1]!)).execute();
      assert.deepEqual(stored, [], 'the session row is deleted');
      assert.match(textOf((await c.get(out.location!)).html), /U bent uitgelogd\./);
      assert.ok((await auditActions('signed_out')).some((d) => d.username === username));
    });
  });
}

for (const engine of ENGINES) {
  describe(`management session expiry (${engine})`, () => {
    let r: TestRegister;
    before(async () => {
      r = await startRegister(engine, { SESSION_IDLE_SECONDS: '2', SESSION_MAX_SECONDS: '3600' });
      await r.org('gm0001', 'ictu_last', 'Gemeente Een');
    });
    after(() => r.close());

    it('ends a session that was idle too long, and one that reached its maximum age however active', async () => {
      const { username } = await addPerson(r, { roles: ['role_1'], organisations: ['gm0001'] });
      const idle = new ManagementClient(r);
      await idle.signIn(username);
      assert.equal((await idle.get('/beheer')).status, 200);
      await new Promise((resolve) => setTimeout(resolve, 2500));
      assert.equal((await idle.get('/beheer')).status, 303, 'idle past the limit');

      const busy = new ManagementClient(r);
      await busy.signIn(username);
      assert.equal((await busy.get('/beheer')).status, 200);
      // Started 2 hours ago (seen just now): past SESSION_MAX_SECONDS=3600.
      await r.app.ctx.kysely.updateTable('sessions').set({ created_at: new Date(Date.now() - 2 * 3600 * 1000).toISOString() }).where('user_id', 'is not', null).execute();
      assert.equal((await busy.get('/beheer')).status, 303, 'past the absolute limit');
    });
  });
}

for (const engine of ENGINES) {
  describe(`management forms under load from one address (${engine})`, () => {
    let r: TestRegister;
    before(async () => {
      r = await startRegister(engine);
    });
    after(() => r.close());

    it(`allows ${SIGN_IN_ATTEMPTS_PER_ADDRESS} sign-in attempts per address in 15 minutes, then says how long to wait`, async () => {
      const c = new ManagementClient(r);
      await c.get('/beheer/inloggen');
      for (let i = 0; i < SIGN_IN_ATTEMPTS_PER_ADDRESS; i++) {
        assert.equal((await c.post('/beheer/inloggen', { username: `naam${i}`, password: 'geraden wachtwoord' })).status, 401);
      }
      const limited = await c.post('/beheer/inloggen', { username: 'nog-een', password: 'geraden wachtwoord' });
      assert.equal(limited.status, 429);
      assert.match(textOf(limited.html), /Te veel pogingen .* Probeer het over 15 minuten opnieuw\./);
      assert.ok(Number(limited.headers.get('retry-after')) > 0);
      const code = await c.post('/beheer/inloggen/code', { code: '123456' });
      assert.equal(code.status, 429, 'the code step shares the count');
      assert.equal((await c.get('/beheer/inloggen')).status, 200, 'pages stay open');
    });

    it('answers what a browser should never send with a page, not a server error', async () => {
      const c = new ManagementClient(r);
      await c.get('/beheer/wachtwoord-vergeten');
      const odd = await fetch(`${r.url}/beheer/wachtwoord-vergeten`, { method: 'POST', headers: { cookie: c.cookie!, 'content-type': 'application/xml' }, body: '<x/>' });
      assert.equal(odd.status, 415);
      assert.match(textOf(await odd.text()), /Verzoek niet verwerkt/);
      const large = await fetch(`${r.url}/beheer/wachtwoord-vergeten`, {
        method: 'POST',
        headers: { cookie: c.cookie!, 'content-type': 'application/x-www-form-urlencoded' },
        body: `_csrf=${c.csrf}&identifier=${'x'.repeat(100_000)}`,
      });
      assert.equal(large.status, 413);
      assert.match(textOf(await large.text()), /Verzoek niet verwerkt/);
      const json = await fetch(`${r.url}/beheer/wachtwoord-vergeten`, { method: 'POST', headers: { cookie: c.cookie!, 'content-type': 'application/json' }, body: '{"_csrf": ' });
      assert.equal(json.status, 400);
    });
  });
}
