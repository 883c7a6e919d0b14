// The whole journey of describing an algorithm in a real browser (Debian's Chromium), in both
// publication flows: sign in with a TOTP code, start from a template, save an invalid draft and
// see the messages with the values kept, fix, release, reject with a reason, fix, release,
// approve, see it on the public page, retract. Also: the live counter and the warning before
// leaving unsaved changes, and axe-core's WCAG 2.1 AA rules on the new, edit and history pages.
import { describe, it, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startRegister, type TestRegister } from '../helpers/server.ts';
import { bundledTemplates, upsertTemplates } from '../../src/register/templates.ts';
import type { FlowName } from '../../src/register/states.ts';
import { addPerson } from '../beheer/management-client.ts';
import { signInAs } from './sign-in.ts';
import { assertAccessible, collectPageErrors, launchBrowser } from './browser.ts';

const FLOWS: { flow: FlowName; org: string; approverRoles: string[]; release: string }[] = [
  { flow: 'ictu_last', org: 'gm0600', approverRoles: ['ictu'], release: 'Vrijgeven ter publicatie' },
  { flow: 'self_publish_two', org: 'gm0601', approverRoles: ['role_2'], release: 'Vrijgeven ter goedkeuring' },
];

describe('describing an algorithm in a browser', () => {
  let r: TestRegister;
  let browser: Browser;
  const people: Record<string, { username: string; totpSecret?: string }> = {};
  before(async () => {
    r = await startRegister('sqlite');
    await upsertTemplates(r.app.ctx.kysely, bundledTemplates());
    for (const { flow, org, approverRoles } of FLOWS) {
      await r.org(org, flow, `Gemeente ${flow}`);
      people[`editor-${flow}`] = await addPerson(r, { roles: ['role_1'], organisations: [org], totp: true });
      people[`approver-${flow}`] = await addPerson(r, { roles: approverRoles, organisations: [org] });
    }
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

  async function signIn(key: string) {
    await context?.close();
    context = await browser.newContext({ locale: 'nl-NL' });
    page = await context.newPage();
    errors = collectPageErrors(page);
    await signInAs(page, r.url, people[key]!);
  }

  const step = async (name: string) => {
    await page.getByRole('button', { name, exact: true }).click();
    await page.waitForLoadState('load');
  };

  for (const { flow, release } of FLOWS) {
    it(`goes from template to public and back (${flow})`, async () => {
      await signIn(`editor-${flow}`);
      await page.getByRole('link', { name: 'Nieuw algoritme' }).click();
      await page.waitForURL(/\/beheer\/algoritmes\/nieuw$/);
      await assertAccessible(page);
      await page.getByRole('button', { name: 'Beginnen' }).first().click();
      await page.waitForURL(/sjabloon=/);
      assert.match((await page.locator('[role=status]').first().textContent()) ?? '', /Het formulier is ingevuld met/);

      // An invalid draft: refused with the messages at the fields, every value kept.
      const name = page.locator('#f-name');
      await name.fill(`Afspraken plannen (${flow}) `.padEnd(120, 'x'));
      assert.match((await page.locator('#f-name-count').textContent()) ?? '', /^120 van 100 tekens/, 'the counter follows typing');
      await page.locator('#f-begin_date').fill('ooit');
      await step('Opslaan als concept');
      assert.match((await page.locator('.error-summary').textContent()) ?? '', /Naam/);
      assert.match((await page.locator('#f-name-errors').textContent()) ?? '', /hoogstens 100 tekens/);
      assert.equal(await name.inputValue(), `Afspraken plannen (${flow}) `.padEnd(120, 'x'));
      assert.equal(await page.locator('#f-begin_date').inputValue(), 'ooit');
      await assertAccessible(page);

      // Fixed but incomplete: kept, and what is missing is marked.
      await name.fill(`Afspraken plannen (${flow})`);
      await page.locator('#f-begin_date').fill('2024-03');
      await page.locator('#f-description_short').fill('');
      await step('Opslaan als concept');
      await page.waitForURL(/melding=onvolledig/);
      const edit = page.url().split('?')[0]!;
      await page.locator('#f-description_short').fill('Plant afspraken voor de balie in.');
      for (const [field, value] of [['#f-status', 'In gebruik'], ['#f-publication_category', 'Impactvolle algoritmes']] as const) await page.locator(field).selectOption(value);
      await page.locator('#f-contact_email').fill('algoritmes@gemeente.nl');
      await step('Opslaan als concept');
      await page.waitForURL(/melding=(opgeslagen|onvolledig)/);
      assert.match(page.url(), /melding=opgeslagen/, (await page.locator('.utrecht-form-field--invalid').allTextContents()).join(' | '));
      await assertAccessible(page);
      await step(release);

      // The approver reviews and rejects with a reason.
      await signIn(`approver-${flow}`);
      await page.goto(edit);
      assert.match((await page.locator('#review').locator('..').textContent()) ?? '', /Nog nooit gepubliceerd/);
      await page.getByLabel('Reden van afwijzen').fill('Noem de wettelijke grondslag.');
      await step('Afwijzen');
      await page.waitForURL(/melding=reject_to_1/);

      // The editor sees why, fixes it, releases again; the approver approves.
      await signIn(`editor-${flow}`);
      await page.goto(edit);
      assert.match((await page.locator('main').textContent()) ?? '', /Noem de wettelijke grondslag\./);
      await page.locator('#f-lawful_basis_grouping-0-title').fill('Gemeentewet');
      await page.locator('#f-lawful_basis_grouping-0-link').fill('https://wetten.overheid.nl/BWBR0005416');
      await step('Opslaan als concept');
      await page.waitForURL(/melding=opgeslagen/);
      await step(release);
      await signIn(`approver-${flow}`);
      await page.goto(edit);
      await step('Goedkeuren en publiceren');
      await page.waitForURL(/melding=publish/);

      const lars = /algoritme\/(\d{8})/.exec(edit)![1];
      await page.goto(`${r.url}/algoritme/${lars}`);
      assert.equal(await page.locator('h1').textContent(), `Afspraken plannen (${flow})`);
      assert.match((await page.locator('main').textContent()) ?? '', /Gemeentewet/);

      await page.goto(edit);
      await step('Terugtrekken van het openbare register');
      await page.waitForURL(/melding=retract/);
      const gone = await page.goto(`${r.url}/algoritme/${lars}`);
      assert.equal(gone?.status(), 404);

      await page.goto(`${edit}/geschiedenis`);
      assert.match((await page.locator('main').textContent()) ?? '', /afgewezen.*Noem de wettelijke grondslag/s);
      await assertAccessible(page);
    });
  }

  it('checks formats while typing and edits rich text with paragraphs and lists only', async () => {
    await signIn('editor-ictu_last');
    await page.goto(`${r.url}/beheer/algoritmes/nieuw?leeg=1`);
    await page.locator('#f-name').fill('Rijke tekst proberen');
    // A format that does not fit is said when the field is left, and goes away once it fits.
    await page.locator('#f-begin_date').fill('maart');
    await page.keyboard.press('Tab');
    assert.match((await page.locator('#f-begin_date-format').textContent()) ?? '', /jjjj-mm/);
    await page.locator('#f-begin_date').fill('2024-03');
    assert.equal(await page.locator('#f-begin_date-format').isHidden(), true);
    // The rich-text editor stands in for the text area, labelled by the field's label.
    const editor = page.getByRole('textbox', { name: 'Doel en impact' });
    await editor.click();
    await page.keyboard.type('Eerste punt');
    await page.getByRole('toolbar', { name: /Doel en impact/ }).getByRole('button', { name: 'Opsomming' }).click();
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Tweede punt');
    await assertAccessible(page);
    await step('Opslaan als concept');
    await page.waitForURL(/\/beheer\/algoritme\/\d{8}/);
    const lars = /algoritme\/(\d{8})/.exec(page.url())![1]!;
    const db = r.app.ctx.kysely;
    const algorithm = await db.selectFrom('algorithms').select('id').where('lars', '=', lars).executeTakeFirstOrThrow();
    const version = await db.selectFrom('versions').select('content').where('algorithm_id', '=', algorithm.id).orderBy('id', 'desc').executeTakeFirstOrThrow();
    const goal = JSON.parse(version.content).goal as string;
    assert.match(goal, /<ul><li>Eerste punt<\/li><li>Tweede punt<\/li><\/ul>/);
    assert.equal(JSON.parse(version.content).begin_date, '2024-03');
  });

  it('asks before leaving a form with changes that are not saved', async () => {
    await signIn('editor-ictu_last');
    await page.goto(`${r.url}/beheer/algoritmes/nieuw?leeg=1`);
    let asked = false;
    page.on('dialog', async (dialog) => {
      asked = dialog.type() === 'beforeunload';
      await dialog.dismiss();
    });
    await page.locator('#f-name').fill('Half af');
    await page.goto(`${r.url}/beheer`).catch(() => {});
    assert.ok(asked, 'the browser asked before leaving');
    assert.equal(await page.locator('#f-name').inputValue(), 'Half af');
  });
});
