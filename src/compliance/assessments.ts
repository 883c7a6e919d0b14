/**
 * Stored publication-duty assessments. Every assessment is kept; a new one supersedes the current one in the
 * same transaction, so the history shows who answered what and when. The outcome is computed here from the
 * answers and the algorithm's latest content (never taken from the caller), and the content fields it rested
 * on are stored with it, so `currentDutyAssessment` can say when the questions must be asked again.
 */
import type { Kysely, Selectable } from 'kysely';
import type { Database, DutyAssessmentTable } from '../db/schema.ts';
import type { Actor } from '../register/actor.ts';
import { recordEvent } from '../register/audit.ts';
import { RegisterError } from '../register/errors.ts';
import type { DutyAnswer, DutyOutcome } from './duty-questions.ts';
import { assessDuty, DutyAnswerError, reassessmentReasons, type DutyAnswers, type ReassessmentReason } from './publication-duty.ts';
import { flag, ownedAlgorithm } from './owned-algorithm.ts';

export interface StoredDutyAssessment {
  id: number;
  algorithmId: number;
  outcome: DutyOutcome;
  /** The publication_category the outcome suggests; null when outside the register. */
  publicationCategory: string | null;
  dutyApplies: boolean;
  byDoubt: boolean;
  answers: Readonly<Record<string, DutyAnswer>>;
  questionsVersion: string;
  basis: Readonly<Record<string, unknown>>;
  assessedBy: Actor;
  assessedAt: string;
  supersededAt: string | null;
}

export interface CurrentDutyAssessment {
  assessment: StoredDutyAssessment;
  /** Why the answers should be asked again for the algorithm as it is now; empty when it still stands. */
  reassess: ReassessmentReason[];
}

export function toStoredAssessment(row: Selectable<DutyAssessmentTable>): StoredDutyAssessment {
  return {
    id: row.id,
    algorithmId: row.algorithm_id,
    outcome: row.outcome as DutyOutcome,
    publicationCategory: row.publication_category,
    dutyApplies: row.duty_applies === 1,
    byDoubt: row.by_doubt === 1,
    answers: JSON.parse(row.answers),
    questionsVersion: row.questions_version,
    basis: JSON.parse(row.basis),
    assessedBy: { id: row.assessed_by, name: row.assessed_by_name },
    assessedAt: row.assessed_at,
    supersededAt: row.superseded_at,
  };
}

/** Assesses the algorithm's latest content with these answers and stores the result as the current assessment. */
export async function recordDutyAssessment(
  db: Kysely<Database>,
  organisationId: number,
  algorithmId: number,
  answers: DutyAnswers,
  actor: Actor,
  at = new Date().toISOString(),
): Promise<StoredDutyAssessment> {
  return db.transaction().execute(async (trx) => {
    const { latest } = await ownedAlgorithm(trx, organisationId, algorithmId);
    let assessed;
    try {
      assessed = assessDuty(answers, latest.content);
    } catch (error) {
      if (error instanceof DutyAnswerError) throw new RegisterError('invalid', `DUTY_ANSWERS_INVALID: ${error.message}`);
      throw error;
    }
    const previous = await trx
      .updateTable('duty_assessments')
      .set({ superseded_at: at })
      .where('algorithm_id', '=', algorithmId)
      .where('superseded_at', 'is', null)
      .returning(['outcome'])
      .executeTakeFirst();
    const row = await trx
      .insertInto('duty_assessments')
      .values({
        algorithm_id: algorithmId,
        organisation_id: organisationId,
        questions_version: assessed.questionsVersion,
        answers: JSON.stringify(assessed.answers),
        basis: JSON.stringify(assessed.basis),
        outcome: assessed.outcome,
        publication_category: assessed.publicationCategory,
        duty_applies: flag(assessed.dutyApplies),
        by_doubt: flag(assessed.byDoubt),
        assessed_by: actor.id,
        assessed_by_name: actor.name,
        assessed_at: at,
        superseded_at: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordEvent(
      trx,
      {
        action: 'duty_assessed',
        actor,
        organisationId,
        algorithmId,
        versionId: latest.id,
        detail: {
          assessment_id: row.id,
          outcome: { from: previous?.outcome ?? null, to: assessed.outcome },
          duty_applies: assessed.dutyApplies,
          by_doubt: assessed.byDoubt,
          answers: assessed.answers,
          questions_version: assessed.questionsVersion,
        },
      },
      at,
    );
    return toStoredAssessment(row);
  });
}

/** The current assessment with the reasons to ask again, or undefined when the algorithm was never assessed. */
export async function currentDutyAssessment(db: Kysely<Database>, organisationId: number, algorithmId: number): Promise<CurrentDutyAssessment | undefined> {
  const { latest } = await ownedAlgorithm(db, organisationId, algorithmId);
  const row = await db.selectFrom('duty_assessments').selectAll().where('algorithm_id', '=', algorithmId).where('superseded_at', 'is', null).executeTakeFirst();
  if (!row) return undefined;
  const assessment = toStoredAssessment(row);
  return { assessment, reassess: reassessmentReasons(assessment, latest.content) };
}

/** Every assessment of the algorithm, newest first. */
export async function dutyAssessmentHistory(db: Kysely<Database>, organisationId: number, algorithmId: number): Promise<StoredDutyAssessment[]> {
  await ownedAlgorithm(db, organisationId, algorithmId);
  const rows = await db.selectFrom('duty_assessments').selectAll().where('algorithm_id', '=', algorithmId).orderBy('id', 'desc').execute();
  return rows.map(toStoredAssessment);
}
