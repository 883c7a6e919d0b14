/**
 * What the public may read in bulk: the published versions (Dutch, of algorithms that were not
 * removed), for downloads, feeds, the sitemap and the catalogue. Read page by page with keyset
 * paging on the version id, so memory stays flat however large the register.
 *
 * "Current" is the published version of each algorithm. "History" is every version that was
 * ever published: the current ones and those since superseded or retracted, exactly the versions
 * that the public version history (`publicHistory`, `/api/v1/algorithms/{lars}/versions`) shows.
 */
import { withholding, type Withholding } from './publication-exclusion.ts';
import { sql, type Kysely } from 'kysely';
import { bulkPageSize, bulkText, bulkTextValue } from '../db/bulk-read.ts';
import type { Database } from '../db/schema.ts';
import type { AlgorithmContent } from '../standard/types.ts';
import { LANGUAGE } from './algorithms.ts';

export interface PublishedRow {
  lars: string;
  organisation_code: string;
  organisation_name: string;
  standard_version: string | null;
  version_id: number;
  /** When the version was published. */
  version_date: string;
  state: string;
  content: AlgorithmContent;
}

export interface PublishedFilter {
  /** Every version ever published, not only the current ones. */
  history?: boolean;
  /** Only this organisation's algorithms (by code). */
  organisation?: string;
  /** Only this organisation's algorithms (by id). */
  organisationId?: number;
  /** Only versions with this theme (a value of the standard's `category`). */
  theme?: string;
}

/** A LIKE pattern for text that holds `text` anywhere; `\` is the escape character. */
const containing = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

const hasTheme = (content: AlgorithmContent, theme: string) => Array.isArray(content.category) && (content.category as unknown[]).includes(theme);

/**
 * The published versions the public may know of, with their algorithm (`a`), organisation (`o`)
 * and the exclusion in force (`e`: its scope and withheld fields, to be applied with `withholding`).
 * Every public listing starts here, so none shows an algorithm excluded from publication.
 */
export function publishedVersions(db: Kysely<Database>, filter: PublishedFilter) {
  let q = db
    .selectFrom('versions as v')
    .innerJoin('algorithms as a', 'a.id', 'v.algorithm_id')
    .innerJoin('organisations as o', 'o.id', 'a.organisation_id')
    // The exclusion in force, if any (at most one per algorithm): read with the row, not asked for
    // apart. An algorithm excluded from publication is in nothing public, not even by its LARS.
    .leftJoin('exclusions as e', (join) => join.onRef('e.algorithm_id', '=', 'a.id').on('e.state', '=', 'active'))
    .where((eb) => eb.or([eb('e.scope', 'is', null), eb('e.scope', '!=', 'not_published')]))
    .where('v.language', '=', LANGUAGE)
    .where('a.removed_at', 'is', null);
  q = filter.history ? q.where('v.published_at', 'is not', null) : q.where('v.state', '=', 'PUBLISHED');
  if (filter.organisation !== undefined) q = q.where('o.code', '=', filter.organisation);
  if (filter.organisationId !== undefined) q = q.where('a.organisation_id', '=', filter.organisationId);
  // The content is JSON text: a version with the theme holds it as a JSON string. This narrows the
  // rows cheaply on both engines; the content itself decides (see `hasTheme`).
  if (filter.theme !== undefined) q = q.where(sql<boolean>`v.content like ${containing(JSON.stringify(filter.theme))} escape '\\'`);
  return q;
}

const rowColumns = (db: Kysely<Database>) =>
  [
    'a.id as algorithm_id',
    'a.lars',
    'o.code',
    'o.name',
    'v.id',
    'v.standard_version',
    'v.published_at',
    'v.create_dt',
    'v.state',
    bulkText(db, 'v.content').as('content'),
    'e.scope as exclusion_scope',
    'e.withheld_fields',
  ] as const;

type RawRow = {
  algorithm_id: number;
  lars: string;
  code: string;
  name: string;
  id: number;
  standard_version: string | null;
  published_at: string | null;
  create_dt: string;
  state: string;
  content: Buffer;
  exclusion_scope: string | null;
  withheld_fields: string | null;
};

/** What the exclusion in force read with a row of `publishedVersions` withholds. */
export const withheldOf = (row: { exclusion_scope: string | null; withheld_fields: string | null }): Withholding | undefined =>
  row.exclusion_scope ? { notPublished: row.exclusion_scope === 'not_published', fields: JSON.parse(row.withheld_fields ?? '[]') as string[] } : undefined;

/** The rows as the public may see them (no withheld field), each made when it is asked for. */
function* publicRows(rows: RawRow[]): Generator<PublishedRow> {
  for (const r of rows) yield toRow(r, withheldOf(r));
}

function toRow(r: RawRow, withheld: Withholding | undefined): PublishedRow {
  const content = withholding(JSON.parse(bulkTextValue(r.content)) as AlgorithmContent, withheld);
  return {
    lars: r.lars,
    organisation_code: r.code,
    organisation_name: r.name,
    standard_version: r.standard_version ?? (typeof content.standard_version === 'string' ? content.standard_version : null),
    version_id: r.id,
    version_date: r.published_at ?? r.create_dt,
    state: r.state,
    content,
  };
}

/** The published versions that match `filter`, in version order (oldest first), a page at a time. */
export async function* publishedRows(db: Kysely<Database>, filter: PublishedFilter = {}, pageSize = bulkPageSize(db)): AsyncGenerator<PublishedRow> {
  const read = (after: number) => {
    const page = publishedVersions(db, filter).select(rowColumns(db)).where('v.id', '>', after).orderBy('v.id').limit(pageSize).execute() as Promise<RawRow[]>;
    // Its failure is met where it is awaited; a reader that stopped early (a download broken
    // off) never awaits it, and that must not count as a failure nobody handled.
    page.catch(() => {});
    return page;
  };
  // The next page is asked for as soon as this one is in, and read while this one is written out:
  // on PostgreSQL the database then works beside us instead of in turns.
  let next: Promise<RawRow[]> | undefined = read(0);
  while (next) {
    const page: RawRow[] = await next;
    next = page.length === pageSize ? read(page[page.length - 1].id) : undefined;
    for (const row of publicRows(page)) {
      if (filter.theme === undefined || hasTheme(row.content, filter.theme)) yield row;
    }
  }
}

/**
 * The published versions of the given algorithms, in the order given (a search result's order),
 * read a page of algorithms at a time (`bulkPageSize`); with `history`, each algorithm's versions oldest first.
 */
export async function* publishedRowsOf(db: Kysely<Database>, algorithmIds: readonly number[], filter: Pick<PublishedFilter, 'history'> = {}): AsyncGenerator<PublishedRow> {
  const pageSize = bulkPageSize(db);
  for (let i = 0; i < algorithmIds.length; i += pageSize) {
    const chunk = algorithmIds.slice(i, i + pageSize);
    const page = (await publishedVersions(db, filter).select(rowColumns(db)).where('a.id', 'in', chunk).execute()) as RawRow[];
    const position = new Map(chunk.map((id, k) => [id, k]));
    page.sort((x, y) => position.get(x.algorithm_id)! - position.get(y.algorithm_id)! || x.id - y.id);
    yield* publicRows(page);
  }
}

/** The latest publications (current versions), newest first: what a feed shows. */
export async function recentPublications(db: Kysely<Database>, filter: Omit<PublishedFilter, 'history'>, limit: number): Promise<PublishedRow[]> {
  const out: PublishedRow[] = [];
  // Keyset on (published_at, id) downwards; more than one page only when the theme filter drops rows.
  let before: { at: string; id: number } | null = null;
  const pageSize = Math.max(limit, 100);
  while (out.length < limit) {
    let q = publishedVersions(db, filter).select(rowColumns(db));
    if (before) {
      const { at, id } = before;
      q = q.where((eb) => eb.or([eb('v.published_at', '<', at), eb.and([eb('v.published_at', '=', at), eb('v.id', '<', id)])]));
    }
    const page = (await q.orderBy('v.published_at', 'desc').orderBy('v.id', 'desc').limit(pageSize).execute()) as RawRow[];
    for (const row of publicRows(page)) {
      if (filter.theme === undefined || hasTheme(row.content, filter.theme)) out.push(row);
      if (out.length === limit) break;
    }
    if (page.length < pageSize) break;
    const last = page[page.length - 1];
    before = { at: last.published_at ?? '', id: last.id };
  }
  return out;
}

export interface PublishedPage {
  lars: string;
  organisation_code: string;
  version_date: string;
}

/** Each published algorithm's LARS, organisation and publication date (no content): the sitemap's rows. */
export async function* publishedAlgorithms(db: Kysely<Database>, opts: { offset?: number; limit?: number } = {}, pageSize = 2000): AsyncGenerator<PublishedPage> {
  let after = 0;
  let left = opts.limit ?? Infinity;
  if (opts.offset) {
    // Where the requested slice starts: the version id just before it, found once.
    const start = await publishedVersions(db, {}).select('v.id').orderBy('v.id').offset(opts.offset - 1).limit(1).executeTakeFirst();
    if (!start) return;
    after = start.id;
  }
  while (left > 0) {
    const size = Math.min(pageSize, left);
    const page = await publishedVersions(db, {})
      .select(['v.id', 'a.lars', 'o.code', 'v.published_at', 'v.create_dt'])
      .where('v.id', '>', after)
      .orderBy('v.id')
      .limit(size)
      .execute();
    for (const r of page) yield { lars: r.lars, organisation_code: r.code, version_date: r.published_at ?? r.create_dt };
    if (page.length < size) return;
    left -= page.length;
    after = page[page.length - 1].id;
  }
}

export interface PublicationSummary {
  /** Current published versions. */
  count: number;
  /** The first and the latest publication date of a current version; null when nothing is published. */
  first: string | null;
  latest: string | null;
  /** Changes whenever the set of current versions changes (publication, retraction, removal). */
  fingerprint: string;
}

/** Counts and dates of the current publications, in one query. */
export async function publicationSummary(db: Kysely<Database>, filter: Pick<PublishedFilter, 'organisation'> = {}): Promise<PublicationSummary> {
  const row = await publishedVersions(db, filter)
    .select((eb) => [
      eb.fn.countAll<number | string>().as('n'),
      eb.fn.min('v.published_at').as('first'),
      eb.fn.max('v.published_at').as('latest'),
      eb.fn.sum<number | string | null>('v.id').as('ids'),
    ])
    .executeTakeFirstOrThrow();
  return {
    count: Number(row.n),
    first: row.first ?? null,
    latest: row.latest ?? null,
    fingerprint: `${Number(row.n)}:${String(row.ids ?? 0)}:${row.latest ?? ''}`,
  };
}

export interface PublicOrganisation {
  code: string;
  /** The latest publication date among its current versions; null when it has none. */
  latest: string | null;
}

/** The organisations that have a public page (show_page), each with its latest publication date. */
export async function publicOrganisations(db: Kysely<Database>): Promise<PublicOrganisation[]> {
  const latest = publishedVersions(db, {}).select((eb) => ['a.organisation_id', eb.fn.max('v.published_at').as('latest')]).groupBy('a.organisation_id');
  const rows = await db
    .selectFrom('organisations as org')
    .leftJoin(latest.as('l'), 'l.organisation_id', 'org.id')
    .select(['org.code', 'l.latest'])
    .where('org.show_page', '=', 1)
    .orderBy('org.code')
    .execute();
  return rows.map((r) => ({ code: r.code, latest: r.latest ?? null }));
}

/** The organisation's code and name, when it exists. */
export async function organisationByCode(db: Kysely<Database>, code: string): Promise<{ code: string; name: string } | undefined> {
  return db.selectFrom('organisations').select(['code', 'name']).where('code', '=', code).executeTakeFirst();
}
