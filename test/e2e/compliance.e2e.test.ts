// Publication duty and compliance in a real browser (Debian's Chromium): an editor assesses a new algorithm
// and sees "must publish as B", the organisation dashboard shows it overdue, the editor records a partial
// exclusion for one field that a second person approves, the publisher publishes, the public page shows the
// withheld notice, and the dashboard no longer lists it. axe-core's WCAG 2.1 AA rules on every new page type.
import { describe, it, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startRegister, type TestRegister } from '../helpers/server.ts';
import { addAlgorithm, addPerson } from '../beheer/management-client.ts';
import { signInAs } from './sign-in.ts';
import { assertAccessible, collectPageErrors, launchBrowser } from './browser.ts';

describe('publication duty and compliance in a browser', () => {
  let r: TestRegister;
  let browser: Browser;
  let lars: string;
  const people: Record<string, string> = {};
  before(async () => {
    r = await startRegister('sqlite');
    await r.org('gm0950', 'ictu_last', 'Gemeente Dertien');
    people.eva = (await addPerson(r, { roles: ['role_1'], organisations: ['gm0950'] })).username;
    people.erik = (await addPerson(r, { roles: ['role_1'], organisations: ['gm0950'] })).username;
    people.piet = (await addPerson(r, { roles: ['ictu'], organisations: ['gm0950'] })).username;
    lars = (await addAlgorithm(r, 'gm0950', 'Controle op bijstandsfraude', 'STATE_2')).lars;
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await r?.close();
  });

  let context: BrowserContext | undefined;
  let page: Page;
  let errors: string[] = [];
  afterEach(() => assert.deepEqual(errors.splice(0), [], 'the browser reported no errors'));

  async function signIn(who: string) {
    await context?.close();
    context = await browser.newContext({ locale: 'nl-NL' });
    page = await context.newPage();
    errors = collectPageErrors(page);
    await signInAs(page, r.url, { username: people[who]! });
  }

  async function overdueText() {
    await page.goto(`${r.url}/beheer/dashboard`);
    return page.locator('section[aria-labelledby="achterstallig"]').innerText();
  }

  it('an editor assesses a new algorithm one question at a time and sees "must publish as B"', async () => {
    await signIn('eva');
    await page.goto(`${r.url}/beheer/algoritme/${lars}`);
    await page.getByRole('link', { name: 'Publicatieplicht en verantwoording' }).first().click();
    await page.waitForURL(/\/verantwoording$/);
    await assertAccessible(page);
    await page.getByRole('link', { name: 'Beantwoord de vragen' }).click();
    // Next without an answer: the message at the question.
    await page.getByRole('button', { name: 'Volgende' }).click();
    assert.match(await page.locator('.field-error').innerText(), /Kies een antwoord/);
    await assertAccessible(page);
    for (const answer of ['Ja', 'Nee', 'Ja']) {
      await page.getByLabel(answer, { exact: true }).check();
      await page.getByRole('button', { name: 'Volgende' }).click();
    }
    assert.match(await page.locator('main').innerText(), /Publiceren verplicht, als impactvol algoritme \(categorie B\)/);
    await assertAccessible(page);
    await page.getByRole('button', { name: 'Uitkomst vastleggen' }).click();
    await page.waitForURL(/melding=plicht/);
    assert.match(await page.locator('main').innerText(), /De uitkomst van de publicatieplicht is vastgelegd/);
    assert.match(await overdueText(), /Controle op bijstandsfraude/);
    await assertAccessible(page);
  });

  it('goes through the AI Act decision aid with a way back', async () => {
    await page.goto(`${r.url}/beheer/algoritme/${lars}/ai-verordening`);
    await assertAccessible(page);
    await page.getByLabel('Ja', { exact: true }).check();
    await page.getByRole('button', { name: 'Volgende' }).click();
    await page.getByRole('link', { name: 'Vorige vraag' }).click();
    assert.match(await page.locator('legend').innerText(), /Bevat de \(beoogde\) toepassing een algoritme\?/);
    await page.getByLabel('Nee', { exact: true }).check();
    await page.getByRole('button', { name: 'Volgende' }).click();
    assert.match(await page.locator('main').innerText(), /Conclusie/);
    await assertAccessible(page);
    await page.getByRole('button', { name: 'Indeling vastleggen' }).click();
    await page.waitForURL(/melding=ingedeeld/);
  });

  it('records a partial exclusion for one field, which a second person approves', async () => {
    await page.goto(`${r.url}/beheer/algoritme/${lars}/verantwoording`);
    await page.getByRole('link', { name: 'Uitsluitingsgrond vastleggen' }).click();
    await assertAccessible(page);
    await page.getByLabel('Handhaving en toezicht').check();
    await page.getByLabel('Gepubliceerd, met onderdelen niet openbaar').check();
    await page.getByLabel('Onderbouwing').fill('Wie het doel kent, kan de controle ontlopen.');
    await page.getByLabel('Opnieuw bekijken op').fill('2999-01-01');
    await page.getByRole('button', { name: 'Vastleggen ter goedkeuring' }).click();
    // No field chosen: the message at the fields, the justification kept.
    assert.match(await page.locator('.field-error').innerText(), /minstens één onderdeel/);
    assert.equal(await page.getByLabel('Onderbouwing').inputValue(), 'Wie het doel kent, kan de controle ontlopen.');
    await assertAccessible(page);
    await page.getByLabel('Doel en impact', { exact: true }).check();
    await page.getByRole('button', { name: 'Vastleggen ter goedkeuring' }).click();
    await page.waitForURL(/melding=uitsluiting-vastgelegd/);
    assert.match(await page.locator('section[aria-labelledby="uitsluitingen"]').innerText(), /Wacht op goedkeuring/);

    await signIn('erik');
    await page.goto(`${r.url}/beheer/algoritme/${lars}/verantwoording`);
    await page.getByRole('button', { name: 'Goedkeuren' }).click();
    await page.waitForURL(/melding=uitsluiting-goedgekeurd/);
    assert.match(await page.locator('section[aria-labelledby="uitsluitingen"]').innerText(), /Van kracht/);
    await assertAccessible(page);
  });

  it('publishes, and the public page shows the withheld notice; the dashboard no longer lists it', async () => {
    await signIn('piet');
    await page.goto(`${r.url}/beheer/algoritme/${lars}`);
    await page.getByRole('button', { name: 'Goedkeuren en publiceren' }).click();
    await page.waitForURL(/melding=publish/);

    await page.goto(`${r.url}/algoritme/${lars}`);
    const notice = await page.locator('.withheld-notice').innerText();
    assert.match(notice, /Niet alles is openbaar/);
    assert.match(notice, /Handhaving en toezicht/);
    assert.match(notice, /Doel en impact/);
    await assertAccessible(page);
    await page.goto(`${r.url}/en/algoritme/${lars}`);
    assert.match(await page.locator('.withheld-notice').innerText(), /Not everything is public/);

    await signIn('eva');
    assert.doesNotMatch(await overdueText(), /Controle op bijstandsfraude/);
  });

  it('shows the national dashboard, accessible in both languages', async () => {
    for (const path of ['/dashboard', '/en/dashboard']) {
      await page.goto(`${r.url}${path}`);
      assert.match(await page.locator('h1').innerText(), /Dashboard publicatieplicht|Publication duty dashboard/);
      await assertAccessible(page);
    }
  });
});
