/**
 * What the public may see of a published description under an exclusion in force: the content with the
 * withheld fields emptied (null, so every renderer and export keeps the standard's shape), and the notice the
 * public page and open data show: which fields are withheld and on what ground. An exclusion with scope
 * "not published" allows no publication at all.
 */
import type { AlgorithmContent, Label } from '../standard/types.ts';
import { EXCLUSION_GROUNDS, type ExclusionGround, type ExclusionScope } from './exclusion-grounds.ts';

/** The parts of an exclusion that decide what the public sees. */
export interface ExclusionInForce {
  ground: ExclusionGround;
  /** The Woo ground in words, for the ground other_woo_ground. */
  groundText: string | null;
  scope: ExclusionScope;
  withheldFields: readonly string[];
}

export interface WithheldNotice {
  fields: string[];
  ground: ExclusionGround;
  groundLabel: Label;
  groundText: string | null;
}

export interface PublicView {
  content: AlgorithmContent;
  /** Null when nothing is withheld. */
  withheld: WithheldNotice | null;
}

/** Whether an algorithm under this exclusion (or none) may have a public version at all. */
export function mayBePublished(exclusion: Pick<ExclusionInForce, 'scope'> | undefined): boolean {
  return exclusion?.scope !== 'not_published';
}

/**
 * The content the public may see. Throws when the exclusion allows no publication: a caller that got here
 * with such an exclusion would otherwise show what must stay closed.
 */
export function publicView(content: AlgorithmContent, exclusion: ExclusionInForce | undefined): PublicView {
  if (!exclusion) return { content, withheld: null };
  if (!mayBePublished(exclusion)) throw new Error('An algorithm excluded from publication has no public view');
  const fields = [...exclusion.withheldFields];
  const shown: AlgorithmContent = { ...content };
  for (const key of fields) shown[key] = null;
  return {
    content: shown,
    withheld: { fields, ground: exclusion.ground, groundLabel: EXCLUSION_GROUNDS[exclusion.ground], groundText: exclusion.groundText },
  };
}
