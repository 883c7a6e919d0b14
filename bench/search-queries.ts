/**
 * The query mix of the search figure: eight kinds of search as people type them into the public
 * register, each a handful of concrete queries on the generated data (bench/data.ts). Every query
 * is checked to find something before it is measured, so a kind never measures empty answers by
 * mistake (except where finding nothing is the point of the baseline: see search-baseline.ts).
 */
import type { Facet } from '../src/search/facets.ts';

export type Filters = Partial<Record<Facet, string[]>>;

export interface SearchQuery {
  /** What is typed in the search box ('' for none). */
  text: string;
  filters: Filters;
}

export interface SearchKind {
  name: string;
  queries: SearchQuery[];
}

const q = (text: string, filters: Filters = {}): SearchQuery => ({ text, filters });

/**
 * The kinds. `rareCodes` are codes of the smallest organisations: on this data the only words
 * that few documents hold (the template sentences make every real word common; see BENCHMARKS.md).
 */
export function searchKinds(rareCodes: string[]): SearchKind[] {
  return [
    // The overview without anything typed: newest first.
    { name: 'no text', queries: [q('')] },
    // Words in most descriptions (each in 50–90 % of the documents here).
    { name: 'common word', queries: [q('gegevens'), q('inwoners'), q('risico'), q('privacy'), q('burgers')] },
    // An organisation's code: each in under 0.1 % of the documents.
    { name: 'rare word', queries: rareCodes.map((code) => q(code)) },
    { name: 'phrase', queries: [q('"automatische beoordeling"'), q('"basisregistratie personen"'), q('"menselijke tussenkomst"'), q('"wet maatschappelijke ondersteuning"')] },
    { name: 'prefix', queries: [q('parkeer*'), q('belasting*'), q('subsidie*'), q('bouw*'), q('afval*')] },
    // Misspelt: the register searches the nearest indexed words as well.
    { name: 'typo', queries: [q('persoonsgegvens'), q('gegevnes'), q('parkeervergunnnig'), q('belastnig'), q('inwonres')] },
    {
      name: 'text + 1–2 facets',
      queries: [
        q('gegevens', { theme: ['Sociale zekerheid'] }),
        q('parkeer*', { organisation_type: ['gemeente'] }),
        q('risico', { status: ['In gebruik'], publication_category: ['Impactvolle algoritmes'] }),
        q('"automatische beoordeling"', { year: ['2020'] }),
        q('privacy', { theme: ['Verkeer'], organisation_type: ['provincie'] }),
      ],
    },
    {
      name: 'facet alone',
      queries: [
        q('', { theme: ['Wonen'] }),
        q('', { organisation: ['gm0001'] }),
        q('', { organisation_type: ['waterschap'] }),
        q('', { status: ['Buiten gebruik'] }),
        q('', { impact_assessment: ['Data Protection Impact Assessment (DPIA)'] }),
        q('', { year: ['2019', '2020'] }),
      ],
    },
  ];
}

/** The open-data search address of a query: `/api/v1/algorithms?q=…&theme=…`. */
export function apiPath(query: SearchQuery): string {
  const params = new URLSearchParams();
  if (query.text) params.append('q', query.text);
  for (const [facet, values] of Object.entries(query.filters)) for (const value of values ?? []) params.append(facet, value);
  const text = params.toString();
  return `/api/v1/algorithms${text ? `?${text}` : ''}`;
}

/** A query as the report shows it: `gegevens` + theme=Sociale zekerheid. */
export function describeQuery(query: SearchQuery): string {
  const filters = Object.entries(query.filters).map(([facet, values]) => `${facet}=${(values ?? []).join('|')}`);
  return [query.text ? `\`${query.text}\`` : '', ...filters].filter(Boolean).join(' + ') || '(nothing: newest first)';
}
