/**
 * Keeps the search index equal to what is published. The register calls `reindexAlgorithms`
 * in the same transaction as every change of what is public (publish, retract, removal,
 * imports that publish), so a search never shows what is gone nor misses what is new.
 * `ensureSearchIndex` rebuilds everything at start-up when the analysis (stemmer, synonyms)
 * changed since the index was built.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { toIndexedDocument, type IndexedDocument } from './document.ts';
import { SYNONYMS_HASH } from './synonyms.ts';
import { withholding } from '../register/publication-exclusion.ts';
import { publishedVersions, withheldOf } from '../register/published.ts';

/** Bump when analysis or document building changes in a way that needs a rebuild. */
const ANALYSIS_VERSION = '4';
const INDEX_VERSION = `${ANALYSIS_VERSION}:${SYNONYMS_HASH}`;
const CHUNK = 200;

/** What the public may know of (`publishedVersions`: none excluded from publication), with what the index needs. */
function publishedRows(db: Kysely<Database>) {
  return publishedVersions(db, {}).select([
    'a.id as algorithm_id',
    'v.id as version_id',
    'a.lars',
    'v.content',
    'v.published_at',
    'o.code as organisation_code',
    'o.name as organisation_name',
    'o.type as organisation_type',
    'e.scope as exclusion_scope',
    'e.withheld_fields',
  ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof publishedRows>['execute']>>[number];

/** The documents of published rows as the public may see them: no withheld field. */
const documentsOf = (rows: Row[]): IndexedDocument[] => rows.map((row) => toIndexedDocument({ ...row, content: withholding(JSON.parse(row.content), withheldOf(row)) }));

const TERM_COLUMNS = ['title_terms', 'summary_terms', 'organisation_terms', 'body_terms'] as const;
type TermColumns = Pick<IndexedDocument, (typeof TERM_COLUMNS)[number]>;

/**
 * Keeps `search_terms` the vocabulary of the index with each stem's number of documents (for
 * typo tolerance and for picking the telling words of "similar algorithms"): +1 per document
 * that enters, -1 per document that leaves, one statement per 500 stems.
 */
async function countTerms(db: Kysely<Database>, docs: TermColumns[], sign: 1 | -1): Promise<void> {
  const counts = new Map<string, number>();
  for (const doc of docs) {
    const distinct = new Set<string>();
    for (const column of TERM_COLUMNS) for (const term of doc[column].split(' ')) if (term.length >= 3 && term.length <= 100 && !/^[0-9]+$/.test(term)) distinct.add(term);
    for (const term of distinct) counts.set(term, (counts.get(term) ?? 0) + sign);
  }
  // In one order for every transaction, so that concurrent publishes, which touch the same
  // common stems, wait for each other instead of deadlocking.
  const rows = [...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([term, documents]) => ({ term, documents }));
  for (let j = 0; j < rows.length; j += 500) {
    await db
      .insertInto('search_terms')
      .values(rows.slice(j, j + 500))
      .onConflict((oc) => oc.column('term').doUpdateSet({ documents: (eb) => eb('search_terms.documents', '+', eb.ref('excluded.documents')) }))
      .execute();
  }
}

async function removeDocuments(db: Kysely<Database>, ids: number[]): Promise<void> {
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK);
    const leaving = await db.selectFrom('search_documents').select(TERM_COLUMNS).where('algorithm_id', 'in', chunk).execute();
    await countTerms(db, leaving, -1);
    await db.deleteFrom('search_facets').where('algorithm_id', 'in', chunk).execute();
    await db.deleteFrom('search_documents').where('algorithm_id', 'in', chunk).execute();
  }
}

async function insertDocuments(db: Kysely<Database>, docs: IndexedDocument[]): Promise<void> {
  for (let i = 0; i < docs.length; i += CHUNK) {
    const chunk = docs.slice(i, i + CHUNK);
    await db
      .insertInto('search_documents')
      .values(chunk.map(({ facets: _facets, ...row }) => row))
      .execute();
    const facets = chunk.flatMap((d) => d.facets.map(([facet, value]) => ({ algorithm_id: d.algorithm_id, facet, value: value.slice(0, 200) })));
    for (let j = 0; j < facets.length; j += 500) await db.insertInto('search_facets').values(facets.slice(j, j + 500)).execute();
    await countTerms(db, chunk, +1);
  }
}

/** Makes the index hold exactly the current published version of each of `algorithmIds` (none when unpublished or removed). */
export async function reindexAlgorithms(db: Kysely<Database>, algorithmIds: number[]): Promise<void> {
  if (algorithmIds.length === 0) return;
  const ids = [...new Set(algorithmIds)];
  await removeDocuments(db, ids);
  for (let i = 0; i < ids.length; i += CHUNK) {
    const rows = await publishedRows(db).where('a.id', 'in', ids.slice(i, i + CHUNK)).execute();
    await insertDocuments(db, documentsOf(rows));
  }
  await markChanged(db, ids);
}

/** How many generations the change log keeps; a process further behind reloads everything. */
export const CHANGES_KEPT = 1000;
/** The algorithm id in the change log that stands for "everything changed". */
export const ALL_CHANGED = 0;

/**
 * A new index generation, logged with the algorithms it changed, at the end of the transaction
 * that changed them. The counter's row stays locked until that transaction commits, so
 * generations become visible in their order: whoever sees generation n sees every change up to n.
 */
async function markChanged(db: Kysely<Database>, ids: number[] | typeof ALL_CHANGED): Promise<void> {
  const { value } = await db
    .updateTable('search_meta')
    .set({ value: sql<string>`cast(cast(value as integer) + 1 as varchar(40))` })
    .where('key', '=', 'generation')
    .returning('value')
    .executeTakeFirstOrThrow();
  const generation = Number(value);
  const changed = ids === ALL_CHANGED ? [ALL_CHANGED] : ids;
  for (let i = 0; i < changed.length; i += 500) {
    await db.insertInto('search_changes').values(changed.slice(i, i + 500).map((algorithm_id) => ({ generation, algorithm_id }))).execute();
  }
  if (generation % 100 === 0) await db.deleteFrom('search_changes').where('generation', '<=', generation - CHANGES_KEPT).execute();
}

/** The index's current generation; it grows in the same transaction as every change of the index. */
export async function indexGeneration(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('search_meta').select('value').where('key', '=', 'generation').executeTakeFirst();
  return Number(row?.value ?? 0);
}

/**
 * What changed after generation `since` up to `current`, or 'all' when the log no longer reaches
 * back that far (or a rebuild changed everything).
 */
export async function changesSince(db: Kysely<Database>, since: number, current: number): Promise<number[] | 'all'> {
  const rows = await db
    .selectFrom('search_changes')
    .select(['generation', 'algorithm_id'])
    .where('generation', '>', since)
    .where('generation', '<=', current)
    .orderBy('generation')
    .execute();
  const complete = rows.length > 0 && Number(rows[0].generation) === since + 1 && Number(rows[rows.length - 1].generation) === current;
  if (!complete || rows.some((r) => r.algorithm_id === ALL_CHANGED)) return 'all';
  return [...new Set(rows.map((r) => r.algorithm_id))];
}

/** The whole index anew, page by page (keyset on the algorithm id), each page its own transaction. */
export async function rebuildSearchIndex(db: Kysely<Database>, onProgress?: (done: number) => void): Promise<number> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('search_facets').execute();
    await trx.deleteFrom('search_documents').execute();
    await trx.deleteFrom('search_terms').execute();
  });
  let after = 0;
  let done = 0;
  for (;;) {
    const rows = await publishedRows(db).where('a.id', '>', after).orderBy('a.id').limit(1000).execute();
    if (rows.length === 0) break;
    await db.transaction().execute(async (trx) => insertDocuments(trx, documentsOf(rows)));
    after = rows[rows.length - 1].algorithm_id;
    done += rows.length;
    onProgress?.(done);
  }
  await recordIndexVersion(db);
  await markChanged(db, ALL_CHANGED);
  return done;
}

/** Records that the index is of the current analysis and dictionary. */
async function recordIndexVersion(db: Kysely<Database>): Promise<void> {
  await db
    .insertInto('search_meta')
    .values({ key: 'index_version', value: INDEX_VERSION })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: INDEX_VERSION }))
    .execute();
}

/** Rebuilds the index when it was built by another analysis or dictionary (or never). True when it did. */
export async function ensureSearchIndex(db: Kysely<Database>): Promise<boolean> {
  if (await startNewSearchIndex(db)) return false;
  await rebuildSearchIndex(db);
  return true;
}

/**
 * True when the index is of the current analysis and dictionary. So is an index of a database
 * where nothing is published yet (a new one): that is recorded, and whatever is published next is
 * indexed the current way, so that `serve` does not index it again at its next start. Commands
 * that publish beside a serving register (`import`, `seed`) call this and leave a rebuild to
 * `serve` and `search reindex`; processes starting side by side then only record the same thing.
 */
export async function startNewSearchIndex(db: Kysely<Database>): Promise<boolean> {
  const row = await db.selectFrom('search_meta').select('value').where('key', '=', 'index_version').executeTakeFirst();
  if (row?.value === INDEX_VERSION) return true;
  if (await publishedRows(db).limit(1).executeTakeFirst()) return false;
  await recordIndexVersion(db);
  return true;
}
