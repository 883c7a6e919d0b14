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

type Counts = Partial<Record<Facet, FacetCount[]>>;
type Labelled = Partial<Record<Facet, (FacetCount & { label: { nl: string; en: string } })[]>>;

/**
 * The labels of a search answer's counts, kept as long as the answer is (search answers are kept
 * and shared while the index does not change: result-cache.ts). An organisation in the counts has
 * published algorithms, so a new name of it changes the index, and with it the answer.
 */
const labelledOf = new WeakMap<Counts, Promise<Labelled>>();

/** A facet's counts with labels in both languages (organisations by name). */
export function labelledFacets(db: Kysely<Database>, facets: Counts): Promise<Labelled> {
  let labelled = labelledOf.get(facets);
  if (!labelled) {
    labelled = label(db, facets);
    labelledOf.set(facets, labelled);
    labelled.catch(() => labelledOf.delete(facets));
  }
  return labelled;
}

async function label(db: Kysely<Database>, facets: Counts): Promise<Labelled> {
  const codes = (facets.organisation ?? []).map((c) => c.value);
  const names = new Map(
    codes.length
      ? (await db.selectFrom('organisations').select(['code', 'name']).where('code', 'in', codes).execute()).map((o) => [o.code, o.name])
      : [],
  );
  const out: Labelled = {};
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
