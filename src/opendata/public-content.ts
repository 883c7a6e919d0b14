/**
 * What the public may see of a published version, for every public surface alike (the algorithm page, its
 * JSON twin and the open-data API): the exclusion ground in force decides. Scope "not published" means no
 * public version at all; named fields withheld are emptied for pages and left out of open data, and named
 * with their ground. A high-risk AI system's EU registration facts go with it.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { activeExclusion, mayBePublished, publicEuRegistration, publicView, type EuRegistration, type Exclusion, type WithheldNotice } from '../compliance/index.ts';
import type { AlgorithmContent } from '../standard/types.ts';

export interface PublicContent {
  /** The content with the withheld fields emptied (null). */
  content: AlgorithmContent;
  withheld: WithheldNotice | null;
  euRegistration: EuRegistration | undefined;
}

/** What decides the public content of every version of an algorithm: its exclusion ground in force and its EU registration. */
export interface PublicRules {
  exclusion: Exclusion | undefined;
  euRegistration: EuRegistration | undefined;
}

/** The rules of `algorithmId`, read without its content, so a page can read them beside everything else it needs. */
export async function publicRulesOf(db: Kysely<Database>, algorithmId: number): Promise<PublicRules> {
  const [exclusion, euRegistration] = await Promise.all([activeExclusion(db, algorithmId), publicEuRegistration(db, algorithmId)]);
  return { exclusion, euRegistration };
}

/** The public content of a version under `rules`, or undefined when the algorithm may not be public at all. */
export function publicContent(rules: PublicRules, content: AlgorithmContent): PublicContent | undefined {
  if (!mayBePublished(rules.exclusion)) return undefined;
  const view = publicView(content, rules.exclusion);
  return { content: view.content, withheld: view.withheld, euRegistration: rules.euRegistration };
}

/** The public content of a version of `algorithmId`, or undefined when the algorithm may not be public at all. */
export async function publicContentOf(db: Kysely<Database>, algorithmId: number, content: AlgorithmContent): Promise<PublicContent | undefined> {
  return publicContent(await publicRulesOf(db, algorithmId), content);
}

/** The withheld notice as open data names it. */
export const withheldJson = (withheld: WithheldNotice) => ({
  fields: withheld.fields,
  ground: withheld.ground,
  ground_label: withheld.groundLabel,
  ground_text: withheld.groundText,
});

/**
 * An open-data answer for a version: the withheld fields left out and named under `withheld`, and the EU
 * registration facts under `eu_registration` when there are any.
 */
export function publicAnswer<T extends Record<string, unknown>>(answer: T, found: PublicContent): Record<string, unknown> {
  const shown: Record<string, unknown> = { ...answer };
  for (const field of found.withheld?.fields ?? []) delete shown[field];
  if (found.withheld) shown.withheld = withheldJson(found.withheld);
  if (found.euRegistration) {
    shown.eu_registration = {
      eu_database_reference: found.euRegistration.euDatabaseReference,
      fria_summary: found.euRegistration.friaSummary,
      dpia_summary: found.euRegistration.dpiaSummary,
    };
  }
  return shown;
}
