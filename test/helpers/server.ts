/**
 * A real register for a test: a fresh database, the whole application listening on a free
 * port, and helpers to get tokens and call it over HTTP.
 */
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { loadConfig, type Config } from '../../src/config.ts';
import type { Engine } from '../../src/db/connect.ts';
import { createOrganisation } from '../../src/register/organisations.ts';
import { createClient } from '../../src/auth/clients.ts';
import { createUser } from '../../src/auth/users.ts';
import { SYSTEM_ACTOR } from '../../src/register/actor.ts';
import type { FlowName } from '../../src/register/states.ts';
import { freshDatabase, type FreshDatabase } from './engines.ts';

export interface TestRegister {
  engine: Engine;
  url: string;
  app: FastifyInstance;
  config: Config;
  close(): Promise<void>;
  /** Adds an organisation. */
  org(code: string, flow?: FlowName, name?: string): Promise<void>;
  /** A token for a new client of `org` with `roles` (client credentials grant, over HTTP). */
  token(roles: string[], org?: string | null): Promise<string>;
  /** A token for a new account through the password grant. */
  userToken(roles: string[], orgs: string[]): Promise<string>;
  call(method: string, path: string, opts?: { token?: string; body?: unknown; headers?: Record<string, string>; raw?: string }): Promise<{ status: number; body: any; headers: Headers }>;
}

let counter = 0;

export async function startRegister(engine: Engine, env: Record<string, string> = {}): Promise<TestRegister> {
  const database: FreshDatabase = await freshDatabase(engine);
  const config = loadConfig({ DATABASE_URL: database.url, SEED_DEMO: '0', RATE_LIMIT_PER_MINUTE: '0', ...env });
  const app = await buildApp(config);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  config.publicUrl = url;

  const call: TestRegister['call'] = async (method, path, opts = {}) => {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    let body: string | undefined = opts.raw;
    if (opts.body !== undefined) {
      body = JSON.stringify(opts.body);
      headers['content-type'] ??= 'application/json';
    } else if (opts.raw !== undefined) headers['content-type'] ??= 'application/json';
    const response = await fetch(url + path, { method, headers, body, redirect: 'manual' });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      /* not JSON */
    }
    return { status: response.status, body: parsed, headers: response.headers };
  };

  const tokenFor = async (form: Record<string, string>) => {
    const response = await fetch(`${url}/oauth/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form) });
    const json = (await response.json()) as { access_token?: string };
    if (!json.access_token) throw new Error(`no token: ${JSON.stringify(json)}`);
    return json.access_token;
  };

  return {
    engine,
    url,
    app,
    config,
    async close() {
      await app.close();
      await database.drop();
    },
    async org(code, flow = 'ictu_last', name) {
      await createOrganisation(app.ctx.kysely, { code, name: name ?? `Organisatie ${code}`, flow, type: 'gemeente' }, SYSTEM_ACTOR);
    },
    async token(roles, org = null) {
      const { clientId, clientSecret } = await createClient(app.ctx.kysely, { name: 'test', organisation: org, roles }, SYSTEM_ACTOR);
      return tokenFor({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret });
    },
    async userToken(roles, orgs) {
      const username = `user${++counter}_${Date.now()}`;
      await createUser(app.ctx.kysely, { username, password: 'correct horse battery', roles, organisations: orgs }, SYSTEM_ACTOR);
      return tokenFor({ grant_type: 'password', client_id: 'authentication-client', username, password: 'correct horse battery', totp: '' });
    },
    call,
  };
}
