/**
 * Recognises rich text that is already in the canonical form `sanitizeRichText` produces:
 * allowed tags only, no attributes, explicitly closed, nested as a browser would keep them, text
 * escaped as the HTML serialiser escapes it. Such text is returned as it is without parsing it
 * three times, which is what makes re-saving, exports and bulk imports fast. The property test
 * holds this to the full path: for canonical input both give the same string.
 */
const TOKEN = /<(\/?)([a-z]+)>|([^<]+)/y;
const TEXT_OK = /^(?:[^&<>\u00a0\r]|&(?:amp|lt|gt|nbsp);)*$/;
const BLOCKS = new Set(['p', 'div', 'ul', 'ol', 'li']);

export function isCanonicalRichText(html: string, allowedTags: readonly string[]): boolean {
  if (html !== html.trim()) return false;
  const stack: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < html.length) {
    const m = TOKEN.exec(html);
    if (!m) return false;
    const [, closing, tag, text] = m;
    if (text !== undefined) {
      if (!TEXT_OK.test(text)) return false;
      continue;
    }
    if (!allowedTags.includes(tag)) return false;
    const top = stack[stack.length - 1];
    if (tag === 'br') {
      if (closing) return false;
      continue;
    }
    if (closing) {
      if (top !== tag) return false;
      stack.pop();
      continue;
    }
    // A paragraph holds only text and line breaks; a list item sits directly in a list.
    if (top === 'p' && BLOCKS.has(tag)) return false;
    if (tag === 'li' && top !== 'ul' && top !== 'ol') return false;
    if (!BLOCKS.has(tag)) return false;
    stack.push(tag);
  }
  return stack.length === 0;
}
