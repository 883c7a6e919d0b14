// Password reset by mail: the link arrives through the register's mailer (the development
// outbox here), works once, expires, is stored only as a hash, and the new password replaces the
// old one everywhere (all sessions end, the lockout is cleared).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { ENGINES } from '../helpers/engines.ts';
import { startRegister, type TestRegister } from '../helpers/server.ts';
import { addPerson, ManagementClient, PASSWORD, textOf } from './management-client.ts';
import { MAX_FAILURES } from '../../src/auth/lockout.ts';
import { RESETS_PER_ACCOUNT } from '../../src/auth/password-reset.ts';

const NEW_PASSWORD = 'een nieuw en lang wachtwoord';

for (const engine of ENGINES) {
  describe(`password reset by mail (${engine})`, () => {
    let r: TestRegister;
    before(async () => {
      r = await startRegister(engine);
      await r.org('gm0001', 'ictu_last', 'Gemeente Een');
    });
    after(() => r.close());

    const mailsTo = (address: string) => r.app.ctx.kysely.selectFrom('outbox').selectAll().where('to', '=', address).orderBy('id').execute();
    const linkIn = (text: string) => {
      const link = /(http\S+\/beheer\/wachtwoord-herstellen\?token=\S+)/.exec(text)?.[1];
      assert.ok(link, `a reset link in: ${text}`);
      return new URL(link);
    };

    async function requestReset(identifier: string) {
      const c = new ManagementClient(r);
      await c.get('/beheer/wachtwoord-vergeten');
      return c.post('/beheer/wachtwoord-vergeten', { identifier });
    }

    it('mails a single-use link that sets a new password, ends every session and clears the lockout', async () => {
      const { username } = await addPerson(r, { roles: ['role_1'], organisations: ['gm0001'], email: 'rosa@gemeente-een.example.nl' });
      const signedIn = new ManagementClient(r);
      await signedIn.signIn(username);
      assert.equal((await signedIn.get('/beheer')).status, 200);
      const stranger = new ManagementClient(r);
      await stranger.get('/beheer/inloggen');
      for (let i = 0; i < MAX_FAILURES; i++) await stranger.post('/beheer/inloggen', { username, password: 'geraden' });
      assert.equal((await stranger.post('/beheer/inloggen', { username, password: PASSWORD })).status, 429, 'locked before the reset');

      const sent = await requestReset(username);
      assert.equal(sent.status, 200);
      assert.match(textOf(sent.html), /hebben wij een link gestuurd/);
      const [mail] = await mailsTo('rosa@gemeente-een.example.nl');
      assert.ok(mail);
      assert.equal(mail.subject, 'Nieuw wachtwoord voor het Algoritmeregister');
      const link = linkIn(mail.text);
      assert.equal(link.origin, r.url);
      const token = link.searchParams.get('token')!;
      assert.match(token, /^[A-Za-z0-9_-]{43}$/, '256 random bits');
      const stored = await r.app.ctx.kysely.selectFrom('password_resets').select('token_hash').execute();
      assert.ok(stored.every((row) => row.token_hash !== token), 'the token itself is not stored');
      assert.ok(stored.some((row) => row.token_hash === createHash('sha256').update(token).digest('hex')));

      const c = new ManagementClient(r);
      const form = await c.get(link.pathname + link.search);
      assert.equal(form.status, 200);
      assert.match(textOf(form.html), new RegExp(`nieuw wachtwoord voor het account ${username}`));

      const short = await c.post('/beheer/wachtwoord-herstellen', { token, password: 'kort', repeat: 'kort' });
      assert.equal(short.status, 422);
      assert.match(textOf(short.html), /Het wachtwoord is te kort: 4 tekens, minstens 12\./);
      assert.match(short.html, /id="password-error"/);
      const differ = await c.post('/beheer/wachtwoord-herstellen', { token, password: NEW_PASSWORD, repeat: `${NEW_PASSWORD}!` });
      assert.equal(differ.status, 422);
      assert.match(differ.html, /id="repeat-error"[^>]*>.*De twee wachtwoorden zijn niet gelijk\./s);

      const done = await c.post('/beheer/wachtwoord-herstellen', { token, password: NEW_PASSWORD, repeat: NEW_PASSWORD });
      assert.equal(done.status, 303);
      assert.equal(done.location, '/beheer/inloggen?melding=herstel-klaar');
      assert.match(textOf((await c.get(done.location!)).html), /Uw wachtwoord is gewijzigd\./);

      assert.equal((await signedIn.get('/beheer')).status, 303, 'the session from before the reset has ended');
      assert.equal((await new ManagementClient(r).signIn(username, PASSWORD)).status, 401, 'the old password no longer works');
      assert.equal((await new ManagementClient(r).signIn(username, NEW_PASSWORD)).status, 303, 'the new one does, lockout cleared');

      const reused = new ManagementClient(r);
      assert.equal((await reused.get(link.pathname + link.search)).status, 404, 'the link works once');
      const reusedPost = await reused.post('/beheer/wachtwoord-herstellen', { token, password: 'nog een ander wachtwoord', repeat: 'nog een ander wachtwoord' });
      assert.equal(reusedPost.status, 404);
      assert.match(textOf(reusedPost.html), /onbekend, al gebruikt of verlopen/);
      const events = await r.app.ctx.kysely.selectFrom('audit_events').select('action').where('action', 'in', ['password_reset_requested', 'password_reset']).execute();
      assert.deepEqual(events.map((e) => e.action).sort(), ['password_reset', 'password_reset_requested']);
    });

    it('answers the same for an unknown name or an account without address, and sends nothing', async () => {
      const { username } = await addPerson(r, { roles: ['role_1'], organisations: ['gm0001'] });
      const before = (await r.app.ctx.kysely.selectFrom('outbox').select('id').execute()).length;
      const unknown = await requestReset('niemand-bekend');
      const noAddress = await requestReset(username);
      assert.equal(unknown.status, 200);
      assert.equal(textOf(unknown.html), textOf(noAddress.html));
      assert.equal((await r.app.ctx.kysely.selectFrom('outbox').select('id').execute()).length, before);
    });

    it(`sends at most ${RESETS_PER_ACCOUNT} links an hour to one account, answering the same every time`, async () => {
      const { username } = await addPerson(r, { roles: ['role_1'], organisations: ['gm0001'], email: 'veel@example.nl' });
      const answers = [];
      for (let i = 0; i < RESETS_PER_ACCOUNT + 2; i++) answers.push(textOf((await requestReset(username)).html));
      assert.equal((await mailsTo('veel@example.nl')).length, RESETS_PER_ACCOUNT);
      assert.equal(new Set(answers).size, 1);
    });

    it('finds the account by e-mail address too, in any case', async () => {
      await addPerson(r, { roles: ['role_1'], organisations: ['gm0001'], email: 'Kees@Gemeente-Een.example.nl' });
      await requestReset('kees@gemeente-een.example.nl');
      assert.equal((await mailsTo('Kees@Gemeente-Een.example.nl')).length, 1);
    });

    it('refuses an expired link and shows bad input at the field', async () => {
      const { username } = await addPerson(r, { roles: ['role_1'], organisations: ['gm0001'], email: 'verlopen@example.nl' });
      await requestReset(username);
      const token = linkIn((await mailsTo('verlopen@example.nl'))[0]!.text).searchParams.get('token')!;
      await r.app.ctx.kysely.updateTable('password_resets').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).execute();
      const c = new ManagementClient(r);
      assert.equal((await c.get(`/beheer/wachtwoord-herstellen?token=${token}`)).status, 404);
      assert.equal((await c.get('/beheer/wachtwoord-herstellen?token=%00%27')).status, 400);
      assert.equal((await c.get('/beheer/wachtwoord-herstellen')).status, 404);

      const empty = await requestReset('   ');
      assert.equal(empty.status, 422);
      assert.match(textOf(empty.html), /Vul uw gebruikersnaam of e-mailadres in\./);
      const long = await requestReset('x'.repeat(300));
      assert.equal(long.status, 422);
      assert.match(long.html, /value="x{300}"/, 'the value is kept');
    });
  });
}
