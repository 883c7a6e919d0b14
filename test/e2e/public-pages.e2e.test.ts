// The public site in a real browser (Debian's Chromium): the way from the organisations index to an
// algorithm, the language switch, the keyboard alone, and axe-core's WCAG 2.1 AA rules on every
// page type in both languages. On SQLite: the browser sees the same HTML on either engine.
import { describe, it, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startRegister, type TestRegister } from '../helpers/server.ts';
import { seedDemo } from '../../src/register/demo-data.ts';
import { assertAccessible, axeViolations, collectPageErrors, formatViolations, launchBrowser } from './browser.ts';

describe('public pages in a browser', () => {
  let r: TestRegister;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  let lars: string;

  before(async () => {
    r = await startRegister('sqlite');
    await seedDemo(r.app.ctx.kysely);
    await r.app.ctx.kysely
      .updateTable('organisations')
      .set({ about_html: '<p>De gemeente beschrijft hier haar algoritmes.</p><ul><li>Eerlijk</li><li>Uitlegbaar</li></ul>', contact_html: '<p>Bel 14 020.</p>' })
      .where('code', '=', 'ws0155')
      .execute();
    const org = (await r.call('GET', '/organisatie/ws0155?format=json')).body;
    lars = org.algorithms.results[0].lars;
    browser = await launchBrowser();
    context = await browser.newContext();
    page = await context.newPage();
    errors = collectPageErrors(page);
  });
  after(async () => {
    await browser?.close();
    await r?.close();
  });
  afterEach(() => {
    assert.deepEqual(errors.splice(0), [], 'the browser reported no errors (CSP refusals, failed resources, exceptions)');
  });

  const open = async (path: string, status = 200) => {
    const response = await page.goto(r.url + path);
    assert.equal(response?.status(), status, path);
  };
  const path = () => {
    const url = new URL(page.url());
    return url.pathname + url.search;
  };

  it('the accessibility check reports violations readably when a page has them', async () => {
    const scratch = await context.newPage();
    try {
      await scratch.setContent('<html><head><title>x</title></head><body><main><img src="data:,"><a href="/x"></a><input id="naam"></main></body></html>');
      const violations = await axeViolations(scratch);
      const ids = violations.map((v) => v.id);
      for (const rule of ['html-has-lang', 'image-alt', 'link-name', 'label']) assert.ok(ids.includes(rule), `${rule} in ${ids.join(', ')}`);
      const report = formatViolations('about:blank', violations);
      assert.match(report, /image-alt: Images must have alternative text/);
      assert.match(report, /at img: <img src="data:,">/);
      await assert.rejects(assertAccessible(scratch), /accessibility violation/);
      // And the error collector sees what the page's CSP refuses (inline script), so a clean run means something.
      const seen = collectPageErrors(scratch);
      await scratch.goto(`${r.url}/over`);
      await scratch.addScriptTag({ content: 'window.injected = true;' }).catch(() => {});
      assert.equal(await scratch.evaluate(() => (window as unknown as { injected?: boolean }).injected), undefined);
      assert.match(seen.join('\n'), /Content Security Policy/);
    } finally {
      await scratch.close();
    }
  });

  it('walks from the organisations index, filtered by type, to an organisation and one of its algorithms, and switches language', async () => {
    await open('/organisaties');
    assert.equal(await page.locator('h1').textContent(), 'Organisaties');
    assert.equal(await page.locator('.organisation-list li').count(), 7);

    await page.selectOption('#org-type', 'waterschap');
    await page.getByRole('button', { name: 'Zoeken' }).click();
    await page.waitForURL(/type=waterschap/);
    assert.equal(path(), '/organisaties?q=&type=waterschap');
    assert.deepEqual(await page.locator('.organisation-list li a').allTextContents(), ['Waterschap Aa en Maas']);
    assert.equal(await page.getByRole('status').textContent(), '1 organisatie gevonden');

    await page.getByRole('link', { name: 'Waterschap Aa en Maas' }).click();
    await page.waitForURL(/\/organisatie\/ws0155$/);
    assert.equal(await page.locator('h1').textContent(), 'Waterschap Aa en Maas');
    assert.match((await page.locator('#organisatie-over + .rich-text').textContent()) ?? '', /beschrijft hier haar algoritmes/);

    const first = page.locator('.algorithm-list li a').first();
    const name = await first.textContent();
    await first.click();
    await page.waitForURL(/\/algoritme\/\d{8}$/);
    assert.equal(await page.locator('h1').textContent(), name);
    assert.match(await page.locator('main').textContent() ?? '', /Waterschap Aa en Maas/);

    const lars = path().split('/').pop();
    await page.getByRole('link', { name: 'English' }).click();
    await page.waitForURL(new RegExp(`/en/algoritme/${lars}$`));
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    assert.match(await page.locator('main').textContent() ?? '', /General information/);

    await open('/en/organisations?type=waterschap');
    await page.getByRole('link', { name: 'Nederlands' }).click();
    await page.waitForURL(/\/organisaties\?type=waterschap$/);
    assert.equal(await page.locator('html').getAttribute('lang'), 'nl');
    assert.equal(await page.locator('#org-type').inputValue(), 'waterschap', 'the filter survives the language switch');
  });

  it('works with the keyboard alone: skip link, search form, result', async () => {
    await open('/organisaties');
    await page.keyboard.press('Tab');
    const skip = await page.evaluate(() => ({ text: document.activeElement?.textContent, href: document.activeElement?.getAttribute('href') }));
    assert.deepEqual(skip, { text: 'Naar de inhoud', href: '#inhoud' });
    assert.ok(await page.locator('.skip-link').isVisible(), 'the skip link shows when it has focus');
    await page.keyboard.press('Enter');
    assert.equal(new URL(page.url()).hash, '#inhoud');
    // The next Tab starts from the main content, not from the header.
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'org-q');
    await page.keyboard.type('aa en maas');
    await page.keyboard.press('Enter');
    await page.waitForURL(/q=aa\+en\+maas/);
    assert.deepEqual(await page.locator('.organisation-list li a').allTextContents(), ['Waterschap Aa en Maas']);
    // Skip to the content again and Tab through the form to the first result.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    for (const expected of ['org-q', 'org-type']) {
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement?.id), expected);
    }
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'BUTTON');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Waterschap Aa en Maas');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/organisatie\/ws0155$/);
  });

  it('has no WCAG 2.1 A or AA violations on any page type, in either language', async () => {
    const pages: [string, number][] = [
      [`/algoritme/${lars}`, 200],
      [`/en/algoritme/${lars}`, 200],
      ['/organisaties', 200],
      ['/en/organisations', 200],
      ['/organisaties?type=onbekend', 400],
      ['/organisatie/ws0155', 200],
      ['/en/organisation/ws0155', 200],
      ['/organisatie/bestaat-niet', 404],
      ['/statistieken', 200],
      ['/en/statistics', 200],
      ['/over', 200],
      ['/en/about', 200],
      ['/veelgestelde-vragen', 200],
      ['/en/faq', 200],
      ['/toegankelijkheid', 200],
      ['/en/accessibility', 200],
    ];
    const failures: string[] = [];
    for (const [target, status] of pages) {
      await open(target, status);
      const violations = await axeViolations(page);
      if (violations.length > 0) failures.push(formatViolations(target, violations));
    }
    assert.equal(failures.length, 0, failures.join('\n\n'));
    // The statistics page really holds its charts and their tables (axe checked them opened).
    await open('/statistieken');
    assert.equal(await page.locator('svg[role="img"]').count(), 3);
    await page.locator('summary').first().click();
    assert.ok(await page.locator('table').first().isVisible());
  });

  it('reflows to a screen 320 CSS pixels wide: no page scrolls sideways, wide tables scroll on their own (WCAG 1.4.10)', async () => {
    const narrow = await browser.newContext({ viewport: { width: 320, height: 640 } });
    try {
      const phone = await narrow.newPage();
      const pageErrors = collectPageErrors(phone);
      const wide: string[] = [];
      for (const target of [
        '/',
        '/algoritmes?q=controle',
        `/algoritme/${lars}`,
        `/algoritme/${lars}/versies`,
        `/algoritme/${lars}/fout-melden`,
        '/organisaties',
        '/organisatie/ws0155',
        '/statistieken',
        '/dashboard',
        '/abonneren',
        '/over',
        '/en/',
        '/en/algorithms?q=controle',
        `/en/algoritme/${lars}`,
        '/en/statistics',
        '/en/dashboard',
      ]) {
        const response = await phone.goto(r.url + target);
        assert.equal(response?.status(), 200, target);
        // Every chart's table and other folded content open, as a reader would open them.
        await phone.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
        const { scrollWidth, clientWidth } = await phone.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
        if (scrollWidth > clientWidth) wide.push(`${target}: ${scrollWidth} px wide`);
      }
      assert.deepEqual(wide, []);
      // The dashboard's table is wider than the screen: it scrolls within itself.
      await phone.goto(`${r.url}/dashboard`);
      const table = await phone.locator('table').first().evaluate((t) => ({ scroll: t.scrollWidth, box: t.clientWidth }));
      assert.ok(table.scroll > table.box, `the table fits (${table.scroll} in ${table.box}): this check no longer shows a wide table`);
      assert.deepEqual(pageErrors, []);
    } finally {
      await narrow.close();
    }
  });
});
