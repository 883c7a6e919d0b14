/**
 * The compliance dashboard of one organisation: what must be published and is not (the duty applies by the
 * current assessment, nothing is published, and no exclusion in force says "not published"), what was never
 * assessed, what is stale (not published or reviewed within the review period), broken links in published
 * descriptions, the quality distribution, open error reports and exclusions due for review. A few aggregate
 * queries, each served by an index on the organisation, so it stays quick at 100k algorithms.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { LANGUAGE } from '../register/algorithms.ts';
import { algorithmNames } from './algorithm-names.ts';
import { DEFAULT_REVIEW_MONTHS, monthsBefore } from './quality/review-check.ts';
import { qualityDistribution, type QualityDistribution } from './score-bands.ts';

export interface DashboardOptions {
  now?: Date;
  reviewMonths?: number;
  /** How many items each list shows; the counts are always complete. */
  listLimit?: number;
}

export interface Listed<T> {
  count: number;
  items: T[];
}

export interface OverdueItem {
  algorithmId: number;
  lars: string;
  name: string;
  outcome: string;
  assessedAt: string;
}

export interface StaleItem {
  algorithmId: number;
  lars: string;
  name: string;
  publishedAt: string;
  reviewedAt: string | null;
}

export interface BrokenLinkItem {
  algorithmId: number;
  lars: string;
  name: string;
  field: string;
  url: string;
  statusCode: number | null;
  error: string | null;
  checkedAt: string;
}

export interface OrganisationDashboard {
  overdue: Listed<OverdueItem>;
  /** Live algorithms without a duty assessment. */
  unassessed: number;
  stale: Listed<StaleItem>;
  brokenLinks: Listed<BrokenLinkItem>;
  quality: QualityDistribution;
  openErrorReports: number;
  exclusionsDueForReview: number;
}

const count = (row: { n: number | string } | undefined) => Number(row?.n ?? 0);
/**
 * Each list and its full count in one query: the window count is taken over every matching row before the
 * limit, so the rows are found once instead of once for the count and once for the page.
 */
const TOTAL = sql<number | string>`count(*) over ()`.as('total');
const total = (rows: readonly { total: number | string }[]) => Number(rows[0]?.total ?? 0);

export async function organisationDashboard(db: Kysely<Database>, organisationId: number, opts: DashboardOptions = {}): Promise<OrganisationDashboard> {
  const now = opts.now ?? new Date();
  const limit = opts.listLimit ?? 50;
  const cutoff = monthsBefore(now, opts.reviewMonths ?? DEFAULT_REVIEW_MONTHS).toISOString();

  const overdueQuery = db
    .selectFrom('duty_assessments as d')
    .innerJoin('algorithms as a', 'a.id', 'd.algorithm_id')
    .where('d.organisation_id', '=', organisationId)
    .where('d.superseded_at', 'is', null)
    .where('d.duty_applies', '=', 1)
    .where('a.removed_at', 'is', null)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('versions as v').select(sql.lit(1).as('one')).whereRef('v.algorithm_id', '=', 'd.algorithm_id').where('v.state', '=', 'PUBLISHED').where('v.language', '=', LANGUAGE))),
    )
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('exclusions as e').select(sql.lit(1).as('one')).whereRef('e.algorithm_id', '=', 'd.algorithm_id').where('e.state', '=', 'active').where('e.scope', '=', 'not_published'))),
    );
  const overdueRows = await overdueQuery.select(['d.algorithm_id', 'a.lars', 'd.outcome', 'd.assessed_at', TOTAL]).orderBy('d.assessed_at').orderBy('d.algorithm_id').limit(limit).execute();

  const unassessed = await db
    .selectFrom('algorithms as a')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('a.organisation_id', '=', organisationId)
    .where('a.removed_at', 'is', null)
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('duty_assessments as d').select(sql.lit(1).as('one')).whereRef('d.algorithm_id', '=', 'a.id').where('d.superseded_at', 'is', null))))
    .executeTakeFirst();

  const staleQuery = db
    .selectFrom('algorithms as a')
    .innerJoin('versions as v', (join) => join.onRef('v.algorithm_id', '=', 'a.id').on('v.state', '=', 'PUBLISHED').on('v.language', '=', LANGUAGE))
    .leftJoin('compliance_reviews as r', 'r.algorithm_id', 'a.id')
    .where('a.organisation_id', '=', organisationId)
    .where('a.removed_at', 'is', null)
    .where('v.published_at', '<', cutoff)
    .where((eb) => eb.or([eb('r.reviewed_at', 'is', null), eb('r.reviewed_at', '<', cutoff)]));
  const staleRows = await staleQuery.select(['a.id', 'a.lars', 'v.published_at', 'r.reviewed_at', TOTAL]).orderBy('v.published_at').orderBy('a.id').limit(limit).execute();

  const brokenQuery = db
    .selectFrom('link_uses as u')
    .innerJoin('link_checks as c', 'c.url', 'u.url')
    .innerJoin('algorithms as a', 'a.id', 'u.algorithm_id')
    .where('u.organisation_id', '=', organisationId)
    .where('c.ok', '=', 0)
    .where('a.removed_at', 'is', null);
  const brokenRows = await brokenQuery
    .select(['a.id', 'a.lars', 'u.field', 'u.url', 'c.status_code', 'c.error', 'c.checked_at', TOTAL])
    .orderBy('a.id')
    .orderBy('u.field')
    .orderBy('u.url')
    .limit(limit)
    .execute();

  const [reports, exclusionsDue, quality] = await Promise.all([
    db.selectFrom('error_reports').select((eb) => eb.fn.countAll<number>().as('n')).where('organisation_id', '=', organisationId).where('status', '=', 'new').executeTakeFirst(),
    db
      .selectFrom('exclusions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('organisation_id', '=', organisationId)
      .where('state', '=', 'active')
      .where('review_date', '<=', now.toISOString().slice(0, 10))
      .executeTakeFirst(),
    qualityDistribution(db, organisationId),
  ]);

  const names = await algorithmNames(db, [...overdueRows.map((r) => r.algorithm_id), ...staleRows.map((r) => r.id), ...brokenRows.map((r) => r.id)]);
  const nameOf = (id: number) => names.get(id) ?? '';
  return {
    overdue: {
      count: total(overdueRows),
      items: overdueRows.map((r) => ({ algorithmId: r.algorithm_id, lars: r.lars, name: nameOf(r.algorithm_id), outcome: r.outcome, assessedAt: r.assessed_at })),
    },
    unassessed: count(unassessed),
    stale: {
      count: total(staleRows),
      items: staleRows.map((r) => ({ algorithmId: r.id, lars: r.lars, name: nameOf(r.id), publishedAt: r.published_at!, reviewedAt: r.reviewed_at })),
    },
    brokenLinks: {
      count: total(brokenRows),
      items: brokenRows.map((r) => ({ algorithmId: r.id, lars: r.lars, name: nameOf(r.id), field: r.field, url: r.url, statusCode: r.status_code, error: r.error, checkedAt: r.checked_at })),
    },
    quality,
    openErrorReports: count(reports),
    exclusionsDueForReview: count(exclusionsDue),
  };
}
