/**
 * The one place that knows the two database engines differ in full-text search. Each engine
 * file (`sqlite-search.ts`, `postgres-search.ts`) creates its text index over the table
 * `search_documents` and turns a parsed query into its own syntax; everything else in search
 * is shared SQL.
 */
import { SqliteAdapter, type Kysely, type RawBuilder } from 'kysely';
import type { ParsedQuery, Alternative } from './query.ts';
import { sqliteSearch } from './sqlite-search.ts';
import { postgresSearch } from './postgres-search.ts';

export interface SearchEngine {
  /** The text index over `search_documents` (created by the search migration), kept current by the engine itself. */
  createTextIndex(db: Kysely<any>): Promise<void>;
  /** Documents matching every clause: `algorithm_id` and `rank`, higher is more relevant. */
  matching(query: ParsedQuery): RawBuilder<{ algorithm_id: number; rank: number }>;
}

export function searchEngineOf(db: Kysely<any>): SearchEngine {
  return db.getExecutor().adapter instanceof SqliteAdapter ? sqliteSearch : postgresSearch;
}

/** Helper for the engines: clauses as nested lists, stems checked to be plain [a-z0-9]. */
export function clauseAlternatives(query: ParsedQuery): Alternative[][] {
  for (const clause of query.clauses) {
    for (const alt of clause.alternatives) for (const s of alt.stems) if (!/^[a-z0-9]+$/.test(s)) throw new Error(`unexpected stem ${s}`);
  }
  return query.clauses.map((c) => c.alternatives);
}
