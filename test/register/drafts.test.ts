// Saving from the management form, on both engines: incomplete drafts are kept, invalid input
// is refused with nothing stored, a save based on an older version is refused as a conflict,
// and completeness follows what is filled in.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINES } from '../helpers/engines.ts';
import { startRegister, type TestRegister } from '../helpers/server.ts';
import { validRecord } from '../fixtures/records.ts';
import { saveDraft } from '../../src/register/drafts.ts';
import { findOrganisation, type Organisation } from '../../src/register/organisations.ts';
import { listVersions } from '../../src/register/algorithms.ts';
import { CURRENT_STANDARD as def } from '../../src/standard/index.ts';
import { completeness } from '../../src/standard/completeness.ts';

const editor = { id: 'editor-1', name: 'Eva Editor' };
const other = { id: 'editor-2', name: 'Otto Ander' };

for (const engine of ENGINES) {
  describe(`drafts from the form (${engine})`, () => {
    let r: TestRegister;
    let org: Organisation;
    before(async () => {
      r = await startRegister(engine);
      await r.org('gm0100');
      org = (await findOrganisation(r.app.ctx.kysely, 'gm0100'))!;
    });
    after(() => r.close());

    it('keeps an incomplete draft and says what is missing', async () => {
      const saved = await saveDraft(r.app.ctx.kysely, def, org, { name: 'Alleen een naam' }, editor);
      assert.equal(saved.outcome, 'saved');
      if (saved.outcome !== 'saved') return;
      assert.equal(saved.version.state, 'STATE_1');
      assert.equal(saved.version.content.name, 'Alleen een naam');
      const missing = saved.incomplete.map((i) => i.loc[0]);
      for (const key of ['description_short', 'organization', 'status', 'publication_category']) assert.ok(missing.includes(key), key);
      assert.ok(!missing.includes('name'));
      const score = completeness(def, saved.version.content);
      assert.ok(score.percent > 0 && score.percent < 50, `${score.percent}`);
      assert.equal(score.missing[0], 'description_short');
    });

    it('stores nothing of input that cannot be stored as typed', async () => {
      const before = await r.app.ctx.kysely.selectFrom('versions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      const saved = await saveDraft(r.app.ctx.kysely, def, org, { ...validRecord(), name: 'x'.repeat(101), status: 'Misschien' }, editor);
      assert.equal(saved.outcome, 'invalid');
      if (saved.outcome !== 'invalid') return;
      assert.deepEqual(saved.errors.map((e) => e.loc[0]).sort(), ['name', 'status']);
      const after = await r.app.ctx.kysely.selectFrom('versions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      assert.equal(Number(after.n), Number(before.n));
    });

    it('refuses a save based on a version someone else has replaced, and keeps theirs', async () => {
      const db = r.app.ctx.kysely;
      const first = await saveDraft(db, def, org, validRecord({ name: 'Gedeeld werk' }), editor);
      assert.equal(first.outcome, 'saved');
      if (first.outcome !== 'saved') return;
      assert.equal(completeness(def, first.version.content).percent < 100, true);
      const target = { algorithm: first.algorithm, basedOnVersionId: first.version.id };
      const theirs = await saveDraft(db, def, org, validRecord({ name: 'Gedeeld werk', goal: '<p>Door Otto.</p>' }), other, target);
      assert.equal(theirs.outcome, 'saved');
      const mine = await saveDraft(db, def, org, validRecord({ name: 'Gedeeld werk', goal: '<p>Door Eva.</p>' }), editor, target);
      assert.equal(mine.outcome, 'conflict');
      if (mine.outcome !== 'conflict' || theirs.outcome !== 'saved') return;
      assert.equal(mine.latest.id, theirs.version.id);
      assert.equal(mine.latest.content.goal, '<p>Door Otto.</p>');
      const versions = await listVersions(db, first.algorithm.id);
      assert.equal(versions.length, 2);
      // Saving the same again changes nothing.
      const same = await saveDraft(db, def, org, validRecord({ name: 'Gedeeld werk', goal: '<p>Door Otto.</p>' }), other, { algorithm: first.algorithm, basedOnVersionId: theirs.version.id });
      assert.equal(same.outcome, 'unchanged');
    });

    it('counts a fully described algorithm as complete', () => {
      const full = Object.fromEntries(def.fields.filter((f) => f.kind !== 'system').map((f) => [f.key, f.kind === 'enum' ? f.values[0].value : f.kind === 'enum-list' ? [f.values[0].value] : f.kind === 'grouping' ? [{ title: 'Iets', link: 'https://voorbeeld.nl/a' }] : 'tekst']));
      assert.deepEqual(completeness(def, full), { percent: 100, missing: [] });
      assert.equal(completeness(def, {}).percent, 0);
    });
  });
}
