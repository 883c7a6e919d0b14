// The admin pages in a real browser (Debian's Chromium): an organisation profile saved with XSS
// payloads never runs a script or opens a dialog, on the management page nor on the public
// organisation page; and axe-core finds no WCAG 2.1 AA violations on every admin page type.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { startRegister, type TestRegister } from '../helpers/server.ts';
import { addPerson, PASSWORD } from '../beheer/management-client.ts';
import { assertAccessible, collectPageErrors, launchBrowser } from './browser.ts';

const PAYLOADS = [
  '<script>window.__xss = 1; alert(1)</script>',
  '<img src=x onerror="window.__xss = 2; alert(2)">',
  '<svg><script>window.__xss = 3</script></svg>',
  '<p onmouseover="alert(4)" style="position:fixed;inset:0">Over ons</p>',
  '<a href="javascript:alert(5)">klik</a>',
  '<iframe srcdoc="<script>parent.__xss=6</script>"></iframe>',
  '"><script>alert(7)</script>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(8)>',
];

describe('admin pages in a browser', () => {
  let r: TestRegister;
  let browser: Browser;
  let page: Page;
  let dialogs: string[];
  let errors: string[];

  before(async () => {
    r = await startRegister('sqlite');
    await r.org('gm0500', 'ictu_last', 'Gemeente Vijfhonderd');
    await addPerson(r, { username: 'beheerder', roles: ['admin'], organisationRoles: { gm0500: ['orgdetail'] } });
    browser = await launchBrowser();
    const context = await browser.newContext({ locale: 'nl-NL' });
    page = await context.newPage();
    dialogs = [];
    page.on('dialog', async (dialog) => {
      dialogs.push(dialog.message());
      await dialog.dismiss();
    });
    errors = collectPageErrors(page);
    await page.goto(`${r.url}/beheer/inloggen`);
    await page.fill('#username', 'beheerder');
    await page.fill('#password', PASSWORD);
    await Promise.all([page.waitForURL(/\/beheer(\?|$|\/)/), page.click('button[type=submit]:not(.link-button)')]);
  });
  after(async () => {
    await browser?.close();
    await r?.close();
  });

  const ranNothing = async () => {
    await page.mouse.move(200, 200);
    await page.waitForTimeout(200);
    assert.equal(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss), undefined, 'no payload ran');
    assert.deepEqual(dialogs, [], 'no dialog opened');
  };

  it('saves a profile with XSS payloads; no script runs in management or on the public page', async () => {
    await page.goto(`${r.url}/beheer/organisatiebeheer/profiel`);
    await page.fill('#profiel-over', `<p>Wij zijn Vijfhonderd.</p>${PAYLOADS.join('\n')}`);
    await page.fill('#profiel-contact', PAYLOADS.reverse().join(''));
    await Promise.all([page.waitForURL(/melding=opgeslagen/), page.click('main button[type=submit]')]);
    assert.match(await page.locator('.profile-preview').first().innerText(), /Wij zijn Vijfhonderd\./);
    await ranNothing();
    await page.goto(`${r.url}/organisatie/gm0500`);
    assert.match(await page.locator('main').innerText(), /Wij zijn Vijfhonderd\./);
    await ranNothing();
    assert.deepEqual(errors.splice(0), []);
  });

  it('finds no WCAG 2.1 AA violations on each admin page type, also with errors shown', async () => {
    const paths = [
      '/beheer/organisatiebeheer',
      '/beheer/organisatiebeheer/gebruikers',
      '/beheer/organisatiebeheer/publicatiestroom',
      '/beheer/organisatiebeheer/profiel',
      '/beheer/organisatiebeheer/api-clients',
      '/beheer/platform',
      '/beheer/platform/organisaties',
      '/beheer/platform/organisaties/nieuw',
      '/beheer/platform/organisaties/gm0500',
      '/beheer/platform/organisaties/importeren',
      '/beheer/platform/gebruikers',
      '/beheer/platform/audit',
    ];
    for (const path of paths) {
      const response = await page.goto(r.url + path);
      assert.equal(response?.status(), 200, path);
      await assertAccessible(page);
    }
    // A form with errors at the fields, the secret answer page, the member page and an import report.
    await page.goto(`${r.url}/beheer/organisatiebeheer/gebruikers`);
    await page.fill('#lid-email', 'geen-adres');
    await Promise.all([page.waitForLoadState('load'), page.click('main form button[type=submit]')]);
    assert.match(await page.locator('.error-summary').innerText(), /geldig e-mailadres/);
    await assertAccessible(page);
    await page.fill('#lid-email', 'nieuw@example.nl');
    await page.check('#lid-rollen');
    await Promise.all([page.waitForURL(/melding=/), page.click('main form button[type=submit]')]);
    await page.click('main table a');
    await page.waitForURL(/gebruikers\/\d+/);
    await assertAccessible(page);
    await page.goto(`${r.url}/beheer/organisatiebeheer/api-clients`);
    await page.fill('#client-naam', 'Leverancier');
    await page.check('#client-rollen');
    await Promise.all([page.waitForLoadState('load'), page.click('main form button[type=submit]')]);
    assert.match(await page.locator('[data-client-secret]').innerText(), /\S{20,}/);
    await assertAccessible(page);
    await page.goto(`${r.url}/beheer/platform/organisaties/importeren`);
    await page.fill('#import-csv', 'code,naam,type\nws0009,Waterschap Negen,waterschap\nx y,Fout,gemeente');
    await Promise.all([page.waitForLoadState('load'), page.click('main form button[value=controleren]')]);
    assert.match(await page.locator('main').innerText(), /1 nieuw/);
    await assertAccessible(page);
    assert.deepEqual(errors.splice(0), []);
  });
});
