// The e-mail alert pages over real HTTP, on both engines: subscribe, confirm, unsubscribe (page and one-click), bad links and bad input.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINES } from '../helpers/engines.ts';
import { startRegister, type TestRegister } from '../helpers/server.ts';
import { validRecord } from '../fixtures/records.ts';
import { createMailer } from '../../src/mail/mailer.ts';
import { sendAlerts, subscribe } from '../../src/register/subscriptions.ts';

const V = '/aanleverapi/v1_0/organizations';
const DAY = 24 * 3600 * 1000;

for (const engine of ENGINES) {
  describe(`e-mail alert pages (${engine})`, () => {
    let r: TestRegister;
    let publish: (record: Record<string, unknown>) => Promise<string>;
    const outbox = (to: string) => r.app.ctx.kysely.selectFrom('outbox').selectAll().where('to', '=', to).orderBy('id').execute();
    const get = async (path: string) => {
      const res = await fetch(r.url + path, { redirect: 'manual' });
      return { status: res.status, page: await res.text(), headers: res.headers };
    };
    const post = async (path: string, form: Record<string, string>, headers: Record<string, string> = {}) => {
      const res = await fetch(r.url + path, { method: 'POST', body: new URLSearchParams(form), headers, redirect: 'manual' });
      return { status: res.status, page: await res.text() };
    };
    /** The path and query of the one link to `path` in a mail's text. */
    const linkIn = (text: string, path: string) => {
      const match = new RegExp(`${r.url}(${path.replace(/\//g, '\\/')}\\?token=[A-Za-z0-9_-]+)`).exec(text);
      assert.ok(match, `no ${path} link in:\n${text}`);
      return match[1];
    };
    const mainOf = (page: string) => /<main[^>]*>([\s\S]*)<\/main>/.exec(page)?.[1] ?? '';

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
    });
    after(() => r.close());

    it('the search page links to an alert for the same search (not its page or sort)', async () => {
      const { page } = await get('/algoritmes?q=parkeren&theme=Verkeer&sort=name&page=2');
      assert.match(page, /<a href="\/abonneren\?q=parkeren&amp;theme=Verkeer">Abonneren op deze zoekopdracht<\/a>/);
      const english = (await get('/en/algorithms')).page;
      assert.match(english, /<a href="\/en\/subscribe">Subscribe to this search<\/a>/);
    });

    it('subscribe page: the search in words, an e-mail field; a bad address gives 400 with the message at the field and the values kept', async () => {
      const form = await get('/abonneren?q=parkeren&theme=Verkeer&theme=Wonen&organisation=gm0001');
      assert.equal(form.status, 200);
      assert.match(form.page, /met de woorden “parkeren”; organisatie: Gemeente Voorbeeld; thema: Verkeer of Wonen/);
      assert.match(form.page, /<input type="hidden" name="query" value="\?q=parkeren&amp;organisation=gm0001&amp;theme=Verkeer&amp;theme=Wonen"/);
      assert.match(form.page, /<label for="email" class="utrecht-form-label">Uw e-mailadres<\/label>/);
      assert.match(form.page, /<input type="email" id="email" name="email" value(="")? autocomplete="email"/);
      assert.match(form.page, /<button type="submit" class="utrecht-button utrecht-button--primary-action">Abonneren<\/button>/);
      assert.match(form.page, /href="\/en\/subscribe\?q=parkeren&amp;organisation=gm0001/, 'the other language keeps the search');

      const bad = await post('/abonneren', { email: 'geen-adres<b>', query: '?q=parkeren&theme=Verkeer' });
      assert.equal(bad.status, 400);
      assert.match(bad.page, /<p class="field-error utrecht-form-field-error-message" id="email-error">Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl.<\/p>\s*<input type="email" id="email" name="email" value="geen-adres&lt;b>"[^>]*aria-invalid="true" aria-describedby="email-error email-hint"/);
      assert.match(bad.page, /<input type="hidden" name="query" value="\?q=parkeren&amp;theme=Verkeer"/);
      assert.match(bad.page, /met de woorden “parkeren”; thema: Verkeer/);
      const missing = await post('/en/subscribe', { query: '?theme=Verkeer' });
      assert.equal(missing.status, 400);
      assert.match(missing.page, /id="email-error">Enter your e-mail address.</);
      assert.equal((await r.app.ctx.kysely.selectFrom('subscriptions').select('id').execute()).length, 0);
      const unknownFacet = await get('/abonneren?theme=Astrologie');
      assert.equal(unknownFacet.status, 200);
      assert.match(unknownFacet.page, /theme: &quot;Astrologie&quot; is not a value of this filter/);
      assert.match(unknownFacet.page, /alle gepubliceerde algoritmes/);
    });

    it('subscribe → "check your mailbox" (the same answer when known) → the link in the mail confirms; alerts come with a working unsubscribe page', async () => {
      const first = await post('/abonneren', { email: 'Ada@Example.org', query: '?q=parkeervergunning&theme=Verkeer' });
      assert.equal(first.status, 200);
      assert.match(first.page, /<h1 class="nl-heading nl-heading--level-1">Kijk in uw mailbox<\/h1>/);
      const again = await post('/abonneren', { email: 'ada@example.org', query: '?theme=Verkeer&q=parkeervergunning' });
      assert.equal(mainOf(again.page), mainOf(first.page), 'nothing tells whether the address was known');
      const rows = await r.app.ctx.kysely.selectFrom('subscriptions').selectAll().where('email', '=', 'ada@example.org').execute();
      assert.equal(rows.length, 1);
      assert.equal(rows[0].language, 'nl');

      const mails = await outbox('ada@example.org');
      assert.equal(mails.length, 2);
      const confirmLink = linkIn(mails[1].text, '/abonneren/bevestigen');
      const confirmed = await get(confirmLink);
      assert.equal(confirmed.status, 200);
      assert.match(confirmed.page, /<h1 class="nl-heading nl-heading--level-1">Uw e-mailalert staat aan<\/h1>/);
      assert.match(confirmed.page, /met de woorden “parkeervergunning”; thema: Verkeer/);
      const stopLink = /href="(\/abonneren\/afmelden\?token=[A-Za-z0-9_-]+)"/.exec(confirmed.page)?.[1];
      assert.ok(stopLink, 'the confirmation page offers a way out');
      assert.match((await get(confirmLink)).page, /Dit e-mailalert was al bevestigd/);
      assert.equal((await get(linkIn(mails[0].text, '/abonneren/bevestigen'))).status, 404, 'the replaced link');

      const lars = await publish({ name: 'Parkeervergunning toetsen' });
      const mailer = createMailer(r.app.ctx.kysely, { from: 'register@example.org' });
      assert.equal((await sendAlerts(r.app.ctx.kysely, mailer, { publicUrl: r.url })).mails, 1);
      const [alert] = (await outbox('ada@example.org')).slice(-1);
      assert.ok(alert.text.includes(`${r.url}/algoritme/${lars}`));
      assert.equal((await get(`/algoritme/${lars}`)).status, 200, 'the link in the alert opens the algorithm');

      const unsubscribeLink = linkIn(alert.text, '/abonneren/afmelden');
      const question = await get(unsubscribeLink);
      assert.equal(question.status, 200);
      assert.match(question.page, /Wilt u geen e-mails meer krijgen bij deze zoekopdracht\?/);
      const token = new URL(r.url + unsubscribeLink).searchParams.get('token')!;
      assert.match(question.page, new RegExp(`<form method="post" action="/abonneren/afmelden"><input type="hidden" name="token" value="${token}"/><button type="submit" class="utrecht-button utrecht-button--primary-action">Afmelden</button></form>`));
      assert.equal((await r.app.ctx.kysely.selectFrom('subscriptions').select('unsubscribed_at').where('email', '=', 'ada@example.org').executeTakeFirstOrThrow()).unsubscribed_at, null, 'opening the page changes nothing');

      const done = await post('/abonneren/afmelden', { token });
      assert.equal(done.status, 200);
      assert.match(done.page, /<h1 class="nl-heading nl-heading--level-1">U bent afgemeld<\/h1>/);
      const twice = await post('/abonneren/afmelden', { token });
      assert.equal(twice.status, 200);
      assert.match(twice.page, /U was al afgemeld/);
      assert.match((await get(stopLink)).page, /U was al afgemeld/);
      await publish({ name: 'Parkeervergunning bezoekers' });
      assert.equal((await sendAlerts(r.app.ctx.kysely, mailer, { publicUrl: r.url })).mails, 0, 'no alerts after unsubscribing');
    });

    it('one-click unsubscribe (RFC 8058): a POST to the link with List-Unsubscribe=One-Click, form-encoded or multipart', async () => {
      const db = r.app.ctx.kysely;
      const mailer = createMailer(db, { from: 'register@example.org' });
      for (const email of ['one@example.org', 'two@example.org']) {
        assert.equal((await post('/en/subscribe', { email, query: '?theme=Verkeer' })).status, 200);
        const [mail] = await outbox(email);
        assert.match(mail.subject, /Confirm/);
        assert.equal((await get(linkIn(mail.text, '/en/subscribe/confirm'))).status, 200);
      }
      await publish({ name: 'Verkeerslichten regelen' });
      await sendAlerts(db, mailer, { publicUrl: r.url });
      const one = linkIn((await outbox('one@example.org')).slice(-1)[0].text, '/en/subscribe/unsubscribe');
      const formEncoded = await post(one, { 'List-Unsubscribe': 'One-Click' });
      assert.equal(formEncoded.status, 200);
      assert.match(formEncoded.page, /You are unsubscribed/);
      const two = linkIn((await outbox('two@example.org')).slice(-1)[0].text, '/en/subscribe/unsubscribe');
      const multipart = new FormData();
      multipart.append('List-Unsubscribe', 'One-Click');
      const res = await fetch(r.url + two, { method: 'POST', body: multipart });
      assert.equal(res.status, 200);
      const states = await db.selectFrom('subscriptions').select(['email', 'unsubscribed_at']).where('email', 'in', ['one@example.org', 'two@example.org']).execute();
      assert.equal(states.length, 2);
      assert.ok(states.every((s) => s.unsubscribed_at !== null));
    });

    it('expired, unknown and tampered links give a clear page, never a 5xx', async () => {
      const db = r.app.ctx.kysely;
      const mailer = createMailer(db, { from: 'register@example.org' });
      await subscribe(db, mailer, { email: 'late@example.org', query: '?theme=Wonen', language: 'nl' }, { publicUrl: r.url, now: new Date(Date.now() - 8 * DAY) });
      const [mail] = await outbox('late@example.org');
      const expired = await get(linkIn(mail.text, '/abonneren/bevestigen'));
      assert.equal(expired.status, 410);
      assert.match(expired.page, /Deze bevestigingslink is verlopen/);
      assert.match(expired.page, /href="\/abonneren\?theme=Wonen"/, 'with a way to ask again');

      const token = new URL(r.url + linkIn(mail.text, '/abonneren/bevestigen')).searchParams.get('token')!;
      const tampered = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
      for (const query of [`?token=${tampered}`, '', '?token=', '?token=%3Cscript%3E', `?token=${tampered}&token=${token}`, '?token=%00']) {
        for (const path of ['/abonneren/bevestigen', '/en/subscribe/confirm', '/abonneren/afmelden', '/en/subscribe/unsubscribe']) {
          const res = await get(path + query);
          assert.ok(res.status >= 400 && res.status < 500, `${path}${query}: ${res.status}`);
          if (!query.includes('%00')) assert.match(res.page, /kennen we niet|do not know/);
        }
      }
      for (const path of ['/abonneren/afmelden', '/en/subscribe/unsubscribe']) {
        const res = await post(path, { token: tampered });
        assert.equal(res.status, 404);
        assert.match(res.page, /Deze afmeldlink kennen we niet|We do not know this unsubscribe link/);
      }
      const json = await fetch(`${r.url}/abonneren`, { method: 'POST', body: '{"email":', headers: { 'content-type': 'application/json' } });
      assert.ok(json.status >= 400 && json.status < 500, `broken JSON: ${json.status}`);
      const odd = await fetch(`${r.url}/abonneren`, { method: 'POST', body: 'x', headers: { 'content-type': 'application/x-unknown' } });
      assert.equal(odd.status, 415);
      assert.match(await odd.text(), /Dit verzoek kunnen we niet verwerken/);
    });

    it('subscribing is rate limited per address', async () => {
      let last = 0;
      let page = '';
      for (let i = 0; i < 12 && last !== 429; i++) {
        const res = await post('/abonneren', { email: 'nope', query: '' });
        last = res.status;
        page = res.page;
      }
      assert.equal(last, 429);
      assert.match(page, /Te veel aanvragen/);
    });
  });
}
