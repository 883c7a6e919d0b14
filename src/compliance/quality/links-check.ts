/** Links that work, from the link checker's last results; a link not yet checked counts neither way. */
import { linksOf } from '../links/content-links.ts';
import type { Finding, QualityCheck } from './types.ts';

export const linksCheck: QualityCheck = {
  id: 'links',
  weight: 1,
  run(content, context) {
    const checked = linksOf(content).flatMap((link) => {
      const status = context.links?.get(link.url);
      return status ? [{ ...link, status }] : [];
    });
    const findings: Finding[] = checked
      .filter((l) => !l.status.ok)
      .map((l) => ({ check: 'links', field: l.field, severity: 'warning', messageKey: 'links.broken', params: { url: l.url, status: l.status.statusCode ?? 'no answer' } }));
    return { findings, score: checked.length === 0 ? 1 : 1 - findings.length / checked.length };
  },
};
