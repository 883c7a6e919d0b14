/**
 * The NL Design System stylesheets of the public site, read once at start-up from the installed
 * packages: the Rijkshuisstijl community design tokens (`rhc-theme`) and its component CSS.
 *
 * The packages ship one bundle each (components ~350 KB, tokens ~90 KB). Sent whole they would
 * take most of a page's 60 KB (gzip) budget, so both are cut to what this site uses: component
 * rules whose every class belongs to a component in `COMPONENTS`, and of the tokens only the
 * custom properties those rules and our own stylesheet refer to (directly or through other
 * tokens). The rules themselves are the packages' own, byte for byte.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { SITE_CSS } from './site-css.ts';

const require = createRequire(import.meta.url);
const COMPONENTS_FILE = require.resolve('@rijkshuisstijl-community/components-css/dist/index.css');
const TOKENS_FILE = require.resolve('@rijkshuisstijl-community/design-tokens/dist/index.css');

/** The component blocks (a class up to its first `__` or `--`) whose rules the site serves. */
export const COMPONENTS = new Set([
  'rhc-theme',
  'utrecht-document',
  'nl-skip-link',
  'nl-heading',
  'nl-paragraph',
  'nl-link',
  'utrecht-page-footer',
  'rhc-page-footer',
  'utrecht-button',
  'utrecht-form-field',
  'utrecht-form-field-description',
  'utrecht-form-field-error-message',
  'utrecht-form-fieldset',
  'utrecht-form-label',
  'utrecht-textbox',
  'utrecht-textarea',
  'utrecht-checkbox',
  'utrecht-select',
  'utrecht-table',
  'utrecht-breadcrumb-nav',
  'utrecht-alert',
  'utrecht-data-list',
  'utrecht-unordered-list',
  'utrecht-ordered-list',
  'ams-pagination',
]);

// ---------------------------------------------------------------------------------------------
// A minimal reader of (minified) CSS: comments, rules, and at-rules with a block.

type Node = { kind: 'rule'; selector: string; body: string } | { kind: 'at'; prelude: string; children: Node[] } | { kind: 'at-raw'; prelude: string; body: string };

/** The index just after the block that opens at `open` (a `{`), skipping strings and comments. */
function blockEnd(css: string, open: number): number {
  let depth = 0;
  for (let i = open; i < css.length; i++) {
    const c = css[i];
    if (c === '"' || c === "'") {
      i = css.indexOf(c, i + 1);
      if (i < 0) return css.length;
    } else if (c === '/' && css[i + 1] === '*') {
      i = css.indexOf('*/', i + 2) + 1;
      if (i <= 0) return css.length;
    } else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i + 1;
  }
  return css.length;
}

function parse(css: string): Node[] {
  const nodes: Node[] = [];
  let i = 0;
  while (i < css.length) {
    while (i < css.length && /\s/.test(css[i]!)) i++;
    if (css.startsWith('/*', i)) {
      const end = css.indexOf('*/', i + 2);
      i = end < 0 ? css.length : end + 2;
      continue;
    }
    if (i >= css.length) break;
    const open = css.indexOf('{', i);
    const semicolon = css.indexOf(';', i);
    if (open < 0) break;
    if (css[i] === '@' && semicolon >= 0 && semicolon < open) {
      i = semicolon + 1; // @charset, @import: not in these bundles, and nothing we want
      continue;
    }
    const head = css.slice(i, open).trim();
    const end = blockEnd(css, open);
    const body = css.slice(open + 1, end - 1);
    if (head.startsWith('@')) {
      nodes.push(/^@(media|supports|container|layer)\b/.test(head) ? { kind: 'at', prelude: head, children: parse(body) } : { kind: 'at-raw', prelude: head, body });
    } else nodes.push({ kind: 'rule', selector: head, body });
    i = end;
  }
  return nodes;
}

/** Splits a selector list at its top-level commas (not those inside `:is(...)` and the like). */
function selectors(list: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < list.length; i++) {
    const c = list[i];
    if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (c === ',' && depth === 0) {
      out.push(list.slice(start, i));
      start = i + 1;
    }
  }
  out.push(list.slice(start));
  return out.map((s) => s.trim()).filter(Boolean);
}

const blockOf = (className: string) => className.split(/__|--/)[0]!;

/** A selector is ours when it names at least one class and each of its classes is of a component we use. */
function isUsed(selector: string, components: Set<string>): boolean {
  const classes = [...selector.replace(/\[[^\]]*\]/g, '').matchAll(/\.(-?[A-Za-z_][\w-]*)/g)].map((m) => m[1]!);
  return classes.length > 0 && classes.every((c) => components.has(blockOf(c)));
}

function serialise(nodes: Node[], components: Set<string>): string {
  let out = '';
  for (const node of nodes) {
    if (node.kind === 'rule') {
      const kept = selectors(node.selector).filter((s) => isUsed(s, components));
      if (kept.length) out += `${kept.join(',')}{${node.body}}`;
    } else if (node.kind === 'at') {
      const inner = serialise(node.children, components);
      if (inner) out += `${node.prelude}{${inner}}`;
    }
    // @keyframes, @font-face: kept below only when a kept rule names them.
  }
  return out;
}

/** The rules of the components bundle that the site's components use, with the keyframes they name. */
export function filterComponents(css: string, components: Set<string> = COMPONENTS): string {
  const nodes = parse(css);
  let out = serialise(nodes, components);
  for (const node of nodes) {
    const name = node.kind === 'at-raw' && /^@keyframes\s+([\w-]+)/.exec(node.prelude)?.[1];
    if (name && new RegExp(`\\b${name}\\b`).test(out)) out += `${node.prelude}{${node.body}}`;
  }
  return out;
}

const varsIn = (text: string) => new Set([...text.matchAll(/var\(\s*(--[\w-]+)/g)].map((m) => m[1]!));

/** The token declarations that `used` (CSS that refers to tokens) needs, directly or through other tokens. */
export function filterTokens(tokensCss: string, used: string): string {
  const declarations = new Map<string, string>();
  const nodes = parse(tokensCss);
  const selector = nodes.find((n) => n.kind === 'rule')?.selector ?? '.rhc-theme';
  for (const node of nodes) {
    if (node.kind !== 'rule') continue;
    const body = node.body.replace(/\/\*[\s\S]*?\*\//g, '');
    for (const m of body.matchAll(/(--[\w-]+)\s*:\s*([^;]*)/g)) declarations.set(m[1]!, m[2]!.trim());
  }
  const needed = new Set<string>();
  const queue = [...varsIn(used)];
  while (queue.length) {
    const name = queue.pop()!;
    if (needed.has(name) || !declarations.has(name)) continue;
    needed.add(name);
    queue.push(...varsIn(declarations.get(name)!));
  }
  const kept = [...declarations].filter(([name]) => needed.has(name)).map(([name, value]) => `${name}:${value}`);
  return `${selector}{${kept.join(';')}}`;
}

const pkg = (file: string) => JSON.parse(readFileSync(new URL('../package.json', `file://${file.replace(/\/dist\/index\.css$/, '/dist/')}`), 'utf8')) as { name: string; version: string; license: string };
const banner = (file: string, what: string) => {
  const p = pkg(file);
  return `/* ${p.name} ${p.version} (${p.license}): ${what} */\n`;
};

export const NLDS_COMPONENTS_CSS = banner(COMPONENTS_FILE, 'the rules of the components this site uses') + filterComponents(readFileSync(COMPONENTS_FILE, 'utf8'));
export const NLDS_TOKENS_CSS = banner(TOKENS_FILE, 'the tokens the served components and the site stylesheet use') + filterTokens(readFileSync(TOKENS_FILE, 'utf8'), NLDS_COMPONENTS_CSS + SITE_CSS);
