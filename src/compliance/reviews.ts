/**
 * Explicit reviews: the organisation states that it looked at a description again and it still holds, without
 * publishing a new version. The quality check and the stale list count from the later of this and the last
 * publication. Only the last review is kept as a row; every review is an audit event.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Actor } from '../register/actor.ts';
import { recordEvent } from '../register/audit.ts';
import { RegisterError } from '../register/errors.ts';
import { ownedAlgorithm } from './owned-algorithm.ts';

export const REVIEW_NOTE_MAX = 2000;

export interface Review {
  reviewedAt: string;
  reviewedBy: Actor;
  note: string | null;
}

export async function recordReview(
  db: Kysely<Database>,
  organisationId: number,
  algorithmId: number,
  note: string | null,
  actor: Actor,
  at = new Date().toISOString(),
): Promise<Review> {
  const text = note?.trim() || null;
  if (text !== null && [...text].length > REVIEW_NOTE_MAX) throw new RegisterError('invalid', `note: at most ${REVIEW_NOTE_MAX} characters`);
  return db.transaction().execute(async (trx) => {
    const { latest } = await ownedAlgorithm(trx, organisationId, algorithmId);
    const values = { reviewed_at: at, reviewed_by: actor.id, reviewed_by_name: actor.name, note: text };
    await trx
      .insertInto('compliance_reviews')
      .values({ algorithm_id: algorithmId, organisation_id: organisationId, ...values })
      .onConflict((oc) => oc.column('algorithm_id').doUpdateSet(values))
      .execute();
    await recordEvent(trx, { action: 'description_reviewed', actor, organisationId, algorithmId, versionId: latest.id, detail: { note: text } }, at);
    return { reviewedAt: at, reviewedBy: actor, note: text };
  });
}

export async function lastReview(db: Kysely<Database>, organisationId: number, algorithmId: number): Promise<Review | undefined> {
  await ownedAlgorithm(db, organisationId, algorithmId);
  const row = await db.selectFrom('compliance_reviews').selectAll().where('algorithm_id', '=', algorithmId).executeTakeFirst();
  return row && { reviewedAt: row.reviewed_at, reviewedBy: { id: row.reviewed_by, name: row.reviewed_by_name }, note: row.note };
}
