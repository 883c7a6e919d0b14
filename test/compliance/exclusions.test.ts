// Exclusion grounds on both engines: recording, four-eyes approval, replacing and ending, the public view of
// a partly withheld description, and the refusal to publish what must not be published.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINES } from '../helpers/engines.ts';
import { approver, complianceRegister, editor, type ComplianceRegister } from './register-setup.ts';
import {
  activeExclusion,
  activeExclusions,
  approveExclusion,
  assertMayPublish,
  checkExclusionInput,
  endExclusion,
  exclusionsDueForReview,
  exclusionsOf,
  recordExclusion,
} from '../../src/compliance/exclusions.ts';
import { EXCLUSION_GROUNDS, WITHHOLDABLE_FIELDS } from '../../src/compliance/exclusion-grounds.ts';
import { mayBePublished, publicView } from '../../src/compliance/withheld-view.ts';
import { eventsOfAlgorithm } from '../../src/register/audit.ts';
import { publishedVersion } from '../../src/register/algorithms.ts';
import { RegisterError } from '../../src/register/errors.ts';
import { validRecord } from '../fixtures/records.ts';

const kind = (k: string) => (e: unknown) => e instanceof RegisterError && e.kind === k;
const partial = {
  ground: 'enforcement_supervision',
  scope: 'fields_withheld',
  withheldFields: ['source_data', 'methods_and_models'],
  justification: 'Wie de selectieregels kent, kan de controle ontlopen.',
  reviewDate: '2027-06-30',
};

describe('exclusion input and the public view (pure)', () => {
  it('names the field that is wrong', () => {
    const today = '2026-01-01';
    const field = (input: object) => {
      try {
        checkExclusionInput({ ...partial, ...input }, today);
        return 'ok';
      } catch (e) {
        return e instanceof RegisterError ? e.detail.split(':')[0] : String(e);
      }
    };
    assert.equal(field({}), 'ok');
    assert.equal(field({ ground: 'because' }), 'ground');
    assert.equal(field({ ground: 'other_woo_ground' }), 'groundText');
    assert.equal(field({ ground: 'other_woo_ground', groundText: 'Art. 5.1 lid 2 onder d Woo: inspectie, controle en toezicht' }), 'ok');
    assert.equal(field({ scope: 'secret' }), 'scope');
    assert.equal(field({ withheldFields: [] }), 'withheldFields');
    assert.equal(field({ withheldFields: ['name'] }), 'withheldFields');
    assert.equal(field({ withheldFields: ['no_such_field'] }), 'withheldFields');
    assert.equal(field({ scope: 'not_published', withheldFields: ['goal'] }), 'withheldFields');
    assert.equal(field({ scope: 'not_published', withheldFields: [] }), 'ok');
    assert.equal(field({ justification: '  ' }), 'justification');
    assert.equal(field({ reviewDate: '2027-02-30' }), 'reviewDate');
    assert.equal(field({ reviewDate: today }), 'reviewDate');
  });

  it('every ground has a label in both languages; identifying fields are never withheld', () => {
    for (const label of Object.values(EXCLUSION_GROUNDS)) assert.ok(label.nl && label.en);
    for (const key of ['name', 'organization', 'publication_category', 'lars']) assert.ok(!WITHHOLDABLE_FIELDS.includes(key), key);
    assert.ok(WITHHOLDABLE_FIELDS.includes('source_data'));
  });

  it('empties withheld fields and says which and on what ground', () => {
    const content = validRecord({ source_data: '<p>Kentekens</p>', methods_and_models: '<p>Regels</p>' }) as any;
    const view = publicView(content, { ground: 'enforcement_supervision', groundText: null, scope: 'fields_withheld', withheldFields: ['source_data', 'methods_and_models'] });
    assert.equal(view.content.source_data, null);
    assert.equal(view.content.methods_and_models, null);
    assert.equal(view.content.name, content.name);
    assert.equal(content.source_data, '<p>Kentekens</p>', 'the stored content is not changed');
    assert.deepEqual(view.withheld?.fields, ['source_data', 'methods_and_models']);
    assert.equal(view.withheld?.groundLabel.en, 'Law enforcement and supervision');
    assert.deepEqual(publicView(content, undefined), { content, withheld: null });
    assert.equal(mayBePublished(undefined), true);
    assert.equal(mayBePublished({ scope: 'fields_withheld' }), true);
    assert.equal(mayBePublished({ scope: 'not_published' }), false);
    assert.throws(() => publicView(content, { ground: 'defence_national_security', groundText: null, scope: 'not_published', withheldFields: [] }));
  });
});

for (const engine of ENGINES) {
  describe(`stored exclusions (${engine})`, () => {
    let c: ComplianceRegister;
    before(async () => {
      c = await complianceRegister(engine);
    });
    after(() => c.r.close());

    it('records, needs a second person to approve, and then is in force', async () => {
      const db = c.r.app.ctx.kysely;
      const org = await c.org('gm0001');
      const id = await c.algorithm(org, { source_data: '<p>Kentekens</p>' }, { publish: true });
      const recorded = await recordExclusion(db, org.id, id, partial, editor, '2026-01-10T09:00:00.000Z');
      assert.equal(recorded.state, 'pending');
      assert.equal(await activeExclusion(db, id), undefined, 'not in force before approval');
      await assert.rejects(approveExclusion(db, org.id, recorded.id, editor), kind('forbidden'));
      const approved = await approveExclusion(db, org.id, recorded.id, approver, '2026-01-11T09:00:00.000Z');
      assert.equal(approved.state, 'active');
      assert.deepEqual(approved.approvedBy, approver);
      assert.deepEqual(approved.recordedBy, editor);
      const active = await activeExclusion(db, id);
      assert.equal(active?.id, recorded.id);
      assert.deepEqual((await activeExclusions(db, [id, 999999])).get(id)?.withheldFields, ['source_data', 'methods_and_models']);
      // What the public page shows of the published version.
      const published = (await publishedVersion(db, id))!;
      const view = publicView(published.content, active);
      assert.equal(view.content.source_data, null);
      assert.equal(view.withheld?.ground, 'enforcement_supervision');
      await assertMayPublish(db, org.id, id);
      const actions = (await eventsOfAlgorithm(db, id)).map((e) => e.action);
      assert.ok(actions.includes('exclusion_recorded') && actions.includes('exclusion_approved'));
      await assert.rejects(approveExclusion(db, org.id, recorded.id, approver), kind('conflict'));
    });

    it('a new approved exclusion replaces the one in force; a second pending one is refused', async () => {
      const db = c.r.app.ctx.kysely;
      const org = await c.org('gm0001');
      const id = await c.algorithm(org);
      const first = await recordExclusion(db, org.id, id, partial, editor);
      await approveExclusion(db, org.id, first.id, approver);
      const second = await recordExclusion(db, org.id, id, { ...partial, scope: 'not_published', withheldFields: [], ground: 'defence_national_security' }, approver);
      await assert.rejects(recordExclusion(db, org.id, id, partial, editor), kind('conflict'));
      assert.equal((await activeExclusion(db, id))?.id, first.id, 'the old one holds until the new one is approved');
      await approveExclusion(db, org.id, second.id, editor);
      assert.equal((await activeExclusion(db, id))?.id, second.id);
      const all = await exclusionsOf(db, org.id, id);
      assert.deepEqual(all.map((e) => [e.id, e.state]), [[second.id, 'active'], [first.id, 'ended']]);
      assert.match(all[1].endReason ?? '', /replaced/);
      // Scope "not published": publishing is refused.
      await assert.rejects(assertMayPublish(db, org.id, id), kind('conflict'));
      await assert.rejects(endExclusion(db, org.id, second.id, ' ', editor), kind('invalid'));
      const ended = await endExclusion(db, org.id, second.id, 'Het onderzoek is afgerond.', editor);
      assert.equal(ended.state, 'ended');
      assert.equal(await activeExclusion(db, id), undefined);
      await assertMayPublish(db, org.id, id);
      await assert.rejects(endExclusion(db, org.id, second.id, 'nog eens', editor), kind('conflict'));
    });

    it('lists exclusions due for review, and keeps organisations apart', async () => {
      const db = c.r.app.ctx.kysely;
      const org = await c.org('gm0003');
      const other = await c.org('gm0004');
      const id = await c.algorithm(org);
      const due = await recordExclusion(db, org.id, id, { ...partial, reviewDate: '2026-03-01' }, editor, '2026-01-01T00:00:00.000Z');
      await approveExclusion(db, org.id, due.id, approver);
      assert.deepEqual((await exclusionsDueForReview(db, org.id, '2026-02-28')).map((e) => e.id), []);
      assert.deepEqual((await exclusionsDueForReview(db, org.id, '2026-03-01')).map((e) => e.id), [due.id]);
      assert.deepEqual(await exclusionsDueForReview(db, other.id, '2026-03-01'), []);
      await assert.rejects(recordExclusion(db, other.id, id, partial, editor), kind('not_found'));
      await assert.rejects(approveExclusion(db, other.id, due.id, approver), kind('not_found'));
      await assert.rejects(endExclusion(db, other.id, due.id, 'weg ermee', approver), kind('not_found'));
      await assert.rejects(exclusionsOf(db, other.id, id), kind('not_found'));
    });
  });
}
