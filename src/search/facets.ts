/**
 * The search facets: which values a published algorithm has for each, derived from its content
 * and organisation. Multi-valued where the standard is (themes, impact assessments).
 */
import { CURRENT_STANDARD } from '../standard/index.ts';
import type { AlgorithmContent, EnumValue, GroupingItem } from '../standard/types.ts';

export const FACETS = ['organisation', 'organisation_type', 'theme', 'status', 'publication_category', 'impact_assessment', 'year'] as const;
export type Facet = (typeof FACETS)[number];

export const isFacet = (name: string): name is Facet => (FACETS as readonly string[]).includes(name);

const field = (key: string) => CURRENT_STANDARD.fields.find((f) => f.key === key);
const enumValues = (key: string): readonly EnumValue[] => {
  const f = field(key);
  return f?.kind === 'enum' || f?.kind === 'enum-list' ? f.values : [];
};
const impactField = field('impacttoetsen_grouping')!;

/** The impact assessments the public filter names; any other title counts as "other". */
export const NAMED_IMPACT_ASSESSMENTS: readonly string[] = impactField.kind === 'grouping' ? (impactField.suggestions ?? []) : [];
export const IMPACT_OTHER = 'other';
export const IMPACT_NONE = 'none';

/** The closed lists a facet's values come from; null where values are open (organisations, years). */
export function closedValues(facet: Facet): readonly string[] | null {
  switch (facet) {
    case 'theme':
      return enumValues('category').map((v) => v.value);
    case 'status':
      return enumValues('status').map((v) => v.value);
    case 'publication_category':
      return enumValues('publication_category').map((v) => v.value);
    case 'impact_assessment':
      return [...NAMED_IMPACT_ASSESSMENTS, IMPACT_OTHER, IMPACT_NONE];
    default:
      return null;
  }
}

/** The label of an enum facet value in a language, from the standard. */
export function enumLabel(facet: Facet, value: string, lang: 'nl' | 'en'): string | undefined {
  const key = facet === 'theme' ? 'category' : facet;
  return enumValues(key).find((v) => v.value === value)?.label[lang];
}

export interface FacetSource {
  content: AlgorithmContent;
  organisationCode: string;
  organisationType: string;
}

/** Every (facet, value) pair of one algorithm. */
export function facetValues({ content, organisationCode, organisationType }: FacetSource): [Facet, string][] {
  const out: [Facet, string][] = [['organisation', organisationCode], ['organisation_type', organisationType]];
  if (Array.isArray(content.category)) for (const theme of new Set(content.category as string[])) out.push(['theme', theme]);
  if (typeof content.status === 'string' && content.status) out.push(['status', content.status]);
  if (typeof content.publication_category === 'string' && content.publication_category) out.push(['publication_category', content.publication_category]);
  const assessments = Array.isArray(content.impacttoetsen_grouping) ? (content.impacttoetsen_grouping as GroupingItem[]) : [];
  const named = new Set<string>();
  for (const item of assessments) {
    const title = typeof item?.title === 'string' ? item.title.trim() : '';
    if (!title) continue;
    named.add(NAMED_IMPACT_ASSESSMENTS.includes(title) ? title : IMPACT_OTHER);
  }
  if (named.size === 0) named.add(IMPACT_NONE);
  for (const value of named) out.push(['impact_assessment', value]);
  const year = typeof content.begin_date === 'string' ? /^(\d{4})/.exec(content.begin_date)?.[1] : undefined;
  if (year) out.push(['year', year]);
  return out;
}
