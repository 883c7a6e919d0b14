/** What every part of the running register shares: configuration, database and token service. */
import type { Kysely } from 'kysely';
import type { Config } from './config.ts';
import type { Db } from './db/connect.ts';
import type { Database } from './db/schema.ts';
import type { TokenService } from './auth/tokens.ts';

export interface AppContext {
  config: Config;
  db: Db;
  kysely: Kysely<Database>;
  tokens: TokenService;
}
