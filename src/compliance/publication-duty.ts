/**
 * The publication-duty assessment: from the answers to the questionnaire (duty-questions.ts) and the
 * algorithm's status, whether it must be published (A: high-risk AI system, B: impactful), may be published
 * (C) or is outside the register, and which publication_category that suggests. When in doubt, the
 * algorithm counts as impactful. The questionnaire asks only what can still change the outcome.
 */
import { enumValues } from './standard-values.ts';
import {
  DEFERRING_STATUSES,
  DUTY_BASIS_FIELDS,
  DUTY_OUTCOMES,
  DUTY_QUESTIONS,
  DUTY_QUESTIONS_VERSION,
  type DutyAnswer,
  type DutyOutcome,
  type DutyQuestion,
} from './duty-questions.ts';

export type DutyAnswers = Readonly<Record<string, DutyAnswer>>;

/** Answers or content that cannot be assessed: unknown question or answer, a needed answer missing. */
export class DutyAnswerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DutyAnswerError';
  }
}

export interface DutyAssessment {
  outcome: DutyOutcome;
  /** The suggested publication_category (a value of the standard), null when outside the register. */
  publicationCategory: string | null;
  /** Must be published now: A or B, and the status does not defer the duty. */
  dutyApplies: boolean;
  /** The status that defers the duty, if it does. */
  deferredByStatus: string | null;
  /** The outcome rests on a "not sure" answer (the doubt rule), not on a clear "yes". */
  byDoubt: boolean;
  /** The questions whose answers decided the outcome. */
  decidedBy: string[];
  /** The answers the outcome was based on, to store with it. */
  answers: DutyAnswers;
  questionsVersion: string;
  /** The algorithm's values of DUTY_BASIS_FIELDS when assessed; a change means asking again. */
  basis: Readonly<Record<string, unknown>>;
}

type Progress =
  | { decided: true; outcome: DutyOutcome; byDoubt: boolean; decidedBy: string[] }
  | { decided: false; next: DutyQuestion };

const ANSWERS: readonly string[] = ['yes', 'no', 'unsure'];

/** The next question to ask, or undefined when the answers given already decide the outcome. */
export function nextDutyQuestion(answers: DutyAnswers): DutyQuestion | undefined {
  const progress = evaluate(answers);
  return progress.decided ? undefined : progress.next;
}

export function assessDuty(answers: DutyAnswers, content: Readonly<Record<string, unknown>>): DutyAssessment {
  const progress = evaluate(answers);
  if (!progress.decided) throw new DutyAnswerError(`Question "${progress.next.id}" needs an answer`);
  const status = content.status;
  if (typeof status !== 'string' || !enumValues('status').some((v) => v.value === status)) {
    throw new DutyAnswerError(`The algorithm's status ${JSON.stringify(status)} is not a status of the standard`);
  }
  const info = DUTY_OUTCOMES[progress.outcome];
  const deferredByStatus = DEFERRING_STATUSES.find((d) => d.status === status)?.status ?? null;
  return {
    outcome: progress.outcome,
    publicationCategory: info.publicationCategory,
    dutyApplies: info.mustPublish && deferredByStatus === null,
    deferredByStatus,
    byDoubt: progress.byDoubt,
    decidedBy: progress.decidedBy,
    answers: { ...answers },
    questionsVersion: DUTY_QUESTIONS_VERSION,
    basis: basisOf(content),
  };
}

export type ReassessmentReason =
  | { kind: 'field-changed'; field: string; before: unknown; after: unknown }
  | { kind: 'questions-changed'; before: string; after: string };

/**
 * Why stored answers must be asked again for the algorithm as it is now: a field they rest on changed
 * (status, publication_category), or the questions changed since. Empty when the assessment still stands.
 */
export function reassessmentReasons(
  stored: Pick<DutyAssessment, 'basis' | 'questionsVersion'>,
  content: Readonly<Record<string, unknown>>,
): ReassessmentReason[] {
  const reasons: ReassessmentReason[] = [];
  if (stored.questionsVersion !== DUTY_QUESTIONS_VERSION) {
    reasons.push({ kind: 'questions-changed', before: stored.questionsVersion, after: DUTY_QUESTIONS_VERSION });
  }
  const now = basisOf(content);
  for (const field of DUTY_BASIS_FIELDS) {
    const before = stored.basis[field] ?? null;
    if (before !== now[field]) reasons.push({ kind: 'field-changed', field, before, after: now[field] });
  }
  return reasons;
}

function basisOf(content: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(DUTY_BASIS_FIELDS.map((field) => [field, content[field] ?? null]));
}

function evaluate(answers: DutyAnswers): Progress {
  for (const [id, given] of Object.entries(answers)) {
    if (!DUTY_QUESTIONS.some((q) => q.id === id)) throw new DutyAnswerError(`There is no question "${id}"`);
    if (!ANSWERS.includes(given)) {
      throw new DutyAnswerError(`Answer ${JSON.stringify(given)} to "${id}" is not one of ${ANSWERS.join(', ')}`);
    }
  }
  // Doubt on a high-risk or impact question makes the algorithm count as impactful (B) at least.
  const doubts: string[] = [];
  for (const [index, question] of DUTY_QUESTIONS.entries()) {
    const given = answers[question.id];
    if (given === undefined) {
      const aCategoryStillPossible = DUTY_QUESTIONS.slice(index).some((q) => q.role === 'high-risk');
      if (doubts.length > 0 && !aCategoryStillPossible) {
        return { decided: true, outcome: 'must-publish-b', byDoubt: true, decidedBy: doubts };
      }
      return { decided: false, next: question };
    }
    if (question.role === 'scope' && given === 'no') {
      return { decided: true, outcome: 'out-of-scope', byDoubt: false, decidedBy: [question.id] };
    }
    if (question.role === 'high-risk' && given === 'yes') {
      return { decided: true, outcome: 'must-publish-a', byDoubt: false, decidedBy: [question.id] };
    }
    if (question.role === 'impact' && given === 'yes') {
      return { decided: true, outcome: 'must-publish-b', byDoubt: false, decidedBy: [question.id] };
    }
    if (question.role !== 'scope' && given === 'unsure') doubts.push(question.id);
  }
  if (doubts.length > 0) return { decided: true, outcome: 'must-publish-b', byDoubt: true, decidedBy: doubts };
  const noes = DUTY_QUESTIONS.filter((q) => q.role !== 'scope').map((q) => q.id);
  return { decided: true, outcome: 'may-publish-c', byDoubt: false, decidedBy: noes };
}
