/**
 * A search as a URL query (`?q=…&theme=…&theme=…&sort=name&page=2`), the same for the public
 * search page and the open-data API, so every search has a link. Values a facet cannot have
 * are reported by name, never ignored silently.
 */
import { FACETS, closedValues, type Facet } from './facets.ts';
import { SORTS, type SearchParams, type Sort } from './search.ts';

export interface ParsedSearchQuery {
  params: SearchParams & { q: string; filters: Partial<Record<Facet, string[]>>; limit: number; offset: number };
  /** Problems with the query, each naming its parameter. */
  problems: { parameter: string; message: string }[];
}

const list = (value: unknown): string[] =>
  (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter((v): v is string => typeof v === 'string' && v.trim() !== '').map((v) => v.trim());

function integer(value: unknown): number | undefined {
  const text = list(value)[0];
  return text !== undefined && /^\d{1,9}$/.test(text) ? Number(text) : undefined;
}

export function parseSearchQuery(query: Record<string, unknown>, opts: { defaultLimit: number; maxLimit: number }): ParsedSearchQuery {
  const problems: ParsedSearchQuery['problems'] = [];
  const q = list(query.q).join(' ').slice(0, 500);
  const filters: Partial<Record<Facet, string[]>> = {};
  for (const facet of FACETS) {
    const values = [...new Set(list(query[facet]))].slice(0, 50);
    if (!values.length) continue;
    const allowed = closedValues(facet);
    const unknown = allowed ? values.filter((v) => !allowed.includes(v)) : facet === 'year' ? values.filter((v) => !/^\d{4}$/.test(v)) : [];
    for (const v of unknown) problems.push({ parameter: facet, message: `${facet}: "${v}" is not a value of this filter.` });
    filters[facet] = values.filter((v) => !unknown.includes(v));
  }
  const sortText = list(query.sort)[0];
  let sort: Sort | undefined;
  if (sortText !== undefined) {
    if ((SORTS as readonly string[]).includes(sortText)) sort = sortText as Sort;
    else problems.push({ parameter: 'sort', message: `sort: "${sortText}" is not one of ${SORTS.join(', ')}.` });
  }
  let limit = opts.defaultLimit;
  if (query.limit !== undefined) {
    const n = integer(query.limit);
    if (n === undefined || n < 1 || n > opts.maxLimit) problems.push({ parameter: 'limit', message: `limit: give a whole number from 1 to ${opts.maxLimit}.` });
    else limit = n;
  }
  let offset = 0;
  if (query.offset !== undefined) {
    const n = integer(query.offset);
    if (n === undefined || n > 100_000) problems.push({ parameter: 'offset', message: 'offset: give a whole number from 0 to 100000.' });
    else offset = n;
  }
  if (query.page !== undefined) {
    const n = integer(query.page);
    if (n === undefined || n < 1 || n > 10_000) problems.push({ parameter: 'page', message: 'page: give a page number from 1.' });
    else offset = (n - 1) * limit;
  }
  return { params: { q, filters, sort, limit, offset }, problems };
}

/** The URL query of a search (for links: other pages, other sorts, removing a filter). */
export function searchQueryString(params: { q?: string; filters?: Partial<Record<Facet, string[]>>; sort?: Sort; page?: number }): string {
  const out = new URLSearchParams();
  if (params.q) out.append('q', params.q);
  for (const facet of FACETS) for (const v of params.filters?.[facet] ?? []) out.append(facet, v);
  if (params.sort) out.append('sort', params.sort);
  if (params.page && params.page > 1) out.append('page', String(params.page));
  const text = out.toString();
  return text ? `?${text}` : '';
}
