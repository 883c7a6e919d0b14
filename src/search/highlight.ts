/** Marks the words of a text that a query matched, as escaped HTML with `<mark>`. */
import { fold, stem } from './analyse.ts';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escape = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]);

export function highlightHtml(text: string, highlight: Set<string>): string {
  if (highlight.size === 0) return escape(text);
  const prefixes = [...highlight].filter((h) => h.endsWith('*')).map((h) => h.slice(0, -1));
  let out = '';
  let last = 0;
  for (const match of text.matchAll(/[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu)) {
    const word = fold(match[0]).replace(/[^a-z0-9]/g, '');
    if (!word) continue;
    if (highlight.has(stem(word)) || prefixes.some((p) => word.startsWith(p))) {
      out += escape(text.slice(last, match.index)) + `<mark>${escape(match[0])}</mark>`;
      last = match.index! + match[0].length;
    }
  }
  return out + escape(text.slice(last));
}
