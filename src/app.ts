/**
 * Builds the register's HTTP application: one Fastify instance, each capability an
 * encapsulated plugin. `npm start` and the tests build it the same way.
 */
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import compress from '@fastify/compress';
import { COMPRESSION } from './compression.ts';
import type { Config } from './config.ts';
import { openDb } from './db/connect.ts';
import { migrate } from './db/migrate.ts';
import { ensureSearchIndex } from './search/indexer.ts';
import { facetMemoryOf } from './search/facet-memory.ts';
import { keepSearchAnswers } from './search/search.ts';
import { createTokenService } from './auth/tokens.ts';
import { tokenEndpoint } from './auth/token-endpoint.ts';
import { requireDeclaredAccess } from './auth/route-access.ts';
import { aanleverapi } from './aanleverapi/index.ts';
import { publicSite } from './publicsite/index.tsx';
import { openData } from './opendata/index.ts';
import { beheer } from './beheer/index.ts';
import type { AppContext } from './context.ts';
import { logRequests, requestSerializer } from './request-log.ts';

declare module 'fastify' {
  interface FastifyInstance {
    ctx: AppContext;
  }
}

/** How long closing waits at most for the requests still being answered. */
const CLOSE_WAIT_MS = 10_000;

/** How often a running register refreshes the database's planner statistics. */
const OPTIMIZE_EVERY_MS = 60 * 60 * 1000;

const trustHops = (hops: number) => (_address: string, hop: number) => hop < hops;

export async function buildApp(config: Config, opts: { logger?: boolean; logStream?: NodeJS.WritableStream } = {}): Promise<FastifyInstance> {
  const db = openDb(config.databaseUrl);
  await migrate(db);
  await db.optimize();
  await ensureSearchIndex(db.kysely);
  // The search facets in memory before the first search, not during it (seconds at 100,000 algorithms).
  await facetMemoryOf(db.kysely);
  keepSearchAnswers(db.kysely, config.searchCacheEntries);
  const tokens = await createTokenService(db.kysely, {
    issuer: config.publicUrl,
    ttlSeconds: config.tokenTtlSeconds,
    external: config.oidc,
  });
  const ctx: AppContext = { config, db, kysely: db.kysely, tokens };

  const app = Fastify({
    logger: opts.logger ? { level: config.logLevel, serializers: { req: requestSerializer }, ...(opts.logStream ? { stream: opts.logStream } : {}) } : false,
    // One line per request, written by request-log.ts without the secrets an address can carry.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 1024 * 1024,
    // A number of hops: the nearest that many proxies are believed (what Fastify does with a number, which its types lack).
    trustProxy: typeof config.trustProxy === 'number' ? trustHops(config.trustProxy) : config.trustProxy,
  });
  app.decorate('ctx', ctx);
  logRequests(app);
  // Answers compressed for clients that accept it (Brotli or gzip; what a browser on a phone
  // saves most by), before any route, so that every route has it. The stylesheets and scripts
  // come compressed in advance (publicsite/static-asset.ts); downloads compress as they stream (see there).
  await app.register(compress, COMPRESSION);
  // A request body's coding is named in any case (RFC 9110); the plugin knows the lowercase names.
  app.addHook('onRequest', async (request) => {
    const coding = request.headers['content-encoding'];
    if (coding && coding !== coding.toLowerCase()) request.headers['content-encoding'] = coding.toLowerCase();
  });
  // The planner's statistics follow the data (imports, growth) while the register runs.
  const optimizing = setInterval(() => db.optimize().catch((error: Error) => app.log.warn(`optimising the database failed: ${error.message}`)), OPTIMIZE_EVERY_MS);
  optimizing.unref();
  // A request still being answered when the register closes (a client that went away leaves its
  // handler running; a deploy stops the process meanwhile) finishes before the database closes,
  // instead of meeting a closed one. Every route's handler is counted while it runs.
  const answering = new Set<Promise<void>>();
  app.addHook('onRoute', (route) => {
    const handler = route.handler;
    route.handler = function (this: FastifyInstance, request, reply) {
      const result: unknown = handler.call(this, request, reply);
      if (result instanceof Promise) {
        const done = result.then(
          () => {},
          () => {},
        );
        answering.add(done);
        void done.then(() => answering.delete(done));
      }
      return result;
    } as typeof handler;
  });
  app.addHook('onClose', async () => {
    clearInterval(optimizing);
    await Promise.race([Promise.all(answering), new Promise((resolve) => setTimeout(resolve, CLOSE_WAIT_MS).unref())]);
    await db.close();
  });
  requireDeclaredAccess(app);
  // No code, id or search term contains a NUL character, and PostgreSQL cannot even compare one.
  app.addHook('preValidation', async (request, reply) => {
    const values = [...Object.values((request.params ?? {}) as object), ...Object.values((request.query ?? {}) as object)].flat();
    if (values.some((v) => typeof v === 'string' && v.includes('\u0000'))) {
      return reply.code(400).send({ detail: 'The request path or query contains a NUL character.' });
    }
  });

  app.get('/health', { config: { access: 'public' } }, async () => {
    await db.kysely.selectFrom('organisations').select('id').limit(1).execute();
    return { status: 'ok' };
  });
  await app.register(tokenEndpoint(ctx));
  await app.register(aanleverapi(ctx), { prefix: '/aanleverapi' });
  await app.register(publicSite(ctx));
  await app.register(openData(ctx));
  await app.register(beheer(ctx), { prefix: '/beheer' });
  return app;
}
