/**
 * The public site's stylesheet: a small, readable base until the NL Design System components
 * arrive. System fonts, high contrast, visible focus, print-friendly.
 */
export const SITE_CSS = `
:root { --text: #1a1a1a; --muted: #4d4d4d; --accent: #154273; --bg: #fff; --line: #cad6e2; --notice: #fff4c2; }
* { box-sizing: border-box; }
body { margin: 0; font: 1.0625rem/1.6 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--text); background: var(--bg); }
a { color: var(--accent); }
a:focus-visible, button:focus-visible, input:focus-visible { outline: 3px solid #ffb612; outline-offset: 2px; }
.skip-link { position: absolute; left: -999px; top: 0; background: #fff; padding: .5rem 1rem; }
.skip-link:focus { left: 1rem; }
.site-header { display: flex; justify-content: space-between; align-items: center; gap: 1rem; padding: .75rem 1rem; background: var(--accent); }
.site-header a { color: #fff; }
.site-name { font-weight: 700; text-decoration: none; font-size: 1.25rem; }
main { max-width: 50rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.75rem; line-height: 1.25; margin: .5rem 0 1rem; }
h2 { font-size: 1.25rem; border-bottom: 2px solid var(--line); padding-bottom: .25rem; margin-top: 2rem; }
.lead { font-size: 1.15rem; }
.breadcrumb { color: var(--muted); margin: 0; }
.notice { background: var(--notice); padding: .75rem 1rem; border-left: 4px solid #c69200; }
.fields { margin: 0; }
.field { padding: .5rem 0; border-bottom: 1px solid var(--line); }
.field dt { font-weight: 700; }
.field dd { margin: 0; overflow-wrap: anywhere; }
.value-list { margin: 0; padding-left: 1.25rem; }
@media (min-width: 40rem) { .field { display: grid; grid-template-columns: 14rem 1fr; gap: 1rem; } }
@media print { .site-header, .skip-link { display: none; } a { color: inherit; } main { max-width: none; } }
/* Organisations, statistics and information pages. */
.visually-hidden { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
.filter-form { display: flex; flex-wrap: wrap; align-items: flex-end; gap: .75rem 1rem; margin: 1rem 0; }
.form-field { display: flex; flex-direction: column; gap: .25rem; }
.form-field label { font-weight: 700; }
.filter-form input, .filter-form select, .filter-form button { font: inherit; padding: .4rem .6rem; border: 2px solid var(--muted); border-radius: 3px; background: var(--bg); color: var(--text); }
.filter-form button { background: var(--accent); border-color: var(--accent); color: #fff; cursor: pointer; }
select:focus-visible { outline: 3px solid #ffb612; outline-offset: 2px; }
.field-error { color: #a4000f; font-weight: 700; margin: 0; }
.form-field-error select { border-color: #a4000f; }
.result-count { font-weight: 700; }
.organisation-list, .algorithm-list { list-style: none; padding: 0; margin: 0; }
.organisation-list li, .algorithm-list li { padding: .75rem 0; border-bottom: 1px solid var(--line); }
.organisation-list a, .algorithm-list a { font-weight: 700; }
.organisation-list .meta { display: block; }
.algorithm-list p { margin: .25rem 0 0; }
.meta { color: var(--muted); }
.pagination { display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; margin: 1rem 0; }
.key-figures { display: flex; flex-wrap: wrap; gap: 1rem; margin: 1rem 0; }
.key-figures div { border: 1px solid var(--line); padding: .75rem 1rem; min-width: 12rem; }
.key-figures dt { color: var(--muted); }
.key-figures dd { margin: 0; font-size: 1.75rem; font-weight: 700; }
.chart { margin: 1rem 0; }
.chart svg { display: block; max-width: 100%; height: auto; }
.chart-table summary { cursor: pointer; color: var(--accent); text-decoration: underline; }
.chart-table summary:focus-visible { outline: 3px solid #ffb612; outline-offset: 2px; }
.chart-table table { border-collapse: collapse; margin-top: .5rem; }
.chart-table caption { text-align: left; font-weight: 700; }
.chart-table th, .chart-table td { text-align: left; padding: .25rem 1rem .25rem 0; border-bottom: 1px solid var(--line); }
.chart-table .number { text-align: right; }
.more-links ul { padding-left: 1.25rem; }
@media print { .filter-form, .pagination { display: none; } }
/* Menu, home and search */
.site-header { flex-wrap: wrap; }
.site-menu ul { display: flex; flex-wrap: wrap; gap: .25rem 1rem; list-style: none; margin: 0; padding: 0; }
.site-menu a { text-decoration: none; }
.site-menu a:hover, .site-menu a:focus-visible { text-decoration: underline; }
select:focus-visible { outline: 3px solid #ffb612; outline-offset: 2px; }
.search-box label { font-weight: 700; display: block; }
.search-box .hint { color: var(--muted); margin: 0 0 .25rem; font-size: .95rem; }
.search-row { display: flex; gap: .5rem; }
.search-row input { flex: 1; min-width: 0; font: inherit; padding: .5rem .75rem; border: 2px solid var(--accent); border-radius: 4px; }
button { font: inherit; padding: .5rem 1rem; background: var(--accent); color: #fff; border: 2px solid var(--accent); border-radius: 4px; cursor: pointer; }
.counts { color: var(--muted); }
.recent-list, .entry-points ul { padding-left: 1.25rem; }
.entry-points { display: grid; gap: 0 2rem; }
@media (min-width: 40rem) { .entry-points { grid-template-columns: 1fr 1fr; } }
.search-layout { display: grid; gap: 1.5rem; margin-top: 1rem; }
@media (min-width: 48rem) { main:has(.search-layout) { max-width: 72rem; } .search-layout { grid-template-columns: 16rem 1fr; } }
.facet { border: 0; border-top: 1px solid var(--line); margin: 0 0 .75rem; padding: .5rem 0 0; }
.facet legend { font-weight: 700; padding: 0; }
.facet-values { list-style: none; margin: 0; padding: 0; }
.facet-values li { display: flex; gap: .4rem; align-items: baseline; }
.facet-values input { margin: 0; width: 1.1rem; height: 1.1rem; flex: none; }
.count, .result-org, .result-date { color: var(--muted); }
.visually-hidden-heading { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.results-bar { display: flex; flex-wrap: wrap; justify-content: space-between; align-items: baseline; gap: .5rem 1rem; }
.results-bar h2 { border: 0; margin: 0; }
.sort select { font: inherit; padding: .25rem; }
.chosen-filters { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .5rem; }
.chosen-filters a { display: inline-block; padding: .15rem .6rem; border: 1px solid var(--accent); border-radius: 1rem; text-decoration: none; }
.result-list { padding-left: 0; list-style: none; }
.result { border-bottom: 1px solid var(--line); padding: .75rem 0; }
.result h3 { margin: 0; font-size: 1.15rem; }
.result p { margin: .25rem 0; }
mark { background: #fff1a8; color: inherit; padding: 0 .1em; }
@media print { .facets, .search, .site-menu { display: none; } }
/* Version history */
.version-list { padding-left: 1.25rem; }
.compare-form select { font: inherit; padding: .25rem; max-width: 100%; }
.diff-table { border-collapse: collapse; width: 100%; }
.diff-table th, .diff-table td { text-align: left; vertical-align: top; padding: .5rem .75rem .5rem 0; border-bottom: 1px solid var(--line); }
.word-diff { white-space: pre-wrap; margin: 0; }
del { background: #fde2e1; color: #7a1712; }
ins { background: #dff3e0; color: #145c1a; text-decoration: underline; }
/* Forms: error summary, fields, messages (the report form, and every form after it) */
.error-summary { border: 4px solid #a4000f; padding: .75rem 1rem; margin: 1rem 0; }
.error-summary:focus { outline: 3px solid #ffb612; outline-offset: 2px; }
.error-summary h2 { margin-top: 0; border: 0; }
.error-summary ul { margin: 0; padding-left: 1.25rem; }
.error-summary a { color: #a4000f; font-weight: 700; }
.report-form .form-group { margin: 1rem 0; }
.report-form .form-group-error { border-left: 4px solid #a4000f; padding-left: .75rem; }
.report-form label, .report-form legend { font-weight: 700; display: block; padding: 0; }
.report-form .hint { color: var(--muted); margin: 0 0 .25rem; }
.report-form .form-fieldset { border: 0; padding: 0; margin: 1.5rem 0 1rem; }
.report-form textarea, .report-form input[type=email] { font: inherit; width: 100%; padding: .5rem; border: 2px solid var(--text); border-radius: 0; background: var(--bg); color: var(--text); }
.report-form [aria-invalid=true] { border-color: #a4000f; }
.report-form textarea:focus-visible, .report-form input:focus-visible { outline: 3px solid #ffb612; outline-offset: 0; box-shadow: inset 0 0 0 2px var(--text); }
`;
