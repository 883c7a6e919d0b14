/**
 * What the search index holds of one published algorithm: display fields, the analysed text of
 * four weighted parts (name; short description; organisation; everything else) and its facets.
 */
import { CURRENT_STANDARD } from '../standard/index.ts';
import { plainText } from '../standard/html.ts';
import type { AlgorithmContent, GroupingItem } from '../standard/types.ts';
import { fold, indexText } from './analyse.ts';
import { facetValues, type Facet } from './facets.ts';
import type { SearchDocumentTable } from '../db/schema.ts';

/** A row of `search_documents` with the algorithm's facet values. */
export type IndexedDocument = SearchDocumentTable & { facets: [Facet, string][] };

export interface PublishedRow {
  algorithm_id: number;
  version_id: number;
  lars: string;
  content: AlgorithmContent;
  published_at: string | null;
  organisation_code: string;
  organisation_name: string;
  organisation_type: string;
}

const SEPARATE = new Set(['name', 'description_short', 'organization']);

/**
 * The searchable text of every other field: rich text as text, the themes by their Dutch and
 * English labels, grouping titles. The other closed lists (status, publication category) are
 * facets: their labels, in nearly every document, would only slow the search down.
 */
function bodyText(content: AlgorithmContent): string {
  const parts: string[] = [];
  for (const field of CURRENT_STANDARD.fields) {
    if (SEPARATE.has(field.key) || field.kind === 'system') continue;
    const value = content[field.key];
    if (value === null || value === undefined || value === '') continue;
    switch (field.kind) {
      case 'html':
        // A paragraph or list item ends a word, also where the HTML has no space between them.
        parts.push(plainText(String(value).replace(/<\/?(?:p|div|li|ul|ol|br)\b[^>]*>/gi, ' $&')));
        break;
      case 'text':
        if (!field.format) parts.push(String(value));
        break;
      case 'enum':
      case 'enum-list':
        for (const v of Array.isArray(value) ? (value as string[]) : [String(value)]) {
          const label = field.values.find((x) => x.value === v)?.label;
          if (label && field.key === 'category') parts.push(label.nl, label.en);
        }
        break;
      case 'grouping':
        for (const item of value as GroupingItem[]) if (item?.title) parts.push(item.title);
        break;
    }
  }
  return parts.join('\n');
}

export function toIndexedDocument(row: PublishedRow): IndexedDocument {
  const name = typeof row.content.name === 'string' ? row.content.name : '';
  const description = typeof row.content.description_short === 'string' ? row.content.description_short : '';
  return {
    algorithm_id: row.algorithm_id,
    version_id: row.version_id,
    lars: row.lars,
    name,
    description_short: description,
    organisation_code: row.organisation_code,
    organisation_name: row.organisation_name,
    organisation_type: row.organisation_type,
    published_at: row.published_at ?? '',
    sort_name: fold(name).trim(),
    title_terms: indexText(name),
    summary_terms: indexText(description),
    organisation_terms: indexText(`${row.organisation_name} ${row.organisation_code}`),
    body_terms: indexText(bodyText(row.content)),
    facets: facetValues({ content: row.content, organisationCode: row.organisation_code, organisationType: row.organisation_type }),
  };
}
