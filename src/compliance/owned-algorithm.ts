/**
 * The one way compliance storage reaches an algorithm: by its id within an organisation. An algorithm of
 * another organisation, a removed one or an id that names no row is `not_found`, the same answer as for one
 * that does not exist, so that a caller learns nothing about other organisations' inventories.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { latestVersion, type Algorithm, type Version } from '../register/algorithms.ts';
import { RegisterError } from '../register/errors.ts';

/** Row ids are positive int4 values on both engines; anything else names no row. */
const MAX_ROW_ID = 2_147_483_647;
export const isRowId = (id: number) => Number.isInteger(id) && id >= 1 && id <= MAX_ROW_ID;

export interface OwnedAlgorithm {
  algorithm: Algorithm;
  /** The newest version (any state): the content the organisation works on. */
  latest: Version;
}

export async function ownedAlgorithm(db: Kysely<Database>, organisationId: number, algorithmId: number): Promise<OwnedAlgorithm> {
  const missing = () => new RegisterError('not_found', `ALGORITHM_NOT_FOUND: organisation ${organisationId} has no algorithm ${algorithmId}`);
  if (!isRowId(algorithmId) || !isRowId(organisationId)) throw missing();
  const algorithm = await db
    .selectFrom('algorithms')
    .selectAll()
    .where('id', '=', algorithmId)
    .where('organisation_id', '=', organisationId)
    .where('removed_at', 'is', null)
    .executeTakeFirst();
  if (!algorithm) throw missing();
  const latest = await latestVersion(db, algorithm.id);
  if (!latest) throw missing();
  return { algorithm, latest };
}

/** Booleans are integers on both engines. */
export const flag = (value: boolean) => (value ? 1 : 0);
