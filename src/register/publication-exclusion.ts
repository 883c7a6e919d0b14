/**
 * The one refusal publishing owes to compliance: an algorithm under an exclusion ground in force with the
 * scope "not published" gets no public version, whichever way it is published (management, the delivery
 * API). Read straight from the exclusions table, so that the register's flow does not depend on the
 * compliance module that records them (src/compliance/exclusions.ts).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
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
