/**
 * Full-text search on PostgreSQL: a stored generated tsvector over `search_documents`' analysed
 * text ('simple' configuration: the stems are ours), weighted A name, B short description,
 * C organisation, D the rest, with a GIN index; ranked by ts_rank. A second, small one of the
 * name and short description alone ranks broad searches without reading every long text.
 */
import { sql, type Kysely } from 'kysely';
import type { MatchList, SearchEngine } from './engine.ts';
import { clauseAlternatives } from './engine.ts';
import type { ParsedQuery } from './query.ts';

const expression = (query: ParsedQuery) =>
  clauseAlternatives(query)
    .map((alternatives) => `(${alternatives.map((a) => a.stems.map((s, i) => (a.prefix && i === a.stems.length - 1 ? `${s}:*` : s)).join(' <-> ')).join(' | ')})`)
    .join(' & ');

export const postgresSearch: SearchEngine = {
  async createTextIndex(db: Kysely<any>) {
    await sql`alter table search_documents add column tsv tsvector generated always as (
      setweight(to_tsvector('simple', title_terms), 'A') ||
      setweight(to_tsvector('simple', summary_terms), 'B') ||
      setweight(to_tsvector('simple', organisation_terms), 'C') ||
      setweight(to_tsvector('simple', body_terms), 'D')) stored`.execute(db);
    await sql`create index search_documents_tsv on search_documents using gin (tsv)`.execute(db);
  },

  async createNameIndex(db: Kysely<any>) {
    await sql`alter table search_documents add column tsv_names tsvector generated always as (
      setweight(to_tsvector('simple', title_terms), 'A') ||
      setweight(to_tsvector('simple', summary_terms), 'B')) stored`.execute(db);
    await sql`create index search_documents_tsv_names on search_documents using gin (tsv_names)`.execute(db);
    // The ids of a broad match through the index: the planner, not counting what reading the
    // long texts costs, would rather test every row's. (A function with its own setting: not inlined.)
    await sql`create function search_match_ids(q tsquery) returns text language sql stable
      set enable_seqscan = off
      as $$ select string_agg(algorithm_id::text, ',') from search_documents where tsv @@ q $$`.execute(db);
  },

  matching: (query) =>
    sql<{ algorithm_id: number; rank: number }>`select algorithm_id, ts_rank(tsv, q) as rank from search_documents, to_tsquery('simple', ${expression(query)}) q where tsv @@ q`,

  matchIds: (query) => sql<MatchList>`select search_match_ids(to_tsquery('simple', ${expression(query)})) as ids, null as ranks`,

  matchRanks(query, namesOnly) {
    const column = sql.ref(namesOnly ? 'tsv_names' : 'tsv');
    return sql<MatchList>`select string_agg(algorithm_id::text, ',') as ids, string_agg(ts_rank(${column}, q)::text, ',') as ranks
      from search_documents, to_tsquery('simple', ${expression(query)}) q where ${column} @@ q`;
  },
};
