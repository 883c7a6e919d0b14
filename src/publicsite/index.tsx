/**
 * The public register: Dutch at `/`, English at `/en/`. Each page family is its own plugin; every
 * page works without JavaScript and has its JSON twin.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { AppContext } from '../context.ts';
import { serveAsset } from './static-asset.ts';
import { SITE_ASSETS } from './site-assets.ts';
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

export function publicSite(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    for (const asset of Object.values(SITE_ASSETS)) serveAsset(app, asset);
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
