/**
 * Stored AI Act classifications. The answers are replayed on the tree the caller passes (the tree is data and
 * may be newer than the one a page started with), and only a walk that ends at a conclusion is stored, with
 * the tree's name and version and the profile. Every classification is kept; a new one supersedes the
 * current one. `currentClassification` says when the stored one was made with another tree than today's.
 */
import type { Kysely, Selectable } from 'kysely';
import type { AiActClassificationTable, Database } from '../db/schema.ts';
import type { Actor } from '../register/actor.ts';
import { recordEvent } from '../register/audit.ts';
import { RegisterError } from '../register/errors.ts';
import type { AiActProfile, ChosenAnswer } from './ai-act-profile.ts';
import { AnswerError, madeWithOtherTree, replay } from './classification.ts';
import type { DecisionTree } from './decision-tree.ts';
import { ownedAlgorithm } from './owned-algorithm.ts';

export interface StoredClassification {
  id: number;
  algorithmId: number;
  treeName: string;
  treeVersion: string;
  answers: readonly ChosenAnswer[];
  profile: AiActProfile;
  classifiedBy: Actor;
  classifiedAt: string;
  supersededAt: string | null;
}

export interface CurrentClassification {
  classification: StoredClassification;
  /** Made with another tree than the one given: the organisation should look at it again. */
  outdated: boolean;
}

export type GivenAnswer = { questionId: string; answer: number | string };

function toStored(row: Selectable<AiActClassificationTable>): StoredClassification {
  return {
    id: row.id,
    algorithmId: row.algorithm_id,
    treeName: row.tree_name,
    treeVersion: row.tree_version,
    answers: JSON.parse(row.answers),
    profile: JSON.parse(row.profile),
    classifiedBy: { id: row.classified_by, name: row.classified_by_name },
    classifiedAt: row.classified_at,
    supersededAt: row.superseded_at,
  };
}

export interface RecordedClassification {
  classification: StoredClassification;
  /** The profile it replaced, so a page can show what changes (see requirementsDiff). */
  previousProfile: AiActProfile | null;
}

export async function recordClassification(
  db: Kysely<Database>,
  organisationId: number,
  algorithmId: number,
  tree: DecisionTree,
  answers: readonly GivenAnswer[],
  actor: Actor,
  at = new Date().toISOString(),
): Promise<RecordedClassification> {
  let profile: AiActProfile;
  try {
    const session = replay(tree, answers);
    if (session.position.kind !== 'conclusion') {
      throw new RegisterError('invalid', `CLASSIFICATION_INCOMPLETE: question "${session.position.question.id}" still needs an answer`);
    }
    profile = session.position.profile;
  } catch (error) {
    if (error instanceof AnswerError) throw new RegisterError('invalid', `CLASSIFICATION_ANSWERS_INVALID: ${error.message}`);
    throw error;
  }
  return db.transaction().execute(async (trx) => {
    const { latest } = await ownedAlgorithm(trx, organisationId, algorithmId);
    const previous = await trx
      .updateTable('ai_act_classifications')
      .set({ superseded_at: at })
      .where('algorithm_id', '=', algorithmId)
      .where('superseded_at', 'is', null)
      .returning(['profile'])
      .executeTakeFirst();
    const previousProfile: AiActProfile | null = previous ? JSON.parse(previous.profile) : null;
    const row = await trx
      .insertInto('ai_act_classifications')
      .values({
        algorithm_id: algorithmId,
        organisation_id: organisationId,
        tree_name: profile.treeName,
        tree_version: profile.treeVersion,
        answers: JSON.stringify(profile.answers),
        profile: JSON.stringify(profile),
        conclusion_id: profile.conclusionId,
        classified_by: actor.id,
        classified_by_name: actor.name,
        classified_at: at,
        superseded_at: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordEvent(
      trx,
      {
        action: 'ai_act_classified',
        actor,
        organisationId,
        algorithmId,
        versionId: latest.id,
        detail: {
          classification_id: row.id,
          tree: { name: profile.treeName, version: profile.treeVersion },
          conclusion: { from: previousProfile?.conclusionId ?? null, to: profile.conclusionId },
          labels: profile.labels,
        },
      },
      at,
    );
    return { classification: toStored(row), previousProfile };
  });
}

/** The current classification, or undefined when the algorithm was never classified. */
export async function currentClassification(
  db: Kysely<Database>,
  organisationId: number,
  algorithmId: number,
  tree?: DecisionTree,
): Promise<CurrentClassification | undefined> {
  await ownedAlgorithm(db, organisationId, algorithmId);
  const row = await db.selectFrom('ai_act_classifications').selectAll().where('algorithm_id', '=', algorithmId).where('superseded_at', 'is', null).executeTakeFirst();
  if (!row) return undefined;
  const classification = toStored(row);
  return { classification, outdated: tree ? madeWithOtherTree(classification.profile, tree) : false };
}

/** Every classification of the algorithm, newest first. */
export async function classificationHistory(db: Kysely<Database>, organisationId: number, algorithmId: number): Promise<StoredClassification[]> {
  await ownedAlgorithm(db, organisationId, algorithmId);
  const rows = await db.selectFrom('ai_act_classifications').selectAll().where('algorithm_id', '=', algorithmId).orderBy('id', 'desc').execute();
  return rows.map(toStored);
}
