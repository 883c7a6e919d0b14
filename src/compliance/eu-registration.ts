/**
 * The AI Act registration bridge: for a high-risk AI system, the facts a public deployer registers in the EU
 * database beside the standard's fields: the reference of the provider's EU database entry, a summary of the
 * fundamental rights impact assessment (FRIA) and a summary of the DPIA. Kept per algorithm, audited with a
 * diff, and readable for open data once the algorithm is published.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { LANGUAGE } from '../register/algorithms.ts';
import type { Actor } from '../register/actor.ts';
import { recordEvent } from '../register/audit.ts';
import { RegisterError } from '../register/errors.ts';
import { DUTY_OUTCOMES } from './duty-questions.ts';
import { isRowId, ownedAlgorithm } from './owned-algorithm.ts';

export const REFERENCE_MAX = 200;
export const SUMMARY_MAX = 5000;

const HIGH_RISK_CATEGORY = DUTY_OUTCOMES['must-publish-a'].publicationCategory;

export interface EuRegistration {
  euDatabaseReference: string | null;
  friaSummary: string | null;
  dpiaSummary: string | null;
}

export interface StoredEuRegistration extends EuRegistration {
  algorithmId: number;
  updatedBy: { id: string; name: string };
  updatedAt: string;
}

function cleaned(field: keyof EuRegistration, value: string | null | undefined, max: number): string | null {
  const text = value?.replace(/\r\n?/g, '\n').trim() || null;
  if (text !== null && [...text].length > max) throw new RegisterError('invalid', `${field}: at most ${max} characters`);
  return text;
}

/**
 * Sets the registration facts. Only for a high-risk system: the current duty assessment found category A, or
 * the description says "Hoog-risico AI-systeem"; otherwise the facts have no place and are refused.
 */
export async function setEuRegistration(
  db: Kysely<Database>,
  organisationId: number,
  algorithmId: number,
  input: Partial<EuRegistration>,
  actor: Actor,
  at = new Date().toISOString(),
): Promise<StoredEuRegistration> {
  const facts: EuRegistration = {
    euDatabaseReference: cleaned('euDatabaseReference', input.euDatabaseReference, REFERENCE_MAX),
    friaSummary: cleaned('friaSummary', input.friaSummary, SUMMARY_MAX),
    dpiaSummary: cleaned('dpiaSummary', input.dpiaSummary, SUMMARY_MAX),
  };
  return db.transaction().execute(async (trx) => {
    const { latest } = await ownedAlgorithm(trx, organisationId, algorithmId);
    const assessment = await trx
      .selectFrom('duty_assessments')
      .select('outcome')
      .where('algorithm_id', '=', algorithmId)
      .where('superseded_at', 'is', null)
      .executeTakeFirst();
    const highRisk = assessment?.outcome === 'must-publish-a' || latest.content.publication_category === HIGH_RISK_CATEGORY;
    if (!highRisk) throw new RegisterError('precondition_failed', 'NOT_HIGH_RISK: EU registration facts are kept for high-risk AI systems only');
    const before = await trx.selectFrom('eu_registrations').selectAll().where('algorithm_id', '=', algorithmId).executeTakeFirst();
    const values = {
      eu_database_reference: facts.euDatabaseReference,
      fria_summary: facts.friaSummary,
      dpia_summary: facts.dpiaSummary,
      updated_by: actor.id,
      updated_by_name: actor.name,
      updated_at: at,
    };
    await trx
      .insertInto('eu_registrations')
      .values({ algorithm_id: algorithmId, organisation_id: organisationId, ...values })
      .onConflict((oc) => oc.column('algorithm_id').doUpdateSet(values))
      .execute();
    const diff: Record<string, { from: string | null; to: string | null }> = {};
    const pairs: [string, string | null | undefined, string | null][] = [
      ['eu_database_reference', before?.eu_database_reference, facts.euDatabaseReference],
      ['fria_summary', before?.fria_summary, facts.friaSummary],
      ['dpia_summary', before?.dpia_summary, facts.dpiaSummary],
    ];
    for (const [key, from, to] of pairs) if ((from ?? null) !== to) diff[key] = { from: from ?? null, to };
    await recordEvent(trx, { action: 'eu_registration_set', actor, organisationId, algorithmId, detail: { diff } }, at);
    return { algorithmId, ...facts, updatedBy: actor, updatedAt: at };
  });
}

export async function euRegistrationOf(db: Kysely<Database>, organisationId: number, algorithmId: number): Promise<StoredEuRegistration | undefined> {
  await ownedAlgorithm(db, organisationId, algorithmId);
  const row = await db.selectFrom('eu_registrations').selectAll().where('algorithm_id', '=', algorithmId).executeTakeFirst();
  if (!row) return undefined;
  return {
    algorithmId,
    euDatabaseReference: row.eu_database_reference,
    friaSummary: row.fria_summary,
    dpiaSummary: row.dpia_summary,
    updatedBy: { id: row.updated_by, name: row.updated_by_name },
    updatedAt: row.updated_at,
  };
}

/** The facts as open data shows them: only for an algorithm with a published version, and without who kept them. */
export async function publicEuRegistration(db: Kysely<Database>, algorithmId: number): Promise<EuRegistration | undefined> {
  if (!isRowId(algorithmId)) return undefined;
  const row = await db
    .selectFrom('eu_registrations as r')
    .innerJoin('algorithms as a', 'a.id', 'r.algorithm_id')
    .innerJoin('versions as v', (join) => join.onRef('v.algorithm_id', '=', 'r.algorithm_id').on('v.state', '=', 'PUBLISHED').on('v.language', '=', LANGUAGE))
    .select(['r.eu_database_reference', 'r.fria_summary', 'r.dpia_summary'])
    .where('r.algorithm_id', '=', algorithmId)
    .where('a.removed_at', 'is', null)
    .executeTakeFirst();
  return row && { euDatabaseReference: row.eu_database_reference, friaSummary: row.fria_summary, dpiaSummary: row.dpia_summary };
}
