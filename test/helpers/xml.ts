/**
 * Strict XML for tests of feeds and sitemaps: htmlparser2 mends what is not well-formed, so
 * this fails on anything it would have to mend (unclosed or stray tags, text or a second element
 * beside the root) and on a missing UTF-8 declaration; then gives the root element.
 */
import assert from 'node:assert/strict';
import { DomUtils, Parser, parseDocument } from 'htmlparser2';
import type { ChildNode, Element } from 'domhandler';

export const isElement = (n: ChildNode): n is Element => n.type === 'tag';

export function parseXml(text: string): Element {
  const problems: string[] = [];
  let depth = 0;
  let roots = 0;
  const parser: Parser = new Parser(
    {
      onopentag: () => {
        if (depth++ === 0) roots++;
      },
      onclosetag: (name, implied) => {
        depth--;
        // A self-closing tag (`<link/>`) is closed by its own `/>`; any other implied close mends an error.
        if (implied && !text.slice(parser.startIndex, parser.endIndex + 1).endsWith('/>')) problems.push(`<${name}> is not closed properly`);
      },
      ontext: (t) => {
        if (depth === 0 && t.trim()) problems.push(`text outside the root: ${t.trim().slice(0, 40)}`);
      },
      onerror: (e) => problems.push(e.message),
    },
    { xmlMode: true },
  );
  parser.end(text);
  assert.deepEqual(problems, [], 'well-formed XML');
  assert.equal(roots, 1, 'one root element');
  assert.match(text, /^<\?xml version="1\.0" encoding="utf-8"\?>/i);
  const root = DomUtils.getChildren(parseDocument(text, { xmlMode: true })).find(isElement);
  assert.ok(root);
  return root;
}

/** The child elements of `el` named `name`. */
export const children = (el: Element, name: string) => DomUtils.getChildren(el).filter((n): n is Element => isElement(n) && n.name === name);
