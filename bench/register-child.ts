/**
 * Child process of bench/register-process.ts: the register as `npm start` builds it (the same
 * configuration as bench/register.ts), alone in its process, so that the process's memory is the
 * register's own. The job's `env` is laid over that configuration (e.g. SEARCH_CACHE_ENTRIES).
 * Answers `{ url }` once it listens; closes and exits when told to.
 */
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';

process.once('message', async (job: { databaseUrl: string; env?: Record<string, string> }) => {
  try {
    const config = loadConfig({ DATABASE_URL: job.databaseUrl, SEED_DEMO: '0', RATE_LIMIT_PER_MINUTE: '0', LOG_LEVEL: 'warn', ...job.env });
    const app = await buildApp(config);
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    process.send!({ url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` });
    process.once('message', async () => {
      await app.close();
      process.disconnect();
    });
  } catch (error) {
    process.send!({ error: error instanceof Error ? error.stack ?? error.message : String(error) });
    process.disconnect();
  }
});
