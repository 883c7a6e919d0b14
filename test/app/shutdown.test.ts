// Closing the register (SIGTERM during a deploy) while a request is still being answered: the
// answer's reads finish before the database closes, also when its client has gone away.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { ENGINES, freshDatabase } from '../helpers/engines.ts';

for (const engine of ENGINES) {
  describe(`closing the register (${engine})`, () => {
    it('lets a request whose client went away finish its reads before the database closes', async () => {
      const database = await freshDatabase(engine);
      try {
        const app = await buildApp(loadConfig({ DATABASE_URL: database.url, SEED_DEMO: '0' }));
        let outcome = 'running';
        let started!: () => void;
        const handlerStarted = new Promise<void>((resolve) => (started = resolve));
        app.get('/slow', { config: { access: 'public' } }, async () => {
          started();
          await delay(300);
          try {
            const rows = await app.ctx.kysely.selectFrom('organisations').select('id').execute();
            outcome = `read ${rows.length}`;
          } catch (error) {
            outcome = `failed: ${(error as Error).message}`;
          }
          return { outcome };
        });
        await app.listen({ port: 0, host: '127.0.0.1' });
        const address = app.server.address();
        const port = typeof address === 'object' && address ? address.port : 0;
        const client = new AbortController();
        const request = fetch(`http://127.0.0.1:${port}/slow`, { signal: client.signal }).catch((error: Error) => error.name);
        await handlerStarted;
        client.abort();
        assert.equal(await request, 'AbortError');
        await app.close();
        assert.equal(outcome, 'read 0');
      } finally {
        await database.drop();
      }
    });
  });
}
