// Requirement statuses, EU registration facts and explicit reviews, on both engines.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINES } from '../helpers/engines.ts';
import { complianceRegister, editor, type ComplianceRegister } from './register-setup.ts';
import { recordDutyAssessment } from '../../src/compliance/assessments.ts';
import { recordClassification } from '../../src/compliance/classifications.ts';
import { loadDecisionTree } from '../../src/compliance/decision-tree.ts';
import { DUTY_QUESTIONS } from '../../src/compliance/duty-questions.ts';
import { PUBLICATION_DUTY_REQUIREMENT } from '../../src/compliance/applicable-requirements.ts';
import { loadRequirementsCatalogue } from '../../src/compliance/requirements-catalogue.ts';
import { requirementOverview, setRequirementStatus } from '../../src/compliance/requirement-status.ts';
import { euRegistrationOf, publicEuRegistration, setEuRegistration } from '../../src/compliance/eu-registration.ts';
import { lastReview, recordReview } from '../../src/compliance/reviews.ts';
import { eventsOfAlgorithm } from '../../src/register/audit.ts';
import { RegisterError } from '../../src/register/errors.ts';

const [SCOPE, HIGH_RISK, LEGAL] = DUTY_QUESTIONS.map((q) => q.id);
const tree = loadDecisionTree();
const catalogue = loadRequirementsCatalogue();
const kind = (k: string) => (e: unknown) => e instanceof RegisterError && e.kind === k;
const HIGH_RISK_PROVIDER = [
  ['1.1', 'Ja'], ['1.2', 'We ontwikkelen enkel'], ['1.3', 'In gebruik'], ['1.4.1', 'Ja, het is een AI-systeem'], ['1.5', 'Nee'],
  ['2.0', 'Naar risicogroep bepaling'], ['2.1', 'Nee'], ['2.3', 'Geen van beide'], ['2.4', 'Ja'], ['2.7.2', 'Nee'], ['2.5', 'Ja'], ['2.9', 'Nee'],
].map(([questionId, answer]) => ({ questionId, answer }));

for (const engine of ENGINES) {
  describe(`requirement statuses, EU registration and reviews (${engine})`, () => {
    let c: ComplianceRegister;
    before(async () => {
      c = await complianceRegister(engine);
    });
    after(() => c.r.close());

    it('derives the requirements from duty and classification, each open until the organisation keeps a status', async () => {
      const db = c.r.app.ctx.kysely;
      const org = await c.org('gm0001');
      const id = await c.algorithm(org);
      let overview = await requirementOverview(db, org.id, id, catalogue);
      assert.deepEqual([overview.classified, overview.dutyAssessed, overview.items.length], [false, false, 0]);
      await recordDutyAssessment(db, org.id, id, { [SCOPE]: 'yes', [HIGH_RISK]: 'no', [LEGAL]: 'yes' }, editor);
      overview = await requirementOverview(db, org.id, id, catalogue);
      assert.deepEqual(overview.items.map((i) => [i.requirement.id, i.status]), [[PUBLICATION_DUTY_REQUIREMENT, 'open']]);
      await recordClassification(db, org.id, id, tree, HIGH_RISK_PROVIDER, editor);
      overview = await requirementOverview(db, org.id, id, catalogue);
      assert.ok(overview.classified);
      assert.ok(overview.items.length > 5);
      assert.ok(overview.items.some((i) => i.requirement.source === 'aia'));
      assert.ok(overview.items.every((i) => i.status === 'open'));

      const aia = overview.items.find((i) => i.requirement.source === 'aia')!.requirement.id;
      await setRequirementStatus(db, org.id, id, catalogue, { requirementId: aia, status: 'in_progress' }, editor);
      await setRequirementStatus(db, org.id, id, catalogue, { requirementId: PUBLICATION_DUTY_REQUIREMENT, status: 'done', note: 'Gepubliceerd.' }, editor);
      await assert.rejects(setRequirementStatus(db, org.id, id, catalogue, { requirementId: aia, status: 'not_applicable' }, editor), kind('invalid'));
      await assert.rejects(setRequirementStatus(db, org.id, id, catalogue, { requirementId: aia, status: 'maybe' }, editor), kind('invalid'));
      await assert.rejects(setRequirementStatus(db, org.id, id, catalogue, { requirementId: 'urn:nl:ak:ver:xyz-99', status: 'done' }, editor), kind('invalid'));
      overview = await requirementOverview(db, org.id, id, catalogue);
      const status = (rid: string) => overview.items.find((i) => i.requirement.id === rid);
      assert.equal(status(aia)?.status, 'in_progress');
      assert.deepEqual(status(PUBLICATION_DUTY_REQUIREMENT)?.updatedBy, editor);
      assert.equal(status(PUBLICATION_DUTY_REQUIREMENT)?.note, 'Gepubliceerd.');

      // Out of scope now: bzk-01 no longer applies; its kept status is listed apart, not lost.
      await recordDutyAssessment(db, org.id, id, { [SCOPE]: 'no' }, editor);
      overview = await requirementOverview(db, org.id, id, catalogue);
      assert.ok(!overview.items.some((i) => i.requirement.id === PUBLICATION_DUTY_REQUIREMENT));
      assert.deepEqual(overview.noLongerApplicable.map((k) => [k.requirementId, k.status]), [[PUBLICATION_DUTY_REQUIREMENT, 'done']]);
      const events = (await eventsOfAlgorithm(db, id)).filter((e) => e.action === 'requirement_status_set');
      assert.equal(events.length, 2);
      assert.deepEqual((events[0].detail as any).status, { from: 'open', to: 'in_progress' });
    });

    it('keeps EU registration facts for high-risk systems only, and shows them publicly once published', async () => {
      const db = c.r.app.ctx.kysely;
      const org = await c.org('gm0001');
      const impactful = await c.algorithm(org);
      await assert.rejects(setEuRegistration(db, org.id, impactful, { euDatabaseReference: 'EU-123' }, editor), kind('precondition_failed'));
      const highRisk = await c.algorithm(org, { publication_category: 'Hoog-risico AI-systeem' });
      await assert.rejects(setEuRegistration(db, org.id, highRisk, { friaSummary: 'x'.repeat(5001) }, editor), kind('invalid'));
      const stored = await setEuRegistration(db, org.id, highRisk, { euDatabaseReference: ' EU-DB-0042 ', friaSummary: 'Geen onevenredige inbreuk.', dpiaSummary: '' }, editor);
      assert.deepEqual([stored.euDatabaseReference, stored.friaSummary, stored.dpiaSummary], ['EU-DB-0042', 'Geen onevenredige inbreuk.', null]);
      assert.equal(await publicEuRegistration(db, highRisk), undefined, 'not public before publication');
      // An algorithm assessed as category A qualifies whatever its description says.
      const assessedA = await c.algorithm(org, {}, { publish: true });
      await recordDutyAssessment(db, org.id, assessedA, { [SCOPE]: 'yes', [HIGH_RISK]: 'yes' }, editor);
      await setEuRegistration(db, org.id, assessedA, { euDatabaseReference: 'EU-DB-7' }, editor);
      await setEuRegistration(db, org.id, assessedA, { euDatabaseReference: 'EU-DB-8', dpiaSummary: 'DPIA uitgevoerd.' }, editor);
      assert.deepEqual(await publicEuRegistration(db, assessedA), { euDatabaseReference: 'EU-DB-8', friaSummary: null, dpiaSummary: 'DPIA uitgevoerd.' });
      assert.equal((await euRegistrationOf(db, org.id, assessedA))?.euDatabaseReference, 'EU-DB-8');
      const diff = (await eventsOfAlgorithm(db, assessedA)).filter((e) => e.action === 'eu_registration_set').map((e) => (e.detail as any).diff);
      assert.deepEqual(diff[1], { eu_database_reference: { from: 'EU-DB-7', to: 'EU-DB-8' }, dpia_summary: { from: null, to: 'DPIA uitgevoerd.' } });
      const other = await c.org('gm0002');
      await assert.rejects(euRegistrationOf(db, other.id, assessedA), kind('not_found'));
    });

    it('records the last explicit review', async () => {
      const db = c.r.app.ctx.kysely;
      const org = await c.org('gm0001');
      const id = await c.algorithm(org);
      assert.equal(await lastReview(db, org.id, id), undefined);
      await recordReview(db, org.id, id, null, editor, '2026-02-01T00:00:00.000Z');
      await recordReview(db, org.id, id, 'Klopt nog.', editor, '2026-03-01T00:00:00.000Z');
      assert.deepEqual(await lastReview(db, org.id, id), { reviewedAt: '2026-03-01T00:00:00.000Z', reviewedBy: editor, note: 'Klopt nog.' });
      assert.equal((await eventsOfAlgorithm(db, id)).filter((e) => e.action === 'description_reviewed').length, 2);
    });
  });
}
