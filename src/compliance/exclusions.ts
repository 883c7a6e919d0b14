/**
 * Stored exclusion grounds. One person records an exclusion (ground, scope, justification, review date); a
 * different person approves it before it is in force (four eyes). Approving replaces the exclusion in force,
 * if any; an exclusion awaiting approval or in force can be ended, with a reason. Nothing is deleted: ended
 * exclusions stay as history. At most one awaiting approval and one in force per algorithm, also by index.
 */
import { reindexAlgorithms } from '../search/indexer.ts';
import type { Kysely, Selectable } from 'kysely';
import type { Database, ExclusionTable } from '../db/schema.ts';
import type { Actor } from '../register/actor.ts';
import { recordEvent } from '../register/audit.ts';
import { RegisterError } from '../register/errors.ts';
import {
  isExclusionGround,
  isExclusionScope,
  NAMED_GROUND,
  WITHHOLDABLE_FIELDS,
  type ExclusionGround,
  type ExclusionScope,
} from './exclusion-grounds.ts';
import { isRowId, ownedAlgorithm } from './owned-algorithm.ts';
import { mayBePublished, type ExclusionInForce } from './withheld-view.ts';

export const JUSTIFICATION_MAX = 5000;
export const GROUND_TEXT_MAX = 500;

export interface Exclusion extends ExclusionInForce {
  id: number;
  algorithmId: number;
  organisationId: number;
  justification: string;
  /** yyyy-mm-dd: when the organisation must look at the exclusion again. */
  reviewDate: string;
  state: ExclusionTable['state'];
  recordedBy: Actor;
  recordedAt: string;
  approvedBy: Actor | null;
  approvedAt: string | null;
  endedBy: string | null;
  endedAt: string | null;
  endReason: string | null;
}

export interface ExclusionInput {
  ground: string;
  groundText?: string | null;
  scope: string;
  withheldFields?: readonly string[];
  justification: string;
  reviewDate: string;
}

function toExclusion(row: Selectable<ExclusionTable>): Exclusion {
  return {
    id: row.id,
    algorithmId: row.algorithm_id,
    organisationId: row.organisation_id,
    ground: row.ground as ExclusionGround,
    groundText: row.ground_text,
    scope: row.scope,
    withheldFields: JSON.parse(row.withheld_fields),
    justification: row.justification,
    reviewDate: row.review_date,
    state: row.state,
    recordedBy: { id: row.recorded_by, name: row.recorded_by_name },
    recordedAt: row.recorded_at,
    approvedBy: row.approved_by === null ? null : { id: row.approved_by, name: row.approved_by_name ?? row.approved_by },
    approvedAt: row.approved_at,
    endedBy: row.ended_by,
    endedAt: row.ended_at,
    endReason: row.end_reason,
  };
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isCalendarDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.toISOString().slice(0, 10) === text;
}

interface CheckedInput {
  ground: ExclusionGround;
  groundText: string | null;
  scope: ExclusionScope;
  withheldFields: string[];
  justification: string;
  reviewDate: string;
}

/** Checks an exclusion before it is stored; the error names the field, as a form needs. */
export function checkExclusionInput(input: ExclusionInput, today: string): CheckedInput {
  const invalid = (field: string, message: string) => new RegisterError('invalid', `${field}: ${message}`);
  if (!isExclusionGround(input.ground)) throw invalid('ground', `"${input.ground}" is not an exclusion ground`);
  const groundText = (typeof input.groundText === 'string' && input.groundText.trim()) || null;
  if (input.ground === NAMED_GROUND && groundText === null) throw invalid('groundText', 'name the ground of the Open Government Act');
  if (groundText !== null && [...groundText].length > GROUND_TEXT_MAX) throw invalid('groundText', `at most ${GROUND_TEXT_MAX} characters`);
  if (!isExclusionScope(input.scope)) throw invalid('scope', `"${input.scope}" is not a scope`);
  const withheldFields = [...new Set(Array.isArray(input.withheldFields) ? input.withheldFields.map(String) : [])];
  if (input.scope === 'fields_withheld') {
    if (withheldFields.length === 0) throw invalid('withheldFields', 'name at least one field to withhold');
    const unknown = withheldFields.filter((f) => !WITHHOLDABLE_FIELDS.includes(f));
    if (unknown.length > 0) throw invalid('withheldFields', `these fields cannot be withheld: ${unknown.join(', ')}`);
  } else if (withheldFields.length > 0) {
    throw invalid('withheldFields', 'an algorithm that is not published withholds everything; name no fields');
  }
  const justification = typeof input.justification === 'string' ? input.justification.replace(/\r\n?/g, '\n').trim() : '';
  if (justification === '') throw invalid('justification', 'explain why the ground applies');
  if ([...justification].length > JUSTIFICATION_MAX) throw invalid('justification', `at most ${JUSTIFICATION_MAX} characters`);
  if (typeof input.reviewDate !== 'string' || !isCalendarDate(input.reviewDate)) throw invalid('reviewDate', 'a date as yyyy-mm-dd');
  if (input.reviewDate <= today) throw invalid('reviewDate', 'must lie in the future');
  // Withholding in keeping with the field order of the standard makes notices read the same everywhere.
  withheldFields.sort((a, b) => WITHHOLDABLE_FIELDS.indexOf(a) - WITHHOLDABLE_FIELDS.indexOf(b));
  return { ground: input.ground, groundText, scope: input.scope, withheldFields, justification, reviewDate: input.reviewDate };
}

/** Records an exclusion awaiting approval. Another one already awaiting approval is a conflict. */
export async function recordExclusion(
  db: Kysely<Database>,
  organisationId: number,
  algorithmId: number,
  input: ExclusionInput,
  actor: Actor,
  at = new Date().toISOString(),
): Promise<Exclusion> {
  const checked = checkExclusionInput(input, at.slice(0, 10));
  return db.transaction().execute(async (trx) => {
    const { latest } = await ownedAlgorithm(trx, organisationId, algorithmId);
    const pending = await trx.selectFrom('exclusions').select('id').where('algorithm_id', '=', algorithmId).where('state', '=', 'pending').executeTakeFirst();
    if (pending) throw new RegisterError('conflict', `EXCLUSION_PENDING: exclusion ${pending.id} awaits approval; approve or end it first`);
    const row = await trx
      .insertInto('exclusions')
      .values({
        algorithm_id: algorithmId,
        organisation_id: organisationId,
        ground: checked.ground,
        ground_text: checked.groundText,
        scope: checked.scope,
        withheld_fields: JSON.stringify(checked.withheldFields),
        justification: checked.justification,
        review_date: checked.reviewDate,
        state: 'pending',
        recorded_by: actor.id,
        recorded_by_name: actor.name,
        recorded_at: at,
        approved_by: null,
        approved_by_name: null,
        approved_at: null,
        ended_by: null,
        ended_at: null,
        end_reason: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordEvent(
      trx,
      {
        action: 'exclusion_recorded',
        actor,
        organisationId,
        algorithmId,
        versionId: latest.id,
        detail: { exclusion_id: row.id, ground: checked.ground, ground_text: checked.groundText, scope: checked.scope, withheld_fields: checked.withheldFields, review_date: checked.reviewDate },
      },
      at,
    );
    return toExclusion(row);
  });
}

async function exclusionOfOrganisation(db: Kysely<Database>, organisationId: number, exclusionId: number): Promise<Selectable<ExclusionTable>> {
  const row = isRowId(exclusionId)
    ? await db.selectFrom('exclusions').selectAll().where('id', '=', exclusionId).where('organisation_id', '=', organisationId).executeTakeFirst()
    : undefined;
  if (!row) throw new RegisterError('not_found', `EXCLUSION_NOT_FOUND: organisation ${organisationId} has no exclusion ${exclusionId}`);
  // The algorithm may have been removed since; then its exclusions are not to be touched either.
  await ownedAlgorithm(db, organisationId, row.algorithm_id);
  return row;
}

/**
 * Puts a recorded exclusion in force. The approver must be someone else than whoever recorded it; the
 * exclusion in force until now, if any, ends as replaced.
 */
export async function approveExclusion(
  db: Kysely<Database>,
  organisationId: number,
  exclusionId: number,
  actor: Actor,
  at = new Date().toISOString(),
): Promise<Exclusion> {
  return db.transaction().execute(async (trx) => {
    const row = await exclusionOfOrganisation(trx, organisationId, exclusionId);
    if (row.state !== 'pending') throw new RegisterError('conflict', `EXCLUSION_NOT_PENDING: exclusion ${exclusionId} is ${row.state}`);
    if (row.recorded_by === actor.id) throw new RegisterError('forbidden', 'FOUR_EYES: an exclusion is approved by someone other than who recorded it');
    const replaced = await trx
      .updateTable('exclusions')
      .set({ state: 'ended', ended_by: actor.id, ended_at: at, end_reason: `replaced by exclusion ${row.id}` })
      .where('algorithm_id', '=', row.algorithm_id)
      .where('state', '=', 'active')
      .returning('id')
      .executeTakeFirst();
    const approved = await trx
      .updateTable('exclusions')
      .set({ state: 'active', approved_by: actor.id, approved_by_name: actor.name, approved_at: at })
      .where('id', '=', row.id)
      .where('state', '=', 'pending')
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordEvent(
      trx,
      {
        action: 'exclusion_approved',
        actor,
        organisationId,
        algorithmId: row.algorithm_id,
        detail: { exclusion_id: row.id, recorded_by: row.recorded_by, replaced: replaced?.id ?? null, scope: row.scope },
      },
      at,
    );
    // Search shows only what the public may see: from now on without the withheld fields (or not at all).
    await reindexAlgorithms(trx, [row.algorithm_id]);
    return toExclusion(approved);
  });
}

/** Ends an exclusion awaiting approval (withdrawn) or in force (lifted), with the reason. */
export async function endExclusion(
  db: Kysely<Database>,
  organisationId: number,
  exclusionId: number,
  reason: string,
  actor: Actor,
  at = new Date().toISOString(),
): Promise<Exclusion> {
  const why = reason.trim();
  if (why === '') throw new RegisterError('invalid', 'reason: say why the exclusion ends');
  return db.transaction().execute(async (trx) => {
    const row = await exclusionOfOrganisation(trx, organisationId, exclusionId);
    if (row.state === 'ended') throw new RegisterError('conflict', `EXCLUSION_ENDED: exclusion ${exclusionId} has already ended`);
    const ended = await trx
      .updateTable('exclusions')
      .set({ state: 'ended', ended_by: actor.id, ended_at: at, end_reason: why })
      .where('id', '=', row.id)
      .where('state', '=', row.state)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordEvent(
      trx,
      { action: 'exclusion_ended', actor, organisationId, algorithmId: row.algorithm_id, detail: { exclusion_id: row.id, state: { from: row.state, to: 'ended' }, reason: why } },
      at,
    );
    if (row.state === 'active') await reindexAlgorithms(trx, [row.algorithm_id]);
    return toExclusion(ended);
  });
}

/** The exclusion in force for an algorithm, for the public page and open data (no organisation: it is public). */
export async function activeExclusion(db: Kysely<Database>, algorithmId: number): Promise<Exclusion | undefined> {
  if (!isRowId(algorithmId)) return undefined;
  const row = await db.selectFrom('exclusions').selectAll().where('algorithm_id', '=', algorithmId).where('state', '=', 'active').executeTakeFirst();
  return row && toExclusion(row);
}

/** The exclusions in force for many algorithms at once (lists, exports), by algorithm id. */
export async function activeExclusions(db: Kysely<Database>, algorithmIds: readonly number[]): Promise<Map<number, Exclusion>> {
  const found = new Map<number, Exclusion>();
  const ids = algorithmIds.filter(isRowId);
  for (let i = 0; i < ids.length; i += 1000) {
    const rows = await db.selectFrom('exclusions').selectAll().where('algorithm_id', 'in', ids.slice(i, i + 1000)).where('state', '=', 'active').execute();
    for (const row of rows) found.set(row.algorithm_id, toExclusion(row));
  }
  return found;
}

/** Every exclusion of the algorithm, newest first. */
export async function exclusionsOf(db: Kysely<Database>, organisationId: number, algorithmId: number): Promise<Exclusion[]> {
  await ownedAlgorithm(db, organisationId, algorithmId);
  const rows = await db.selectFrom('exclusions').selectAll().where('algorithm_id', '=', algorithmId).orderBy('id', 'desc').execute();
  return rows.map(toExclusion);
}

/** The organisation's exclusions in force whose review date has come (on or before `today`, yyyy-mm-dd). */
export async function exclusionsDueForReview(db: Kysely<Database>, organisationId: number, today: string): Promise<Exclusion[]> {
  const rows = await db
    .selectFrom('exclusions')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('state', '=', 'active')
    .where('review_date', '<=', today)
    .orderBy('review_date')
    .execute();
  return rows.map(toExclusion);
}

/**
 * Refuses publication of an algorithm whose exclusion in force says "not published". The publication flow
 * calls this before it publishes.
 */
export async function assertMayPublish(db: Kysely<Database>, organisationId: number, algorithmId: number): Promise<void> {
  await ownedAlgorithm(db, organisationId, algorithmId);
  const exclusion = await activeExclusion(db, algorithmId);
  if (!mayBePublished(exclusion)) {
    throw new RegisterError('conflict', `EXCLUDED_FROM_PUBLICATION: exclusion ${exclusion!.id} says this algorithm is not published`);
  }
}
