// The NL Design System stylesheets: cut from the installed packages to the components the site
// uses, and the tokens those rules (and the site's own stylesheet) need.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { NLDS_COMPONENTS_CSS, NLDS_TOKENS_CSS, filterComponents, filterTokens } from '../../src/publicsite/nlds-css.ts';

describe('NL Design System stylesheets', () => {
  it('keeps the rules of used components, in @media too, and drops the others', () => {
    const css = '/* x */.a-btn{color:red}.a-btn--primary,.b-card{color:blue}@media (width<=10px){.a-btn__icon{margin:0}.b-card{margin:0}}.b-card .a-btn{x:y}@keyframes spin{to{opacity:0}}';
    assert.equal(filterComponents(css, new Set(['a-btn'])), '.a-btn{color:red}.a-btn--primary{color:blue}@media (width<=10px){.a-btn__icon{margin:0}}');
  });

  it('keeps only the tokens that are referred to, following references between tokens', () => {
    const tokens = '.rhc-theme {\n  --x-a: 1px; /** note */\n  --x-b: var(--x-a);\n  --x-c: red;\n}';
    assert.equal(filterTokens(tokens, '.q{margin:var(--x-b)}'), '.rhc-theme{--x-a:1px;--x-b:var(--x-a)}');
  });

  it('serves the packages’ components and the theme tokens, small enough for the page budget', () => {
    for (const cls of ['.utrecht-button', '.nl-heading--level-1', '.utrecht-textbox', '.utrecht-checkbox', '.utrecht-select', '.utrecht-alert', '.utrecht-table', '.nl-skip-link']) {
      assert.ok(NLDS_COMPONENTS_CSS.includes(cls), cls);
    }
    assert.ok(!NLDS_COMPONENTS_CSS.includes('.utrecht-accordion') && !NLDS_COMPONENTS_CSS.includes('rhc-margin-block-end-wrapper'), 'unused components are left out');
    assert.match(NLDS_TOKENS_CSS, /^\/\*[^*]*\*\/\n\.rhc-theme\{--/);
    assert.match(NLDS_TOKENS_CSS, /--rhc-color-primary-500:/);
    assert.match(NLDS_TOKENS_CSS, /--utrecht-button-primary-action-background-color:/);
    assert.ok(gzipSync(NLDS_COMPONENTS_CSS).length + gzipSync(NLDS_TOKENS_CSS).length < 25_000);
  });
});
