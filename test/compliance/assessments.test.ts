// Stored publication-duty assessments and AI Act classifications, on both engines: outcome from the stored
// content, history kept, re-asking when the content changes, organisation scope, audit events.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINES } from '../helpers/engines.ts';
import { complianceRegister, editor, type ComplianceRegister } from './register-setup.ts';
import { currentDutyAssessment, dutyAssessmentHistory, recordDutyAssessment } from '../../src/compliance/assessments.ts';
import { classificationHistory, currentClassification, recordClassification } from '../../src/compliance/classifications.ts';
import { DUTY_QUESTIONS } from '../../src/compliance/duty-questions.ts';
import { loadDecisionTree } from '../../src/compliance/decision-tree.ts';
import { replay } from '../../src/compliance/classification.ts';
import { eventsOfAlgorithm } from '../../src/register/audit.ts';
import { latestVersion, updateAlgorithm } from '../../src/register/algorithms.ts';
import { RegisterError } from '../../src/register/errors.ts';

const [SCOPE, HIGH_RISK, LEGAL] = DUTY_QUESTIONS.map((q) => q.id);
const tree = loadDecisionTree();
const HIGH_RISK_PROVIDER: [string, string][] = [
  ['1.1', 'Ja'], ['1.2', 'We ontwikkelen enkel'], ['1.3', 'In gebruik'], ['1.4.1', 'Ja, het is een AI-systeem'], ['1.5', 'Nee'],
  ['2.0', 'Naar risicogroep bepaling'], ['2.1', 'Nee'], ['2.3', 'Geen van beide'], ['2.4', 'Ja'], ['2.7.2', 'Nee'], ['2.5', 'Ja'], ['2.9', 'Nee'],
];
const asAnswers = (pairs: [string, string][]) => pairs.map(([questionId, answer]) => ({ questionId, answer }));

for (const engine of ENGINES) {
  describe(`stored duty assessments and classifications (${engine})`, () => {
    let c: ComplianceRegister;
    before(async () => {
      c = await complianceRegister(engine);
    });
    after(() => c.r.close());

    it('stores the outcome with answers, who, when and the fields it rested on, and keeps the history', async () => {
      const db = c.r.app.ctx.kysely;
      const org = await c.org('gm0001');
      const id = await c.algorithm(org);
      assert.equal(await currentDutyAssessment(db, org.id, id), undefined);
      const first = await recordDutyAssessment(db, org.id, id, { [SCOPE]: 'yes', [HIGH_RISK]: 'no', [LEGAL]: 'yes' }, editor, '2026-01-05T10:00:00.000Z');
      assert.equal(first.outcome, 'must-publish-b');
      assert.equal(first.dutyApplies, true);
      assert.equal(first.publicationCategory, 'Impactvolle algoritmes');
      assert.deepEqual(first.basis, { status: 'In gebruik', publication_category: 'Impactvolle algoritmes' });
      assert.deepEqual(first.assessedBy, editor);
      const second = await recordDutyAssessment(db, org.id, id, { [SCOPE]: 'yes', [HIGH_RISK]: 'unsure' }, editor, '2026-01-06T10:00:00.000Z');
      assert.equal(second.byDoubt, true);
      const current = await currentDutyAssessment(db, org.id, id);
      assert.equal(current?.assessment.id, second.id);
      assert.deepEqual(current?.reassess, []);
      const history = await dutyAssessmentHistory(db, org.id, id);
      assert.deepEqual(history.map((h) => h.id), [second.id, first.id]);
      assert.equal(history[1].supersededAt, '2026-01-06T10:00:00.000Z');
      const events = (await eventsOfAlgorithm(db, id)).filter((e) => e.action === 'duty_assessed');
      assert.equal(events.length, 2);
      assert.deepEqual((events[1].detail as any).outcome, { from: 'must-publish-b', to: 'must-publish-b' });
    });

    it('asks again when the status changes, and the deferral follows the stored status', async () => {
      const db = c.r.app.ctx.kysely;
      const org = await c.org('gm0001');
      const id = await c.algorithm(org, { status: 'In ontwikkeling' });
      const stored = await recordDutyAssessment(db, org.id, id, { [SCOPE]: 'yes', [HIGH_RISK]: 'yes' }, editor);
      assert.equal(stored.outcome, 'must-publish-a');
      assert.equal(stored.dutyApplies, false, 'in development defers the duty');
      const algorithm = (await db.selectFrom('algorithms').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
      const latest = (await latestVersion(db, id))!;
      await updateAlgorithm(db, algorithm, { ...latest.content, status: 'In gebruik' }, editor);
      const current = await currentDutyAssessment(db, org.id, id);
      assert.deepEqual(current?.reassess, [{ kind: 'field-changed', field: 'status', before: 'In ontwikkeling', after: 'In gebruik' }]);
      const again = await recordDutyAssessment(db, org.id, id, { [SCOPE]: 'yes', [HIGH_RISK]: 'yes' }, editor);
      assert.equal(again.dutyApplies, true);
    });

    it('refuses answers that do not decide, and stores nothing', async () => {
      const db = c.r.app.ctx.kysely;
      const org = await c.org('gm0001');
      const id = await c.algorithm(org);
      await assert.rejects(recordDutyAssessment(db, org.id, id, { [SCOPE]: 'yes' }, editor), (e: unknown) => e instanceof RegisterError && e.kind === 'invalid');
      await assert.rejects(recordDutyAssessment(db, org.id, id, { nonsense: 'yes' } as any, editor), (e: unknown) => e instanceof RegisterError && e.kind === 'invalid');
      assert.equal(await currentDutyAssessment(db, org.id, id), undefined);
    });

    it('never touches an algorithm of another organisation', async () => {
      const db = c.r.app.ctx.kysely;
      const mine = await c.org('gm0001');
      const theirs = await c.org('gm0002');
      const id = await c.algorithm(theirs);
      const notFound = (e: unknown) => e instanceof RegisterError && e.kind === 'not_found';
      await assert.rejects(recordDutyAssessment(db, mine.id, id, { [SCOPE]: 'no' }, editor), notFound);
      await assert.rejects(recordClassification(db, mine.id, id, tree, asAnswers(HIGH_RISK_PROVIDER), editor), notFound);
      await assert.rejects(currentDutyAssessment(db, mine.id, id), notFound);
      await assert.rejects(recordDutyAssessment(db, mine.id, 2 ** 40, { [SCOPE]: 'no' }, editor), notFound);
      assert.equal(await currentDutyAssessment(db, theirs.id, id), undefined);
    });

    it('stores a classification with its tree version and profile, and replaces it by a new one', async () => {
      const db = c.r.app.ctx.kysely;
      const org = await c.org('gm0001');
      const id = await c.algorithm(org);
      const first = await recordClassification(db, org.id, id, tree, asAnswers(HIGH_RISK_PROVIDER), editor);
      assert.equal(first.previousProfile, null);
      assert.equal(first.classification.treeVersion, tree.version);
      const expected = replay(tree, asAnswers(HIGH_RISK_PROVIDER)).position;
      assert.equal(expected.kind, 'conclusion');
      if (expected.kind === 'conclusion') assert.deepEqual(first.classification.profile, expected.profile);
      assert.ok(first.classification.profile.labels.length > 0);
      const current = await currentClassification(db, org.id, id, tree);
      assert.equal(current?.outdated, false);
      assert.deepEqual(current?.classification.profile, first.classification.profile);
      const older = { ...tree, version: '0.0.1' };
      assert.equal((await currentClassification(db, org.id, id, older))?.outdated, true);
      const second = await recordClassification(db, org.id, id, tree, asAnswers(HIGH_RISK_PROVIDER), editor);
      assert.deepEqual(second.previousProfile, first.classification.profile);
      assert.equal((await classificationHistory(db, org.id, id)).length, 2);
      const events = (await eventsOfAlgorithm(db, id)).filter((e) => e.action === 'ai_act_classified');
      assert.equal(events.length, 2);
    });

    it('refuses a classification that ends before a conclusion or uses an unknown answer', async () => {
      const db = c.r.app.ctx.kysely;
      const org = await c.org('gm0001');
      const id = await c.algorithm(org);
      const invalid = (e: unknown) => e instanceof RegisterError && e.kind === 'invalid';
      await assert.rejects(recordClassification(db, org.id, id, tree, asAnswers(HIGH_RISK_PROVIDER.slice(0, 3)), editor), invalid);
      await assert.rejects(recordClassification(db, org.id, id, tree, [{ questionId: '1.1', answer: 'Misschien' }], editor), invalid);
      assert.equal(await currentClassification(db, org.id, id), undefined);
      assert.equal((await eventsOfAlgorithm(db, id)).filter((e) => e.action === 'ai_act_classified').length, 0);
    });
  });
}
