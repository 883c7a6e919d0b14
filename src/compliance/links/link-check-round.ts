/**
 * One scheduled round of the link checker: bring the link inventory up to date with what is published, check
 * the links that are due, and refresh the quality scores of the algorithms that use a link whose state
 * changed, so the dashboards show a broken (or repaired) link after the round.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { refreshQualityScores } from '../quality-scores.ts';
import { checkLinks, type LinkCheckOptions } from './link-checker.ts';
import { dueLinks, refreshAllLinkUses, type DueOptions } from './link-inventory.ts';

export interface RoundReport {
  linksInUse: number;
  checked: number;
  broken: number;
  /** Algorithms whose quality score was refreshed because a link of theirs changed state. */
  rescored: number;
}

export async function linkCheckRound(db: Kysely<Database>, opts: LinkCheckOptions & Omit<DueOptions, 'now'> & { reviewMonths?: number } = {}): Promise<RoundReport> {
  const now = opts.now?.() ?? new Date();
  const linksInUse = await refreshAllLinkUses(db);
  const due = await dueLinks(db, { now, okHours: opts.okHours, brokenHours: opts.brokenHours, limit: opts.limit });
  const before = new Map(
    due.length === 0 ? [] : (await db.selectFrom('link_checks').select(['url', 'ok']).where('url', 'in', due).execute()).map((r) => [r.url, r.ok === 1]),
  );
  const results = await checkLinks(db, due, opts);
  const changed = results.filter((r) => before.get(r.url) !== r.ok).map((r) => r.url);
  const affected =
    changed.length === 0 ? [] : (await db.selectFrom('link_uses').select('algorithm_id').distinct().where('url', 'in', changed).execute()).map((r) => r.algorithm_id);
  await refreshQualityScores(db, affected, { now, reviewMonths: opts.reviewMonths });
  return { linksInUse, checked: results.length, broken: results.filter((r) => !r.ok).length, rescored: affected.length };
}
