// Searching in a real browser (Debian's Chromium): text and facets (applied the moment they are
// ticked), an algorithm from the results, the language switch, comparing two published
// versions, the keyboard alone, and axe-core's WCAG 2.1 AA rules on the home, search and
// history pages in both languages.
import { describe, it, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { startRegister, type TestRegister } from '../helpers/server.ts';
import { seedDemo } from '../../src/register/demo-data.ts';
import { SYSTEM_ACTOR } from '../../src/register/actor.ts';
import { changeState, findAlgorithm, latestVersion, updateAlgorithm } from '../../src/register/algorithms.ts';
import { assertAccessible, collectPageErrors, launchBrowser } from './browser.ts';

describe('search in a browser', () => {
  let r: TestRegister;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let lars: string;

  before(async () => {
    r = await startRegister('sqlite');
    await seedDemo(r.app.ctx.kysely);
    // One algorithm gets a second published version, so its history has something to compare.
    const db = r.app.ctx.kysely;
    const first = (await r.call('GET', '/api/v1/algorithms?sort=name&limit=1')).body.results[0];
    lars = first.lars;
    const algorithm = (await findAlgorithm(db, lars))!;
    const latest = (await latestVersion(db, algorithm.id))!;
    await updateAlgorithm(db, algorithm, { ...latest.content, description_short: `${latest.content.description_short} Sinds dit jaar ook voor bezoekers.` }, SYSTEM_ACTOR);
    const org = (await db.selectFrom('organisations').select('flow').where('id', '=', algorithm.organisation_id).executeTakeFirstOrThrow()).flow as 'ictu_last' | 'self_publish_two';
    await changeState(db, algorithm, org, 'release', SYSTEM_ACTOR);
    await changeState(db, algorithm, org, 'publish', SYSTEM_ACTOR);
    browser = await launchBrowser();
    page = await (await browser.newContext()).newPage();
    errors = collectPageErrors(page);
  });
  after(async () => {
    await browser?.close();
    await r?.close();
  });
  afterEach(() => {
    assert.deepEqual(errors.splice(0), [], 'the browser reported no errors');
  });

  const resultCount = () => page.locator('#result-count').textContent();

  it('searches, filters by ticking a facet, opens a result and switches language', async () => {
    await page.goto(`${r.url}/`);
    await page.fill('#q', 'algoritmes');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/algoritmes\?q=algoritmes/);
    const before = await resultCount();
    assert.match(before ?? '', /algoritmes? gevonden/);
    // Ticking a theme applies it at once (the enhancement submits the form).
    const facet = page.locator('#facet-theme input[type=checkbox]').first();
    const value = await facet.getAttribute('value');
    await Promise.all([page.waitForURL(/theme=/), facet.check()]);
    assert.ok(new URL(page.url()).searchParams.getAll('theme').includes(value!));
    assert.ok(await page.locator('#facet-theme input[type=checkbox]:checked').count() === 1);
    const titles = await page.locator('.result h3 a').allTextContents();
    assert.ok(titles.length >= 1);
    await page.locator('.result h3 a').first().click();
    await page.waitForURL(/\/algoritme\/\d{8}$/);
    const name = await page.locator('h1').textContent();
    assert.equal(name, titles[0]);
    await page.locator('.language-switch').click();
    await page.waitForURL(/\/en\/algoritme\/\d{8}$/);
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    assert.equal(await page.locator('h1').textContent(), name);
  });

  it('compares two published versions from the algorithm page', async () => {
    await page.goto(`${r.url}/algoritme/${lars}`);
    await page.locator('a', { hasText: 'Alle gepubliceerde versies (2)' }).click();
    await page.waitForURL(/\/versies$/);
    await page.locator('.compare-form button').click();
    await page.waitForURL(/van=\d+&naar=\d+/);
    assert.match((await page.locator('.diff-table').textContent()) ?? '', /Sinds dit jaar ook voor bezoekers/);
    assert.ok((await page.locator('.diff-table ins').count()) >= 1);
    await assertAccessible(page);
  });

  it('works with the keyboard alone: search box, sort, a result', async () => {
    await page.goto(`${r.url}/algoritmes`);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter'); // the skip link
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'q');
    await page.keyboard.type('algoritme');
    await page.keyboard.press('Enter');
    await page.waitForURL(/q=algoritme/);
    // Change the order with the keyboard: the enhancement applies it.
    await page.focus('#sort');
    await Promise.all([page.waitForURL(/sort=name/), page.selectOption('#sort', 'name')]);
    const names = await page.locator('.result h3 a').allTextContents();
    assert.deepEqual(names, [...names].sort((a, b) => a.localeCompare(b, 'nl', { sensitivity: 'base' })));
    await page.focus('.result h3 a');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/algoritme\/\d{8}$/);
  });

  it('downloads a search result as CSV from the search page', async () => {
    await page.goto(`${r.url}/algoritmes?theme=Verkeer`);
    const shown = Number(/(\d+)/.exec((await resultCount()) ?? '')![1]);
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('.download a', { hasText: 'CSV' }).click()]);
    assert.match(download.suggestedFilename(), /^algorithms-[a-z-]+-\d{4}-\d{2}-\d{2}\.csv$/);
    const text = await readFile((await download.path())!, 'utf8');
    const lines = text.trim().split('\n');
    assert.match(lines[0], /^lars,organisation_code,standard_version,version_date/);
    assert.equal(lines.filter((line) => /^\d{8},/.test(line)).length, shown);
  });

  it('reports an error from the algorithm page, and the page counts it', async () => {
    await page.goto(`${r.url}/algoritme/${lars}`);
    await page.locator('a', { hasText: /melden|Meld/i }).first().click();
    await page.waitForURL(/\/fout-melden$/);
    await assertAccessible(page);
    await page.fill('#message', 'Het telefoonnummer in de contactgegevens is niet meer in gebruik.');
    // The form refuses answers faster than a person types (three seconds).
    await page.waitForTimeout(3200);
    await Promise.all([page.waitForURL(/\/bedankt/), page.locator('form button[type=submit]').click()]);
    assert.match((await page.locator('h1').textContent()) ?? '', /Bedankt voor uw melding/);
    await assertAccessible(page);
    await page.goto(`${r.url}/algoritme/${lars}`);
    assert.match((await page.textContent('main')) ?? '', /er staat nu 1 melding open/);
  });

  it('has no WCAG 2.1 A or AA violations on the home, search, history, report and subscribe pages, in either language', async () => {
    for (const path of [
      '/',
      '/en/',
      '/algoritmes?q=algoritme',
      '/en/algorithms?theme=Verkeer',
      '/algoritmes?theme=Astrologie',
      `/algoritme/${lars}`,
      `/en/algoritme/${lars}/versions`,
      `/en/algoritme/${lars}/report-error`,
      '/abonneren?q=parkeren&theme=Verkeer',
      '/en/subscribe?q=parking',
    ]) {
      await page.goto(r.url + path);
      await assertAccessible(page);
    }
  });
});
