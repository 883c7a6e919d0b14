/**
 * Every quality check, in the order an editor reads the findings, and the run over all of them with the
 * summary score: the weighted mean of the checks' scores, 0 to 100.
 */
import type { AlgorithmContent } from '../../standard/types.ts';
import { completenessCheck } from './completeness-check.ts';
import { contactCheck } from './contact-check.ts';
import { endDateCheck } from './end-date-check.ts';
import { impactAssessmentsCheck } from './impact-assessments-check.ts';
import { lawfulBasisCheck } from './lawful-basis-check.ts';
import { linksCheck } from './links-check.ts';
import { plainLanguageCheck } from './plain-language-check.ts';
import { reviewCheck } from './review-check.ts';
import type { Finding, QualityCheck, QualityContext } from './types.ts';

export const QUALITY_CHECKS: readonly QualityCheck[] = [
  completenessCheck,
  lawfulBasisCheck,
  impactAssessmentsCheck,
  contactCheck,
  plainLanguageCheck,
  endDateCheck,
  reviewCheck,
  linksCheck,
];

export interface QualityReport {
  /** 0–100, rounded. */
  score: number;
  checks: { id: string; weight: number; score: number }[];
  findings: Finding[];
  errors: number;
  warnings: number;
}

export function runQualityChecks(content: AlgorithmContent, context: QualityContext, checks: readonly QualityCheck[] = QUALITY_CHECKS): QualityReport {
  const results = checks.map((check) => ({ check, outcome: check.run(content, context) }));
  const totalWeight = checks.reduce((sum, c) => sum + c.weight, 0);
  const weighted = results.reduce((sum, r) => sum + r.check.weight * Math.min(1, Math.max(0, r.outcome.score)), 0);
  const findings = results.flatMap((r) => r.outcome.findings);
  return {
    score: totalWeight === 0 ? 100 : Math.round((100 * weighted) / totalWeight),
    checks: results.map((r) => ({ id: r.check.id, weight: r.check.weight, score: r.outcome.score })),
    findings,
    errors: findings.filter((f) => f.severity === 'error').length,
    warnings: findings.filter((f) => f.severity === 'warning').length,
  };
}

/** Score bands for distributions: what dashboards count algorithms in. */
export const SCORE_BANDS: readonly { key: string; min: number; max: number }[] = [
  { key: '0-49', min: 0, max: 49 },
  { key: '50-69', min: 50, max: 69 },
  { key: '70-89', min: 70, max: 89 },
  { key: '90-100', min: 90, max: 100 },
];
