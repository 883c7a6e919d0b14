/**
 * Compliance: the publication duty, the AI Act classification and the Algoritmekader requirements that
 * follow from them. Pure domain code over data files (see data/README.md); storage and pages build on it.
 */
export { ConditionSyntaxError } from './condition-tokens.ts';
export { ComplianceDataError } from './data-shape.ts';
export { parseTreeCondition, evaluateTreeCondition, type TreeCondition } from './tree-condition.ts';
export { parseTagExpression, evaluateTagExpression, type TagExpression } from './tag-expression.ts';
export {
  DEFAULT_DECISION_TREE_PATH,
  loadDecisionTree,
  parseDecisionTree,
  labelGroupOf,
  labelGroupNames,
  type Answer,
  type Conclusion,
  type DecisionTree,
  type Question,
  type Redirect,
  type Target,
} from './decision-tree.ts';
export type { AiActProfile, ChosenAnswer } from './ai-act-profile.ts';
export { AnswerError, startSession, answer, back, replay, madeWithOtherTree, type Position, type Session } from './classification.ts';
export { walk, isSound, onePathPerConclusion, type WalkPath, type WalkReport } from './tree-walk.ts';
export {
  DUTY_QUESTIONS,
  DUTY_QUESTIONS_VERSION,
  DUTY_ANSWERS,
  DUTY_OUTCOMES,
  DEFERRING_STATUSES,
  DUTY_BASIS_FIELDS,
  type DutyAnswer,
  type DutyOutcome,
  type DutyQuestion,
} from './duty-questions.ts';
export {
  DutyAnswerError,
  assessDuty,
  nextDutyQuestion,
  reassessmentReasons,
  type DutyAnswers,
  type DutyAssessment,
  type ReassessmentReason,
} from './publication-duty.ts';
export { loadLabelTags, checkTreeLabels, profileTags, type LabelTags } from './label-tags.ts';
export { loadRequirementsCatalogue, type Requirement, type RequirementsCatalogue } from './requirements-catalogue.ts';
export {
  PUBLICATION_DUTY_REQUIREMENT,
  applicableRequirements,
  requirementsDiff,
  type RequirementsDiff,
} from './applicable-requirements.ts';
