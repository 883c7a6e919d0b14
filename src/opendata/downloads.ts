/**
 * Bulk downloads of the published register: `/api/v1/downloads/algorithms.csv`, `.json` and
 * `.xlsx`, the current versions or (`history=true`) every version ever published, for the whole
 * register or one organisation (`organisation=CODE`) or theme (`theme=VALUE`).
 *
 * Each row carries the stable ids (lars, organisation_code, standard_version, version_date: the
 * publication date, state, version_id) and then every field of the standard, with the table
 * rules of src/standard/tabular.ts, so a download re-imports losslessly (`import FILE`). Rows are
 * written as they are read, a page at a time: memory stays flat however large the register.
 */
import { PassThrough, Readable } from 'node:stream';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { AppContext } from '../context.ts';
import { COMPRESSION } from '../compression.ts';
import type { Database } from '../db/schema.ts';
import type { Kysely } from 'kysely';
import { CURRENT_STANDARD } from '../standard/index.ts';
import { columns, ID_COLUMNS, toCell } from '../standard/tabular.ts';
import { csvChunks, jsonArrayChunks, writeXlsx, type Cells } from '../standard/tabular-stream.ts';
import { organisationByCode, publishedRows, publishedRowsOf, type PublishedFilter, type PublishedRow } from '../register/published.ts';
import { FACETS } from '../search/facets.ts';
import { searchAlgorithmIds } from '../search/search.ts';
import { parseSearchQuery } from '../search/params.ts';
import { closedValues } from '../search/facets.ts';

/** The ids every row starts with; `standard_version` is also a field of the standard, so it is not repeated. */
export const DOWNLOAD_ID_COLUMNS = ['lars', 'organisation_code', 'standard_version', 'version_date', 'state', 'version_id'] as const;

const FIELD_COLUMNS = columns(CURRENT_STANDARD).filter(
  (key) => !(ID_COLUMNS as readonly string[]).includes(key) && !(DOWNLOAD_ID_COLUMNS as readonly string[]).includes(key),
);

/** The header of a CSV or XLSX download. */
export const DOWNLOAD_COLUMNS: readonly string[] = [...DOWNLOAD_ID_COLUMNS, ...FIELD_COLUMNS];

function ids(row: PublishedRow) {
  return {
    lars: row.lars,
    organisation_code: row.organisation_code,
    standard_version: row.standard_version,
    version_date: row.version_date,
    state: row.state,
    version_id: row.version_id,
  };
}

function cells(row: PublishedRow): Cells {
  const id = ids(row);
  return [...DOWNLOAD_ID_COLUMNS.map((key) => toCell(id[key])), ...FIELD_COLUMNS.map((key) => toCell(row.content[key]))];
}

async function* mapRows<T>(rows: AsyncIterable<PublishedRow>, f: (row: PublishedRow) => T): AsyncGenerator<T> {
  for await (const row of rows) yield f(row);
}

export type FilterParam = 'history' | 'organisation' | 'theme';

export type ParsedFilter = { filter: PublishedFilter } | { status: 400 | 404; detail: string };

const THEMES = closedValues('theme') ?? [];

/**
 * The filter a request asks for, or the problem with it: a parameter given twice, a value that
 * is not allowed, an organisation that does not exist, a parameter that is not known here.
 */
export async function parseFilter(db: Kysely<Database>, query: unknown, allowed: readonly FilterParam[]): Promise<ParsedFilter> {
  const params = (query ?? {}) as Record<string, unknown>;
  const unknown = Object.keys(params).filter((key) => !(allowed as readonly string[]).includes(key));
  if (unknown.length) {
    return { status: 400, detail: `Unknown query parameter ${unknown.map((k) => `"${k}"`).join(', ')}; this address takes ${allowed.join(', ')}.` };
  }
  const filter: PublishedFilter = {};
  for (const key of allowed) {
    const raw = params[key];
    if (raw === undefined) continue;
    if (typeof raw !== 'string') return { status: 400, detail: `Give ${key} once.` };
    if (key === 'history') {
      if (!['true', 'false', '1', '0'].includes(raw)) return { status: 400, detail: `history must be true or false, not "${raw}".` };
      filter.history = raw === 'true' || raw === '1';
    } else if (key === 'theme') {
      if (!THEMES.includes(raw)) return { status: 400, detail: `Unknown theme "${raw}"; a theme is one of: ${THEMES.join(', ')}.` };
      filter.theme = raw;
    } else {
      const org = raw === '' || raw.length > 100 ? undefined : await organisationByCode(db, raw);
      if (!org) return { status: 404, detail: `There is no organisation with code "${raw}".` };
      filter.organisation = org.code;
    }
  }
  return { filter };
}

const slug = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/** `algorithms[-history][-ORG][-THEME]-YYYY-MM-DD.EXT`: says what it holds and from when. */
function filename(filter: PublishedFilter, ext: string): string {
  const parts = ['algorithms'];
  if (filter.history) parts.push('history');
  if (filter.organisation) parts.push(slug(filter.organisation));
  if (filter.theme) parts.push(slug(filter.theme));
  parts.push(new Date().toISOString().slice(0, 10));
  return `${parts.join('-')}.${ext}`;
}

const FORMATS = {
  csv: 'text/csv; charset=utf-8; header=present',
  json: 'application/json; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;
type Format = keyof typeof FORMATS;

/**
 * How a download travels to a client that accepts compression. CSV and JSON shrink several times
 * (the benchmark's CSV of 10,000 records: 58 MB to 4.3 MB), compressed as they stream, in zlib's
 * threads beside the rows being read. Brotli (the register's quality 4) keeps up with the rows:
 * the download takes no longer. gzip, for clients without Brotli, at level 1: it still took half
 * as long again. XLSX is a zip already: sent as it is.
 */
const TEXT_COMPRESSION = { ...COMPRESSION, zlibOptions: { level: 1 } };
const DOWNLOAD_COMPRESSION = { csv: TEXT_COMPRESSION, json: TEXT_COMPRESSION, xlsx: false } as const;

function body(format: Format, rows: AsyncIterable<PublishedRow>): Readable {
  if (format === 'csv') return Readable.from(csvChunks([...DOWNLOAD_COLUMNS], mapRows(rows, cells)));
  if (format === 'json') return Readable.from(jsonArrayChunks(mapRows(rows, (row) => ({ ...ids(row), ...row.content }))));
  const out = new PassThrough();
  writeXlsx({ stream: out }, 'algoritmes', [...DOWNLOAD_COLUMNS], mapRows(rows, cells)).catch((error: unknown) => out.destroy(error as Error));
  return out;
}

const SEARCH_PARAMS: string[] = ['q', 'sort', ...FACETS];

/** A search page's query (text, order, a facet other than one organisation or theme, several values of a facet) rather than a plain filter. */
function isSearch(query: Record<string, unknown>): boolean {
  return Object.entries(query).some(
    ([key, value]) =>
      key === 'q' || key === 'sort' || ((FACETS as readonly string[]).includes(key) && (Array.isArray(value) || (key !== 'organisation' && key !== 'theme'))),
  );
}

export function downloads(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    for (const format of Object.keys(FORMATS) as Format[]) {
      app.get(`/api/v1/downloads/algorithms.${format}`, { config: { access: 'public' }, compress: DOWNLOAD_COMPRESSION[format] }, async (request, reply: FastifyReply) => {
        const query = (request.query ?? {}) as Record<string, unknown>;
        let rows: AsyncIterable<PublishedRow>;
        let name: string;
        if (isSearch(query)) {
          // A search result, as the search page links it: the same words, filters and order.
          const { history, ...search } = query;
          const unknown = Object.keys(search).filter((key) => !SEARCH_PARAMS.includes(key));
          if (unknown.length) return reply.code(400).send({ detail: `Unknown query parameter ${unknown.map((k) => `"${k}"`).join(', ')}; a search download takes q, sort, history and ${FACETS.join(', ')}.` });
          if (history !== undefined && !['true', 'false', '1', '0'].includes(String(history))) return reply.code(400).send({ detail: `history must be true or false, not "${String(history)}".` });
          const { params, problems } = parseSearchQuery(search, { defaultLimit: 1, maxLimit: 1 });
          if (problems.length) return reply.code(400).send({ detail: problems.map((p) => p.message).join(' ') });
          const ids = await searchAlgorithmIds(ctx.kysely, params);
          rows = publishedRowsOf(ctx.kysely, ids, { history: history === 'true' || history === '1' });
          name = `algorithms-search${history === 'true' || history === '1' ? '-history' : ''}-${new Date().toISOString().slice(0, 10)}.${format}`;
        } else {
          const parsed = await parseFilter(ctx.kysely, query, ['history', 'organisation', 'theme']);
          if ('detail' in parsed) return reply.code(parsed.status).send({ detail: parsed.detail });
          rows = publishedRows(ctx.kysely, parsed.filter);
          name = filename(parsed.filter, format);
        }
        return reply
          .type(FORMATS[format])
          .header('content-disposition', `attachment; filename="${name}"`)
          .header('cache-control', 'public, max-age=300')
          .header('x-content-type-options', 'nosniff')
          .send(body(format, rows));
      });
    }
  };
}
