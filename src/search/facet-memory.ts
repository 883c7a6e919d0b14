/**
 * The search index's facets and sort keys in memory, one copy per process and database: the
 * facet values of every indexed algorithm, its publication time and its sort name. A search
 * filters, counts and orders here; the database only matches the text and fetches the rows of
 * the page shown. So a search costs about the same whether it finds ten algorithms or all.
 *
 * Kept current through the index's change log (indexer.ts): every search first reads the
 * generation and, when it moved, reloads just the algorithms that changed (or everything, when
 * this process is further behind than the log reaches).
 *
 * The documents live in slots of flat typed arrays (a slot per document, its facet value codes
 * in one shared array), so that a pass over 100,000 of them is a few milliseconds and makes no
 * garbage. A changed document gets a new slot; the old one is marked free and the arrays are
 * compacted when half of them is free.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { FACETS, type Facet } from './facets.ts';
import { changesSince, indexGeneration } from './indexer.ts';
import type { Matches } from './engine.ts';

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
  /** The text's matches and their ranks; undefined: every document. */
  matches?: Matches;
  filters: Filters;
  sort: Sort;
  offset: number;
  /** How many ids to return; Infinity for all of them. */
  limit: number;
  withCounts: boolean;
}

/** Algorithm ids below this are found through a typed array (4 bytes each), any others through a Map. */
const DENSE_IDS = 1 << 24;
const FACET_INDEX = new Map<Facet, number>(FACETS.map((f, i) => [f, i]));
const key = (facet: Facet, value: string) => `${facet}\u0000${value}`;

function grown<T extends Int32Array | Float64Array>(array: T, size: number): T {
  if (array.length >= size) return array;
  const bigger = new (array.constructor as new (n: number) => T)(Math.max(size, array.length * 2, 1024));
  bigger.set(array);
  return bigger;
}

export class FacetMemory {
  generation = 0;
  /**
   * Slot of each algorithm id: slot + 1 at the id's index (0: none), for the ids below DENSE_IDS
   * (database ids count up from 1); a search looks up every match, so this is a typed array, not a Map.
   */
  private slotById = new Int32Array(0);
  /** Slots of any larger ids. */
  private readonly slotOfLargeId = new Map<number, number>();
  /** Per slot: algorithm id (-1: free), publication time, sort name, rank in the search being selected, and its codes (start, count). */
  private ids = new Int32Array(0);
  private published = new Float64Array(0);
  private sortNames: string[] = [];
  private ranks = new Float64Array(0);
  private codeStart = new Int32Array(0);
  private codeCount = new Int32Array(0);
  private slots = 0;
  private free = 0;
  /** The facet value codes of all slots, each slot's side by side. */
  private codes = new Int32Array(0);
  private codesUsed = 0;
  /** Every (facet, value) pair by its code; codes are never reused while the process lives. */
  private readonly values: { facet: Facet; facetIndex: number; value: string }[] = [];
  private readonly codeOf = new Map<string, number>();
  /** Counts over the whole index, kept until the index changes. */
  private wholeIndexCounts?: Int32Array;

  get size(): number {
    return this.slots - this.free;
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

  /** Loads the whole index (into an empty memory). */
  async loadAll(db: Kysely<Database>): Promise<void> {
    let after = 0;
    for (;;) {
      const batch = await readDocuments(db, (q) => q.where('algorithm_id', '>', after).orderBy('algorithm_id').limit(5_000));
      if (batch.docs.length === 0) break;
      this.put(batch);
      after = batch.docs[batch.docs.length - 1].algorithm_id;
    }
  }

  /**
   * Reads the documents `ids` afresh from the index tables, then swaps them in at once: a search
   * running meanwhile sees them before or after, never half.
   */
  async reload(db: Kysely<Database>, ids: number[]): Promise<void> {
    const read: DocumentRows[] = [];
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      read.push(await readDocuments(db, (q) => q.where('algorithm_id', 'in', chunk)));
    }
    for (const id of ids) this.remove(id);
    for (const rows of read) this.put(rows);
    this.wholeIndexCounts = undefined;
    if (this.free > 1000 && this.free > this.slots / 2) this.compact();
  }

  private slotOf(id: number): number | undefined {
    if (id >= 0 && id < DENSE_IDS) {
      const slot = id < this.slotById.length ? this.slotById[id] - 1 : -1;
      return slot >= 0 ? slot : undefined;
    }
    return this.slotOfLargeId.get(id);
  }

  private setSlot(id: number, slot: number | undefined): void {
    if (id >= 0 && id < DENSE_IDS) {
      this.slotById = grown(this.slotById, id + 1);
      this.slotById[id] = slot === undefined ? 0 : slot + 1;
    } else if (slot === undefined) this.slotOfLargeId.delete(id);
    else this.slotOfLargeId.set(id, slot);
  }

  private clear(): void {
    this.slotById = new Int32Array(0);
    this.slotOfLargeId.clear();
    this.slots = this.free = this.codesUsed = 0;
    this.sortNames = [];
  }

  private remove(id: number): void {
    const slot = this.slotOf(id);
    if (slot === undefined) return;
    this.setSlot(id, undefined);
    this.ids[slot] = -1;
    this.sortNames[slot] = '';
    this.free++;
  }

  private add(id: number, published: number, sortName: string, codes: number[]): void {
    const slot = this.slots++;
    this.ids = grown(this.ids, this.slots);
    this.published = grown(this.published, this.slots);
    this.ranks = grown(this.ranks, this.slots);
    this.codeStart = grown(this.codeStart, this.slots);
    this.codeCount = grown(this.codeCount, this.slots);
    this.codes = grown(this.codes, this.codesUsed + codes.length);
    this.ids[slot] = id;
    this.published[slot] = published;
    this.sortNames[slot] = sortName;
    this.codeStart[slot] = this.codesUsed;
    this.codeCount[slot] = codes.length;
    this.codes.set(codes, this.codesUsed);
    this.codesUsed += codes.length;
    this.setSlot(id, slot);
  }

  /** The live slots anew, in order, without the free ones. */
  private compact(): void {
    const live: number[] = [];
    for (let slot = 0; slot < this.slots; slot++) if (this.ids[slot] >= 0) live.push(slot);
    const rows = live.map((slot) => ({
      id: this.ids[slot],
      published: this.published[slot],
      sortName: this.sortNames[slot],
      codes: Array.from(this.codes.subarray(this.codeStart[slot], this.codeStart[slot] + this.codeCount[slot])),
    }));
    this.clear();
    for (const r of rows) this.add(r.id, r.published, r.sortName, r.codes);
  }

  private put({ docs, facets }: DocumentRows): void {
    const codes = new Map<number, number[]>();
    for (const row of facets) {
      let list = codes.get(row.algorithm_id);
      if (!list) codes.set(row.algorithm_id, (list = []));
      list.push(this.code(row.facet as Facet, row.value));
    }
    for (const doc of docs) this.add(doc.algorithm_id, Date.parse(doc.published_at), doc.sort_name, codes.get(doc.algorithm_id) ?? []);
  }

  /** Filters, counts and orders: see `SelectOptions`. Runs without pause (the ranks are scratch space of one call). */
  select({ matches, filters, sort, offset, limit, withCounts }: SelectOptions): Selection {
    const { ids, codes, codeStart, codeCount, values } = this;
    // Each facet with a filter: a mark per code that lets a document pass (any one of them does).
    const filtered: { facetIndex: number; passes: Uint8Array }[] = [];
    for (const facet of FACETS) {
      const wanted = filters[facet];
      if (!wanted?.length) continue;
      const passes = new Uint8Array(values.length);
      for (const value of wanted) {
        const code = this.codeOf.get(key(facet, value));
        if (code !== undefined) passes[code] = 1;
      }
      filtered.push({ facetIndex: FACET_INDEX.get(facet)!, passes });
    }

    // The candidates: the matched slots (with their ranks), or every live slot.
    let candidates: Int32Array;
    let count = 0;
    if (matches) {
      candidates = new Int32Array(matches.ids.length);
      for (const id of matches.ids) {
        const slot = this.slotOf(id);
        if (slot === undefined) continue;
        this.ranks[slot] = 0;
        candidates[count++] = slot;
      }
      for (let i = 0; i < matches.rankedIds.length; i++) {
        const slot = this.slotOf(matches.rankedIds[i]);
        if (slot !== undefined) this.ranks[slot] = matches.ranks[i];
      }
    } else {
      candidates = new Int32Array(this.slots);
      for (let slot = 0; slot < this.slots; slot++) if (ids[slot] >= 0) candidates[count++] = slot;
    }

    const unrestricted = !matches && filtered.length === 0;
    const cached = unrestricted ? this.wholeIndexCounts : undefined;
    const counts = withCounts && !cached ? new Int32Array(values.length) : undefined;
    const hits = new Int32Array(count);
    let total = 0;
    for (let i = 0; i < count; i++) {
      const slot = candidates[i];
      const start = codeStart[slot];
      const end = start + codeCount[slot];
      // Which filter the document fails, if exactly one: it then counts towards that facet only
      // (a facet with a filter counts its values among the results of the other filters).
      let fails = 0;
      let failed = -1;
      for (const filter of filtered) {
        let pass = false;
        for (let c = start; c < end && !pass; c++) pass = filter.passes[codes[c]] === 1;
        if (!pass) {
          failed = filter.facetIndex;
          if (++fails > 1) break;
        }
      }
      if (fails === 0) {
        hits[total++] = slot;
        if (counts) for (let c = start; c < end; c++) counts[codes[c]]++;
      } else if (fails === 1 && counts) {
        for (let c = start; c < end; c++) if (values[codes[c]].facetIndex === failed) counts[codes[c]]++;
      }
    }
    if (unrestricted && counts) this.wholeIndexCounts = counts;

    const compare = this.comparator(sort, matches !== undefined);
    const wanted = Math.min(offset + limit, total);
    const ordered = wanted === 0 ? [] : wanted === total ? Array.from(hits.subarray(0, total)).sort(compare) : firstInOrder(hits, total, wanted, compare);
    const pageIds = ordered.slice(offset, wanted).map((slot) => ids[slot]);

    const rows: FacetRow[] = [];
    const source = counts ?? (withCounts ? cached : undefined);
    if (source) source.forEach((n, c) => n > 0 && rows.push({ facet: values[c].facet, value: values[c].value, count: n }));
    return { total, ids: pageIds, counts: rows };
  }

  private comparator(sort: Sort, ranked: boolean): (a: number, b: number) => number {
    const { ids, published, ranks, sortNames } = this;
    const newest = (a: number, b: number) => published[b] - published[a] || ids[b] - ids[a];
    switch (sort) {
      case 'relevance':
        return ranked ? (a, b) => ranks[b] - ranks[a] || newest(a, b) : newest;
      case 'newest':
        return newest;
      case 'name':
        return (a, b) => (sortNames[a] < sortNames[b] ? -1 : sortNames[a] > sortNames[b] ? 1 : ids[a] - ids[b]);
    }
  }
}

/** The first `k` of the first `n` items in order, without sorting them all: one pass keeping the best k. */
function firstInOrder(items: Int32Array, n: number, k: number, compare: (a: number, b: number) => number): number[] {
  const best: number[] = [];
  for (let i = 0; i < n; i++) {
    const item = items[i];
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
  const ids = docs.map((d) => d.algorithm_id);
  // A whole range at once (the full load reads in id order), else the ids themselves.
  const facets = await db
    .selectFrom('search_facets')
    .select(['algorithm_id', 'facet', 'value'])
    .$call((q) => (ids.length > 500 ? q.where('algorithm_id', '>=', ids[0]).where('algorithm_id', '<=', ids[ids.length - 1]) : q.where('algorithm_id', 'in', ids)))
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
    const e = entry;
    e.catchingUp ??= catchUp(db, e).finally(() => (e.catchingUp = undefined));
    await e.catchingUp;
  }
  return entry.memory;
}

/**
 * Brings the memory to the generation the database is at now (read first: changes that land
 * meanwhile are read again next time). Everything anew goes into a new memory that replaces the
 * old one when complete; searches holding the old one finish with it.
 */
async function catchUp(db: Kysely<Database>, entry: { memory: FacetMemory }): Promise<void> {
  const current = await indexGeneration(db);
  const changed = entry.memory.generation === 0 ? 'all' : await changesSince(db, entry.memory.generation, current);
  if (changed === 'all') {
    const fresh = new FacetMemory();
    await fresh.loadAll(db);
    fresh.generation = current;
    entry.memory = fresh;
  } else {
    await entry.memory.reload(db, changed);
    entry.memory.generation = current;
  }
}
