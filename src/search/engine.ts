/**
 * The one place that knows the two database engines differ in full-text search. Each engine
 * file (`sqlite-search.ts`, `postgres-search.ts`) creates its text index over the table
 * `search_documents` and turns a parsed query into its own syntax; everything else in search
 * is shared.
 */
import { SqliteAdapter, type Kysely, type RawBuilder } from 'kysely';
import type { ParsedQuery, Alternative } from './query.ts';
import { sqliteSearch } from './sqlite-search.ts';
import { postgresSearch } from './postgres-search.ts';

/** Two comma-separated lists in the same order (null when nothing matches): one row however many match. */
export interface MatchList {
  ids: string | null;
  ranks: string | null;
}

export interface SearchEngine {
  /** The text index over `search_documents` (created by the search migration), kept current by the engine itself. */
  createTextIndex(db: Kysely<any>): Promise<void>;
  /** What ranking by name and short description needs besides (created by the search-changes migration). */
  createNameIndex(db: Kysely<any>): Promise<void>;
  /** What finding phrases quickly needs besides (created by the search-phrases migration). */
  createPhraseIndex(db: Kysely<any>): Promise<void>;
  /**
   * The text index apart from the documents' other columns (the search-text migration), so that
   * finding and ranking a broad match reads little besides the index.
   */
  separateTextIndex(db: Kysely<any>): Promise<void>;
  /** Documents matching every clause: `algorithm_id` and `rank`, higher is more relevant. */
  matching(query: ParsedQuery): RawBuilder<{ algorithm_id: number; rank: number }>;
  /** The ids of every match (`ranks` null): no ranking work, the cheapest complete answer. */
  matchIds(query: ParsedQuery): RawBuilder<MatchList>;
  /**
   * The matches with their rank; with `namesOnly`, only those matching in the name or short
   * description, ranked by those alone (far fewer, and far less to read).
   */
  matchRanks(query: ParsedQuery, namesOnly: boolean): RawBuilder<MatchList>;
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

/** A search's matches: every id, and the rank of those ranked (any other ranks 0, below them). */
export interface Matches {
  ids: number[];
  rankedIds: number[];
  ranks: number[];
}

/**
 * Up to this many matches every one is ranked on all its text. Beyond, only the matches in the
 * name or short description are ranked (by those) and the rest follow newest first: ranking
 * tens of thousands of long texts costs far more than it tells, when the visitor reads twenty.
 */
export const FULL_RANKING_LIMIT = 2000;

/** A list of ids as the engines give it (digits and commas), read without making a string of each: at 100,000 matches this was a tenth of a search. */
export function idList(list: string | null): number[] {
  if (!list) return [];
  const out: number[] = [];
  let n = 0;
  for (let i = 0; i < list.length; i++) {
    const c = list.charCodeAt(i);
    if (c === 44) {
      out.push(n);
      n = 0;
    } else n = n * 10 + c - 48;
  }
  out.push(n);
  return out;
}

const numbers = (list: string | null) => (list ? list.split(',').map(Number) : []);

/** Every document matching `query`, ranked as `FULL_RANKING_LIMIT` tells. */
export async function matchesOf(db: Kysely<any>, query: ParsedQuery, fullRankingLimit = FULL_RANKING_LIMIT): Promise<Matches> {
  const engine = searchEngineOf(db);
  const ids = idList((await engine.matchIds(query).execute(db)).rows[0]?.ids ?? null);
  if (ids.length === 0) return { ids, rankedIds: [], ranks: [] };
  const namesOnly = ids.length > fullRankingLimit;
  const ranked = (await engine.matchRanks(query, namesOnly).execute(db)).rows[0];
  const rankedIds = idList(ranked?.ids ?? null);
  const ranks = numbers(ranked?.ranks ?? null);
  if (!namesOnly) return { ids, rankedIds, ranks };
  // Ranked by name and short description, an engine may leave to the matches what it does not
  // check there (PostgreSQL: a phrase's pairs): only matches keep their rank.
  const isMatch = membership(ids);
  const kept = rankedIds.flatMap((id, i) => (isMatch(id) ? [i] : []));
  return kept.length === rankedIds.length ? { ids, rankedIds, ranks } : { ids, rankedIds: kept.map((i) => rankedIds[i]), ranks: kept.map((i) => ranks[i]) };
}

/** Whether an id is among `ids`: a bit per id up to the largest (ids are row ids, dense), a set beyond 2^24. */
function membership(ids: number[]): (id: number) => boolean {
  let max = 0;
  for (const id of ids) if (id > max) max = id;
  if (max >= 2 ** 24) {
    const set = new Set(ids);
    return (id) => set.has(id);
  }
  const marks = new Uint8Array(max + 1);
  for (const id of ids) marks[id] = 1;
  return (id) => marks[id] === 1;
}
