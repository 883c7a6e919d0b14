// "Report an error": the form, its spam protection and rate limit, storing and counting reports, handling them.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { renderToString } from 'preact-render-to-string';
import { h } from 'preact';
import { ENGINES } from '../helpers/engines.ts';
import { startRegister, type TestRegister } from '../helpers/server.ts';
import { validRecord } from '../fixtures/records.ts';
import {
  formTokenKey,
  MAX_FORM_AGE_MS,
  ReportErrorLink,
  reportFormPath,
  signFormToken,
  verifyFormToken,
} from '../../src/publicsite/report-error.tsx';
import { countReports, listReports, markHandled } from '../../src/register/error-reports.ts';
import { RegisterError } from '../../src/register/errors.ts';
import { loadConfig } from '../../src/config.ts';

const V = '/aanleverapi/v1_0/organizations';
const FORM = 'application/x-www-form-urlencoded';

let addressCounter = 0;
/** Every test sends from its own address (the app trusts X-Forwarded-For from loopback), so rate limits stay apart. */
const newAddress = () => `198.51.100.${++addressCounter}`;

async function get(r: TestRegister, path: string, headers: Record<string, string> = {}) {
  const res = await fetch(r.url + path, { headers, redirect: 'manual' });
  return { status: res.status, text: await res.text(), headers: res.headers };
}

async function post(r: TestRegister, path: string, fields: Record<string, string>, address: string) {
  const res = await fetch(r.url + path, {
    method: 'POST',
    headers: { 'content-type': FORM, 'x-forwarded-for': address },
    body: new URLSearchParams(fields),
    redirect: 'manual',
  });
  return { status: res.status, text: await res.text(), headers: res.headers };
}

// As preact-render-to-string escapes text: &, < and " (a > needs no escaping in text).
const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

for (const engine of ENGINES) {
  describe(`report an error (${engine})`, () => {
    let r: TestRegister;
    let key: Buffer;
    let lars: string;
    let draft: string;
    let algorithmId: number;
    let organisationId: number;
    let versionId: number;
    let editor: string;
    let publisher: string;

    /** A token as the form would have had when rendered `ageMs` ago. */
    const token = (ageMs = 5_000, forLars = lars, version = versionId) => signFormToken(key, forLars, version, Date.now() - ageMs);
    const reportRows = () => r.app.ctx.kysely.selectFrom('error_reports').selectAll().orderBy('id').execute();
    const submittedEvents = () => r.app.ctx.kysely.selectFrom('audit_events').selectAll().where('action', '=', 'error_report_submitted').execute();

    before(async () => {
      r = await startRegister(engine);
      await r.org('gm0001', 'ictu_last', 'Gemeente Voorbeeld');
      await r.org('gm0002', 'ictu_last', 'Gemeente Elders');
      editor = await r.token(['role_1'], 'gm0001');
      publisher = await r.token(['ictu', 'all_groups']);
      lars = (await r.call('POST', `${V}/gm0001/algorithms`, { token: editor, body: validRecord({ name: 'Parkeervergunningen' }) })).body.lars_code;
      await r.call('PUT', `${V}/gm0001/algorithms/${lars}/release`, { token: editor });
      await r.call('PUT', `${V}/gm0001/algorithms/${lars}/publish`, { token: publisher });
      draft = (await r.call('POST', `${V}/gm0001/algorithms`, { token: editor, body: validRecord({ name: 'Nog een concept' }) })).body.lars_code;
      const db = r.app.ctx.kysely;
      const algorithm = await db.selectFrom('algorithms').selectAll().where('lars', '=', lars).executeTakeFirstOrThrow();
      algorithmId = algorithm.id;
      organisationId = algorithm.organisation_id;
      versionId = (await db.selectFrom('versions').select('id').where('algorithm_id', '=', algorithmId).where('state', '=', 'PUBLISHED').executeTakeFirstOrThrow()).id;
      key = await formTokenKey(db);
    });
    after(() => r.close());

    it('renders the form with a signed token, a hidden honeypot and labelled fields, in both languages', async () => {
      const nl = await get(r, `/algoritme/${lars}/fout-melden`);
      assert.equal(nl.status, 200);
      assert.match(nl.text, /<html lang="nl">/);
      assert.match(nl.text, /Parkeervergunningen/);
      assert.match(nl.text, /Gemeente Voorbeeld/);
      assert.match(nl.text, new RegExp(`<form class="report-form" method="post" action="/algoritme/${lars}/fout-melden" novalidate>`));
      assert.match(nl.text, /<label for="message" class="utrecht-form-label">Wat klopt er niet\?<\/label>/);
      assert.match(nl.text, /<textarea id="message" name="message"[^>]*aria-describedby="message-hint"/);
      assert.match(nl.text, /<legend class="utrecht-form-fieldset__legend">Wilt u een reactie\? \(niet verplicht\)<\/legend>/);
      assert.match(nl.text, /<label for="email" class="utrecht-form-label">E-mailadres<\/label>/);
      // The honeypot: visually hidden, labelled, out of the tab order, never autofilled.
      assert.match(nl.text, /<div class="visually-hidden"><label for="website">Laat dit veld leeg<\/label><input type="text" id="website" name="website" value tabindex="-1" autocomplete="off"\/><\/div>/);
      assert.equal(nl.headers.get('cache-control'), 'no-store', 'a cached form would carry a stale token');
      const rendered = /name="token" value="([^"]+)"/.exec(nl.text)?.[1];
      assert.ok(rendered, 'the form carries a token');
      // Signed for this algorithm and version, at the time of rendering.
      assert.deepEqual(verifyFormToken(key, lars, rendered, Date.now() + 4_000), { ok: true, versionId });
      assert.deepEqual(verifyFormToken(key, lars, rendered), { ok: false, reason: 'too_fast' });
      assert.deepEqual(verifyFormToken(key, draft, rendered, Date.now() + 4_000), { ok: false, reason: 'invalid' });

      const en = await get(r, `/en/algoritme/${lars}/report-error`);
      assert.equal(en.status, 200);
      assert.match(en.text, /<html lang="en">/);
      assert.match(en.text, /<h1 class="nl-heading nl-heading--level-1">Report an error<\/h1>/);
      assert.match(en.text, /Leave this field empty/);
      assert.match(en.text, new RegExp(`action="/en/algoritme/${lars}/report-error"`));
      assert.match(en.text, new RegExp(`hreflang="nl" href="/algoritme/${lars}/fout-melden"`));
      assert.match(nl.text, new RegExp(`hreflang="en" href="/en/algoritme/${lars}/report-error"`));

      const css = await get(r, '/assets/site.css');
      assert.equal(css.status, 200);
      assert.match(css.text, /\.error-summary/);
    });

    it('answers the JSON twin with the open reports', async () => {
      const json = await get(r, `/algoritme/${lars}/fout-melden?format=json`);
      assert.equal(json.status, 200);
      const body = JSON.parse(json.text);
      assert.deepEqual(Object.keys(body).sort(), ['lars', 'name', 'open_reports']);
      assert.equal(body.lars, lars);
      assert.equal(body.name, 'Parkeervergunningen');
      assert.equal(body.open_reports, (await countReports(r.app.ctx.kysely, algorithmId)).open);
      assert.equal((await get(r, '/algoritme/12345670/fout-melden?format=json')).status, 404);
    });

    it('stores a valid report, counts it and audits it', async () => {
      const before = await countReports(r.app.ctx.kysely, algorithmId);
      const address = newAddress();
      const message = '  De contactgegevens kloppen niet meer:\r\nhet adres is veranderd.  ';
      const res = await post(r, `/algoritme/${lars}/fout-melden`, { token: token(), message, email: 'lezer@example.nl', website: '' }, address);
      assert.equal(res.status, 303);
      assert.equal(res.headers.get('location'), `/algoritme/${lars}/fout-melden/bedankt`);
      const thanks = await get(r, res.headers.get('location')!);
      assert.equal(thanks.status, 200);
      assert.match(thanks.text, /Bedankt voor uw melding/);
      assert.match(thanks.text, /verstuurd naar Gemeente Voorbeeld/);
      assert.match(thanks.text, new RegExp(`href="/algoritme/${lars}"`));

      const rows = await reportRows();
      const stored = rows[rows.length - 1]!;
      assert.equal(stored.message, 'De contactgegevens kloppen niet meer:\nhet adres is veranderd.');
      assert.equal(stored.email, 'lezer@example.nl');
      assert.equal(stored.language, 'nl');
      assert.equal(stored.status, 'new');
      assert.equal(stored.algorithm_id, algorithmId);
      assert.equal(stored.organisation_id, organisationId);
      assert.equal(stored.version_id, versionId);
      assert.equal(stored.handled_at, null);

      // In English, without an e-mail address; exactly the limits are accepted.
      const en = await post(r, `/en/algoritme/${lars}/report-error`, { token: token(MAX_FORM_AGE_MS - 60_000), message: 'x'.repeat(2000), email: '', website: '' }, address);
      assert.equal(en.status, 303);
      assert.equal(en.headers.get('location'), `/en/algoritme/${lars}/report-error/thank-you`);
      const short = await post(r, `/algoritme/${lars}/fout-melden`, { token: token(), message: 'Tien tekns' }, address);
      assert.equal(short.status, 303, 'ten characters are enough (and the honeypot may be absent)');
      const after = await reportRows();
      assert.equal(after.length, rows.length + 2);
      assert.equal(after[after.length - 2]!.language, 'en');
      assert.equal(after[after.length - 2]!.email, null);

      assert.deepEqual(await countReports(r.app.ctx.kysely, algorithmId), { total: before.total + 3, open: before.open + 3 });
      const json = JSON.parse((await get(r, `/en/algoritme/${lars}/report-error?format=json`)).text);
      assert.equal(json.open_reports, before.open + 3);
      const page = await get(r, `/algoritme/${lars}/fout-melden`);
      assert.match(page.text, new RegExp(`Er staan ${before.open + 3} meldingen open over dit algoritme`));

      const events = (await submittedEvents()).filter((e) => JSON.parse(e.detail!).report_id === stored.id);
      assert.equal(events.length, 1);
      assert.equal(events[0]!.algorithm_id, algorithmId);
      assert.equal(events[0]!.organisation_id, organisationId);
      assert.equal(events[0]!.version_id, versionId);
      assert.equal(events[0]!.actor_id, 'anonymous');
      assert.ok(!events[0]!.detail!.includes('lezer@example.nl'), 'the address stays in the report, out of the trail');
    });

    it('refuses spam, bad tokens and bad input with the form again, every value kept, and stores nothing', async () => {
      const rowsBefore = (await reportRows()).length;
      const eventsBefore = (await submittedEvents()).length;
      const path = `/algoritme/${lars}/fout-melden`;
      const message = 'Het doel klopt niet: <b>parkeren</b> & meer.';
      const email = 'lezer@example.nl';
      const rendered = token();
      // Each from its own address: this test sends more than the rate limit allows.
      const refused = async (fields: Record<string, string>, expected: RegExp, status = 400) => {
        const res = await post(r, path, fields, newAddress());
        assert.equal(res.status, status, `${JSON.stringify(fields).slice(0, 120)} → ${res.status}`);
        assert.match(res.text, expected);
        return res;
      };

      // Too fast: sent within 3 seconds of rendering.
      let res = await refused({ token: token(1_000), message, email, website: '' }, /zo snel vult een mens het niet in/);
      assert.match(res.text, /<title>Niet verstuurd: /);
      assert.match(res.text, /<div class="error-summary" role="alert"/);
      assert.ok(res.text.includes(`>${escapeHtml(message)}</textarea>`), 'the message is kept, escaped');
      assert.ok(res.text.includes(`value="${email}"`), 'the e-mail address is kept');
      const fresh = /name="token" value="([^"]+)"/.exec(res.text)![1]!;
      assert.equal(verifyFormToken(key, lars, fresh, Date.now() + 4_000).ok, true, 'the form comes back with a fresh token');
      // Expired: open for more than two hours.
      await refused({ token: token(MAX_FORM_AGE_MS + 1_000), message, email }, /langer dan 2 uur open/);
      // Tampered with: the signature, the time, the version, another algorithm's token, none at all.
      const [v, time, version, sig] = rendered.split('.');
      const flipped = sig!.slice(0, -1) + (sig!.endsWith('A') ? 'B' : 'A');
      for (const bad of [
        `${v}.${time}.${version}.${flipped}`,
        `${v}.${Number(time) - 60_000}.${version}.${sig}`,
        `${v}.${time}.${Number(version) + 1}.${sig}`,
        token(5_000, draft),
        'v1.0.0.x',
        '',
      ]) {
        await refused({ token: bad, message, email }, /Het formulier kon niet worden gecontroleerd/);
      }
      await refused({ message, email }, /Het formulier kon niet worden gecontroleerd/);
      // The honeypot filled in: refused, and not echoed back.
      res = await refused({ token: rendered, message, email, website: 'https://spam.example' }, /Een veld dat leeg moet blijven, was ingevuld/);
      assert.ok(!res.text.includes('spam.example'));
      assert.ok(res.text.includes(`>${escapeHtml(message)}</textarea>`));

      // Field errors: at the field (described by, invalid), and in the summary with a link to it.
      res = await refused({ token: rendered, message: '   \n  ', email }, /Beschrijf wat er niet klopt\./);
      assert.match(res.text, /<a href="#message">Beschrijf wat er niet klopt\.<\/a>/);
      assert.match(res.text, /<p id="message-error" class="field-error utrecht-form-field-error-message"><span class="visually-hidden">Fout: <\/span>Beschrijf wat er niet klopt\.<\/p>/);
      assert.match(res.text, /<textarea id="message" name="message" rows="8" aria-describedby="message-hint message-error" aria-invalid="true" class="utrecht-textarea utrecht-textarea--html-textarea utrecht-textarea--invalid">/);
      assert.ok(res.text.includes(`value="${email}"`));
      await refused({ token: rendered, message: 'Te kort!!', email }, /Uw melding is te kort: gebruik minstens 10 tekens \(nu 9\)/);
      const long = 'Lang. '.repeat(400) + 'x';
      res = await refused({ token: rendered, message: long, email }, /Uw melding is te lang: gebruik hoogstens 2000 tekens \(nu 2401\)/);
      assert.ok(res.text.includes(long.trim()), 'a message that is too long is kept whole');
      res = await refused({ token: rendered, message, email: 'niet-een-adres' }, /<a href="#email">Vul een e-mailadres in zoals naam@voorbeeld\.nl/);
      assert.match(res.text, /<input type="email" id="email" name="email" value="niet-een-adres"[^>]*aria-describedby="email-hint email-error" aria-invalid="true"/);
      assert.ok(!res.text.includes('id="message-error"'), 'a good field shows no error');
      await refused({ token: rendered, message, email: `${'a'.repeat(190)}@example.nl` }, /Het e-mailadres is te lang: hoogstens 200 tekens \(nu 201\)/);
      // Both fields wrong: both in the summary.
      res = await refused({ token: rendered, message: 'kort', email: 'a@b' }, /href="#message"/);
      assert.match(res.text, /href="#email"/);
      // English messages in English.
      const en = await post(r, `/en/algoritme/${lars}/report-error`, { token: rendered, message: 'short', email }, newAddress());
      assert.equal(en.status, 400);
      assert.match(en.text, /Your report is too short: use at least 10 characters \(now 5\)/);
      assert.match(en.text, /<title>Error: /);

      assert.equal((await reportRows()).length, rowsBefore, 'nothing was stored');
      assert.equal((await submittedEvents()).length, eventsBefore, 'nothing was audited');
    });

    it('answers unknown and unpublished algorithms with 404, storing nothing', async () => {
      const rowsBefore = (await reportRows()).length;
      const address = newAddress();
      const fields = { token: token(5_000, draft), message: 'Dit concept bevat een fout.' };
      for (const path of ['/algoritme/12345670/fout-melden', '/en/algoritme/12345670/report-error', `/algoritme/${draft}/fout-melden`, '/algoritme/%3Cscript%3E/fout-melden']) {
        const page = await get(r, path);
        assert.equal(page.status, 404, path);
        assert.match(page.text, /(Er is geen gepubliceerd algoritme met dit ID|There is no published algorithm with this ID)/);
        assert.ok(!page.text.includes('<script>'));
        assert.equal((await post(r, path, fields, address)).status, 404, `POST ${path}`);
      }
      assert.equal((await get(r, `/algoritme/${draft}/fout-melden/bedankt`)).status, 404);
      assert.equal((await reportRows()).length, rowsBefore);
    });

    it('never answers a 5xx to an odd body', async () => {
      const address = newAddress();
      const path = `/algoritme/${lars}/fout-melden`;
      const huge = await post(r, path, { token: token(), message: 'x'.repeat(70 * 1024) }, address);
      assert.equal(huge.status, 413);
      assert.match(huge.headers.get('content-type') ?? '', /text\/html/);
      assert.match(huge.text, /Verzoek niet verwerkt/);
      const repeated = await fetch(r.url + path, {
        method: 'POST',
        headers: { 'content-type': FORM, 'x-forwarded-for': address },
        body: `token=${encodeURIComponent(token())}&message=Een%00%07fout%20in%20de%20tekst&message=tweede&email=lezer%00@example.nl`,
        redirect: 'manual',
      });
      assert.equal(repeated.status, 303, 'control characters are dropped, not a database error; a repeated field counts once');
      const rows = await reportRows();
      assert.equal(rows[rows.length - 1]!.message, 'Eenfout in de tekst');
      assert.equal(rows[rows.length - 1]!.email, 'lezer@example.nl');
      const json = await fetch(r.url + path, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': address }, body: '[1,2', redirect: 'manual' });
      assert.equal(json.status, 400);
    });

    it('limits reports per address over both languages, with a readable 429 page that keeps the text', async () => {
      const rowsBefore = (await reportRows()).length;
      const address = newAddress();
      for (let i = 0; i < 5; i++) {
        const path = i % 2 === 0 ? `/algoritme/${lars}/fout-melden` : `/en/algoritme/${lars}/report-error`;
        assert.equal((await post(r, path, { token: token(), message: 'te kort' }, address)).status, 400);
      }
      const message = 'Deze melding komt één keer te veel.';
      const limited = await post(r, `/en/algoritme/${lars}/report-error`, { token: token(), message }, address);
      assert.equal(limited.status, 429);
      assert.match(limited.headers.get('content-type') ?? '', /text\/html/);
      assert.ok(Number(limited.headers.get('retry-after')) > 0);
      assert.match(limited.text, /<html lang="en">/);
      assert.match(limited.text, /Too many reports have been sent from your internet address recently\. Try again in 10 minutes\./);
      assert.ok(limited.text.includes(`>${message}</textarea>`), 'the visitor keeps their text');
      assert.equal((await post(r, `/algoritme/${lars}/fout-melden`, { token: token(), message }, address)).status, 429);
      assert.equal((await reportRows()).length, rowsBefore, 'a limited report is not stored');
      // Reading the form is not limited, nor is another address.
      assert.equal((await get(r, `/algoritme/${lars}/fout-melden`, { 'x-forwarded-for': address })).status, 200);
      assert.equal((await post(r, `/algoritme/${lars}/fout-melden`, { token: token(), message }, newAddress())).status, 303);
    });

    it('records the published version the visitor saw, even when a newer one came since', async () => {
      const seen = token(10_000);
      const edited = validRecord({ name: 'Parkeervergunningen', description_short: 'Een nieuwere beschrijving van het algoritme voor parkeervergunningen.' });
      assert.equal((await r.call('PUT', `${V}/gm0001/algorithms/${lars}`, { token: editor, body: edited })).status, 200);
      await r.call('PUT', `${V}/gm0001/algorithms/${lars}/release`, { token: editor });
      await r.call('PUT', `${V}/gm0001/algorithms/${lars}/publish`, { token: publisher });
      const db = r.app.ctx.kysely;
      const current = (await db.selectFrom('versions').select('id').where('algorithm_id', '=', algorithmId).where('state', '=', 'PUBLISHED').executeTakeFirstOrThrow()).id;
      assert.notEqual(current, versionId);
      const address = newAddress();
      assert.equal((await post(r, `/algoritme/${lars}/fout-melden`, { token: seen, message: 'Dit ging over de vorige versie.' }, address)).status, 303);
      assert.equal((await post(r, `/algoritme/${lars}/fout-melden`, { token: token(5_000, lars, current), message: 'Dit gaat over de nieuwe versie.' }, address)).status, 303);
      const rows = await reportRows();
      assert.equal(rows[rows.length - 2]!.version_id, versionId);
      assert.equal(rows[rows.length - 1]!.version_id, current);
      versionId = current;
    });

    it('marking a report handled lowers the open count, keeps the total and writes an audit event', async () => {
      const db = r.app.ctx.kysely;
      assert.equal((await post(r, `/algoritme/${lars}/fout-melden`, { token: token(), message: 'Nog een melding om af te handelen.' }, newAddress())).status, 303);
      const before = await countReports(db, algorithmId);
      const open = await listReports(db, organisationId, { status: 'new' });
      assert.equal(open.length, before.open);
      assert.ok(open.every((report) => report.status === 'new' && report.lars === lars));
      const report = open[0]!;
      assert.equal(report.message, 'Nog een melding om af te handelen.', 'newest first');

      const actor = { id: 'user-42', name: 'Redacteur Voorbeeld' };
      const handled = await markHandled(db, report.id, actor);
      assert.equal(handled.status, 'handled');
      assert.equal(handled.handled_by, 'user-42');
      assert.ok(handled.handled_at);
      assert.deepEqual(await countReports(db, algorithmId), { total: before.total, open: before.open - 1 });
      assert.equal(JSON.parse((await get(r, `/algoritme/${lars}/fout-melden?format=json`)).text).open_reports, before.open - 1);
      assert.ok(!(await listReports(db, organisationId, { status: 'new' })).some((x) => x.id === report.id));
      assert.deepEqual((await listReports(db, organisationId, { status: 'handled' })).map((x) => x.id), [report.id]);
      assert.equal((await listReports(db, organisationId)).length, before.total);
      const other = await db.selectFrom('organisations').select('id').where('code', '=', 'gm0002').executeTakeFirstOrThrow();
      assert.deepEqual(await listReports(db, other.id), [], 'reports reach only the owning organisation');

      const events = await db.selectFrom('audit_events').selectAll().where('action', '=', 'error_report_handled').execute();
      assert.equal(events.length, 1);
      assert.equal(events[0]!.actor_id, 'user-42');
      assert.equal(events[0]!.actor_name, 'Redacteur Voorbeeld');
      assert.equal(events[0]!.algorithm_id, algorithmId);
      assert.equal(events[0]!.organisation_id, organisationId);
      assert.equal(JSON.parse(events[0]!.detail!).report_id, report.id);

      await assert.rejects(markHandled(db, report.id, actor), (e) => e instanceof RegisterError && e.kind === 'conflict');
      await assert.rejects(markHandled(db, 999_999, actor), (e) => e instanceof RegisterError && e.kind === 'not_found');
      assert.equal((await db.selectFrom('audit_events').select('id').where('action', '=', 'error_report_handled').execute()).length, 1);
    });
  });
}

describe('the report-an-error section for the algorithm page', () => {
  it('links to the form and says how many reports are open', () => {
    const none = renderToString(h(ReportErrorLink, { lang: 'nl', lars: '12345678', count: 0 }));
    assert.match(none, /<section aria-labelledby="report-error"><h2 id="report-error" class="nl-heading nl-heading--level-2">Fout gezien\?<\/h2>/);
    assert.match(none, /er staan nu geen meldingen open/);
    assert.match(none, /<a href="\/algoritme\/12345678\/fout-melden">Meld een fout<\/a>/);
    assert.match(renderToString(h(ReportErrorLink, { lang: 'nl', lars: '12345678', count: 1 })), /er staat nu 1 melding open/);
    const many = renderToString(h(ReportErrorLink, { lang: 'en', lars: '12345678', count: { total: 9, open: 3 } }));
    assert.match(many, /there are 3 open reports/);
    assert.match(many, /<a href="\/en\/algoritme\/12345678\/report-error">Report an error<\/a>/);
    assert.equal(reportFormPath('en', '12345678'), '/en/algoritme/12345678/report-error');
  });
});

describe('the visitor\'s address behind a proxy', () => {
  it('reads TRUST_PROXY: loopback unless set; true, false, hops, or addresses', () => {
    const trust = (value?: string) => loadConfig(value === undefined ? {} : { TRUST_PROXY: value }).trustProxy;
    assert.deepEqual([trust(), trust('false'), trust('true'), trust('2'), trust('10.0.0.2,10.1.0.0/16')], ['loopback', false, true, 2, '10.0.0.2,10.1.0.0/16']);
    assert.throws(() => trust('abc'), /^Error: TRUST_PROXY: "abc" is no address, subnet/);
    assert.throws(() => trust('10.0.0.1, proxy.example.nl'), /"proxy\.example\.nl"/);
  });

  it('believes X-Forwarded-For only from a trusted proxy: a visitor cannot escape the limit by naming other addresses', async () => {
    // The register trusts a proxy elsewhere, not the test, which connects over loopback.
    const r = await startRegister('sqlite', { TRUST_PROXY: '192.0.2.1' });
    try {
      await r.org('gm0001', 'ictu_last', 'Gemeente Voorbeeld');
      const editor = await r.token(['role_1'], 'gm0001');
      const publisher = await r.token(['ictu', 'all_groups']);
      const lars = (await r.call('POST', `${V}/gm0001/algorithms`, { token: editor, body: validRecord({ name: 'Parkeervergunningen' }) })).body.lars_code;
      await r.call('PUT', `${V}/gm0001/algorithms/${lars}/release`, { token: editor });
      await r.call('PUT', `${V}/gm0001/algorithms/${lars}/publish`, { token: publisher });
      const db = r.app.ctx.kysely;
      const algorithm = await db.selectFrom('algorithms').selectAll().where('lars', '=', lars).executeTakeFirstOrThrow();
      const versionId = (await db.selectFrom('versions').select('id').where('algorithm_id', '=', algorithm.id).where('state', '=', 'PUBLISHED').executeTakeFirstOrThrow()).id;
      const key = await formTokenKey(db);
      const statuses = [];
      for (let i = 0; i < 6; i++) {
        const answer = await post(r, `/algoritme/${lars}/fout-melden`, { token: signFormToken(key, lars, versionId, Date.now() - 5_000), message: 'te kort' }, newAddress());
        statuses.push(answer.status);
      }
      assert.deepEqual(statuses, [400, 400, 400, 400, 400, 429]);
    } finally {
      await r.close();
    }
  });
});
