/**
 * Facet counts with the labels people read, in Dutch and English: organisations by name, types
 * and closed lists by the standard's labels, "other" and "none" in words. For the search page and
 * the open-data API alike.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { orgTypeLabel } from '../register/organisation-directory.ts';
import { enumLabel, FACETS, type Facet } from './facets.ts';
import type { FacetCount } from './search.ts';

/** A facet's counts with labels in both languages (organisations by name). */
export async function labelledFacets(db: Kysely<Database>, facets: Partial<Record<Facet, FacetCount[]>>) {
  const codes = (facets.organisation ?? []).map((c) => c.value);
  const names = new Map(
    codes.length
      ? (await db.selectFrom('organisations').select(['code', 'name']).where('code', 'in', codes).execute()).map((o) => [o.code, o.name])
      : [],
  );
  const out: Partial<Record<Facet, (FacetCount & { label: { nl: string; en: string } })[]>> = {};
  for (const facet of FACETS) {
    const counts = facets[facet];
    if (!counts) continue;
    out[facet] = counts.map((c) => {
      if (facet === 'organisation') return { ...c, label: { nl: names.get(c.value) ?? c.value, en: names.get(c.value) ?? c.value } };
      if (facet === 'impact_assessment' && (c.value === 'other' || c.value === 'none')) {
        return { ...c, label: c.value === 'other' ? { nl: 'Overig', en: 'Other' } : { nl: 'Geen', en: 'None' } };
      }
      if (facet === 'organisation_type') return { ...c, label: { nl: orgTypeLabel(c.value, 'nl'), en: orgTypeLabel(c.value, 'en') } };
      return { ...c, label: { nl: enumLabel(facet, c.value, 'nl') ?? c.value, en: enumLabel(facet, c.value, 'en') ?? c.value } };
    });
  }
  return out;
}
