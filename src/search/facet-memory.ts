/**
 * The search index's facets and sort keys in memory, one copy per process and database: the
 * facet values of every indexed algorithm, its publication time and its sort name. A search
 * filters, counts and orders here; the database only matches the text and fetches the rows of
 * the page shown. So a search costs the same whether it finds ten algorithms or all of them.
 *
 * Kept current through the index's change log (indexer.ts): every search first reads the
 * generation and, when it moved, reloads just the algorithms that changed (or everything, when
 * this process is further behind than the log reaches).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { FACETS, type Facet } from './facets.ts';
import { changesSince, indexGeneration } from './indexer.ts';

export interface MemoryDocument {
  id: number;
  /** Publication time in milliseconds, for newest first. */
  published: number;
  sortName: string;
  /** Codes of its (facet, value) pairs; see `FacetMemory.values`. */
  codes: number[];
}

export type Sort = 'relevance' | 'newest' | 'name';
export type Filters = Partial<Record<Facet, string[]>>;

export interface FacetRow {
  facet: Facet;
  value: string;
  count: number;
}

export interface Selection {
  total: number;
  /** Ids of the page asked for, in order. */
  ids: number[];
  /** Counts of every facet value: among the results, or for a facet with a filter of its own, among the results of the other filters. */
  counts: FacetRow[];
}

export interface SelectOptions {
  /** The text's matches with their rank (higher is better); undefined: every document. */
  matches?: Map<number, number>;
  filters: Filters;
  sort: Sort;
  offset: number;
  /** How many ids to return; Infinity for all of them. */
  limit: number;
  withCounts: boolean;
}

const FACET_INDEX = new Map<Facet, number>(FACETS.map((f, i) => [f, i]));
const key = (facet: Facet, value: string) => `${facet}\u0000${value}`;

export class FacetMemory {
  generation = 0;
  private readonly docs = new Map<number, MemoryDocument>();
  /** Every (facet, value) pair by its code; codes are never reused while the process lives. */
  private readonly values: { facet: Facet; facetIndex: number; value: string }[] = [];
  private readonly codeOf = new Map<string, number>();
  /** Counts over the whole index, kept until the index changes. */
  private wholeIndexCounts?: Int32Array;

  get size(): number {
    return this.docs.size;
  }

  private code(facet: Facet, value: string): number {
    const k = key(facet, value);
    let code = this.codeOf.get(k);
    if (code === undefined) {
      code = this.values.length;
      this.values.push({ facet, facetIndex: FACET_INDEX.get(facet)!, value });
      this.codeOf.set(k, code);
    }
    return code;
  }

  /** Reads the documents `ids` (all of them when 'all') afresh from the index tables. */
  async load(db: Kysely<Database>, ids: number[] | 'all'): Promise<void> {
    this.wholeIndexCounts = undefined;
    if (ids === 'all') {
      this.docs.clear();
      let after = 0;
      for (;;) {
        const batch = await readDocuments(db, (q) => q.where('algorithm_id', '>', after).orderBy('algorithm_id').limit(20_000));
        if (batch.docs.length === 0) break;
        this.put(batch);
        after = batch.docs[batch.docs.length - 1].algorithm_id;
      }
      return;
    }
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      for (const id of chunk) this.docs.delete(id);
      this.put(await readDocuments(db, (q) => q.where('algorithm_id', 'in', chunk)));
    }
  }

  private put({ docs, facets }: DocumentRows): void {
    const codes = new Map<number, number[]>();
    for (const row of facets) {
      let list = codes.get(row.algorithm_id);
      if (!list) codes.set(row.algorithm_id, (list = []));
      list.push(this.code(row.facet as Facet, row.value));
    }
    for (const doc of docs) {
      this.docs.set(doc.algorithm_id, { id: doc.algorithm_id, published: Date.parse(doc.published_at), sortName: doc.sort_name, codes: codes.get(doc.algorithm_id) ?? [] });
    }
  }

  /** Filters, counts and orders: see `SelectOptions`. */
  select({ matches, filters, sort, offset, limit, withCounts }: SelectOptions): Selection {
    // The filter of each facet that has one, as the set of codes any of which lets a document pass.
    const filtered: { facetIndex: number; codes: Set<number> }[] = [];
    for (const facet of FACETS) {
      const values = filters[facet];
      if (!values?.length) continue;
      const codes = new Set<number>();
      for (const value of values) {
        const code = this.codeOf.get(key(facet, value));
        if (code !== undefined) codes.add(code);
      }
      filtered.push({ facetIndex: FACET_INDEX.get(facet)!, codes });
    }

    const unrestricted = !matches && filtered.length === 0;
    const counting = withCounts && !(unrestricted && this.wholeIndexCounts);
    const counts = counting ? new Int32Array(this.values.length) : undefined;
    const hits: MemoryDocument[] = [];
    const candidates: Iterable<MemoryDocument> = matches ? this.matched(matches) : this.docs.values();
    for (const doc of candidates) {
      // Which filter the document fails, if exactly one: it then counts towards that facet only
      // (the facet's values count among the results of the other filters).
      let fails = 0;
      let failed = -1;
      for (const filter of filtered) {
        if (!doc.codes.some((c) => filter.codes.has(c))) {
          fails++;
          failed = filter.facetIndex;
          if (fails > 1) break;
        }
      }
      if (fails === 0) {
        hits.push(doc);
        if (counts) for (const c of doc.codes) counts[c]++;
      } else if (fails === 1 && counts) {
        for (const c of doc.codes) if (this.values[c].facetIndex === failed) counts[c]++;
      }
    }
    if (unrestricted && withCounts) this.wholeIndexCounts ??= counts;

    const compare = comparator(sort, matches);
    const wanted = offset + limit;
    const ordered = wanted === 0 ? [] : wanted >= hits.length ? hits.sort(compare) : firstInOrder(hits, wanted, compare);
    const ids = ordered.slice(offset, wanted).map((d) => d.id);

    const rows: FacetRow[] = [];
    const source = counts ?? (withCounts ? this.wholeIndexCounts : undefined);
    if (source) source.forEach((count, c) => count > 0 && rows.push({ facet: this.values[c].facet, value: this.values[c].value, count }));
    return { total: hits.length, ids, counts: rows };
  }

  private *matched(matches: Map<number, number>): Iterable<MemoryDocument> {
    for (const id of matches.keys()) {
      const doc = this.docs.get(id);
      if (doc) yield doc;
    }
  }
}

function comparator(sort: Sort, matches: Map<number, number> | undefined): (a: MemoryDocument, b: MemoryDocument) => number {
  const newest = (a: MemoryDocument, b: MemoryDocument) => b.published - a.published || b.id - a.id;
  switch (sort) {
    case 'relevance':
      return matches ? (a, b) => matches.get(b.id)! - matches.get(a.id)! || newest(a, b) : newest;
    case 'newest':
      return newest;
    case 'name':
      return (a, b) => (a.sortName < b.sortName ? -1 : a.sortName > b.sortName ? 1 : a.id - b.id);
  }
}

/** The first `k` of `items` in order, without sorting them all: one pass keeping the best k. */
function firstInOrder<T>(items: T[], k: number, compare: (a: T, b: T) => number): T[] {
  const best: T[] = [];
  for (const item of items) {
    if (best.length === k && compare(item, best[k - 1]) >= 0) continue;
    let lo = 0;
    let hi = best.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compare(item, best[mid]) < 0) hi = mid;
      else lo = mid + 1;
    }
    best.splice(lo, 0, item);
    if (best.length > k) best.pop();
  }
  return best;
}

interface DocumentRows {
  docs: { algorithm_id: number; published_at: string; sort_name: string }[];
  facets: { algorithm_id: number; facet: string; value: string }[];
}

type DocumentQuery = ReturnType<typeof documentQuery>;
const documentQuery = (db: Kysely<Database>) => db.selectFrom('search_documents').select(['algorithm_id', 'published_at', 'sort_name']);

async function readDocuments(db: Kysely<Database>, which: (q: DocumentQuery) => DocumentQuery): Promise<DocumentRows> {
  const docs = await which(documentQuery(db)).execute();
  if (docs.length === 0) return { docs, facets: [] };
  const first = docs[0].algorithm_id;
  const last = docs[docs.length - 1].algorithm_id;
  const ids = docs.map((d) => d.algorithm_id);
  // A whole range at once (the full load reads in id order), else the ids themselves.
  const facets = await db
    .selectFrom('search_facets')
    .select(['algorithm_id', 'facet', 'value'])
    .$call((q) => (ids.length > 500 ? q.where('algorithm_id', '>=', first).where('algorithm_id', '<=', last) : q.where('algorithm_id', 'in', ids)))
    .execute();
  return { docs, facets };
}

/** Per database: its facet memory, and the catching up in progress (one at a time). */
const memories = new WeakMap<Kysely<Database>, { memory: FacetMemory; catchingUp?: Promise<void> }>();

/**
 * The facet memory of `db`, current as of this moment: at least every change committed before
 * the call is in it.
 */
export async function facetMemoryOf(db: Kysely<Database>): Promise<FacetMemory> {
  let entry = memories.get(db);
  if (!entry) memories.set(db, (entry = { memory: new FacetMemory() }));
  const current = await indexGeneration(db);
  while (entry.memory.generation < current) {
    entry.catchingUp ??= catchUp(db, entry.memory).finally(() => (entry.catchingUp = undefined));
    await entry.catchingUp;
  }
  return entry.memory;
}

/** Brings the memory to the generation the database is at now (read first: changes that land meanwhile are read again next time). */
async function catchUp(db: Kysely<Database>, memory: FacetMemory): Promise<void> {
  const current = await indexGeneration(db);
  await memory.load(db, memory.generation === 0 ? 'all' : await changesSince(db, memory.generation, current));
  memory.generation = current;
}
