/**
 * Management (beheer) under `/beheer`: sign-in, the organisation's algorithms and its error
 * reports. One encapsulated plugin whose hooks hold for every route in it: the session and person
 * are read first, every POST must carry the session's CSRF token, and every route's
 * `config.management` need is checked against the policy before its handler runs.
 */
import type { FastifyPluginAsync } from 'fastify';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import type { AppContext } from '../context.ts';
import { purgeIdleSessions } from '../auth/sessions.ts';
import { purgeOldFailures } from '../auth/lockout.ts';
import { limitsOf, loadManagementRequest } from './person.ts';
import { checkAccess, checkCsrf } from './guards.tsx';
import { signInPages } from './sign-in-pages.tsx';
import { oidcSignInPages } from './oidc-sign-in-pages.tsx';
import { passwordResetPages } from './password-reset-pages.tsx';
import { algorithmsPage } from './algorithms-page.tsx';
import { errorReportsPage } from './error-reports-page.tsx';
import { algorithmEditPages } from './algorithm-edit-pages.tsx';
import { algorithmHistoryPage } from './algorithm-history-page.tsx';
import { templatesPages } from './templates-pages.tsx';
import { compliancePages } from './compliance-pages.ts';
import { switches } from './switches.ts';
import { organisationAdminPages } from './organisation-admin-pages.tsx';
import { apiClientsPages } from './api-clients-pages.tsx';
import { platformPages } from './platform-pages.tsx';
import { bulkImportPages } from './bulk-import-pages.tsx';
import { MANAGEMENT_ASSETS } from './beheer-css.ts';
import { serveAsset } from '../publicsite/static-asset.ts';
import { notFoundPage } from './status-page.tsx';
import { registerLimits } from './rate-limits.ts';
import { answerError } from './error-page.ts';

/** Every route of management as registered (method and full path), for the tests that walk them all. */
export const managementRoutes = new WeakMap<AppContext, { method: string; url: string }[]>();

/** How often a process deletes idle sessions and expired sign-in failures: often enough that the tables stay small. */
const PURGE_EVERY_MS = 10 * 60 * 1000;

export function beheer(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    const routes: { method: string; url: string }[] = [];
    managementRoutes.set(ctx, routes);
    app.addHook('onRoute', (route) => {
      for (const method of [route.method].flat()) if (method !== 'HEAD') routes.push({ method, url: route.url });
    });

    await app.register(cookie);
    if (!app.hasContentTypeParser('application/x-www-form-urlencoded')) await app.register(formbody, { bodyLimit: 64 * 1024 });

    app.decorateRequest('management', null as never);
    app.addHook('onRequest', async (request) => {
      request.management = await loadManagementRequest(ctx.kysely, ctx.config, request);
    });
    app.addHook('preHandler', checkCsrf);
    app.addHook('preHandler', checkAccess);

    let lastPurge = 0;
    app.addHook('onResponse', async () => {
      if (Date.now() - lastPurge < PURGE_EVERY_MS) return;
      lastPurge = Date.now();
      await Promise.all([purgeIdleSessions(ctx.kysely, limitsOf(ctx.config)), purgeOldFailures(ctx.kysely)]).catch((error: Error) =>
        app.log.warn(`purging idle sessions and old sign-in failures failed: ${error.message}`),
      );
    });

    app.setNotFoundHandler(async (request, reply) => notFoundPage(request, reply));
    app.setErrorHandler(answerError);
    const limits = await registerLimits(app);

    for (const asset of Object.values(MANAGEMENT_ASSETS)) serveAsset(app, asset);
    await app.register(signInPages(ctx, limits));
    await app.register(oidcSignInPages(ctx));
    await app.register(passwordResetPages(ctx, limits));
    await app.register(algorithmsPage(ctx));
    await app.register(errorReportsPage(ctx));
    await app.register(algorithmEditPages(ctx));
    await app.register(algorithmHistoryPage(ctx));
    await app.register(templatesPages(ctx));
    await app.register(compliancePages(ctx));
    await app.register(switches(ctx));
    await app.register(organisationAdminPages(ctx));
    await app.register(apiClientsPages(ctx));
    await app.register(platformPages(ctx));
    await app.register(bulkImportPages(ctx));
  };
}
