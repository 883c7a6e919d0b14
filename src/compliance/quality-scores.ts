/**
 * Quality in storage: the report an editor sees for the algorithm's latest version (draft or not), and the
 * stored score of each published description that the dashboards count. Scores are refreshed in batches (on a
 * schedule, or for the algorithms a change touched), each batch with one query per kind of input.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { LANGUAGE } from '../register/algorithms.ts';
import type { AlgorithmContent } from '../standard/types.ts';
import { linksOf } from './links/content-links.ts';
import { ownedAlgorithm } from './owned-algorithm.ts';
import { runQualityChecks, type QualityReport } from './quality/registry.ts';
import type { LinkStatus, QualityContext } from './quality/types.ts';

const BATCH = 1000;

async function linkStatuses(db: Kysely<Database>, urls: readonly string[]): Promise<Map<string, LinkStatus>> {
  const statuses = new Map<string, LinkStatus>();
  const unique = [...new Set(urls)];
  for (let i = 0; i < unique.length; i += BATCH) {
    const rows = await db.selectFrom('link_checks').select(['url', 'ok', 'status_code']).where('url', 'in', unique.slice(i, i + BATCH)).execute();
    for (const row of rows) statuses.set(row.url, { ok: row.ok === 1, statusCode: row.status_code });
  }
  return statuses;
}

/** The quality report of the algorithm's latest version, as the editor works on it. */
export async function qualityReportFor(
  db: Kysely<Database>,
  organisationId: number,
  algorithmId: number,
  opts: { now?: Date; reviewMonths?: number } = {},
): Promise<QualityReport> {
  const { latest } = await ownedAlgorithm(db, organisationId, algorithmId);
  const published = await db
    .selectFrom('versions')
    .select('published_at')
    .where('algorithm_id', '=', algorithmId)
    .where('language', '=', LANGUAGE)
    .where('state', '=', 'PUBLISHED')
    .executeTakeFirst();
  const review = await db.selectFrom('compliance_reviews').select('reviewed_at').where('algorithm_id', '=', algorithmId).executeTakeFirst();
  const context: QualityContext = {
    now: opts.now ?? new Date(),
    lastPublishedAt: published?.published_at ?? null,
    reviewedAt: review?.reviewed_at ?? null,
    reviewMonths: opts.reviewMonths,
    links: await linkStatuses(db, linksOf(latest.content).map((l) => l.url)),
  };
  return runQualityChecks(latest.content, context);
}

/**
 * Recomputes the stored scores of these algorithms from their published versions; an algorithm without one
 * (never published, retracted, removed) loses its score. Returns how many scores are stored.
 */
export async function refreshQualityScores(
  db: Kysely<Database>,
  algorithmIds: readonly number[],
  opts: { now?: Date; reviewMonths?: number } = {},
): Promise<number> {
  const now = opts.now ?? new Date();
  let stored = 0;
  for (let i = 0; i < algorithmIds.length; i += BATCH) {
    const ids = algorithmIds.slice(i, i + BATCH);
    const rows = await db
      .selectFrom('versions as v')
      .innerJoin('algorithms as a', 'a.id', 'v.algorithm_id')
      .leftJoin('compliance_reviews as r', 'r.algorithm_id', 'a.id')
      .select(['a.id as algorithm_id', 'a.organisation_id', 'v.id as version_id', 'v.content', 'v.published_at', 'r.reviewed_at'])
      .where('v.algorithm_id', 'in', ids)
      .where('v.state', '=', 'PUBLISHED')
      .where('v.language', '=', LANGUAGE)
      .where('a.removed_at', 'is', null)
      .execute();
    const contents = rows.map((row) => JSON.parse(row.content) as AlgorithmContent);
    const links = await linkStatuses(db, contents.flatMap((content) => linksOf(content).map((l) => l.url)));
    const computedAt = now.toISOString();
    const scores = rows.map((row, index) => {
      const report = runQualityChecks(contents[index], { now, lastPublishedAt: row.published_at, reviewedAt: row.reviewed_at, reviewMonths: opts.reviewMonths, links });
      return {
        algorithm_id: row.algorithm_id,
        organisation_id: row.organisation_id,
        version_id: row.version_id,
        score: report.score,
        errors: report.errors,
        warnings: report.warnings,
        computed_at: computedAt,
      };
    });
    await db.transaction().execute(async (trx) => {
      await trx.deleteFrom('quality_scores').where('algorithm_id', 'in', ids).execute();
      for (let j = 0; j < scores.length; j += 500) await trx.insertInto('quality_scores').values(scores.slice(j, j + 500)).execute();
    });
    stored += scores.length;
  }
  return stored;
}

/** Recomputes every stored score, a batch of algorithms at a time. */
export async function refreshAllQualityScores(db: Kysely<Database>, opts: { now?: Date; reviewMonths?: number } = {}): Promise<number> {
  let stored = 0;
  let after = 0;
  for (;;) {
    const ids = (await db.selectFrom('algorithms').select('id').where('id', '>', after).orderBy('id').limit(BATCH).execute()).map((r) => r.id);
    if (ids.length === 0) return stored;
    stored += await refreshQualityScores(db, ids, opts);
    after = ids[ids.length - 1];
  }
}
