/**
 * The public register: Dutch at `/`, English at `/en/`. Each page family is its own plugin; every
 * page works without JavaScript and has its JSON twin.
 */
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { AppContext } from '../context.ts';
import { readFileSync } from 'node:fs';
import { SITE_CSS } from './site-css.ts';
import { NLDS_COMPONENTS_CSS, NLDS_TOKENS_CSS } from './nlds-css.ts';
import { homePage } from './home-page.tsx';
import { searchPage } from './search-page.tsx';
import { historyPage } from './history-page.tsx';
import { algorithmPages } from './algorithm-page.tsx';
import { organisationPages } from './organisation-pages.tsx';
import { statisticsPage } from './statistics-page.tsx';
import { dashboardPage } from './dashboard-page.tsx';
import { infoPages } from './info-pages.tsx';
import { subscribePages } from './subscribe-pages.tsx';
import { reportError } from './report-error.tsx';

const SEARCH_JS = readFileSync(new URL('./assets/search.js', import.meta.url), 'utf8');

export function publicSite(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    // The NL Design System: tokens and components, from the installed packages (see nlds-css.ts).
    const css = (body: string) => async (_req: unknown, reply: FastifyReply) =>
      reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(body);
    app.get('/assets/rhc-tokens.css', { config: { access: 'public' } }, css(NLDS_TOKENS_CSS));
    app.get('/assets/rhc-components.css', { config: { access: 'public' } }, css(NLDS_COMPONENTS_CSS));
    app.get('/assets/site.css', { config: { access: 'public' } }, async (_req, reply) =>
      reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(SITE_CSS),
    );
    app.get('/assets/search.js', { config: { access: 'public' } }, async (_req, reply) =>
      reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=3600').send(SEARCH_JS),
    );
    await app.register(homePage(ctx));
    await app.register(searchPage(ctx));
    await app.register(algorithmPages(ctx));
    await app.register(historyPage(ctx));
    await app.register(organisationPages(ctx));
    await app.register(statisticsPage(ctx));
    await app.register(dashboardPage(ctx));
    await app.register(infoPages());
    await app.register(subscribePages(ctx));
    await app.register(reportError(ctx));
  };
}
