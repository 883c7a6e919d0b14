/**
 * Open data under `/api/v1`: the read API, bulk downloads, feeds, and (at the site root) the
 * sitemap, robots.txt and the DCAT catalogue. Everything here is public and read-only: CORS for
 * any origin, and caches may keep answers for a while.
 */
import { createHash } from 'node:crypto';
import type { FastifyPluginAsync } from 'fastify';
import type { AppContext } from '../context.ts';
import { algorithmsApi } from './algorithms-api.ts';
import { openDataDocs } from './openapi.ts';
import { registerApi } from './register-api.ts';
import { downloads } from './downloads.ts';
import { feeds } from './feeds.ts';
import { sitemap } from './sitemap.ts';
import { catalogue } from './catalogue.ts';

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
    // A validator for every complete answer, so clients and caches can ask "changed?" (304).
    app.addHook('onSend', async (request, reply, payload) => {
      if ((request.method !== 'GET' && request.method !== 'HEAD') || reply.statusCode !== 200 || reply.getHeader('etag') || typeof payload !== 'string') return payload;
      const etag = `"${createHash('sha1').update(payload).digest('base64url')}"`;
      reply.header('etag', etag);
      if (request.headers['if-none-match'] === etag) {
        reply.code(304);
        return '';
      }
      return payload;
    });
    app.options('/api/v1/*', { config: { access: 'public' } }, async (_request, reply) => reply.code(204).send());
    await app.register(algorithmsApi(ctx));
    await app.register(downloads(ctx));
    await app.register(feeds(ctx));
    await app.register(sitemap(ctx));
    await app.register(catalogue(ctx));
    await app.register(registerApi(ctx));
    await app.register(openDataDocs(ctx));
  };
}
