/**
 * Opens the database named by a URL: `postgres://…` selects PostgreSQL, anything else is a
 * SQLite file path (optionally prefixed `sqlite:`/`file:`), `:memory:` an in-memory one.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import type PgModule from 'pg';
import { createRequire } from 'node:module';
import { CompiledQuery, Kysely, PostgresDialect, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver, type SqliteDialectConfig } from 'kysely';
import type { Database } from './schema.ts';
import { prepareRecurringStatements } from './pg-prepared.ts';

export type Engine = 'sqlite' | 'postgres';

export interface Db {
  kysely: Kysely<Database>;
  engine: Engine;
  url: string;
  /**
   * Keeps the query planner's statistics current. SQLite has none until asked, and without
   * them it can pick an index that reads every row (a count of one organisation's published
   * algorithms took a second at 100,000; with statistics 5 ms). Run at open and from time to
   * time; it only analyses tables whose size changed a lot, and at most a sample of each.
   * PostgreSQL keeps its own (autovacuum): nothing to do.
   */
  optimize(): Promise<void>;
  close(): Promise<void>;
}

export const DEFAULT_DATABASE_URL = 'sqlite:./data/algoritmeregister.db';

export function engineOf(url: string): Engine {
  return /^postgres(ql)?:\/\//.test(url) ? 'postgres' : 'sqlite';
}

export function openDb(url: string = DEFAULT_DATABASE_URL): Db {
  const engine = engineOf(url);
  if (engine === 'postgres') {
    // The driver is loaded only for PostgreSQL: a register on SQLite does not carry it in memory.
    const pg = createRequire(import.meta.url)('pg') as typeof PgModule;
    // Return BIGINT counts as numbers: our counts never reach 2^53.
    pg.types.setTypeParser(20, (v) => Number(v));
    const pool = new pg.Pool({ connectionString: url, max: Number(process.env.DB_POOL_SIZE ?? 10) });
    // An idle connection that the server closes (restart, failover) must not take the process
    // down: the pool drops it and opens a new one on the next query.
    pool.on('error', (error) => console.error(`database connection lost: ${error.message}`));
    if (process.env.DB_PREPARED_STATEMENTS !== '0') prepareRecurringStatements(pool);
    const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { kysely, engine, url, optimize: async () => {}, close: () => kysely.destroy() };
  }
  const file = url.replace(/^(sqlite|file):(\/\/)?/, '');
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // A 16 MB page cache. The kernel caches the file anyway; 64 MB measured no faster for searches
  // and pages at 100,000 algorithms, and filled up at start (reading the search facets), so that
  // every register carried 50 MB more.
  sqlite.pragma('cache_size = -16384');
  // No memory-mapped reads: pages read through a map stay counted in the process's memory (a
  // full download of 100,000 algorithms mapped 750 MB), and reading through SQLite's own page
  // cache measured as fast here (the kernel caches the file either way).
  sqlite.pragma('mmap_size = 0');
  // Every row analysed, not a sample: a sample of 1,000 took a column whose rows all hold one value
  // (every version PUBLISHED) for a selective one, and the organisation dashboard drove its query
  // from it: 283 ms instead of 4.8 ms at 100,000 algorithms. A full analysis of that file takes
  // 0.5 s, and `optimize` repeats it only for tables whose size changed a lot.
  sqlite.pragma('analysis_limit = 0');
  const optimize = async () => {
    try {
      sqlite.pragma('optimize = 0x10002');
    } catch (error) {
      // Another process writing for longer than the busy timeout: the statistics can wait.
      if ((error as { code?: string }).code !== 'SQLITE_BUSY') throw error;
    }
  };
  const kysely = new Kysely<Database>({ dialect: new WritingSqliteDialect({ database: withStatementCache(sqlite) }) });
  return { kysely, engine, url, optimize, close: () => kysely.destroy() };
}

/**
 * Every transaction of ours writes, so it takes the write lock when it begins (`begin
 * immediate`). A deferred transaction that reads first and then writes cannot wait for another
 * process's write (an import from the command line while the server runs): SQLite answers
 * "database is locked" at once instead of waiting the busy timeout.
 */
class WritingSqliteDialect extends SqliteDialect {
  readonly #driverConfig: SqliteDialectConfig;

  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#driverConfig = config;
  }

  override createDriver(): Driver {
    return new WritingSqliteDriver(this.#driverConfig);
  }
}

class WritingSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

/**
 * Kysely prepares every query anew; better-sqlite3 statements can be reused, and preparing is a
 * tenth of the time of a small query. Queries are built from a fixed set of shapes, so the cache
 * stays small; it is emptied should it ever grow past its bound.
 */
function withStatementCache(sqlite: SQLite.Database, bound = 500) {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      let statement = statements.get(sql);
      if (!statement) {
        if (statements.size >= bound) statements.clear();
        statement = sqlite.prepare(sql);
        statements.set(sql, statement);
      }
      return statement;
    },
  };
}
