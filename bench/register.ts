/**
 * The register under measurement: the whole application as `npm start` builds it (rate limit
 * off, no demo data), listening on a free loopback port, plus API clients and their tokens
 * from the real token endpoint.
 */
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { createClient } from '../src/auth/clients.ts';
import { SYSTEM_ACTOR } from '../src/register/actor.ts';
import type { BenchDatabase } from './database.ts';

export interface RunningRegister {
  app: FastifyInstance;
  url: string;
  /** A bearer token for a new API client of `organisation` (null: a platform client) with `roles`. */
  token(roles: string[], organisation: string | null): Promise<string>;
  close(): Promise<void>;
}

export async function startRegister(database: BenchDatabase): Promise<RunningRegister> {
  const config = loadConfig({ DATABASE_URL: database.url, SEED_DEMO: '0', RATE_LIMIT_PER_MINUTE: '0', LOG_LEVEL: 'warn' });
  const app = await buildApp(config);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    app,
    url,
    async token(roles, organisation) {
      const { clientId, clientSecret } = await createClient(app.ctx.kysely, { name: 'benchmark', organisation, roles }, SYSTEM_ACTOR);
      const response = await fetch(`${url}/oauth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }),
      });
      const json = (await response.json()) as { access_token?: string };
      if (!json.access_token) throw new Error(`no token from /oauth/token: ${JSON.stringify(json)}`);
      return json.access_token;
    },
    close: () => app.close(),
  };
}
