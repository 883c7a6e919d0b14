/**
 * An AI Act classification in progress: start at the tree's first question, answer question by question,
 * end at a conclusion with its profile. Sessions are plain immutable values (the tree plus the answers so
 * far), so a page can keep one between requests, go back, or replay stored answers on a newer tree.
 */
import { buildProfile, type AiActProfile, type AnsweredStep } from './ai-act-profile.ts';
import type { Answer, Conclusion, DecisionTree, Question } from './decision-tree.ts';
import { takeAnswer } from './tree-step.ts';

/** An answer that does not fit the session: wrong question, unknown answer, or no way on. */
export class AnswerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AnswerError';
  }
}

export type Position =
  | { kind: 'question'; question: Question }
  | { kind: 'conclusion'; conclusion: Conclusion; profile: AiActProfile };

export interface Session {
  readonly tree: DecisionTree;
  readonly steps: readonly SessionStep[];
  readonly position: Position;
}

export interface SessionStep extends AnsweredStep {
  /** A note the tree shows with this answer, if any. */
  subresult?: string;
}

export function startSession(tree: DecisionTree): Session {
  return { tree, steps: [], position: { kind: 'question', question: tree.questions.get(tree.startQuestionId)! } };
}

/**
 * Answers the current question. `questionId` must be the current question (so an answer sent from a stale
 * page is refused rather than applied to another question); the answer is named by index or by its text.
 */
export function answer(session: Session, questionId: string, choice: number | string): Session {
  const { tree, position } = session;
  if (position.kind === 'conclusion') {
    throw new AnswerError(`The classification has ended at conclusion "${position.conclusion.id}"; go back to change an answer`);
  }
  const question = position.question;
  if (question.id !== questionId) {
    throw new AnswerError(`Question "${questionId}" is not the current question; the current question is "${question.id}"`);
  }
  const chosen = findAnswer(question, choice);
  const before = session.steps.flatMap((step) => step.labels);
  const result = takeAnswer(chosen, before);
  if (!result.target) {
    throw new AnswerError(
      `Tree ${tree.version}: answer "${chosen.answer}" to question "${question.id}" leads nowhere: none of its conditions holds for labels ${JSON.stringify(result.labels)}`,
    );
  }
  const step: SessionStep = { questionId: question.id, answerIndex: chosen.index, answer: chosen.answer, labels: chosen.labels };
  if (chosen.subresult !== undefined) step.subresult = chosen.subresult;
  const steps = [...session.steps, step];
  if (result.target.kind === 'question') {
    return { tree, steps, position: { kind: 'question', question: tree.questions.get(result.target.id)! } };
  }
  const conclusion = tree.conclusions.get(result.target.id)!;
  return { tree, steps, position: { kind: 'conclusion', conclusion, profile: buildProfile(tree, steps, conclusion) } };
}

/** The session as it was before the last answer (its labels go with it). */
export function back(session: Session): Session {
  if (session.steps.length === 0) return session;
  return replay(session.tree, session.steps.slice(0, -1));
}

/**
 * Runs answers from the start. Stored answers are replayed by their text, so that they still mean the same
 * after a newer tree reorders answers; an answer the tree no longer has is an AnswerError.
 */
export function replay(tree: DecisionTree, answers: readonly { questionId: string; answer: number | string }[]): Session {
  let session = startSession(tree);
  for (const given of answers) session = answer(session, given.questionId, given.answer);
  return session;
}

/** Whether a stored profile was made with another tree than this one, and so should be looked at again. */
export function madeWithOtherTree(profile: Pick<AiActProfile, 'treeName' | 'treeVersion'>, tree: DecisionTree): boolean {
  return profile.treeName !== tree.name || profile.treeVersion !== tree.version;
}

function findAnswer(question: Question, choice: number | string): Answer {
  if (typeof choice === 'number') {
    const found = Number.isInteger(choice) ? question.answers[choice] : undefined;
    if (!found) {
      throw new AnswerError(`Question "${question.id}" has answers 0 to ${question.answers.length - 1}; ${choice} is not one of them`);
    }
    return found;
  }
  const found = question.answers.find((a) => a.answer === choice);
  if (!found) {
    throw new AnswerError(
      `Question "${question.id}" has no answer ${JSON.stringify(choice)}; its answers are ${question.answers.map((a) => JSON.stringify(a.answer)).join(', ')}`,
    );
  }
  return found;
}
