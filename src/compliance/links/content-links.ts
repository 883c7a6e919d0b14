/**
 * The web links of a description: the standard's link fields (website, source registration, processing
 * index, publiccode, a contact page) and the links of grouping items. Derived from the standard's definition,
 * so a new link field is checked without a change here. Only http(s) addresses; mail addresses are not links.
 */
import { CURRENT_STANDARD } from '../../standard/index.ts';
import type { AlgorithmContent } from '../../standard/types.ts';

export interface ContentLink {
  field: string;
  url: string;
}

const TEXT_LINK_FIELDS = CURRENT_STANDARD.fields.filter((f) => f.kind === 'text' && (f.format === 'https-url' || f.format === 'email-or-https-url')).map((f) => f.key);
const GROUPING_LINK_FIELDS = CURRENT_STANDARD.fields.filter((f) => f.kind === 'grouping' && f.item.link.isLink).map((f) => f.key);

/** A URL fit to visit: http or https with a host; normalised as the WHATWG parser writes it. */
export function visitableUrl(text: string): string | null {
  try {
    const url = new URL(text.trim());
    if ((url.protocol !== 'https:' && url.protocol !== 'http:') || !url.hostname) return null;
    url.hash = '';
    return url.href;
  } catch {
    return null;
  }
}

export function linksOf(content: AlgorithmContent): ContentLink[] {
  const links: ContentLink[] = [];
  const add = (field: string, text: unknown) => {
    if (typeof text !== 'string' || text.trim() === '') return;
    const url = visitableUrl(text);
    if (url && !links.some((l) => l.field === field && l.url === url)) links.push({ field, url });
  };
  for (const key of TEXT_LINK_FIELDS) add(key, content[key]);
  for (const key of GROUPING_LINK_FIELDS) {
    const items = content[key];
    if (Array.isArray(items)) for (const item of items) if (typeof item === 'object' && item !== null) add(key, item.link);
  }
  return links;
}
