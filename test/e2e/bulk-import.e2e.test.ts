// Bulk import in a real browser (Debian's Chromium); the pages load no script of ours: an editor uploads
// a file with an error, reads the dry run (the refused row and the message at its field), uploads
// the corrected file, applies it by choosing the file again, and finds the new algorithms in the
// list. axe-core's WCAG 2.1 AA rules on the import page, the dry run and the page after applying.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { startRegister, type TestRegister } from '../helpers/server.ts';
import { addPerson, PASSWORD } from '../beheer/management-client.ts';
import { validRecord } from '../fixtures/records.ts';
import { assertAccessible, collectPageErrors, launchBrowser } from './browser.ts';

describe('bulk import in a browser', () => {
  let r: TestRegister;
  let browser: Browser;
  let dir: string;
  let username: string;
  before(async () => {
    r = await startRegister('sqlite');
    await r.org('gm0700', 'ictu_last', 'Gemeente Zeven');
    ({ username } = await addPerson(r, { roles: ['role_1'], organisations: ['gm0700'] }));
    browser = await launchBrowser();
    dir = mkdtempSync(join(tmpdir(), 'ar-import-'));
  });
  after(async () => {
    await browser?.close();
    await r?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('uploads a file with an error, sees the dry run, uploads the fixed file and applies it', async () => {
    const context = await browser.newContext({ locale: 'nl-NL' });
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await page.goto(`${r.url}/beheer/inloggen`);
    await page.getByLabel('Gebruikersnaam').fill(username);
    await page.getByLabel('Wachtwoord', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Inloggen', exact: true }).click();
    await page.waitForURL(`${r.url}/beheer`);

    await page.goto(`${r.url}/beheer/importeren`);
    await assertAccessible(page);
    const rows = [validRecord({ name: 'Wachtlijsten ordenen', organization: 'Gemeente Zeven' }), validRecord({ name: 'Meldingen wegen', organization: 'Gemeente Zeven', category: ['Geen thema'] })];
    const broken = join(dir, 'algoritmes.json');
    writeFileSync(broken, JSON.stringify(rows));
    await page.getByLabel('Bestand').setInputFiles(broken);
    await page.getByRole('button', { name: 'Controleren' }).click();
    await page.waitForURL(`${r.url}/beheer/importeren/proefdraai`);
    assert.match(await page.locator('h1').innerText(), /Proefdraai van algoritmes\.json/);
    assert.match(await page.locator('.import-counts').innerText(), /Nieuwe algoritmes\s+1[\s\S]*Geweigerde rijen\s+1/);
    const refused = page.locator('#rij-2');
    assert.match(await refused.innerText(), /Rij 2: Meldingen wegen\s+Geweigerd/);
    assert.match(await refused.getByRole('row', { name: /Thema \(category\)/ }).innerText(), /Fout:/);
    await assertAccessible(page);

    const fixed = join(dir, 'algoritmes-verbeterd.json');
    rows[1] = validRecord({ name: 'Meldingen wegen', organization: 'Gemeente Zeven' });
    writeFileSync(fixed, JSON.stringify(rows));
    const checkAgain = page.locator('section[aria-labelledby="import-again"]');
    await checkAgain.getByLabel('Bestand').setInputFiles(fixed);
    await checkAgain.getByRole('button', { name: 'Controleren' }).click();
    await page.waitForLoadState();
    assert.match(await page.locator('h1').innerText(), /Proefdraai van algoritmes-verbeterd\.json/);
    assert.match(await page.locator('.import-counts').innerText(), /Nieuwe algoritmes\s+2[\s\S]*Geweigerde rijen\s+0/);
    await assertAccessible(page);

    const applyForm = page.locator('section[aria-labelledby="import-apply"]');
    await applyForm.getByLabel('Bestand').setInputFiles(fixed);
    await applyForm.getByRole('button', { name: 'Importeren: 2 nieuw, 0 gewijzigd' }).click();
    await page.waitForURL(/\/beheer\/importeren\?aangemaakt=2&bijgewerkt=0$/);
    assert.match(await page.getByRole('status').innerText(), /Geïmporteerd: 2 nieuwe algoritmes/);
    await assertAccessible(page);

    await page.goto(`${r.url}/beheer`);
    const list = await page.locator('table').innerText();
    assert.match(list, /Wachtlijsten ordenen/);
    assert.match(list, /Meldingen wegen/);
    assert.deepEqual(errors, []);
    await context.close();
  });
});
