/** Starts the register: migrate, load demo data into an empty database, listen, stop cleanly. */
import type { Config } from './config.ts';
import { buildApp } from './app.ts';
import { isEmpty, seedDemo } from './register/demo-data.ts';

export async function startServer(config: Config) {
  const app = await buildApp(config, { logger: true });
  if (config.seedDemo && (await isEmpty(app.ctx.kysely))) {
    const counts = await seedDemo(app.ctx.kysely);
    app.log.info(counts, 'loaded demo data');
  }
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      app.log.info(`${signal}: closing`);
      app.close().then(() => process.exit(0));
    });
  }
  await app.listen({ port: config.port, host: config.host });
  return app;
}
