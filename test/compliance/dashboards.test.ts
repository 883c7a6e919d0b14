// The dashboard queries on both engines, on a small register whose every number is known: overdue (until
// published), unassessed, stale (until reviewed), broken links, quality distribution, open error reports and
// exclusions due for review per organisation; and nationally organisations publishing nothing, coverage per
// organisation type and the quality distribution.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINES } from '../helpers/engines.ts';
import { approver, complianceRegister, editor, type ComplianceRegister } from './register-setup.ts';
import { recordDutyAssessment } from '../../src/compliance/assessments.ts';
import { approveExclusion, recordExclusion } from '../../src/compliance/exclusions.ts';
import { DUTY_QUESTIONS } from '../../src/compliance/duty-questions.ts';
import { checkLinks } from '../../src/compliance/links/link-checker.ts';
import { refreshAllLinkUses } from '../../src/compliance/links/link-inventory.ts';
import { organisationDashboard } from '../../src/compliance/organisation-dashboard.ts';
import { nationalDashboard } from '../../src/compliance/national-dashboard.ts';
import { qualityReportFor, refreshAllQualityScores, refreshQualityScores } from '../../src/compliance/quality-scores.ts';
import { recordReview } from '../../src/compliance/reviews.ts';
import { changeState } from '../../src/register/algorithms.ts';
import { submitReport } from '../../src/register/error-reports.ts';
import { SCORE_BANDS } from '../../src/compliance/quality/registry.ts';
import type { Organisation } from '../../src/register/organisations.ts';

const [SCOPE, HIGH_RISK, LEGAL, CLASSIFIES, JUDGED] = DUTY_QUESTIONS.map((q) => q.id);
const mustB = { [SCOPE]: 'yes', [HIGH_RISK]: 'no', [LEGAL]: 'yes' } as const;
const mustA = { [SCOPE]: 'yes', [HIGH_RISK]: 'yes' } as const;
const mayC = { [SCOPE]: 'yes', [HIGH_RISK]: 'no', [LEGAL]: 'no', [CLASSIFIES]: 'no', [JUDGED]: 'no' } as const;
const now = new Date('2026-09-01T00:00:00.000Z');
const BROKEN = 'http://127.0.0.1:1/weg';

for (const engine of ENGINES) {
  describe(`dashboards (${engine})`, () => {
    let c: ComplianceRegister;
    let org: Organisation;
    const ids: Record<string, number> = {};
    before(async () => {
      c = await complianceRegister(engine);
      const db = c.r.app.ctx.kysely;
      org = await c.org('gm0001', 'gemeente');
      await c.org('pv0001', 'provincie');
      const other = await c.org('gm0002', 'gemeente');
      await c.algorithm(other, {}, { publish: true });

      ids.overdue = await c.algorithm(org, { name: 'Nog niet gepubliceerd' });
      ids.published = await c.algorithm(org, { name: 'Gepubliceerd', website: BROKEN }, { publish: true });
      ids.excluded = await c.algorithm(org, { name: 'Uitgesloten' });
      ids.unassessed = await c.algorithm(org, { name: 'Niet beoordeeld' });
      ids.optional = await c.algorithm(org, { name: 'Overig' });
      await recordDutyAssessment(db, org.id, ids.overdue, mustB, editor, '2026-02-01T00:00:00.000Z');
      await recordDutyAssessment(db, org.id, ids.published, mustB, editor);
      await recordDutyAssessment(db, org.id, ids.excluded, mustA, editor);
      await recordDutyAssessment(db, org.id, ids.optional, mayC, editor);
      const exclusion = await recordExclusion(
        db, org.id, ids.excluded,
        { ground: 'intelligence_security_services', scope: 'not_published', justification: 'Openbaarheid schaadt de nationale veiligheid.', reviewDate: '2026-08-01' },
        editor, '2026-01-01T00:00:00.000Z',
      );
      await approveExclusion(db, org.id, exclusion.id, approver);
      // Published long ago: stale by the time of `now`.
      await db.updateTable('versions').set({ published_at: '2025-03-01T00:00:00.000Z' }).where('algorithm_id', '=', ids.published).where('state', '=', 'PUBLISHED').execute();
      const { lars } = await db.selectFrom('algorithms').select('lars').where('id', '=', ids.published).executeTakeFirstOrThrow();
      await submitReport(db, { lars, message: 'De contactgegevens kloppen niet meer.', language: 'nl' });
      await refreshAllLinkUses(db);
      await checkLinks(db, [BROKEN], { allowPrivateHosts: true, timeoutMs: 1000, perHostIntervalMs: 0, now: () => now });
      assert.equal(await refreshAllQualityScores(db, { now }), 2);
    });
    after(() => c.r.close());

    it('shows the organisation what it owes, what is stale and what is broken', async () => {
      const db = c.r.app.ctx.kysely;
      const dashboard = await organisationDashboard(db, org.id, { now });
      assert.equal(dashboard.overdue.count, 1);
      assert.deepEqual(dashboard.overdue.items.map((i) => [i.algorithmId, i.name, i.outcome]), [[ids.overdue, 'Nog niet gepubliceerd', 'must-publish-b']]);
      assert.equal(dashboard.unassessed, 1);
      assert.deepEqual(dashboard.stale.items.map((i) => [i.algorithmId, i.publishedAt, i.reviewedAt]), [[ids.published, '2025-03-01T00:00:00.000Z', null]]);
      assert.deepEqual(dashboard.brokenLinks.items.map((i) => [i.algorithmId, i.field, i.url, i.statusCode]), [[ids.published, 'website', BROKEN, null]]);
      assert.equal(dashboard.openErrorReports, 1);
      assert.equal(dashboard.exclusionsDueForReview, 1);
      assert.equal(dashboard.quality.scored, 1);
      assert.equal(Object.values(dashboard.quality.bands).reduce((a, b) => a + b, 0), 1);
      const score = (await db.selectFrom('quality_scores').select('score').where('algorithm_id', '=', ids.published).executeTakeFirstOrThrow()).score;
      assert.equal(dashboard.quality.average, score);
      const band = SCORE_BANDS.find((b) => score >= b.min && score <= b.max)!;
      assert.equal(dashboard.quality.bands[band.key], 1);
      // Other organisations' items never show.
      const theirs = await organisationDashboard(db, (await c.org('gm0002')).id, { now });
      assert.deepEqual([theirs.overdue.count, theirs.stale.count, theirs.brokenLinks.count, theirs.openErrorReports, theirs.unassessed], [0, 0, 0, 0, 1]);
    });

    it('the stored score is the score the editor sees, with the broken link and the old publication in it', async () => {
      const db = c.r.app.ctx.kysely;
      const report = await qualityReportFor(db, org.id, ids.published, { now });
      const stored = await db.selectFrom('quality_scores').selectAll().where('algorithm_id', '=', ids.published).executeTakeFirstOrThrow();
      assert.deepEqual([stored.score, stored.errors, stored.warnings], [report.score, report.errors, report.warnings]);
      assert.ok(report.findings.some((f) => f.messageKey === 'links.broken'));
      assert.ok(report.findings.some((f) => f.messageKey === 'review.overdue'));
    });

    it('counts nationally: organisations publishing nothing, coverage per type, quality', async () => {
      const db = c.r.app.ctx.kysely;
      const national = await nationalDashboard(db);
      assert.deepEqual(national.publishingNothing.items.map((o) => o.code), ['pv0001']);
      assert.equal(national.publishingNothing.count, 1);
      assert.deepEqual(national.coverage, [
        { type: 'gemeente', organisations: 2, publishing: 2, share: 1 },
        { type: 'provincie', organisations: 1, publishing: 0, share: 0 },
      ]);
      assert.equal(national.quality.scored, 2);
    });

    it('an overdue item leaves the list once published; a stale one once reviewed', async () => {
      const db = c.r.app.ctx.kysely;
      const algorithm = await db.selectFrom('algorithms').selectAll().where('id', '=', ids.overdue).executeTakeFirstOrThrow();
      await changeState(db, algorithm, 'ictu_last', 'release', editor);
      await changeState(db, algorithm, 'ictu_last', 'publish', approver);
      await recordReview(db, org.id, ids.published, 'Nagekeken.', editor, '2026-08-15T00:00:00.000Z');
      await refreshQualityScores(db, [ids.overdue, ids.published], { now });
      const dashboard = await organisationDashboard(db, org.id, { now });
      assert.equal(dashboard.overdue.count, 0);
      assert.equal(dashboard.stale.count, 0);
      assert.equal(dashboard.quality.scored, 2);
      // With a shorter review period the review of August is still recent, the publication of today too.
      assert.equal((await organisationDashboard(db, org.id, { now, reviewMonths: 1 })).stale.count, 0);
      assert.equal((await organisationDashboard(db, org.id, { now: new Date('2027-12-01T00:00:00.000Z') })).stale.count, 2);
    });
  });
}
