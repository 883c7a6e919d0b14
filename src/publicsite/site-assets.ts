/** The public site's stylesheets, script and icon, as pages link them (static-asset.ts). */
import { readFileSync } from 'node:fs';
import { CSS, JAVASCRIPT, SVG, staticAsset } from './static-asset.ts';
import { NLDS_COMPONENTS_CSS, NLDS_TOKENS_CSS } from './nlds-css.ts';
import { SITE_CSS } from './site-css.ts';

const ICON = readFileSync(new URL('./assets/icon.svg', import.meta.url), 'utf8');

export const SITE_ASSETS = {
  // The NL Design System: tokens and components, from the installed packages (see nlds-css.ts).
  tokens: staticAsset('/assets/rhc-tokens.css', CSS, NLDS_TOKENS_CSS),
  components: staticAsset('/assets/rhc-components.css', CSS, NLDS_COMPONENTS_CSS),
  site: staticAsset('/assets/site.css', CSS, SITE_CSS),
  /** Suggestions while typing and instant filters on the home and search pages. */
  search: staticAsset('/assets/search.js', JAVASCRIPT, readFileSync(new URL('./assets/search.js', import.meta.url), 'utf8')),
  /** The register's icon in tabs and bookmarks, for management too; also where browsers and feed readers look unasked. */
  icon: staticAsset('/assets/icon.svg', SVG, ICON),
  favicon: staticAsset('/favicon.ico', SVG, ICON),
};

/** The stylesheets of every page, in cascade order: tokens, components, then the site's own. */
export const STYLESHEETS = [SITE_ASSETS.tokens.url, SITE_ASSETS.components.url, SITE_ASSETS.site.url];
