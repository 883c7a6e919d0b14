/**
 * Figures about the public register: publications per month, what is published now by
 * publication category and by organisation type, and how many organisations publish. Reads
 * only; no HTTP here. Removed algorithms count nowhere, as they are nowhere public.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { CURRENT_STANDARD, fieldOf } from '../standard/index.ts';
import { publishedVersions } from './published.ts';
import { containsPattern } from './organisation-directory.ts';

export interface Statistics {
  /** Every month from the first publication to the last, `yyyy-mm` (UTC), with the versions published in it. */
  publicationsPerMonth: { month: string; count: number }[];
  /** Algorithms published now, per value of `publication_category`; `null` for versions that do not state one. */
  byCategory: { category: string | null; count: number }[];
  /** Algorithms published now, per organisation type, most first. */
  byOrganisationType: { type: string; count: number }[];
  publishedAlgorithms: number;
  publishingOrganisations: number;
}

/** The categories of the current standard, in its order. */
export const PUBLICATION_CATEGORIES: readonly string[] = (() => {
  const field = fieldOf(CURRENT_STANDARD, 'publication_category');
  return field && field.kind === 'enum' ? field.values.map((v) => v.value) : [];
})();

/** `yyyy-mm` months from `first` to `last`, both included. */
function monthsBetween(first: string, last: string): string[] {
  const months: string[] = [];
  let [y, m] = first.split('-').map(Number);
  const [ly, lm] = last.split('-').map(Number);
  while (y < ly || (y === ly && m <= lm)) {
    months.push(`${y}-${String(m).padStart(2, '0')}`);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return months;
}

export async function registerStatistics(db: Kysely<Database>): Promise<Statistics> {
  // What the public may know of (publishedVersions): every version ever published (it keeps its
  // published_at, whatever its state now), and the current ones.
  const month = sql<string>`substr(v.published_at, 1, 7)`;
  const perMonth = await publishedVersions(db, { history: true })
    .select((eb) => [month.as('month'), eb.fn.countAll<number>().as('count')])
    .groupBy(month)
    .orderBy(month)
    .execute();
  const counted = new Map(perMonth.map((r) => [r.month, Number(r.count)]));
  const publicationsPerMonth =
    perMonth.length === 0 ? [] : monthsBetween(perMonth[0].month, perMonth[perMonth.length - 1].month).map((m) => ({ month: m, count: counted.get(m) ?? 0 }));

  const published = publishedVersions(db, {});

  // Content is JSON text written by JSON.stringify, in which an unescaped quote only ever
  // delimits a string: `"publication_category":"X"` therefore matches that key and value and
  // nothing else, on every engine, without engine-specific JSON functions.
  const categoryCounts = await published
    .select((eb) => [
      eb.fn.countAll<number>().as('total'),
      ...PUBLICATION_CATEGORIES.map((value, i) =>
        sql<number>`sum(case when v.content like ${containsPattern(`"publication_category":${JSON.stringify(value)}`)} escape '\\' then 1 else 0 end)`.as(`c${i}`),
      ),
    ])
    .executeTakeFirstOrThrow();
  const row = categoryCounts as unknown as Record<string, number | string | null>;
  const total = Number(row.total ?? 0);
  const byCategory: Statistics['byCategory'] = PUBLICATION_CATEGORIES.map((category, i) => ({ category, count: Number(row[`c${i}`] ?? 0) }));
  const unstated = total - byCategory.reduce((sum, c) => sum + c.count, 0);
  if (unstated > 0) byCategory.push({ category: null, count: unstated });

  const perType = await published
    .select((eb) => ['o.type', eb.fn.countAll<number>().as('count')])
    .groupBy('o.type')
    .execute();
  const byOrganisationType = perType
    .map((r) => ({ type: r.type, count: Number(r.count) }))
    .sort((a, b) => b.count - a.count || a.type.localeCompare(b.type));

  const { organisations } = await published
    .select(sql<number>`count(distinct a.organisation_id)`.as('organisations'))
    .executeTakeFirstOrThrow();

  return { publicationsPerMonth, byCategory, byOrganisationType, publishedAlgorithms: total, publishingOrganisations: Number(organisations) };
}
