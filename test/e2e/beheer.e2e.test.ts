// Management in a real browser (Debian's Chromium): signing in with a password and a TOTP code,
// the algorithms and error reports of the organisation, switching organisation and language,
// marking a report handled, the password reset mail, and axe-core's WCAG 2.1 AA rules on every
// management page type in both languages, under the pages' real Content-Security-Policy.
// On SQLite: the browser sees the same HTML on either engine.
import { describe, it, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startRegister, type TestRegister } from '../helpers/server.ts';
import { seedDemo, DEMO_PASSWORD } from '../../src/register/demo-data.ts';
import { findOrganisation } from '../../src/register/organisations.ts';
import { listOrganisationAlgorithms } from '../../src/register/organisation-algorithms.ts';
import { addPerson, addReport, PASSWORD, totpCode, wrongTotpCode } from '../beheer/management-client.ts';
import { assertAccessible, collectPageErrors, launchBrowser } from './browser.ts';

describe('management in a browser', () => {
  let r: TestRegister;
  let browser: Browser;
  let totpSecret: string;
  const username = 'tessa';
  const email = 'tessa@amsterdam.example.nl';

  before(async () => {
    r = await startRegister('sqlite');
    await seedDemo(r.app.ctx.kysely);
    // An editor in Amsterdam who also belongs to Tilburg without a role there, with a second factor.
    ({ totpSecret } = (await addPerson(r, {
      username,
      firstName: 'Tessa',
      lastName: 'Test',
      email,
      organisations: ['gm0855'],
      organisationRoles: { gm0363: ['role_1'] },
      totp: true,
    })) as { totpSecret: string });
    const amsterdam = (await findOrganisation(r.app.ctx.kysely, 'gm0363'))!;
    const published = (await listOrganisationAlgorithms(r.app.ctx.kysely, amsterdam.id)).find((a) => a.state === 'PUBLISHED')!;
    await addReport(r, published.lars, 'Het telefoonnummer in de beschrijving is niet meer in gebruik.');
    await addReport(r, published.lars, 'De link naar de verordening <script>alert(1)</script> werkt niet.');
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await r?.close();
  });

  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  /** A new browser that prefers Dutch (management follows the browser's language until the person chooses). */
  const fresh = async (options: { javaScriptEnabled?: boolean } = {}) => {
    await context?.close();
    context = await browser.newContext({ locale: 'nl-NL', ...options });
    page = await context.newPage();
    errors = collectPageErrors(page);
  };
  afterEach(() => {
    assert.deepEqual(errors.splice(0), [], 'the browser reported no errors (CSP refusals, failed resources, exceptions)');
  });

  const open = async (path: string, status = 200) => {
    const response = await page.goto(r.url + path);
    assert.equal(response?.status(), status, path);
  };
  const heading = async () => (await page.locator('h1').textContent())?.trim();

  /** The sign-in journey by keyboard and form, as a person does it. */
  async function signIn(lang: 'nl' | 'en') {
    await open('/beheer');
    assert.match(page.url(), /\/beheer\/inloggen\?terug=%2Fbeheer$/);
    if (lang === 'en') await page.getByRole('button', { name: 'Switch to English' }).click();
    const t = lang === 'nl' ? { user: 'Gebruikersnaam', password: 'Wachtwoord', signIn: 'Inloggen', code: 'Code van 6 cijfers', check: 'Controleren' } : { user: 'Username', password: 'Password', signIn: 'Sign in', code: '6-digit code', check: 'Check' };
    await page.getByLabel(t.user).fill(username);
    await page.getByLabel(t.password, { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: t.signIn, exact: true }).click();
    await page.waitForURL(/\/beheer\/inloggen\/code/);
    await page.getByLabel(t.code).fill(await totpCode(totpSecret));
    await page.getByRole('button', { name: t.check }).click();
    await page.waitForURL(`${r.url}/beheer`);
  }

  it('signs in with password and TOTP code, refuses a wrong code at the field, and signs out', async () => {
    await fresh();
    await open('/beheer/inloggen');
    await page.getByLabel('Gebruikersnaam').fill(username);
    await page.getByLabel('Wachtwoord', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Inloggen', exact: true }).click();
    await page.waitForURL(/\/beheer\/inloggen\/code/);
    await page.getByLabel('Code van 6 cijfers').fill(wrongTotpCode(totpSecret));
    await page.getByRole('button', { name: 'Controleren' }).click();
    assert.match(await page.locator('#code-error').textContent() ?? '', /Deze code klopt niet/);
    assert.equal(await page.getByLabel('Code van 6 cijfers').getAttribute('aria-invalid'), 'true');
    await page.getByLabel('Code van 6 cijfers').fill(await totpCode(totpSecret));
    await page.getByRole('button', { name: 'Controleren' }).click();
    await page.waitForURL(`${r.url}/beheer`);
    assert.equal(await heading(), 'Algoritmes van Gemeente Amsterdam');
    assert.match(await page.locator('header').textContent() ?? '', /Ingelogd als Tessa Test/);
    const cookies = await context.cookies();
    assert.equal(cookies.length, 1);
    assert.equal(cookies[0]!.httpOnly, true);
    assert.equal(cookies[0]!.sameSite, 'Lax');

    await page.getByRole('button', { name: 'Uitloggen' }).click();
    await page.waitForURL(/melding=uitgelogd/);
    assert.match(await page.locator('main').textContent() ?? '', /U bent uitgelogd\./);
    await open('/beheer');
    assert.match(page.url(), /\/beheer\/inloggen/);
  });

  it('signs in with the keyboard alone: skip link, fields, code', async () => {
    await fresh();
    await open('/beheer/inloggen');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Naar de inhoud');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'username');
    await page.keyboard.type(username);
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'password');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/beheer\/inloggen\/code/);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'code');
    await page.keyboard.type(await totpCode(totpSecret));
    await page.keyboard.press('Enter');
    await page.waitForURL(`${r.url}/beheer`);
    assert.equal(await heading(), 'Algoritmes van Gemeente Amsterdam');
  });

  it('filters the list, switches organisation, and marks a report handled without JavaScript', async () => {
    await fresh({ javaScriptEnabled: false });
    await signIn('nl');
    await page.getByLabel('Status').selectOption('STATE_1');
    await page.getByRole('button', { name: 'Filteren' }).click();
    await page.waitForURL(/status=STATE_1/);
    const states = await page.locator('tbody tr td:nth-child(3)').allTextContents();
    assert.ok(states.length > 0 && states.every((s) => s.startsWith('Concept')), states.join(' | '));

    await page.getByRole('link', { name: 'Foutmeldingen' }).click();
    assert.equal(await heading(), 'Foutmeldingen voor Gemeente Amsterdam');
    assert.equal(await page.locator('.report').count(), 2);
    assert.match(await page.locator('.report-message').first().textContent() ?? '', /<script>alert\(1\)<\/script>/, 'shown as text');
    await page.getByRole('button', { name: 'Markeer als afgehandeld' }).first().click();
    await page.waitForURL(/melding=afgehandeld/);
    assert.equal(await page.locator('.report').count(), 1);
    assert.match(await page.getByRole('status').first().textContent() ?? '', /gemarkeerd als afgehandeld/);

    await page.getByLabel('Organisatie').selectOption('gm0855');
    await page.getByRole('button', { name: 'Wissel' }).click();
    await page.waitForURL(/\/beheer\/foutmeldingen$/);
    assert.equal(await heading(), 'Geen toegang');
    assert.match(await page.locator('main').textContent() ?? '', /U heeft in Gemeente Tilburg niet de rol/);
  });

  for (const lang of ['nl', 'en'] as const) {
    it(`has no WCAG 2.1 A or AA violations on any management page type (${lang})`, async () => {
      await fresh();
      const checked: string[] = [];
      const check = async (what: string) => {
        assert.equal(await page.locator('html').getAttribute('lang'), lang, what);
        await assertAccessible(page);
        checked.push(what);
      };
      const en = lang === 'en';

      // Signed out: sign-in (also with errors), forgot password (also sent), reset, the CSRF refusal.
      await open('/beheer/inloggen');
      if (en) await page.getByRole('button', { name: 'Switch to English' }).click();
      await check('sign-in');
      await page.getByRole('button', { name: en ? 'Sign in' : 'Inloggen', exact: true }).click();
      assert.equal(await page.locator('#username-error').count(), 1);
      await check('sign-in with errors');
      await page.getByRole('link', { name: en ? 'Forgot your password?' : 'Wachtwoord vergeten?' }).click();
      await check('forgot password');
      await page.getByLabel(en ? 'Username or e-mail address' : 'Gebruikersnaam of e-mailadres').fill(username);
      await page.getByRole('button', { name: en ? 'Send the link' : 'Stuur de link' }).click();
      await check('forgot password, sent');
      const mail = await r.app.ctx.kysely.selectFrom('outbox').selectAll().where('to', '=', email).orderBy('id', 'desc').executeTakeFirstOrThrow();
      assert.equal(mail.subject, en ? 'New password for the Algorithm Register' : 'Nieuw wachtwoord voor het Algoritmeregister');
      const link = /(http\S+wachtwoord-herstellen\?token=\S+)/.exec(mail.text)![1]!;
      await page.goto(link);
      await check('reset password');
      await page.getByLabel(en ? 'New password' : 'Nieuw wachtwoord', { exact: true }).fill('te kort');
      await page.getByRole('button', { name: en ? 'Save password' : 'Wachtwoord opslaan' }).click();
      await check('reset password with errors');
      await open('/beheer/wachtwoord-herstellen?token=onbekend', 404);
      await check('reset link invalid');
      await open('/beheer/inloggen');
      await page.locator('main input[name=_csrf]').evaluate((input) => ((input as HTMLInputElement).value = 'vervalst'));
      await page.getByRole('button', { name: en ? 'Sign in' : 'Inloggen', exact: true }).click();
      assert.equal(await heading(), en ? 'Form not accepted' : 'Formulier niet geaccepteerd');
      await check('CSRF refusal');

      // Signed in (the language chosen before sign-in stays): TOTP step, the list, its filter errors, reports, 403, 404.
      await open('/beheer/inloggen');
      await page.getByLabel(en ? 'Username' : 'Gebruikersnaam').fill(username);
      await page.getByLabel(en ? 'Password' : 'Wachtwoord', { exact: true }).fill(PASSWORD);
      await page.getByRole('button', { name: en ? 'Sign in' : 'Inloggen', exact: true }).click();
      await page.waitForURL(/\/beheer\/inloggen\/code/);
      await check('TOTP code');
      await page.getByRole('button', { name: en ? 'Check' : 'Controleren' }).click();
      await check('TOTP code with errors');
      await page.getByLabel(en ? '6-digit code' : 'Code van 6 cijfers').fill(await totpCode(totpSecret));
      await page.getByRole('button', { name: en ? 'Check' : 'Controleren' }).click();
      await page.waitForURL(`${r.url}/beheer`);
      await check('algorithms of my organisation');
      await open('/beheer?status=ONBEKEND&q=', 422);
      await check('algorithms with a bad filter');
      await open('/beheer?q=zzzz-niets');
      await check('algorithms, no match');
      await open('/beheer/foutmeldingen');
      await check('error reports');
      await open('/beheer/foutmeldingen?weergave=afgehandeld');
      await check('error reports, handled');
      await open('/beheer/bestaat-niet', 404);
      await check('not found');
      await page.getByLabel(en ? 'Organisation' : 'Organisatie').selectOption('gm0855');
      await page.getByRole('button', { name: en ? 'Switch' : 'Wissel' }).click();
      assert.equal(await heading(), en ? 'No access' : 'Geen toegang');
      await check('no access');
      assert.equal(checked.length, 17);
    });
  }

  it('reflows to a screen 320 CSS pixels wide: no management page an editor or an administrator reaches scrolls sideways (WCAG 1.4.10)', async () => {
    await context?.close();
    context = await browser.newContext({ locale: 'nl-NL', viewport: { width: 320, height: 640 } });
    page = await context.newPage();
    errors = collectPageErrors(page);
    const wide: string[] = [];
    const checked = new Set<string>();
    for (const person of ['redacteur', 'beheerder']) {
      await context.clearCookies();
      await open('/beheer/inloggen');
      await page.getByLabel('Gebruikersnaam').fill(person);
      await page.getByLabel('Wachtwoord', { exact: true }).fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: 'Inloggen', exact: true }).click();
      await page.waitForURL(`${r.url}/beheer`);
      // Every page their links reach, one of each kind (the same path with other ids or template names is the same page).
      const kind = (path: string) => path.replace(/[0-9]{5,}/g, 'N').replace(/sjabloon=[^&]+/, 'sjabloon=S');
      const seen = new Set([kind('/beheer')]);
      const queue = ['/beheer'];
      while (queue.length > 0) {
        const target = queue.shift()!;
        const response = await page.goto(r.url + target);
        assert.equal(response?.status(), 200, target);
        await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
        const found = await page.evaluate(() => ({
          scrollWidth: document.documentElement.scrollWidth,
          clientWidth: document.documentElement.clientWidth,
          links: Array.from(document.querySelectorAll('main a[href^="/beheer"], header a[href^="/beheer"]'), (a) => a.getAttribute('href')!),
        }));
        checked.add(kind(target));
        if (found.scrollWidth > found.clientWidth) wide.push(`${target} (${person}): ${found.scrollWidth} px wide`);
        for (const link of found.links) {
          // Downloads are files, not pages.
          if (/export|download|\.(csv|xlsx|json)/.test(link) || seen.has(kind(link))) continue;
          seen.add(kind(link));
          queue.push(link);
        }
      }
    }
    assert.deepEqual(wide, []);
    // The crawl really went round: the list, the form from a template (its grouping rows), the organisation's users (a table).
    for (const must of ['/beheer', '/beheer/algoritmes/nieuw?sjabloon=S', '/beheer/organisatiebeheer/gebruikers']) assert.ok(checked.has(must), `${must} among ${[...checked].join(', ')}`);
  });

  it('lets the demo editor of the README sign in', async () => {
    await fresh();
    await open('/beheer/inloggen');
    await page.getByLabel('Gebruikersnaam').fill('redacteur');
    await page.getByLabel('Wachtwoord', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Inloggen', exact: true }).click();
    await page.waitForURL(`${r.url}/beheer`);
    assert.equal(await heading(), 'Algoritmes van Gemeente Amsterdam');
  });
});
