/**
 * Every route declares who may call it in `config.access`: 'public', or the policy need that
 * its guard checks. A route without a declaration stops the register at start-up.
 */
import type { FastifyInstance } from 'fastify';
import type { Need } from '../auth/policy.ts';

export type RouteAccess = 'public' | Need['kind'] | `state-change`;

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
}

export function requireDeclaredAccess(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    const access = (route.config as { access?: RouteAccess } | undefined)?.access;
    if (route.method === 'HEAD' || (Array.isArray(route.method) && route.method.includes('HEAD') && route.method.length === 1)) return;
    if (!access) throw new Error(`Route ${String(route.method)} ${route.url} does not declare config.access`);
  });
}
