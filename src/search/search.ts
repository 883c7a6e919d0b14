/**
 * Searching the published register: free text ranked by relevance (or newest first, or by
 * name), facet filters (several values of a facet: any of them; several facets: all of them)
 * and the count of every facet value among the results of the other filters, so a visitor sees
 * what each choice would give. The same answers on both engines.
 *
 * The database matches the text (once per search) and reads the rows of the page shown; the
 * filtering, counting and ordering happen in the facet memory (facet-memory.ts).
 */
import type { Kysely } from 'kysely';
import type { Database, SearchDocumentTable } from '../db/schema.ts';
import { FACETS, type Facet } from './facets.ts';
import { parseQuery, type ParsedQuery } from './query.ts';
import { addCorrections } from './typo.ts';
import { matchesOf, type Matches } from './engine.ts';
import { highlightHtml } from './highlight.ts';
import { facetMemoryOf, type FacetMemory, type Sort } from './facet-memory.ts';
import { ResultCache } from './result-cache.ts';
import type { SimilarAlgorithm } from './similar.ts';

export type { Sort };

export const SORTS = ['relevance', 'newest', 'name'] as const satisfies readonly Sort[];

export interface SearchParams {
  q?: string;
  filters?: Partial<Record<Facet, string[]>>;
  sort?: Sort;
  limit?: number;
  offset?: number;
  /** Leave out the facet counts (suggestions, downloads). */
  withoutFacets?: boolean;
}

/** A search result: the document's display fields, and its name and description with the matched words marked. */
export type Hit = Pick<
  SearchDocumentTable,
  'algorithm_id' | 'lars' | 'name' | 'description_short' | 'organisation_code' | 'organisation_name' | 'organisation_type' | 'published_at'
> & {
  /** The name and short description with the matched words in `<mark>`, as escaped HTML. */
  name_html: string;
  description_html: string;
};

export interface FacetCount {
  value: string;
  count: number;
}

export interface SearchResult {
  total: number;
  sort: Sort;
  results: Hit[];
  facets: Partial<Record<Facet, FacetCount[]>>;
}

/**
 * What every search shares: the parsed text (with its corrections), the order, and the text's
 * matches with their rank, kept under the generation of the facet memory the search selects from.
 */
async function prepare(db: Kysely<Database>, params: SearchParams, memory: FacetMemory) {
  const { parsed, matches } = await textMatches(db, params.q ?? '', memory.generation);
  const hasText = parsed.clauses.length > 0;
  const sort: Sort = params.sort && (params.sort !== 'relevance' || hasText) ? params.sort : hasText ? 'relevance' : 'newest';
  return { parsed, sort, memory, matches, filters: params.filters ?? {} };
}

interface TextMatches {
  parsed: ParsedQuery;
  /** Undefined: no text, every document. */
  matches: Matches | undefined;
}

/**
 * The text parsed and corrected, and its matches: kept under the index generation for the next
 * search of the same text, which a visitor makes with every facet they choose, every other order
 * and every next page; finding a broad text is most of a search's work.
 */
async function textMatches(db: Kysely<Database>, q: string, generation: number): Promise<TextMatches> {
  const key = q.trim();
  const kept = searchCachesOf(db).matches.get(generation, key);
  if (kept) return kept;
  const parsed = parseQuery(q);
  // Corrections may also leave clauses out (a misspelt stop word): decide on text after them.
  if (parsed.clauses.length > 0) await addCorrections(db, parsed);
  const found = { parsed, matches: parsed.clauses.length > 0 ? await matchesOf(db, parsed) : undefined };
  searchCachesOf(db).matches.set(generation, key, found);
  return found;
}

/** Every matching algorithm's id, in the search's order: what a download of a search result holds. */
export async function searchAlgorithmIds(db: Kysely<Database>, params: SearchParams): Promise<number[]> {
  // The download of a search just made finds its text's matches kept.
  const { sort, memory, matches, filters } = await prepare(db, params, await facetMemoryOf(db));
  return memory.select({ matches, filters, sort, offset: 0, limit: Infinity, withCounts: false }).ids;
}

/** The search caches of a database: whole answers, the matches of recent texts, and the algorithm pages' similar algorithms. */
interface Caches {
  answers: ResultCache<SearchResult>;
  matches: ResultCache<TextMatches>;
  similar: ResultCache<SimilarAlgorithm[]>;
}
const caches = new WeakMap<Kysely<Database>, Caches>();

/** How many matched ids the matches of recent texts hold at most, all texts together (some 8 MB). */
const MATCHES_KEPT = 1_000_000;
/** The similar algorithms of this many pages at most. */
const SIMILAR_KEPT = 10_000;

function cachesOf(entries: number): Caches {
  const off = entries === 0;
  return {
    answers: new ResultCache(entries),
    matches: new ResultCache(off ? 0 : MATCHES_KEPT, ({ matches }) => 1 + (matches ? matches.ids.length + matches.rankedIds.length : 0)),
    similar: new ResultCache(off ? 0 : SIMILAR_KEPT),
  };
}

/** The search caches of `db` in this process: as `keepSearchAnswers` set them, else the default. */
export function searchCachesOf(db: Kysely<Database>): Caches {
  let kept = caches.get(db);
  if (!kept) caches.set(db, (kept = cachesOf(1000)));
  return kept;
}

/** The same search, written any way: filter values in order, defaults filled in. */
function cacheKey(params: SearchParams): string {
  const filters = Object.entries(params.filters ?? {})
    .filter(([, values]) => values && values.length > 0)
    .map(([facet, values]) => [facet, [...new Set(values)].sort()])
    .sort(([a], [b]) => (a < b ? -1 : 1));
  return JSON.stringify([params.q?.trim() ?? '', filters, params.sort ?? '', params.limit ?? 20, params.offset ?? 0, params.withoutFacets === true]);
}

/**
 * How many answers the searches of `db` keep in this process; 1,000 unless set. 0: none, and no
 * matches of recent texts or similar algorithms either: every search computed anew.
 */
export function keepSearchAnswers(db: Kysely<Database>, entries: number): void {
  caches.set(db, cachesOf(entries));
}

/**
 * A search's answer. Answers are shared between requests (result-cache.ts): callers read them,
 * never change them.
 */
export async function search(db: Kysely<Database>, params: SearchParams): Promise<SearchResult> {
  const cache = searchCachesOf(db);
  const key = cacheKey(params);
  const current = await facetMemoryOf(db);
  const cached = cache.answers.get(current.generation, key);
  if (cached) return cached;
  const result = await searchAnew(db, params, current);
  cache.answers.set(result.generation, key, result.answer);
  return result.answer;
}

async function searchAnew(db: Kysely<Database>, params: SearchParams, current: FacetMemory): Promise<{ generation: number; answer: SearchResult }> {
  const { parsed, sort, memory, matches, filters } = await prepare(db, params, current);
  const limit = Math.min(Math.max(params.limit ?? 20, 0), 1000);
  const offset = Math.max(params.offset ?? 0, 0);
  // The generation before selecting: the memory may move on while the page's rows are read, and
  // an answer must never be kept under a generation newer than what it was selected from.
  const generation = memory.generation;
  const selection = memory.select({ matches, filters, sort, offset, limit, withCounts: !params.withoutFacets });

  const rows = selection.ids.length
    ? await db
        .selectFrom('search_documents')
        .select(['algorithm_id', 'lars', 'name', 'description_short', 'organisation_code', 'organisation_name', 'organisation_type', 'published_at'])
        .where('algorithm_id', 'in', selection.ids)
        .execute()
    : [];
  const byId = new Map(rows.map((r) => [r.algorithm_id, r]));
  // A document removed between the selection and this read is left out.
  const page = selection.ids.flatMap((id) => byId.get(id) ?? []);

  const facets: Partial<Record<Facet, FacetCount[]>> = {};
  if (!params.withoutFacets) {
    for (const facet of FACETS) facets[facet] = [];
    for (const row of selection.counts) facets[row.facet]!.push({ value: row.value, count: row.count });
    for (const facet of FACETS) facets[facet]!.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  }

  const answer: SearchResult = {
    total: selection.total,
    sort,
    results: page.map((row) => ({
      ...row,
      name_html: highlightHtml(row.name, parsed.highlight),
      description_html: highlightHtml(row.description_short, parsed.highlight),
    })),
    facets,
  };
  return { generation, answer };
}
