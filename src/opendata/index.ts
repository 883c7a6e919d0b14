/**
 * Open data under `/api/v1`: the read API, bulk downloads, feeds, and (at the site root) the
 * sitemap, robots.txt and the DCAT catalogue. Everything here is public and read-only: CORS for
 * any origin, and caches may keep answers for a while.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { AppContext } from '../context.ts';

export function openData(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    app.addHook('onRequest', async (request, reply) => {
      reply.header('access-control-allow-origin', '*');
      reply.header('access-control-expose-headers', 'etag, link, content-disposition');
      if (request.method === 'OPTIONS') {
        reply.header('access-control-allow-methods', 'GET, HEAD, OPTIONS');
        reply.header('access-control-allow-headers', 'accept, if-none-match');
        reply.header('access-control-max-age', '86400');
      }
    });
    app.options('/api/v1/*', { config: { access: 'public' } }, async (_request, reply) => reply.code(204).send());
    void ctx;
  };
}
