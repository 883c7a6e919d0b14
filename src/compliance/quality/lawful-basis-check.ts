/**
 * The lawful basis links to a specific law: a link on wetten.overheid.nl that carries the law's BWBR
 * identifier. A local regulation on lokaleregelgeving.overheid.nl (CVDR) is an official source too, but the
 * description still needs at least one specific law.
 */
import type { Finding, QualityCheck } from './types.ts';
import { groupingItems } from './grouping-items.ts';

const FIELD = 'lawful_basis_grouping';
const BWBR = /BWBR\d{7}/;
const CVDR = /CVDR\d+/;

function hostOf(link: string): string | null {
  try {
    const url = new URL(link);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.hostname.toLowerCase().replace(/^www\./, '') : null;
  } catch {
    return null;
  }
}

/** Whether a link names one law on wetten.overheid.nl. */
export function linksToSpecificLaw(link: string): boolean {
  return hostOf(link) === 'wetten.overheid.nl' && BWBR.test(link);
}

export const lawfulBasisCheck: QualityCheck = {
  id: 'lawful-basis',
  weight: 2,
  run(content) {
    const items = groupingItems(content, FIELD);
    const finding = (severity: Finding['severity'], messageKey: Finding['messageKey'], params?: Finding['params']): Finding => ({ check: 'lawful-basis', field: FIELD, severity, messageKey, params });
    if (items.length === 0) return { findings: [finding('error', 'lawful-basis.missing')], score: 0 };
    const findings: Finding[] = [];
    for (const { item, title, link } of items) {
      const params = { item, title: title || link };
      if (link === '') findings.push(finding('warning', 'lawful-basis.no-link', params));
      else if (hostOf(link) === 'wetten.overheid.nl') {
        if (!BWBR.test(link)) findings.push(finding('warning', 'lawful-basis.not-specific', params));
      } else if (!(hostOf(link) === 'lokaleregelgeving.overheid.nl' && CVDR.test(link))) {
        findings.push(finding('warning', 'lawful-basis.not-official', params));
      }
    }
    if (!items.some((i) => linksToSpecificLaw(i.link))) findings.push(finding('warning', 'lawful-basis.no-specific-law'));
    const specific = items.filter((i) => linksToSpecificLaw(i.link)).length;
    // Some specific law: at least half; the rest by the share of references that are in order.
    const inOrder = items.length - new Set(findings.filter((f) => f.params?.item !== undefined).map((f) => f.params!.item)).size;
    const score = specific === 0 ? 0.25 * (inOrder / items.length) : 0.5 + 0.5 * (inOrder / items.length);
    return { findings, score };
  },
};
