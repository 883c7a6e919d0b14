/**
 * Compliance: the publication duty, the AI Act classification and the Algoritmekader requirements that
 * follow from them (pure domain code over data files, see data/README.md); what organisations record about
 * them (assessments, classifications, requirement statuses, exclusion grounds, EU registration facts,
 * reviews); quality checks, the link checker and the dashboards. No HTTP here: pages call these functions.
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

// Storage: what the organisation records per algorithm. Every function takes the organisation id and refuses
// (not_found) an algorithm of another organisation; every change is an audit event.
export { recordDutyAssessment, currentDutyAssessment, dutyAssessmentHistory, type StoredDutyAssessment, type CurrentDutyAssessment } from './assessments.ts';
export {
  recordClassification,
  currentClassification,
  classificationHistory,
  type StoredClassification,
  type CurrentClassification,
  type RecordedClassification,
} from './classifications.ts';
export {
  REQUIREMENT_STATUSES,
  setRequirementStatus,
  requirementOverview,
  type RequirementStatus,
  type RequirementOverview,
  type KeptStatus,
} from './requirement-status.ts';
export {
  EXCLUSION_GROUNDS,
  EXCLUSION_SCOPES,
  WITHHOLDABLE_FIELDS,
  type ExclusionGround,
  type ExclusionScope,
} from './exclusion-grounds.ts';
export {
  recordExclusion,
  approveExclusion,
  endExclusion,
  activeExclusion,
  activeExclusions,
  exclusionsOf,
  exclusionsDueForReview,
  assertMayPublish,
  checkExclusionInput,
  type Exclusion,
  type ExclusionInput,
} from './exclusions.ts';
export { publicView, mayBePublished, type PublicView, type WithheldNotice, type ExclusionInForce } from './withheld-view.ts';
export { setEuRegistration, euRegistrationOf, publicEuRegistration, type EuRegistration, type StoredEuRegistration } from './eu-registration.ts';
export { recordReview, lastReview, type Review } from './reviews.ts';

// Quality: pure checks, the stored scores and the link checker.
export { QUALITY_CHECKS, SCORE_BANDS, runQualityChecks, type QualityReport } from './quality/registry.ts';
export { QUALITY_MESSAGES, qualityMessage, type QualityMessageKey } from './quality/messages.ts';
export type { Finding, Severity, QualityCheck, QualityContext, LinkStatus } from './quality/types.ts';
export { qualityReportFor, refreshQualityScores, refreshAllQualityScores } from './quality-scores.ts';
export { linksOf, type ContentLink } from './links/content-links.ts';
export { checkUrl, checkLinks, type LinkResult, type LinkCheckOptions } from './links/link-checker.ts';
export { refreshLinkUses, refreshAllLinkUses, dueLinks } from './links/link-inventory.ts';
export { linkCheckRound, type RoundReport } from './links/link-check-round.ts';

// Dashboards.
export { organisationDashboard, type OrganisationDashboard } from './organisation-dashboard.ts';
export { nationalDashboard, type NationalDashboard } from './national-dashboard.ts';
export { qualityDistribution, type QualityDistribution } from './score-bands.ts';
