/**
 * Which links the checker visits: the links of every published description, kept per algorithm and field in
 * `link_uses` (so a broken link can be shown where it is used, per organisation), and which of them are due:
 * never checked, working and last checked a week ago, or broken and last checked a day ago (a broken link is
 * looked at again sooner, so a repair shows quickly).
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { LANGUAGE } from '../../register/algorithms.ts';
import type { AlgorithmContent } from '../../standard/types.ts';
import { linksOf } from './content-links.ts';

const BATCH = 1000;
const HOUR = 3_600_000;

/** Rewrites the link inventory of these algorithms from their published versions (none when not published). */
export async function refreshLinkUses(db: Kysely<Database>, algorithmIds: readonly number[]): Promise<number> {
  let count = 0;
  for (let i = 0; i < algorithmIds.length; i += BATCH) {
    const ids = algorithmIds.slice(i, i + BATCH);
    count += await db.transaction().execute(async (trx) => {
      const rows = await trx
        .selectFrom('versions as v')
        .innerJoin('algorithms as a', 'a.id', 'v.algorithm_id')
        .select(['a.id', 'a.organisation_id', 'v.content'])
        .where('v.algorithm_id', 'in', ids)
        .where('v.state', '=', 'PUBLISHED')
        .where('v.language', '=', LANGUAGE)
        .where('a.removed_at', 'is', null)
        .execute();
      await trx.deleteFrom('link_uses').where('algorithm_id', 'in', ids).execute();
      const uses = rows.flatMap((row) =>
        linksOf(JSON.parse(row.content) as AlgorithmContent)
          .filter((link) => link.url.length <= 2000)
          .map((link) => ({ algorithm_id: row.id, organisation_id: row.organisation_id, field: link.field, url: link.url })),
      );
      for (let j = 0; j < uses.length; j += 500) await trx.insertInto('link_uses').values(uses.slice(j, j + 500)).execute();
      return uses.length;
    });
  }
  return count;
}

/** Rewrites the whole inventory, a batch of algorithms at a time. Returns how many links are in use. */
export async function refreshAllLinkUses(db: Kysely<Database>): Promise<number> {
  let count = 0;
  let after = 0;
  for (;;) {
    const ids = (await db.selectFrom('algorithms').select('id').where('id', '>', after).orderBy('id').limit(BATCH).execute()).map((r) => r.id);
    if (ids.length === 0) return count;
    count += await refreshLinkUses(db, ids);
    after = ids[ids.length - 1];
  }
}

export interface DueOptions {
  now?: Date;
  /** How long a working link's check holds. */
  okHours?: number;
  /** How long a broken link's check holds. */
  brokenHours?: number;
  limit?: number;
}

/** The links in use whose check is due, never-checked first, then the oldest checks. */
export async function dueLinks(db: Kysely<Database>, opts: DueOptions = {}): Promise<string[]> {
  const now = (opts.now ?? new Date()).getTime();
  const okBefore = new Date(now - (opts.okHours ?? 24 * 7) * HOUR).toISOString();
  const brokenBefore = new Date(now - (opts.brokenHours ?? 24) * HOUR).toISOString();
  const rows = await db
    .selectFrom(db.selectFrom('link_uses').select('url').distinct().as('u'))
    .leftJoin('link_checks as c', 'c.url', 'u.url')
    .select('u.url')
    .where((eb) =>
      eb.or([
        eb('c.url', 'is', null),
        eb.and([eb('c.ok', '=', 1), eb('c.checked_at', '<', okBefore)]),
        eb.and([eb('c.ok', '=', 0), eb('c.checked_at', '<', brokenBefore)]),
      ]),
    )
    // The same order on both engines: the engines disagree on where nulls sort.
    .orderBy(sql`coalesce(c.checked_at, '')`)
    .orderBy('u.url')
    .limit(opts.limit ?? 500)
    .execute();
  return rows.map((r) => r.url);
}
