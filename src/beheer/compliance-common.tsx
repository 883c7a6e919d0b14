/**
 * What the compliance pages of management share: their paths under an algorithm, the decision tree and
 * requirements catalogue (data files, read once per process), the quality findings as an editor reads them,
 * and the one-line quality summary with a link that the algorithm's edit page shows.
 */
import type { FastifyRequest } from 'fastify';
import { loadDecisionTree, loadRequirementsCatalogue, qualityMessage, type DecisionTree, type QualityReport, type RequirementsCatalogue } from '../compliance/index.ts';
import { CURRENT_STANDARD } from '../standard/index.ts';
import type { Lang } from '../publicsite/messages.ts';
import { fill } from './messages.ts';
import { complianceMessages } from './messages-compliance.ts';

export const compliancePath = (lars: string) => `/beheer/algoritme/${lars}/verantwoording`;
export const dutyPath = (lars: string) => `/beheer/algoritme/${lars}/publicatieplicht`;
export const classificationPath = (lars: string) => `/beheer/algoritme/${lars}/ai-verordening`;
export const exclusionPath = (lars: string) => `/beheer/algoritme/${lars}/uitsluiting`;
export const euRegistrationPath = (lars: string) => `/beheer/algoritme/${lars}/eu-registratie`;
export const DASHBOARD_PATH = '/beheer/dashboard';

let tree: DecisionTree | undefined;
let catalogue: RequirementsCatalogue | undefined;

/** Today's decision tree. Replacing the data file and restarting is how a newer tree arrives. */
export const decisionTree = () => (tree ??= loadDecisionTree());
export const requirementsCatalogue = () => (catalogue ??= loadRequirementsCatalogue());

/** The label of a field of the standard, in the page's language. */
export const fieldLabel = (key: string, lang: Lang) => CURRENT_STANDARD.fields.find((f) => f.key === key)?.label[lang] ?? key;

/** The label of a value of an enum field of the standard (status, publication_category). */
export function valueLabel(key: string, value: unknown, lang: Lang): string {
  const field = CURRENT_STANDARD.fields.find((f) => f.key === key);
  if (value === null || value === undefined || value === '') return complianceMessages[lang].noneValue;
  const known = field && field.kind === 'enum' ? field.values.find((v) => v.value === value) : undefined;
  return known?.label[lang] ?? String(value);
}

/** The first value of a form field (a repeated field arrives as a list). */
export const one = (v: unknown): string => (Array.isArray(v) ? String(v[0] ?? '') : typeof v === 'string' ? v : '');
export const many = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : typeof v === 'string' ? [v] : []);

/** The notice named in `?melding=` of a compliance page, if it is one of ours. */
export function noticeOf(request: FastifyRequest<{ Querystring: { melding?: string } }>, names: Record<string, string>): string | undefined {
  const name = request.query.melding;
  return name && Object.hasOwn(names, name) ? names[name] : undefined;
}

export function QualityFindings({ report, lang }: { report: QualityReport; lang: Lang }) {
  const t = complianceMessages[lang];
  return (
    <>
      <p>
        <meter min={0} max={100} value={report.score} aria-label={t.qualityTitle}>
          {report.score}
        </meter>{' '}
        {fill(t.qualityScore, { score: report.score })}
      </p>
      {report.findings.length === 0 ? (
        <p>{t.qualityNone}</p>
      ) : (
        <ul class="utrecht-unordered-list quality-findings">
          {report.findings.map((f) => (
            <li>
              <strong>{t[`severity_${f.severity}`]}</strong> – {fieldLabel(f.field, lang)}: {qualityMessage(f.messageKey, lang, f.params)}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** On the edit page: the quality score in one line and the way to the accountability page. */
export function ComplianceSummary({ lars, report, lang }: { lars: string; report: QualityReport; lang: Lang }) {
  const t = complianceMessages[lang];
  return (
    <div>
      <dt>{t.editLink}</dt>
      <dd>
        {fill(t.qualitySummary, { score: report.score, errors: report.errors, warnings: report.warnings })}{' '}
        <a class="nl-link" href={compliancePath(lars)}>{t.editLink}</a>
      </dd>
    </div>
  );
}
