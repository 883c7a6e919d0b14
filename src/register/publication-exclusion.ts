/**
 * What publishing owes to compliance: an algorithm under an exclusion ground in force with the scope
 * "not published" gets no public version, whichever way it is published (management, the delivery
 * API); one with named fields withheld is public without them on every public path (pages, history,
 * downloads, feeds, the search index). Read straight from the exclusions table, so that the
 * register does not depend on the compliance module that records them (src/compliance/exclusions.ts).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { AlgorithmContent } from '../standard/types.ts';
import { RegisterError } from './errors.ts';

/** The code a refusal's message starts with, for surfaces that explain it in their own words. */
export const EXCLUDED_FROM_PUBLICATION = 'EXCLUDED_FROM_PUBLICATION';

export async function refuseIfExcludedFromPublication(db: Kysely<Database>, algorithmId: number): Promise<void> {
  const exclusion = await db
    .selectFrom('exclusions')
    .select('id')
    .where('algorithm_id', '=', algorithmId)
    .where('state', '=', 'active')
    .where('scope', '=', 'not_published')
    .executeTakeFirst();
  if (exclusion) {
    throw new RegisterError('conflict', `${EXCLUDED_FROM_PUBLICATION}: exclusion ${exclusion.id} says this algorithm is not published`);
  }
}

/** What an exclusion in force takes from the public: everything, or the named fields. */
export interface Withholding {
  notPublished: boolean;
  fields: string[];
}

/** The withholding in force per algorithm, for those of `algorithmIds` that have one. */
export async function withholdingsOf(db: Kysely<Database>, algorithmIds: readonly number[]): Promise<Map<number, Withholding>> {
  const out = new Map<number, Withholding>();
  const ids = [...new Set(algorithmIds)];
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom('exclusions')
      .select(['algorithm_id', 'scope', 'withheld_fields'])
      .where('state', '=', 'active')
      .where('algorithm_id', 'in', ids.slice(i, i + 500))
      .execute();
    for (const row of rows) out.set(row.algorithm_id, { notPublished: row.scope === 'not_published', fields: JSON.parse(row.withheld_fields) as string[] });
  }
  return out;
}

/** The content without the withheld fields (null, so every renderer and export keeps the standard's shape). */
export function withholding(content: AlgorithmContent, w: Withholding | undefined): AlgorithmContent {
  if (!w || w.fields.length === 0) return content;
  const shown = { ...content };
  for (const key of w.fields) shown[key] = null;
  return shown;
}
