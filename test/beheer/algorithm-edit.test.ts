// Describing an algorithm in management over real HTTP, in the ictu_last flow: start from a
// template, save an invalid draft (refused, values kept), save an incomplete one (kept, marked),
// complete it, release, review and reject with a reason, fix, release, approve, see it public,
// retract; a concurrent save is detected; buttons and steps follow the policy; another
// organisation's algorithm is not found. On both engines.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINES } from '../helpers/engines.ts';
import { startRegister, type TestRegister } from '../helpers/server.ts';
import { formData } from '../helpers/form-data.ts';
import { addAlgorithm, addPerson, ManagementClient, textOf } from './management-client.ts';
import { bundledTemplates, upsertTemplates } from '../../src/register/templates.ts';
import { findAlgorithm, latestVersion } from '../../src/register/algorithms.ts';

/** The fields of the page's algorithm form, as a browser would send them, with `changes` made. */
function editedForm(html: string, changes: Record<string, string>): Record<string, string> {
  const data = formData(html, (form) => form.attribs.class === 'algorithm-form');
  const flat: Record<string, string> = {};
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(data)) for (const v of [value].flat()) params.append(name, v);
  for (const [name, value] of Object.entries(changes)) params.set(name, value);
  // URLSearchParams keeps repeated names (checkboxes); the client posts an object, so join them back.
  for (const name of new Set(params.keys())) flat[name] = params.getAll(name).join('\u0000');
  return flat;
}

/** Posts a form whose repeated names were joined by editedForm. */
async function postForm(c: ManagementClient, path: string, fields: Record<string, string>) {
  const body = new URLSearchParams();
  body.append('_csrf', c.csrf ?? '');
  for (const [name, value] of Object.entries(fields)) for (const v of value.split('\u0000')) if (name !== '_csrf') body.append(name, v);
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  if (c.cookie) headers.cookie = c.cookie;
  const response = await fetch(c.r.url + path, { method: 'POST', headers, body, redirect: 'manual' });
  return { status: response.status, location: response.headers.get('location'), html: await response.text() };
}

for (const engine of ENGINES) {
  describe(`describing an algorithm in management (${engine})`, () => {
    let r: TestRegister;
    let editor: ManagementClient;
    let publisher: ManagementClient;
    let lars: string;
    before(async () => {
      r = await startRegister(engine);
      await upsertTemplates(r.app.ctx.kysely, bundledTemplates());
      await r.org('gm0300', 'ictu_last', 'Gemeente Drie');
      await r.org('gm0301', 'ictu_last', 'Gemeente Anders');
      editor = new ManagementClient(r);
      await editor.signIn((await addPerson(r, { roles: ['role_1'], organisations: ['gm0300'] })).username);
      publisher = new ManagementClient(r);
      await publisher.signIn((await addPerson(r, { roles: ['ictu'], organisations: ['gm0300'], email: 'publicist@drie.nl' })).username);
    });
    after(() => r.close());

    it('starts from a template, refuses an invalid save with every value kept, keeps an incomplete one', async () => {
      const start = await editor.get('/beheer/algoritmes/nieuw');
      assert.equal(start.status, 200);
      const templateId = /<option value="([^"]+)"/.exec(start.html)![1];
      const form = await editor.get(`/beheer/algoritmes/nieuw?sjabloon=${encodeURIComponent(templateId)}`);
      assert.equal(form.status, 200);
      assert.match(form.html, /Het formulier is ingevuld met/);
      const fields = editedForm(form.html, { name: 'x'.repeat(120), begin_date: 'ooit' });
      const invalid = await postForm(editor, '/beheer/algoritmes/nieuw', fields);
      assert.equal(invalid.status, 422);
      assert.match(textOf(invalid.html), /Niet opgeslagen/);
      assert.match(invalid.html, new RegExp(`value="${'x'.repeat(120)}"`));
      assert.match(invalid.html, /value="ooit"/);
      assert.match(textOf(invalid.html), /Gebruik hoogstens 100 tekens/);

      const incomplete = await postForm(editor, '/beheer/algoritmes/nieuw', editedForm(invalid.html, { name: 'Afspraken inplannen met een algoritme', begin_date: '2024-02', description_short: '' }));
      assert.equal(incomplete.status, 303);
      assert.match(incomplete.location!, /^\/beheer\/algoritme\/\d{8}\?melding=onvolledig$/);
      lars = /(\d{8})/.exec(incomplete.location!)![1];
      const page = await editor.get(incomplete.location!);
      assert.match(textOf(page.html), /Opgeslagen als concept\. Het is nog niet compleet/);
      assert.match(textOf(page.html), /Vul dit veld in/);
      assert.match(page.html, /value="Afspraken inplannen met een algoritme"/);
      // Releasing an incomplete description is refused.
      const refused = await editor.post(`/beheer/algoritme/${lars}/stap`, { stap: 'release', basis: /name="basis" value="(\d+)"/.exec(page.html)![1] });
      assert.equal(refused.location, `/beheer/algoritme/${lars}?melding=niet-compleet`);
      assert.equal((await latestVersion(r.app.ctx.kysely, (await findAlgorithm(r.app.ctx.kysely, lars))!.id))!.state, 'STATE_1');
    });

    it('completes, releases, is rejected with a reason, is fixed, released and approved, then is public and can be retracted', async () => {
      const page = await editor.get(`/beheer/algoritme/${lars}`);
      assert.ok(!page.html.includes('value="publish"'), 'an editor sees no approve button');
      const saved = await postForm(editor, `/beheer/algoritme/${lars}`, editedForm(page.html, { description_short: 'Plant afspraken in voor de balie.', status: 'In gebruik', publication_category: 'Impactvolle algoritmes', contact_email: 'algoritmes@drie.nl', organization: 'Gemeente Drie' }));
      assert.equal(saved.status, 303, textOf(saved.html).slice(0, 500));
      assert.equal(saved.location, `/beheer/algoritme/${lars}?melding=opgeslagen`);
      const complete = await editor.get(saved.location!);
      const basis = () => /name="basis" value="(\d+)"/.exec(complete.html)![1];
      assert.equal((await editor.post(`/beheer/algoritme/${lars}/stap`, { stap: 'release', basis: basis() })).location, `/beheer/algoritme/${lars}?melding=release`);

      // The approver hears of it.
      const mail = await r.app.ctx.kysely.selectFrom('outbox').select(['subject', 'text']).where('to', '=', 'publicist@drie.nl').executeTakeFirst();
      assert.match(mail?.subject ?? '', /Ter goedkeuring: Afspraken inplannen met een algoritme/);
      const review = await publisher.get(`/beheer/algoritme/${lars}`);
      assert.match(textOf(review.html), /Nog nooit gepubliceerd/);
      assert.ok(review.html.includes('value="publish"') && review.html.includes('value="reject_to_1"'));
      assert.ok(!review.html.includes('value="release"'));
      const reviewBasis = /name="basis" value="(\d+)"/.exec(review.html)![1];
      // Refusing without a reason, then with one.
      assert.equal((await publisher.post(`/beheer/algoritme/${lars}/stap`, { stap: 'reject_to_1', basis: reviewBasis, reden: '  ' })).status, 422);
      assert.equal((await publisher.post(`/beheer/algoritme/${lars}/stap`, { stap: 'reject_to_1', basis: reviewBasis, reden: 'Noem de wettelijke grondslag.' })).location, `/beheer/algoritme/${lars}?melding=reject_to_1`);
      // An editor may not approve, whatever they post.
      assert.equal((await editor.post(`/beheer/algoritme/${lars}/stap`, { stap: 'publish', basis: reviewBasis })).status, 403);

      const fix = await editor.get(`/beheer/algoritme/${lars}`);
      assert.match(textOf(fix.html), /Noem de wettelijke grondslag\./);
      const fixed = await postForm(editor, `/beheer/algoritme/${lars}`, editedForm(fix.html, { 'lawful_basis_grouping.0.title': 'Gemeentewet', 'lawful_basis_grouping.0.link': 'https://wetten.overheid.nl/BWBR0005416' }));
      assert.equal(fixed.location, `/beheer/algoritme/${lars}?melding=opgeslagen`);
      const again = await editor.get(fixed.location!);
      await editor.post(`/beheer/algoritme/${lars}/stap`, { stap: 'release', basis: /name="basis" value="(\d+)"/.exec(again.html)![1] });
      const approve = await publisher.get(`/beheer/algoritme/${lars}`);
      assert.equal((await publisher.post(`/beheer/algoritme/${lars}/stap`, { stap: 'publish', basis: /name="basis" value="(\d+)"/.exec(approve.html)![1] })).location, `/beheer/algoritme/${lars}?melding=publish`);
      const pub = await fetch(`${r.url}/algoritme/${lars}`);
      assert.equal(pub.status, 200);
      assert.match(await pub.text(), /Gemeentewet/);

      const published = await publisher.get(`/beheer/algoritme/${lars}`);
      assert.ok(published.html.includes('value="retract"'));
      await publisher.post(`/beheer/algoritme/${lars}/stap`, { stap: 'retract', basis: /name="basis" value="(\d+)"/.exec(published.html)![1] });
      assert.equal((await fetch(`${r.url}/algoritme/${lars}`)).status, 404);
    });

    it('detects a save based on a version someone else replaced, shows their change and keeps yours', async () => {
      const other = new ManagementClient(r);
      await other.signIn((await addPerson(r, { roles: ['role_1'], organisations: ['gm0300'] })).username);
      const mine = await editor.get(`/beheer/algoritme/${lars}`);
      const theirs = await other.get(`/beheer/algoritme/${lars}`);
      assert.equal((await postForm(other, `/beheer/algoritme/${lars}`, editedForm(theirs.html, { description_short: 'Door de ander herschreven.' }))).status, 303);
      const conflict = await postForm(editor, `/beheer/algoritme/${lars}`, editedForm(mine.html, { name: 'Mijn nieuwe naam' }));
      assert.equal(conflict.status, 409);
      assert.match(textOf(conflict.html), /Iemand anders heeft dit algoritme intussen opgeslagen/);
      assert.match(textOf(conflict.html), /herschreven/);
      assert.match(conflict.html, /value="Mijn nieuwe naam"/);
      // Saving again puts this version over theirs, deliberately.
      const over = await postForm(editor, `/beheer/algoritme/${lars}`, editedForm(conflict.html, {}));
      assert.equal(over.status, 303);
      const latest = (await latestVersion(r.app.ctx.kysely, (await findAlgorithm(r.app.ctx.kysely, lars))!.id))!;
      assert.equal(latest.content.name, 'Mijn nieuwe naam');
    });

    it('never shows or changes an algorithm of another organisation', async () => {
      const foreign = await addAlgorithm(r, 'gm0301', 'Van een ander', 'STATE_1');
      assert.equal((await editor.get(`/beheer/algoritme/${foreign.lars}`)).status, 404);
      await editor.get('/beheer');
      assert.equal((await editor.post(`/beheer/algoritme/${foreign.lars}`, { name: 'Overgenomen' })).status, 404);
      assert.equal((await editor.post(`/beheer/algoritme/${foreign.lars}/stap`, { stap: 'release', basis: '1' })).status, 404);
      assert.equal((await editor.get(`/beheer/algoritmes/nieuw?kopie=${foreign.lars}`)).status, 404);
      assert.equal((await latestVersion(r.app.ctx.kysely, foreign.id))!.content.name, 'Van een ander');
    });
  });
}
