/**
 * Searching the published register: free text ranked by relevance (or newest first, or by
 * name), facet filters (several values of a facet: any of them; several facets: all of them)
 * and the count of every facet value among the results of the other filters, so a visitor sees
 * what each choice would give. The same answers on both engines.
 */
import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { Database, SearchDocumentTable } from '../db/schema.ts';
import { FACETS, type Facet } from './facets.ts';
import { parseQuery } from './query.ts';
import { addCorrections } from './typo.ts';
import { searchEngineOf } from './engine.ts';
import { highlightHtml } from './highlight.ts';
import { indexGeneration } from './indexer.ts';

export const SORTS = ['relevance', 'newest', 'name'] as const;
export type Sort = (typeof SORTS)[number];

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

type Base = SelectQueryBuilder<Database & { m: { algorithm_id: number; rank: number } }, 'search_documents' | 'm', object>;

/** What every search shares: the parsed text (with its corrections), the order, and the matching documents. */
async function prepare(db: Kysely<Database>, params: SearchParams) {
  const parsed = parseQuery(params.q ?? '');
  // Corrections may also leave clauses out (a misspelt stop word): decide on text after them.
  if (parsed.clauses.length > 0) await addCorrections(db, parsed);
  const hasText = parsed.clauses.length > 0;
  const sort: Sort = params.sort && (params.sort !== 'relevance' || hasText) ? params.sort : hasText ? 'relevance' : 'newest';
  const filters = params.filters ?? {};

  /** The documents matching the text and every filter except `except`. */
  const matching = (except?: Facet): Base => {
    let q = db.selectFrom('search_documents') as unknown as Base;
    if (hasText) {
      q = q.innerJoin(sql<{ algorithm_id: number; rank: number }>`(${searchEngineOf(db).matching(parsed)})`.as('m'), (join) => join.onRef('m.algorithm_id', '=', 'search_documents.algorithm_id')) as unknown as Base;
    }
    for (const facet of FACETS) {
      const values = filters[facet];
      if (!values?.length || facet === except) continue;
      q = q.where('search_documents.algorithm_id', 'in', (eb) =>
        eb.selectFrom('search_facets').select('search_facets.algorithm_id').where('search_facets.facet', '=', facet).where('search_facets.value', 'in', values),
      );
    }
    return q;
  };
  return { parsed, hasText, sort, filters, matching };
}

/** Every matching algorithm's id, in the search's order: what a download of a search result holds. */
export async function searchAlgorithmIds(db: Kysely<Database>, params: SearchParams): Promise<number[]> {
  const { sort, hasText, matching } = await prepare(db, params);
  const rows = await ordered(matching(), sort, hasText).select('search_documents.algorithm_id').execute();
  return rows.map((r) => r.algorithm_id);
}

export async function search(db: Kysely<Database>, params: SearchParams): Promise<SearchResult> {
  const { parsed, hasText, sort, filters, matching } = await prepare(db, params);
  const limit = Math.min(Math.max(params.limit ?? 20, 0), 1000);
  const offset = Math.max(params.offset ?? 0, 0);

  const base = matching();
  const [{ total }, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
    limit === 0
      ? Promise.resolve([])
      : ordered(base, sort, hasText)
          .select([
            'search_documents.algorithm_id',
            'search_documents.lars',
            'search_documents.name',
            'search_documents.description_short',
            'search_documents.organisation_code',
            'search_documents.organisation_name',
            'search_documents.organisation_type',
            'search_documents.published_at',
          ])
          .limit(limit)
          .offset(offset)
          .execute(),
  ]);

  const facets: Partial<Record<Facet, FacetCount[]>> = {};
  if (!params.withoutFacets) {
    // A facet with a filter of its own counts among the results of the other filters (so its
    // other values show what choosing them adds); all other facets count among the results, in
    // one pass over the facet index.
    const own = FACETS.filter((f) => filters[f]?.length);
    const shared = FACETS.filter((f) => !filters[f]?.length);
    const count = (which: Facet[], within: Facet | undefined) => {
      // Without text or another filter every indexed algorithm counts: the facet index alone answers.
      const unrestricted = !hasText && FACETS.every((f) => f === within || !filters[f]?.length);
      const select = ['search_facets.facet', 'search_facets.value', sql<number>`count(*)`.as('count')] as const;
      if (unrestricted) return unrestrictedCounts(db, which);
      // The matching algorithms first, then their facet rows by algorithm: the work follows the
      // number of results, not the size of the register.
      // (Materialised, or a planner may start from the facet rows and test each against the text.)
      return db
        .with((cte) => cte('hits').materialized(), () => matching(within).select('search_documents.algorithm_id as id'))
        .selectFrom('hits')
        .innerJoin('search_facets', 'search_facets.algorithm_id', 'hits.id')
        .select(select)
        .where('search_facets.facet', 'in', which)
        .groupBy(['search_facets.facet', 'search_facets.value'])
        .execute();
    };
    const rows = (await Promise.all([shared.length ? count(shared, undefined) : [], ...own.map((f) => count([f], f))])).flat();
    for (const facet of FACETS) facets[facet] = [];
    for (const row of rows) facets[row.facet as Facet]!.push({ value: row.value, count: Number(row.count) });
    for (const facet of FACETS) facets[facet]!.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  }

  return {
    total: Number(total),
    sort,
    results: rows.map((row) => ({
      ...row,
      name_html: highlightHtml(row.name, parsed.highlight),
      description_html: highlightHtml(row.description_short, parsed.highlight),
    })),
    facets,
  };
}

type FacetRow = { facet: string; value: string; count: number };

/** Per database: the facet counts over the whole index, for the index generation they were counted in. */
const wholeIndexCounts = new WeakMap<Kysely<Database>, { generation: string; rows: FacetRow[] }>();

/**
 * Facet counts when nothing restricts them (the home page, an empty search): counted once per
 * index generation and process, as they change only when the index does.
 */
async function unrestrictedCounts(db: Kysely<Database>, which: Facet[]): Promise<FacetRow[]> {
  const generation = await indexGeneration(db);
  let cached = wholeIndexCounts.get(db);
  if (!cached || cached.generation !== generation) {
    const rows = await db
      .selectFrom('search_facets')
      .select(['facet', 'value', sql<number>`count(*)`.as('count')])
      .groupBy(['facet', 'value'])
      .execute();
    cached = { generation, rows: rows.map((r) => ({ facet: r.facet, value: r.value, count: Number(r.count) })) };
    // The generation is read before counting: a change that lands in between makes the next search count again.
    wholeIndexCounts.set(db, cached);
  }
  return cached.rows.filter((r) => (which as string[]).includes(r.facet));
}

function ordered(q: Base, sort: Sort, hasText: boolean): Base {
  switch (sort) {
    case 'relevance':
      return (hasText ? q.orderBy(sql`m.rank`, 'desc') : q)
        .orderBy('search_documents.published_at', 'desc')
        .orderBy('search_documents.algorithm_id', 'desc');
    case 'newest':
      return q.orderBy('search_documents.published_at', 'desc').orderBy('search_documents.algorithm_id', 'desc');
    case 'name':
      return q.orderBy('search_documents.sort_name', 'asc').orderBy('search_documents.algorithm_id', 'asc');
  }
}

