// E-mail alerts, the domain: double opt-in, tokens, who gets which alert, and the SMTP headers; on both engines.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import nodemailer, { type Transport } from 'nodemailer';
import { ENGINES } from '../helpers/engines.ts';
import { runCli } from '../cli/run-cli.ts';
import { startRegister, type TestRegister } from '../helpers/server.ts';
import { validRecord } from '../fixtures/records.ts';
import { createMailer, type Mailer } from '../../src/mail/mailer.ts';
import { confirm, describeSearch, hashToken, sendAlerts, subscribe, unsubscribe } from '../../src/register/subscriptions.ts';

const V = '/aanleverapi/v1_0/organizations';
const SEARCH = '?q=parkeervergunning&theme=Verkeer';
const DAY = 24 * 3600 * 1000;

const tokenIn = (text: string, path: string) => {
  const match = new RegExp(`${path.replace(/\//g, '\\/')}\\?token=([A-Za-z0-9_-]+)`).exec(text);
  assert.ok(match, `no ${path} link in:\n${text}`);
  return match[1];
};

for (const engine of ENGINES) {
  describe(`e-mail alerts (${engine})`, () => {
    let r: TestRegister;
    let mailer: Mailer;
    let publish: (record: Record<string, unknown>) => Promise<string>;
    const outbox = (to: string) => r.app.ctx.kysely.selectFrom('outbox').selectAll().where('to', '=', to).orderBy('id').execute();
    const opts = () => ({ publicUrl: r.url });
    /** Subscribes and confirms through the link in the mail; returns the unsubscribe token the confirmation hands out. */
    const subscribed = async (email: string, query = SEARCH, language = 'nl') => {
      assert.deepEqual(await subscribe(r.app.ctx.kysely, mailer, { email, query, language }, opts()), { ok: true });
      const [mail] = (await outbox(email)).slice(-1);
      const token = tokenIn(mail.text, language === 'nl' ? '/abonneren/bevestigen' : '/en/subscribe/confirm');
      const confirmed = await confirm(r.app.ctx.kysely, token);
      assert.equal(confirmed.result, 'confirmed');
      assert.ok(confirmed.unsubscribeToken);
      return confirmed.unsubscribeToken;
    };

    before(async () => {
      r = await startRegister(engine);
      await r.org('gm0001', 'ictu_last', 'Gemeente Voorbeeld');
      const editor = await r.token(['role_1'], 'gm0001');
      const publisher = await r.token(['ictu', 'all_groups']);
      publish = async (record) => {
        const lars = (await r.call('POST', `${V}/gm0001/algorithms`, { token: editor, body: validRecord(record) })).body.lars_code;
        assert.equal((await r.call('PUT', `${V}/gm0001/algorithms/${lars}/release`, { token: editor })).status, 200);
        assert.equal((await r.call('PUT', `${V}/gm0001/algorithms/${lars}/publish`, { token: publisher })).status, 200);
        return lars;
      };
      mailer = createMailer(r.app.ctx.kysely, { from: 'register@example.org' });
    });
    after(() => r.close());

    it('subscribing stores an unconfirmed alert and mails a confirmation link; asking again makes no second one', async () => {
      const db = r.app.ctx.kysely;
      assert.deepEqual(await subscribe(db, mailer, { email: ' Ada@Example.org ', query: '?theme=Verkeer&q=parkeervergunning&page=3', language: 'nl' }, opts()), { ok: true });
      const rows = await db.selectFrom('subscriptions').selectAll().where('email', '=', 'ada@example.org').execute();
      assert.equal(rows.length, 1);
      assert.equal(rows[0].query, SEARCH, 'stored as the search page writes it, without the page');
      assert.equal(rows[0].confirmed_at, null);
      const [mail] = await outbox('ada@example.org');
      assert.match(mail.subject, /Bevestig/);
      assert.match(mail.text, /met de woorden “parkeervergunning”; thema: Verkeer/);
      const token = tokenIn(mail.text, '/abonneren/bevestigen');
      assert.ok(mail.text.includes(`${r.url}/abonneren/bevestigen?token=${token}`));
      assert.equal(rows[0].confirm_token_hash, hashToken(token), 'only the hash is stored');
      assert.ok(!JSON.stringify(rows[0]).includes(token));

      assert.deepEqual(await subscribe(db, mailer, { email: 'ada@example.org', query: SEARCH, language: 'nl' }, opts()), { ok: true });
      assert.equal((await db.selectFrom('subscriptions').select('id').where('email', '=', 'ada@example.org').execute()).length, 1);
      const mails = await outbox('ada@example.org');
      assert.equal(mails.length, 2);
      const renewed = tokenIn(mails[1].text, '/abonneren/bevestigen');
      assert.equal((await confirm(db, token)).result, 'unknown', 'a renewed request replaces the older link');
      assert.equal((await confirm(db, renewed)).result, 'confirmed');
      assert.equal((await confirm(db, renewed)).result, 'already_confirmed');

      // A live alert asked for again: still one row, and a note instead of a new opt-in.
      assert.deepEqual(await subscribe(db, mailer, { email: 'ada@example.org', query: SEARCH, language: 'nl' }, opts()), { ok: true });
      const [note] = (await outbox('ada@example.org')).slice(-1);
      assert.match(note.subject, /al een e-mailalert/);
      assert.doesNotMatch(note.text, /token=/);
      assert.equal((await db.selectFrom('subscriptions').select('id').where('email', '=', 'ada@example.org').execute()).length, 1);
    });

    it('bad addresses are refused and nothing is stored or sent', async () => {
      const db = r.app.ctx.kysely;
      const before = (await db.selectFrom('outbox').select('id').execute()).length;
      for (const [email, problem] of [
        ['', 'email_missing'],
        ['   ', 'email_missing'],
        ['geen-adres', 'email_invalid'],
        ['a@b', 'email_invalid'],
        ['two@@example.org', 'email_invalid'],
        [`${'x'.repeat(250)}@example.org`, 'email_invalid'],
      ] as const) {
        assert.deepEqual(await subscribe(db, mailer, { email, query: SEARCH, language: 'nl' }, opts()), { ok: false, field: 'email', problem });
      }
      assert.equal((await db.selectFrom('outbox').select('id').execute()).length, before);
      assert.equal((await db.selectFrom('subscriptions').select('id').where('email', 'like', '%example.org').where('email', '!=', 'ada@example.org').execute()).length, 0);
    });

    it('confirmation links expire after 7 days; unknown and tampered tokens confirm nothing', async () => {
      const db = r.app.ctx.kysely;
      const eight = new Date(Date.now() - 8 * DAY);
      await subscribe(db, mailer, { email: 'late@example.org', query: SEARCH, language: 'en' }, { ...opts(), now: eight });
      const [mail] = await outbox('late@example.org');
      assert.match(mail.subject, /Confirm/);
      const token = tokenIn(mail.text, '/en/subscribe/confirm');
      assert.equal((await confirm(db, token)).result, 'expired');
      assert.equal((await confirm(db, token, { now: new Date(eight.getTime() + 6 * DAY) })).result, 'confirmed', 'within 7 days it works');
      const tampered = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
      for (const bad of [tampered, '', 'x', `${token}x`, undefined, ['a'], "' or 1=1 --"]) {
        assert.equal((await confirm(db, bad)).result, 'unknown');
        assert.equal((await unsubscribe(db, bad)).result, 'unknown');
      }
      assert.equal(await describeSearch(db, '', 'en'), 'all published algorithms');
    });

    it('alerts: one mail per confirmed alert with what matches and is new; none for unconfirmed or unsubscribed; nothing twice', async () => {
      const db = r.app.ctx.kysely;
      const old = await publish({ name: 'Oude parkeervergunning' });
      await subscribed('bea@example.org');
      await subscribed('all@example.org', '', 'en');
      await subscribe(db, mailer, { email: 'unconfirmed@example.org', query: SEARCH, language: 'nl' }, opts());
      assert.equal((await unsubscribe(db, await subscribed('gone@example.org'))).result, 'unsubscribed');

      const matching = await publish({ name: 'Parkeervergunning toetsen' });
      const other = await publish({ name: 'Bezwaar belasting', description_short: 'Het algoritme sorteert bezwaarschriften tegen de belastingaanslag.', category: ['Overheidsfinanciën'] });
      const before = (await db.selectFrom('outbox').select('id').execute()).length;

      // Live alerts: ada and late (earlier tests, the same search), bea, all.
      const run = await sendAlerts(db, mailer, opts());
      assert.deepEqual(run, { subscriptions: 4, mails: 4, failed: 0 });
      const [alert] = (await outbox('bea@example.org')).slice(-1);
      assert.match(alert.subject, /1 nieuw algoritme/);
      assert.ok(alert.text.includes('Parkeervergunning toetsen'));
      assert.ok(alert.text.includes(`${r.url}/algoritme/${matching}`));
      assert.ok(alert.html!.includes(`<a href="${r.url}/algoritme/${matching}">Parkeervergunning toetsen</a>`));
      assert.ok(!alert.text.includes(other) && !alert.text.includes('Bezwaar'), 'the non-matching algorithm is not in it');
      assert.ok(!alert.text.includes(old), 'published before the confirmation: not news');
      tokenIn(alert.text, '/abonneren/afmelden');
      const [everything] = (await outbox('all@example.org')).slice(-1);
      assert.match(everything.subject, /2 new algorithms/);
      assert.ok(everything.text.includes(`${r.url}/en/algoritme/${other}`) && everything.text.includes(`${r.url}/en/algoritme/${matching}`));
      assert.equal((await outbox('unconfirmed@example.org')).length, 1, 'only the confirmation request');
      assert.equal((await outbox('gone@example.org')).length, 1, 'only the confirmation request');
      assert.equal((await db.selectFrom('outbox').select('id').execute()).length, before + 4);
      const [ada] = (await outbox('ada@example.org')).slice(-1);
      assert.ok(ada.text.includes(old) && ada.text.includes(matching), 'confirmed before both were published');
      const [bea] = await db.selectFrom('subscriptions').selectAll().where('email', '=', 'bea@example.org').execute();
      assert.ok(bea.last_sent_at);

      assert.deepEqual(await sendAlerts(db, mailer, opts()), { subscriptions: 4, mails: 0, failed: 0 }, 'a second run without news sends nothing');

      await publish({ name: 'Subsidie sportclubs', description_short: 'Het algoritme verdeelt subsidie over sportverenigingen.', category: ['Overheidsfinanciën'] });
      assert.deepEqual(await sendAlerts(db, mailer, opts()), { subscriptions: 4, mails: 1, failed: 0 }, 'only the alert for everything');
      assert.equal((await outbox('bea@example.org')).length, 2);

      // Unsubscribing through the alert's link stops the alerts; the link works again, harmlessly.
      const token = tokenIn(alert.text, '/abonneren/afmelden');
      assert.equal((await unsubscribe(db, token)).result, 'unsubscribed');
      assert.equal((await unsubscribe(db, token)).result, 'already_unsubscribed');
      await publish({ name: 'Parkeervergunning bewoners' });
      await sendAlerts(db, mailer, opts());
      assert.equal((await outbox('bea@example.org')).length, 2);
    });

    it('over SMTP: List-Unsubscribe headers for one click, journalled as sent; a refused mail is tried again next run', async () => {
      const db = r.app.ctx.kysely;
      const raw: string[] = [];
      let refuse = true;
      // A real nodemailer transport that builds each message as SMTP would carry it, and keeps it.
      const capture: Transport<unknown> = {
        name: 'capture',
        version: '1',
        send(mail, done) {
          if (refuse) return done(new Error('451 try again later'), null);
          mail.message.build((error, message) => {
            // Unfold long header lines (RFC 5322) so each header is one line.
            raw.push(message.toString('utf8').replace(/\r?\n[ \t]+/g, ' '));
            done(error, { messageId: 'x' });
          });
        },
      };
      const transport = nodemailer.createTransport(capture);
      const smtp = createMailer(db, { from: 'Algoritmeregister <register@example.org>', transport });
      assert.equal(smtp.kind, 'smtp');
      await subscribed('smtp@example.org', '?theme=Verkeer');
      await publish({ name: 'Parkeerautomaat storingen' });

      const failed = await sendAlerts(db, smtp, opts());
      assert.ok(failed.failed >= 1);
      assert.equal(failed.mails, 0);
      const [journalled] = (await outbox('smtp@example.org')).slice(-1);
      assert.match(journalled.error!, /451/);
      assert.equal(journalled.sent_at, null);

      refuse = false;
      const run = await sendAlerts(db, smtp, opts());
      assert.deepEqual(run.failed, 0);
      assert.equal(run.mails, failed.failed, 'each refused alert is sent on the next run');
      const mine = raw.filter((m) => /^To: smtp@example.org/m.test(m));
      assert.equal(mine.length, 1);
      const unsubscribeUrl = /^List-Unsubscribe: <([^>]+)>/m.exec(mine[0])?.[1];
      assert.ok(unsubscribeUrl?.startsWith(`${r.url}/abonneren/afmelden?token=`), mine[0]);
      assert.match(mine[0], /^List-Unsubscribe-Post: List-Unsubscribe=One-Click/m);
      assert.match(mine[0], /^From: Algoritmeregister <register@example.org>/m);
      const [sent] = (await outbox('smtp@example.org')).slice(-1);
      assert.ok(sent.sent_at);
      assert.equal(sent.error, null);
      assert.equal((await unsubscribe(db, new URL(unsubscribeUrl!).searchParams.get('token'))).result, 'unsubscribed');
    });

    it('the command line sends the alerts once (for cron) and lists the outbox', async () => {
      await subscribed('cli@example.org', '?theme=Verkeer', 'en');
      const lars = await publish({ name: 'Fietsparkeren tellen' });
      const env = { PUBLIC_URL: 'https://register.example.org' };
      const run = await runCli(['alerts', 'send'], r.config.databaseUrl, env);
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, /sent [1-9]\d* mail\(s\) to the development outbox/);
      const [alert] = (await outbox('cli@example.org')).slice(-1);
      assert.ok(alert.text.includes(`https://register.example.org/en/algoritme/${lars}`));
      assert.match((await runCli(['alerts', 'send'], r.config.databaseUrl, env)).stdout, /sent 0 mail\(s\)/);
      const list = await runCli(['mail', 'outbox', '--limit', '50'], r.config.databaseUrl);
      assert.equal(list.code, 0, list.stderr);
      assert.match(list.stdout, /cli@example\.org\tAlgorithm Register: 1 new algorithm for your search\t\(outbox only\)/);
    });
  });
}
