/**
 * Management's own styles, after the public site's stylesheets (NL Design System tokens,
 * components and the site layout): the header's tools, the organisation switch, wide tables and
 * buttons that look like links. Only tokens the public stylesheets already carry.
 */
import { readFileSync } from 'node:fs';
import { CSS, JAVASCRIPT, staticAsset } from '../publicsite/static-asset.ts';

const MANAGEMENT_CSS = `
main { max-inline-size: 72rem; }
.header-tools { display: flex; flex-wrap: wrap; align-items: center; gap: var(--rhc-space-100) var(--rhc-space-300); }
.inline-form { display: inline; margin: 0; }
.link-button { font: inherit; color: inherit; background: none; border: 0; padding: 0; text-decoration: underline; cursor: pointer; }
.link-button:focus-visible { outline: var(--site-focus); outline-offset: var(--rhc-focus-outline-offset); }
.site-header-content .link-button:focus-visible { outline-color: var(--rhc-focus-inverse-outline-color); }
.management-bar { display: flex; flex-wrap: wrap; justify-content: space-between; align-items: center; gap: var(--rhc-space-100) var(--rhc-space-300); margin: 0 auto; padding: 0 var(--rhc-space-200); max-inline-size: 72rem; }
.management-bar .site-menu ul { padding: 0; margin: 0; }
.site-menu a[aria-current=page] { text-decoration-thickness: var(--rhc-border-width-md); }
.organisation-switch { display: flex; flex-wrap: wrap; align-items: center; gap: var(--rhc-space-100); margin: var(--rhc-space-100) 0; }
.organisation-switch select { max-inline-size: 100%; }
.current-organisation { margin: var(--rhc-space-150) 0; }
.table-wrapper { overflow-x: auto; margin: var(--rhc-space-200) 0; position: relative; /* its hidden labels scroll with it, not beside the page */ }
.table-wrapper:focus-visible { outline: var(--site-focus); }
.utrecht-table { inline-size: 100%; }
.utrecht-table caption { text-align: start; font-weight: var(--rhc-text-font-weight-strong); padding-block-end: var(--rhc-space-100); }
.utrecht-table th, .utrecht-table td { text-align: start; vertical-align: top; padding: var(--rhc-space-100); border-block-end: var(--rhc-border-width-sm) solid var(--site-line); }
.numeric { text-align: end; font-variant-numeric: tabular-nums; }
.sign-in-form, .narrow-form { max-inline-size: 30rem; }
.sign-in-form .form-group, .narrow-form .form-group { margin: var(--rhc-space-200) 0; }
.sign-in-form input, .narrow-form input { inline-size: 100%; }
.report-list { list-style: none; padding: 0; }
.form-section { margin-block: var(--rhc-space-300); min-inline-size: 0; }
.form-field { margin-block: var(--rhc-space-200); }
.form-field textarea, .form-field input[type=text], .form-field select { inline-size: 100%; max-inline-size: 48rem; }
.optional { font-weight: normal; }
.char-counter { font-size: var(--rhc-text-font-size-sm, 0.875rem); margin-block: var(--rhc-space-50, 0.25rem); }
.char-counter--over { color: var(--rhc-color-foreground-error, #d52b1e); font-weight: var(--rhc-text-font-weight-strong); }
.field-warning { border-inline-start: var(--rhc-border-width-md) solid var(--rhc-color-oranje-500, #e17000); padding-inline-start: var(--rhc-space-100); }
.grouping-rows { padding-inline-start: 1.5rem; }
.grouping-row { display: flex; flex-wrap: wrap; gap: var(--rhc-space-200); margin-block: var(--rhc-space-100); }
.grouping-part { flex: 1 1 16rem; min-inline-size: 0; }
.grouping-part input, .grouping-part textarea, .grouping-part select { inline-size: 100%; }
.choices { display: flex; flex-wrap: wrap; gap: var(--rhc-space-100) var(--rhc-space-300); }
.algorithm-facts { display: flex; flex-wrap: wrap; gap: var(--rhc-space-200) var(--rhc-space-400); }
.algorithm-facts dt { font-weight: var(--rhc-text-font-weight-strong); }
.algorithm-facts dd { margin: 0; overflow-wrap: anywhere; }
.flow-step { margin-block: var(--rhc-space-200); }
.form-actions { position: sticky; inset-block-end: 0; background: var(--rhc-color-wit, #fff); padding-block: var(--rhc-space-200); }
.row-actions form { margin-inline-end: var(--rhc-space-100); }
.report { border-block-end: var(--rhc-border-width-sm) solid var(--site-line); padding: var(--rhc-space-200) 0; }
.report h2 { margin-block-start: 0; }
.report-message { white-space: pre-wrap; }
.view-switch { display: flex; gap: var(--rhc-space-300); list-style: none; padding: 0; }
.import-counts { display: flex; flex-wrap: wrap; gap: var(--rhc-space-200) var(--rhc-space-400); }
.import-counts dt { font-weight: var(--rhc-text-font-weight-strong); }
.import-counts dd { margin: 0; font-variant-numeric: tabular-nums; }
.import-row { margin-block: var(--rhc-space-300); }
.import-action { font-size: var(--rhc-text-font-size-sm, 0.875rem); font-weight: normal; border: var(--rhc-border-width-sm) solid currentColor; padding: 0 var(--rhc-space-50, 0.25rem); }
.import-value { overflow-wrap: anywhere; max-inline-size: 24rem; }
.import-field--error th { border-inline-start: var(--rhc-border-width-md) solid var(--rhc-color-foreground-error, #d52b1e); }
.import-field--warning th { border-inline-start: var(--rhc-border-width-md) solid var(--rhc-color-oranje-500, #e17000); }
.import-form { margin-block: var(--rhc-space-200); }
.admin-links { list-style: none; padding: 0; display: grid; gap: var(--rhc-space-100); }
.choice-hint { margin-inline-start: 1.75rem; }
.client-secret code { word-break: break-all; }
.mail-text { white-space: pre-wrap; overflow-wrap: anywhere; }
.plain-list { list-style: none; margin: 0; padding: 0; }
.audit-detail { font-family: monospace; font-size: var(--rhc-text-font-size-sm, 0.875rem); word-break: break-word; }
.audit-filter { display: flex; flex-wrap: wrap; gap: var(--rhc-space-200); align-items: end; }
.row-error th, .row-error td { color: var(--rhc-color-foreground-error, #d52b1e); }
.rich-toolbar { display: flex; flex-wrap: wrap; gap: var(--rhc-space-100); margin-block-end: var(--rhc-space-100); }
.rich-editor { min-block-size: 8rem; max-inline-size: 48rem; padding: var(--rhc-space-100); border: var(--rhc-border-width-sm, 1px) solid var(--site-line, #767676); background: var(--rhc-color-wit, #fff); }
.rich-editor:focus-visible { outline: var(--site-focus); outline-offset: var(--rhc-focus-outline-offset); }
`;

export const MANAGEMENT_ASSETS = {
  css: staticAsset('/beheer/assets/beheer.css', CSS, MANAGEMENT_CSS),
  /** The algorithm form's enhancement (assets/form.js): live counters, a warning before leaving unsaved changes. */
  form: staticAsset('/beheer/assets/form.js', JAVASCRIPT, readFileSync(new URL('./assets/form.js', import.meta.url), 'utf8')),
};
