// An account made on the command line (`user add`) with roles per organisation signs in to
// management and holds exactly those roles in each organisation.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { ENGINES, freshDatabase, type FreshDatabase } from '../helpers/engines.ts';
import { runCli } from '../cli/run-cli.ts';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { ManagementClient, textOf } from './management-client.ts';
import type { TestRegister } from '../helpers/server.ts';

for (const engine of ENGINES) {
  describe(`an account from the command line in management (${engine})`, () => {
    let database: FreshDatabase;
    let app: FastifyInstance;
    let url: string;
    before(async () => {
      database = await freshDatabase(engine);
    });
    after(async () => {
      await app?.close();
      await database.drop();
    });
    const cli = (...args: string[]) => runCli(args, database.url);

    it('adds an account with roles per organisation that signs in and works in each with its own roles', async () => {
      for (const [code, name] of [['gm0001', 'Gemeente Een'], ['gm0002', 'Gemeente Twee']]) {
        const added = await cli('org', 'add', code, name, '--type', 'gemeente');
        assert.equal(added.code, 0, added.stderr);
      }
      const bad = await cli('user', 'add', 'fout', '--org-role', 'gm0001:role_1', '--password', 'een lang wachtwoord');
      assert.notEqual(bad.code, 0);
      assert.match(bad.stderr, /--org-role gm0001:role_1: write it as CODE=ROLE/);
      const unknownRole = await cli('user', 'add', 'fout2', '--org-role', 'gm0001=baas', '--password', 'een lang wachtwoord');
      assert.notEqual(unknownRole.code, 0);
      assert.match(unknownRole.stderr, /Unknown role\(s\): baas/);

      const user = await cli('user', 'add', 'rosa', '--org-role', 'gm0001=role_1', '--org', 'gm0002', '--password', 'een lang wachtwoord', '--first-name', 'Rosa');
      assert.equal(user.code, 0, user.stderr);
      assert.match(user.stdout, /In gm0001: role_1\./);

      const config = loadConfig({ DATABASE_URL: database.url, SEED_DEMO: '0', RATE_LIMIT_PER_MINUTE: '0' });
      app = await buildApp(config);
      await app.listen({ port: 0, host: '127.0.0.1' });
      const address = app.server.address();
      url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
      const c = new ManagementClient({ url } as TestRegister);
      assert.equal((await c.signIn('rosa', 'een lang wachtwoord')).status, 303);
      const list = await c.get('/beheer');
      assert.equal(list.status, 200);
      assert.match(textOf(list.html), /Ingelogd als Rosa .* Algoritmes van Gemeente Een/);
      await c.post('/beheer/organisatie', { organisation: 'gm0002' });
      assert.equal((await c.get('/beheer')).status, 403, 'a member of Twee without a role there');
    });
  });
}
