/**
 * Impact assessments are named and linked. A description may explain instead why there is none (no personal
 * data, for example); that is a hint, not a failure. A report that is not public has no link: a hint too.
 */
import type { Finding, QualityCheck } from './types.ts';
import { groupingItems } from './grouping-items.ts';
import { textOf } from './types.ts';
import { plainText } from '../../standard/html.ts';

const FIELD = 'impacttoetsen_grouping';

export const impactAssessmentsCheck: QualityCheck = {
  id: 'impact-assessments',
  weight: 2,
  run(content) {
    const items = groupingItems(content, FIELD);
    const finding = (severity: Finding['severity'], messageKey: Finding['messageKey'], params?: Finding['params']): Finding => ({ check: 'impact-assessments', field: FIELD, severity, messageKey, params });
    if (items.length === 0) {
      const explained = plainText(textOf(content, 'impacttoetsen')) !== '';
      return explained ? { findings: [finding('info', 'impact.explained-only')], score: 0.75 } : { findings: [finding('warning', 'impact.missing')], score: 0 };
    }
    const findings: Finding[] = [];
    let linked = 0;
    for (const { item, title, link } of items) {
      if (title === '') findings.push(finding('warning', 'impact.no-title', { item }));
      if (link === '') findings.push(finding('info', 'impact.no-link', { item, title: title || String(item) }));
      else linked++;
    }
    const named = items.filter((i) => i.title !== '').length;
    // Named counts most; a public report on top brings the rest.
    return { findings, score: 0.7 * (named / items.length) + 0.3 * (linked / items.length) };
  },
};
