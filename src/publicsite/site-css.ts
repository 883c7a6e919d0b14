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
`;
