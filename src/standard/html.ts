/**
 * HTML handling for the standard: the allow-list sanitiser for rich-text fields and the
 * visible-text reading used for plain fields and for length limits.
 */
import sanitizeHtml from 'sanitize-html';
import { Parser } from 'htmlparser2';
import { parseFragment, serialize } from 'parse5';
import { decodeHTMLStrict } from 'entities';
import { isCanonicalRichText } from './canonical-html.ts';

const DROPPED_WITH_CONTENT = ['script', 'style', 'textarea', 'noscript', 'template', 'iframe', 'object', 'title'];

/** The fragment as a browser builds it (HTML5 tree construction), serialised again. */
const asBrowserParses = (html: string) => serialize(parseFragment(html));

/**
 * Keeps only the allowed tags, without any attribute; other tags are unwrapped, scripts and
 * styles dropped whole. The input is first read as a browser reads it, so what we check is what
 * a browser would render, and the result is canonical: sanitising it again changes nothing.
 */
export function sanitizeRichText(html: string, allowedTags: readonly string[]): string {
  if (isCanonicalRichText(html, allowedTags)) return html;
  return sanitizeRichTextFully(html, allowedTags);
}

/** The full path: parse as a browser, keep the allow-list, parse again. */
export function sanitizeRichTextFully(html: string, allowedTags: readonly string[]): string {
  return asBrowserParses(allowListed(asBrowserParses(html), allowedTags)).trim();
}

function allowListed(html: string, allowedTags: readonly string[]): string {
  return sanitizeHtml(html, {
    allowedTags: [...allowedTags],
    allowedAttributes: {},
    disallowedTagsMode: 'discard',
    nonTextTags: DROPPED_WITH_CONTENT,
    allowVulnerableTags: false,
  });
}

/**
 * Visible text as the national register measures it: text nodes joined by one space, leading
 * whitespace dropped. Limits are checked on this, so markup never counts against a limit.
 */
export function measuredText(value: string): string {
  if (value.trim() === '') return value;
  if (!/[<&]/.test(value)) return value.trimStart();
  // Text nodes that htmlparser2 splits at entities belong together; join only across tags.
  return joinAcrossTags(value, ' ').trimStart();
}

const TAG = /<[a-zA-Z/!?]/;

/**
 * Plain text for fields without HTML: tags removed and entities decoded, as the national
 * register does, but only complete entities (`&amp;`, `&#233;`): a bare `&` in a link
 * (`?a=1&paragraaf=2`) is text, not the start of `&para`. Repeats until nothing changes, so the
 * result is stable: normalising it again gives the same text.
 */
export function plainText(value: string): string {
  let text = value;
  for (let i = 0; i < 10; i++) {
    const next = decodeHTMLStrict(TAG.test(text) ? joinAcrossTags(text, '', false) : text);
    if (next === text) break;
    text = next;
  }
  return text.trim();
}

function joinAcrossTags(html: string, separator: string, decodeEntities = true): string {
  // Mark tag boundaries so adjacent text nodes from one run of text are not separated.
  const out: string[] = [];
  let current = '';
  let skipDepth = 0;
  const flush = () => {
    if (current !== '') out.push(current);
    current = '';
  };
  const parser = new Parser(
    {
      onopentagname(name) {
        flush();
        if (DROPPED_WITH_CONTENT.includes(name)) skipDepth++;
      },
      onclosetag(name) {
        flush();
        if (DROPPED_WITH_CONTENT.includes(name) && skipDepth > 0) skipDepth--;
      },
      ontext(text) {
        if (skipDepth === 0) current += text;
      },
      oncomment() {
        flush();
      },
    },
    { decodeEntities },
  );
  parser.write(html);
  parser.end();
  flush();
  return out.join(separator);
}

/** Number of characters (code points) a value counts against its limit. */
export function visibleLength(value: string): number {
  let n = 0;
  for (const _ of measuredText(value)) n++;
  return n;
}
