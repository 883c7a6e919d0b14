/**
 * Full-text search on PostgreSQL: a tsvector of `search_documents`' analysed text ('simple'
 * configuration: the stems are ours), weighted A name, B short description, C organisation, D the
 * rest, with a GIN index; ranked by ts_rank. A second, small one of the name and short
 * description alone ranks broad searches without reading every long text. A third holds every
 * pair of neighbouring words, so that a phrase is looked up by its pairs in an index instead of
 * by reading the positions of its words in every document that has them all. The first and third
 * live in `search_text`, the second in `search_names`: narrow tables of their own, made by a
 * trigger as documents are inserted (first they were generated columns of the documents: see the
 * migrations).
 */
import { sql, type Kysely } from 'kysely';
import type { MatchList, SearchEngine } from './engine.ts';
import { clauseAlternatives } from './engine.ts';
import type { Alternative, ParsedQuery } from './query.ts';

/** The whole query for the word index: what ranks every match. */
const expression = (query: ParsedQuery) =>
  clauseAlternatives(query)
    .map((alternatives) => `(${alternatives.map(phrase).join(' | ')})`)
    .join(' & ');

const phrase = (a: Alternative) => a.stems.map((s, i) => (a.prefix && i === a.stems.length - 1 ? `${s}:*` : s)).join(' <-> ');
const pairs = (a: Alternative) =>
  a.stems
    .slice(1)
    .map((second, i) => `'${a.stems[i]}_${second}'${a.prefix && i === a.stems.length - 2 ? ':*' : ''}`)
    .join(' & ');

/**
 * How a query is looked up: a clause of phrases only by the pairs of its phrases (`a_b & b_c`)
 * in the pair index; a clause with a single word among its alternatives in the word index. A
 * phrase of two words is found exactly by its pair; a longer one's pairs may stand apart in a
 * document, so its clause is also checked in the word index (positions), but only for the
 * documents that have all its pairs. Undefined parts are not needed.
 */
export function lookup(query: ParsedQuery): { words?: string; pairs?: string } {
  const words: string[] = [];
  const pairClauses: string[] = [];
  for (const alternatives of clauseAlternatives(query)) {
    const asWords = `(${alternatives.map(phrase).join(' | ')})`;
    if (alternatives.some((a) => a.stems.length < 2)) {
      words.push(asWords);
      continue;
    }
    pairClauses.push(`(${alternatives.map(pairs).join(' | ')})`);
    if (alternatives.some((a) => a.stems.length > 2)) words.push(asWords);
  }
  return { words: words.length ? words.join(' & ') : undefined, pairs: pairClauses.length ? pairClauses.join(' & ') : undefined };
}

/** The pair index's part of a query, to narrow what the word index must check: ` and tsv_pairs @@ '…'`. */
const pairFilter = (query: ParsedQuery) => {
  const { pairs } = lookup(query);
  return pairs ? sql` and tsv_pairs @@ ${pairs}::tsquery` : sql``;
};

/**
 * A document's vectors, from its analysed text columns: every word weighted by where it stands
 * (A name, B short description, C organisation, D the rest); the name and short description's
 * alone; every pair of neighbouring words, each part on its own. (`search_pairs` is made by the
 * phrase index's migration.)
 */
const NAME_WORDS_SQL = `setweight(to_tsvector('simple', title_terms), 'A') || setweight(to_tsvector('simple', summary_terms), 'B')`;
const NAME_WORDS = sql.raw(NAME_WORDS_SQL);
const WORDS = sql.raw(`${NAME_WORDS_SQL} || setweight(to_tsvector('simple', organisation_terms), 'C') || setweight(to_tsvector('simple', body_terms), 'D')`);
const PAIRS = sql.raw(`search_pairs(title_terms) || search_pairs(summary_terms) || search_pairs(organisation_terms) || search_pairs(body_terms)`);

export const postgresSearch: SearchEngine = {
  async createTextIndex(db: Kysely<any>) {
    await sql`alter table search_documents add column tsv tsvector generated always as (${WORDS}) stored`.execute(db);
    await sql`create index search_documents_tsv on search_documents using gin (tsv)`.execute(db);
  },

  async createNameIndex(db: Kysely<any>) {
    await sql`alter table search_documents add column tsv_names tsvector generated always as (${NAME_WORDS}) stored`.execute(db);
    await sql`create index search_documents_tsv_names on search_documents using gin (tsv_names)`.execute(db);
    // The ids of a broad match through the index: the planner, not counting what reading the
    // long texts costs, would rather test every row's. (A function with its own setting: not inlined.)
    await sql`create function search_match_ids(q tsquery) returns text language sql stable
      set enable_seqscan = off
      as $$ select string_agg(algorithm_id::text, ',') from search_documents where tsv @@ q $$`.execute(db);
  },

  async createPhraseIndex(db: Kysely<any>) {
    // The pairs of neighbouring stems of a text, each part of a document on its own (a phrase
    // does not run from the name into the description, as on SQLite, whose columns are apart).
    await sql`create function search_pairs(terms text) returns tsvector language sql immutable parallel safe
      as $$ select coalesce(array_to_tsvector(array_agg(distinct first || '_' || second)), ''::tsvector)
            from (select w as first, lead(w) over (order by i) as second
                  from unnest(string_to_array(terms, ' ')) with ordinality as t(w, i)) p
            where second is not null $$`.execute(db);
    await sql`alter table search_documents add column tsv_pairs tsvector generated always as (${PAIRS}) stored`.execute(db);
    await sql`create index search_documents_tsv_pairs on search_documents using gin (tsv_pairs)`.execute(db);
    // The word index's part may be null: pairs alone decide.
    await sql`create function search_phrase_ids(pairs tsquery, q tsquery) returns text language sql stable
      set enable_seqscan = off
      as $$ select string_agg(algorithm_id::text, ',') from search_documents where tsv_pairs @@ pairs and (q is null or tsv @@ q) $$`.execute(db);
  },

  async separateTextIndex(db: Kysely<any>) {
    // Rows of an id and two pointers: the long word and pair lists live in the table's TOAST
    // store, read only for the few rows ranked on all their text. The ids of a broad match then
    // come from some 800 pages at 100,000 documents, where the documents' own rows (names, short
    // descriptions, the terms) fill over 15,000.
    await sql`create table search_text (
      algorithm_id integer primary key references search_documents (algorithm_id) on delete cascade,
      tsv tsvector not null,
      tsv_pairs tsvector not null) with (toast_tuple_target = 128)`.execute(db);
    await sql`insert into search_text (algorithm_id, tsv, tsv_pairs) select algorithm_id, tsv, tsv_pairs from search_documents`.execute(db);
    await sql`create index search_text_tsv on search_text using gin (tsv)`.execute(db);
    await sql`create index search_text_tsv_pairs on search_text using gin (tsv_pairs)`.execute(db);
    // The short list of the name and short description's words, which ranks a broad search, in a
    // table of its own too (some 5,700 pages at 100,000): what a broad search reads then fits in
    // PostgreSQL's default 128 MB of shared buffers, which the documents alone would fill.
    await sql`create table search_names (
      algorithm_id integer primary key references search_documents (algorithm_id) on delete cascade,
      tsv_names tsvector not null)`.execute(db);
    await sql`insert into search_names (algorithm_id, tsv_names) select algorithm_id, tsv_names from search_documents`.execute(db);
    await sql`create index search_names_tsv_names on search_names using gin (tsv_names)`.execute(db);
    // Kept current with the documents, as SQLite's FTS table is: made with each insert, gone with each delete.
    await sql`create function search_text_of_new_documents() returns trigger language plpgsql as $$
      begin
        insert into search_text (algorithm_id, tsv, tsv_pairs) select algorithm_id, ${WORDS}, ${PAIRS} from new_documents;
        insert into search_names (algorithm_id, tsv_names) select algorithm_id, ${NAME_WORDS} from new_documents;
        return null;
      end $$`.execute(db);
    await sql`create trigger search_documents_text after insert on search_documents
      referencing new table as new_documents for each statement execute function search_text_of_new_documents()`.execute(db);
    await sql`alter table search_documents drop column tsv, drop column tsv_pairs, drop column tsv_names`.execute(db);
    await sql`create or replace function search_match_ids(q tsquery) returns text language sql stable
      set enable_seqscan = off
      as $$ select string_agg(algorithm_id::text, ',') from search_text where tsv @@ q $$`.execute(db);
    await sql`create or replace function search_phrase_ids(pairs tsquery, q tsquery) returns text language sql stable
      set enable_seqscan = off
      as $$ select string_agg(algorithm_id::text, ',') from search_text where tsv_pairs @@ pairs and (q is null or tsv @@ q) $$`.execute(db);
  },

  matching: (query) =>
    sql<{ algorithm_id: number; rank: number }>`select algorithm_id, ts_rank(tsv, q) as rank from search_text, to_tsquery('simple', ${expression(query)}) q where tsv @@ q${pairFilter(query)}`,

  matchIds(query) {
    const { words, pairs } = lookup(query);
    if (!pairs) return sql<MatchList>`select search_match_ids(to_tsquery('simple', ${words})) as ids, null as ranks`;
    const q = words === undefined ? sql`null::tsquery` : sql`to_tsquery('simple', ${words})`;
    return sql<MatchList>`select search_phrase_ids(${pairs}::tsquery, ${q}) as ids, null as ranks`;
  },

  matchRanks(query, namesOnly) {
    const column = sql.ref(namesOnly ? 'tsv_names' : 'tsv');
    // By name and short description without the pair index: a phrase there has its pairs (the
    // matches, which the ranked are kept to, say the rest), and checking them again in the same
    // condition would read every candidate's long pair list back (four times slower at 100,000).
    return sql<MatchList>`select string_agg(algorithm_id::text, ',') as ids, string_agg(ts_rank(${column}, q)::text, ',') as ranks
      from ${sql.table(namesOnly ? 'search_names' : 'search_text')}, to_tsquery('simple', ${expression(query)}) q where ${column} @@ q${namesOnly ? sql`` : pairFilter(query)}`;
  },
};
