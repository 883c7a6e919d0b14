/**
 * The public site's own stylesheet, loaded after the NL Design System tokens and components
 * (/assets/rhc-tokens.css, /assets/rhc-components.css; see nlds-css.ts). It holds the page layout,
 * what no component covers (facets, results, key figures, charts, word diff), spacing between
 * components, the adaptation down to 320 px wide and the print stylesheet. Colours, fonts and
 * sizes come from the tokens (`--rhc-*`, `--nl-*`, `--utrecht-*`), never hard-coded.
 */
export const SITE_CSS = `
/* Theme: the tokens a page needs that the packages leave to the site (spacing, smaller headings on small screens). */
.rhc-theme {
  --nl-heading-level-1-font-size: clamp(var(--rhc-text-font-size-min-2xl), 1.25rem + 2.5vw, var(--rhc-text-font-size-2xl));
  --nl-heading-level-2-font-size: clamp(var(--rhc-text-font-size-min-xl), 1rem + 1.5vw, var(--rhc-text-font-size-xl));
  --nl-heading-level-3-font-size: var(--rhc-text-font-size-lg);
  --nl-heading-level-1-margin-block-start: var(--rhc-space-200);
  --nl-heading-level-1-margin-block-end: var(--rhc-space-300);
  --nl-heading-level-2-margin-block-start: var(--rhc-space-400);
  --nl-heading-level-2-margin-block-end: var(--rhc-space-200);
  --nl-heading-level-3-margin-block-end: var(--rhc-space-100);
  --nl-paragraph-margin-block-end: var(--rhc-space-200);
  --nl-paragraph-lead-margin-block-end: var(--rhc-space-300);
  --site-line: var(--rhc-color-cool-grey-300);
  --site-muted: var(--rhc-color-foreground-subtle);
  --site-focus: var(--rhc-focus-outline-width) var(--rhc-focus-outline-style) var(--rhc-focus-outline-color);
}
* { box-sizing: border-box; }
html { background: var(--rhc-color-bg-document); }
body { margin: 0; min-block-size: 100vh; display: flex; flex-direction: column; }
a { color: var(--nl-link-color); text-underline-offset: var(--nl-link-text-underline-offset); }
a:hover { color: var(--nl-link-hover-color); }
:focus-visible { outline: var(--site-focus); outline-offset: var(--rhc-focus-outline-offset); }
.visually-hidden, .visually-hidden-heading { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
.skip-link { z-index: 10; }

/* Header: the site name and language switch on the Rijkshuisstijl band, the menu under it. */
.site-header { --nl-link-color: var(--rhc-color-primary-500); --nl-link-hover-color: var(--rhc-color-primary-hover); padding: 0; border-block-end: var(--rhc-border-width-sm) solid var(--rhc-color-primary-400); }
.site-header-content { --nl-link-color: var(--rhc-color-foreground-on-dark-color); --nl-link-hover-color: var(--rhc-color-foreground-on-dark-color); display: flex; flex-wrap: wrap; justify-content: space-between; align-items: center; gap: var(--rhc-space-100) var(--rhc-space-200); padding: var(--rhc-space-200) max(var(--rhc-space-200), (100% - 72rem) / 2 + var(--rhc-space-200)); background: var(--rhc-color-primary-500); color: var(--rhc-color-foreground-on-dark-color); }
.site-header-content a { color: var(--rhc-color-foreground-on-dark-color); }
.site-header-content :focus-visible { outline-color: var(--rhc-focus-inverse-outline-color); }
.site-name { font-weight: var(--rhc-text-font-weight-strong); font-size: var(--rhc-text-font-size-lg); text-decoration: none; }
.site-menu ul { display: flex; flex-wrap: wrap; gap: 0 var(--rhc-space-300); list-style: none; margin: 0 auto; padding: 0 var(--rhc-space-200); max-inline-size: 72rem; }
.site-menu a { display: inline-block; padding: var(--rhc-space-150) 0; font-weight: var(--rhc-text-font-weight-strong); text-decoration: none; }
.site-menu a:hover, .site-menu a:focus-visible { text-decoration-thickness: var(--rhc-border-width-md); }

/* Page */
main { inline-size: 100%; max-inline-size: 50rem; margin: 0 auto; padding: var(--rhc-space-200); flex: 1; overflow-wrap: break-word; }
@media (min-width: 48rem) { main:has(.search-layout) { max-inline-size: 72rem; } }
main:focus { outline: none; }
main > :first-child { margin-block-start: var(--rhc-space-100); }
.results-bar h2, .error-summary h2 { font-family: var(--nl-heading-level-2-font-family); color: var(--nl-heading-level-2-color); }
.counts, .count, .meta, .result-org, .result-date, .breadcrumb, .hint { color: var(--site-muted); }
.breadcrumb { margin: 0; }
.notice, .error-summary { margin: var(--rhc-space-200) 0; }
.notice > :first-child, .error-summary > :first-child { margin-block-start: 0; }
.notice > :last-child, .error-summary > :last-child { margin-block-end: 0; }
.utrecht-unordered-list, .utrecht-ordered-list { padding-inline-start: var(--rhc-space-300); }
.utrecht-button + .utrecht-button { margin-inline-start: var(--rhc-space-100); }

/* Fields of an algorithm or organisation */
.fields { margin: 0; }
.field { padding: var(--rhc-space-100) 0; border-block-end: var(--rhc-border-width-sm) solid var(--site-line); }
.field dt { font-weight: var(--rhc-text-font-weight-strong); }
.field dd { margin: 0; overflow-wrap: anywhere; }
.value-list { margin: 0; }
@media (min-width: 40rem) { .field { display: grid; grid-template-columns: 14rem 1fr; gap: var(--rhc-space-200); } }

/* Forms */
.filter-form { display: flex; flex-wrap: wrap; align-items: flex-end; gap: var(--rhc-space-150) var(--rhc-space-200); margin: var(--rhc-space-200) 0; }
.form-field { display: flex; flex-direction: column; gap: var(--rhc-space-50); max-inline-size: 100%; }
.field-error { font-weight: var(--rhc-text-font-weight-strong); margin: 0; }
.result-count { font-weight: var(--rhc-text-font-weight-strong); }
.search-box .hint { margin: 0 0 var(--rhc-space-50); }
.search-row { display: flex; flex-wrap: wrap; gap: var(--rhc-space-100); }
.search-row input { flex: 1 1 12rem; min-inline-size: 0; }
.compare-form .utrecht-select { max-inline-size: 100%; }
.error-summary { border: var(--rhc-border-width-md) solid var(--rhc-color-negative-default); border-radius: var(--utrecht-alert-border-radius); padding: var(--utrecht-alert-padding-block-start) var(--utrecht-alert-padding-inline-end); background: var(--utrecht-alert-error-background-color); color: var(--utrecht-alert-error-color); }
.error-summary a { color: var(--utrecht-alert-error-color); font-weight: var(--rhc-text-font-weight-strong); }
.report-form .form-group { margin: var(--rhc-space-200) 0; }
.report-form .form-fieldset { border: 0; padding: 0; margin: var(--rhc-space-300) 0 var(--rhc-space-200); }
.report-form textarea, .report-form input[type=email], .subscribe-form input[type=email] { inline-size: 100%; max-inline-size: 40rem; }

/* Lists of organisations and algorithms */
.organisation-list, .algorithm-list { list-style: none; padding: 0; margin: 0; }
.organisation-list li, .algorithm-list li { padding: var(--rhc-space-150) 0; border-block-end: var(--rhc-border-width-sm) solid var(--site-line); }
.organisation-list a, .algorithm-list a { font-weight: var(--rhc-text-font-weight-strong); }
.organisation-list .meta { display: block; }
.algorithm-list p { margin: var(--rhc-space-50) 0 0; }
.pagination { gap: var(--rhc-space-200); align-items: center; justify-content: flex-start; margin: var(--rhc-space-200) 0; }

/* Statistics */
.key-figures { display: flex; flex-wrap: wrap; gap: var(--rhc-space-200); margin: var(--rhc-space-200) 0; }
.key-figures div { border: var(--rhc-border-width-sm) solid var(--site-line); border-radius: var(--rhc-border-radius-md); padding: var(--rhc-space-150) var(--rhc-space-200); min-inline-size: min(12rem, 100%); }
.key-figures dt { color: var(--site-muted); }
.key-figures dd { margin: 0; font-size: var(--rhc-text-font-size-xl); font-weight: var(--rhc-text-font-weight-strong); color: var(--rhc-color-primary-500); }
.chart { margin: var(--rhc-space-200) 0; }
.chart svg { display: block; max-inline-size: 100%; block-size: auto; }
.chart-table summary { cursor: pointer; color: var(--nl-link-color); text-decoration: underline; }
.chart-table .utrecht-table { margin-block-start: var(--rhc-space-100); }
.utrecht-table caption { text-align: start; font-weight: var(--rhc-text-font-weight-strong); }
.utrecht-table th, .utrecht-table td { text-align: start; vertical-align: top; padding: var(--rhc-space-100) var(--rhc-space-200) var(--rhc-space-100) 0; border-block-end: var(--utrecht-table-row-border-block-end-width) solid var(--utrecht-table-row-border-block-end-color); }
.utrecht-table .number { text-align: end; }

/* Home and search */
.entry-points { display: grid; gap: 0 var(--rhc-space-400); }
@media (min-width: 40rem) { .entry-points { grid-template-columns: 1fr 1fr; } }
.search-layout { display: grid; gap: var(--rhc-space-300); margin-block-start: var(--rhc-space-200); }
@media (min-width: 48rem) { .search-layout { grid-template-columns: 16rem minmax(0, 1fr); } }
.facet { border: 0; border-block-start: var(--rhc-border-width-sm) solid var(--site-line); margin: 0 0 var(--rhc-space-150); padding: var(--rhc-space-100) 0 0; min-inline-size: 0; }
.facet legend { font-weight: var(--rhc-text-font-weight-strong); padding: 0; }
.facet-values { list-style: none; margin: 0; padding: 0; }
.facet-values li { display: flex; gap: var(--rhc-space-100); align-items: flex-start; margin-block: var(--rhc-space-50); }
.facet-values .utrecht-checkbox { flex: none; margin-block-start: 0; }
.results-bar { display: flex; flex-wrap: wrap; justify-content: space-between; align-items: baseline; gap: var(--rhc-space-100) var(--rhc-space-200); }
.results-bar h2 { margin: 0; font-size: var(--nl-heading-level-2-font-size); }
.chosen-filters { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: var(--rhc-space-100); }
.chosen-filters a { display: inline-block; padding: var(--rhc-space-25) var(--rhc-space-150); border: var(--rhc-border-width-sm) solid currentColor; border-radius: var(--rhc-border-radius-round); text-decoration: none; }
.result-list { padding-inline-start: 0; list-style: none; }
.result { border-block-end: var(--rhc-border-width-sm) solid var(--site-line); padding: var(--rhc-space-150) 0; }
.result h3 { margin: 0; }
.result p { margin: var(--rhc-space-50) 0; }
mark { background: var(--rhc-color-geel-200); color: inherit; padding: 0 .1em; }

/* Version history */
.diff-table { border-collapse: collapse; inline-size: 100%; }
.word-diff { white-space: pre-wrap; margin: 0; }
del { background: var(--rhc-color-negative-subtle); color: var(--rhc-color-foreground-default); }
ins { background: var(--rhc-color-positive-subtle); color: var(--rhc-color-foreground-default); text-decoration: underline; }

/* Footer */
.site-footer { --nl-link-color: var(--utrecht-page-footer-color); --nl-link-hover-color: var(--utrecht-page-footer-color); margin-block-start: var(--rhc-space-400); }
.site-footer a { color: var(--utrecht-page-footer-color); }
.site-footer :focus-visible { outline-color: var(--rhc-focus-inverse-outline-color); }
.site-footer-content { padding: var(--rhc-space-300) max(var(--rhc-space-200), (100% - 72rem) / 2 + var(--rhc-space-200)); }
.site-footer-content ul { display: flex; flex-wrap: wrap; gap: var(--rhc-space-100) var(--rhc-space-300); list-style: none; margin: 0; padding: 0; }
.site-footer h2 { margin-block: 0 var(--rhc-space-150); }

/* Small screens, down to 320 px: nothing wider than the screen. */
@media (max-width: 30rem) {
  main { padding: var(--rhc-space-150); }
  .site-header-content { padding: var(--rhc-space-150); }
  .filter-form, .form-field, .filter-form .utrecht-textbox, .filter-form .utrecht-select { inline-size: 100%; }
  /* A table keeps its columns and scrolls sideways on its own; the page does not. */
  .utrecht-table { display: block; overflow-x: auto; position: relative; }
  .field dd, .result, .word-diff { overflow-wrap: anywhere; }
}

/* Print: the content only, no menu, forms or facets, no backgrounds, and every link's address. */
@media print {
  .rhc-theme { --nl-heading-level-1-color: inherit; --nl-heading-level-2-color: inherit; --nl-heading-level-3-color: inherit; }
  *, *::before, *::after { background: transparent !important; color: var(--rhc-color-foreground-on-light-color) !important; box-shadow: none !important; }
  .skip-link, .site-menu, .language-switch, .site-footer, form:not(.search), .home-search, .search-box, .facets, .sort, .filter-form, .compare-form, .report-form, .subscribe-form, .pagination, .chosen-filters, .download, .subscribe, .apply-filters { display: none !important; }
  .site-header, .site-header-content { border: 0; padding: 0; }
  main, main:has(.search-layout) { max-inline-size: none; padding: 0; }
  .search-layout { display: block; }
  main a[href]::after { content: " (" attr(href) ")"; font-size: .9em; overflow-wrap: anywhere; }
  main a[href^="#"]::after { content: ""; }
  h1, h2, h3 { break-after: avoid; }
  .field, .result, tr, .chart { break-inside: avoid; }
  details.chart-table > :not(summary) { display: block; }
}
`;
