/**
 * Full-text search on SQLite: an FTS5 table over `search_documents`' analysed text (external
 * content, kept current by triggers), ranked by BM25 with the name weighing most.
 */
import { sql, type Kysely } from 'kysely';
import type { MatchList, SearchEngine } from './engine.ts';
import { clauseAlternatives } from './engine.ts';
import type { ParsedQuery } from './query.ts';

const expression = (query: ParsedQuery) =>
  clauseAlternatives(query)
    .map((alternatives) => `(${alternatives.map((a) => `"${a.stems.join(' ')}"${a.prefix ? ' *' : ''}`).join(' OR ')})`)
    .join(' AND ');

const ranked = (match: string) =>
  sql<{ algorithm_id: number; rank: number }>`select rowid as algorithm_id, -bm25(search_fts, 10.0, 5.0, 3.0, 1.0) as rank from search_fts where search_fts match ${match}`;

export const sqliteSearch: SearchEngine = {
  async createTextIndex(db: Kysely<any>) {
    await sql`create virtual table search_fts using fts5(
      title_terms, summary_terms, organisation_terms, body_terms,
      content='search_documents', content_rowid='algorithm_id', tokenize='unicode61')`.execute(db);
    await sql`create trigger search_documents_ai after insert on search_documents begin
      insert into search_fts(rowid, title_terms, summary_terms, organisation_terms, body_terms)
      values (new.algorithm_id, new.title_terms, new.summary_terms, new.organisation_terms, new.body_terms);
    end`.execute(db);
    await sql`create trigger search_documents_ad after delete on search_documents begin
      insert into search_fts(search_fts, rowid, title_terms, summary_terms, organisation_terms, body_terms)
      values ('delete', old.algorithm_id, old.title_terms, old.summary_terms, old.organisation_terms, old.body_terms);
    end`.execute(db);
  },

  // FTS5's column filters restrict a match to the name and short description: nothing to add.
  async createNameIndex() {},

  // FTS5 keeps every word's positions in its own index: phrases need nothing besides.
  async createPhraseIndex() {},

  // FTS5's index is a table of its own already.
  async separateTextIndex() {},

  matching: (query) => ranked(expression(query)),

  matchIds: (query) => sql<MatchList>`select group_concat(rowid) as ids, null as ranks from search_fts where search_fts match ${expression(query)}`,

  matchRanks(query, namesOnly) {
    const match = namesOnly ? `{title_terms summary_terms} : (${expression(query)})` : expression(query);
    // Materialised: bm25() cannot run inside the aggregate it would otherwise be folded into.
    return sql<MatchList>`with m as materialized (${ranked(match)}) select group_concat(algorithm_id) as ids, group_concat(rank) as ranks from m`;
  },
};
