/**
 * Full-text search on PostgreSQL: a stored generated tsvector over `search_documents`' analysed
 * text ('simple' configuration: the stems are ours), weighted A name, B short description,
 * C organisation, D the rest, with a GIN index; ranked by ts_rank.
 */
import { sql, type Kysely } from 'kysely';
import type { SearchEngine } from './engine.ts';
import { clauseAlternatives } from './engine.ts';

export const postgresSearch: SearchEngine = {
  async createTextIndex(db: Kysely<any>) {
    await sql`alter table search_documents add column tsv tsvector generated always as (
      setweight(to_tsvector('simple', title_terms), 'A') ||
      setweight(to_tsvector('simple', summary_terms), 'B') ||
      setweight(to_tsvector('simple', organisation_terms), 'C') ||
      setweight(to_tsvector('simple', body_terms), 'D')) stored`.execute(db);
    await sql`create index search_documents_tsv on search_documents using gin (tsv)`.execute(db);
  },

  matching(query) {
    const expression = clauseAlternatives(query)
      .map((alternatives) => `(${alternatives.map((a) => a.stems.map((s, i) => (a.prefix && i === a.stems.length - 1 ? `${s}:*` : s)).join(' <-> ')).join(' | ')})`)
      .join(' & ');
    return sql<{ algorithm_id: number; rank: number }>`select algorithm_id, ts_rank(tsv, q) as rank from search_documents, to_tsquery('simple', ${expression}) q where tsv @@ q`;
  },
};
