/**
 * The delivery API under `/aanleverapi`: bearer authentication, rate limit and the API's error
 * shapes for everything in it; v1_0 under `/aanleverapi/v1_0`, the base endpoints beside it.
 */
import type { FastifyPluginAsync } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import type { AppContext } from '../context.ts';
import { bearerAuthentication } from '../auth/bearer.ts';
import { handleApiError } from './errors.ts';
import { routesV1_0 } from './routes-v1_0.ts';
import { routesBase } from './routes-base.ts';
import { openapiRoutes } from './openapi-routes.ts';

export function aanleverapi(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    app.setErrorHandler(handleApiError);
    app.setNotFoundHandler((request, reply) => reply.code(404).send({ detail: 'Not Found' }));

    // The reference's old prefix: clients written for it keep working.
    app.all('/v1_0_0/*', { config: { access: 'public' } }, async (request, reply) =>
      reply.redirect(request.url.replace('/aanleverapi/v1_0_0/', '/aanleverapi/v1_0/'), 307),
    );


    await app.register(openapiRoutes(ctx), { prefix: '/v1_0' });

    await app.register(async (api) => {
      if (ctx.config.rateLimitPerMinute > 0) {
        await api.register(rateLimit, {
          max: ctx.config.rateLimitPerMinute,
          timeWindow: 60_000,
          // Per caller: the token when there is one (several clients may share an address), else the address.
          keyGenerator: (request) => request.headers.authorization?.slice(-32) ?? request.ip,
          errorResponseBuilder: (_request, context) => ({
            statusCode: 429,
            error: 'Too Many Requests',
            message: `Rate limit exceeded: ${context.max} per 1 minute`,
          }),
        });
      }
      api.addHook('preHandler', bearerAuthentication(ctx.tokens));
      await api.register(routesV1_0(ctx), { prefix: '/v1_0' });
      await api.register(routesBase(ctx));
    });
  };
}
