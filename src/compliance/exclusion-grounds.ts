/**
 * The closed lists of exclusion grounds and scopes, in our own words, and which fields of the standard may be
 * withheld. Withholding never covers what identifies the description (its name, organisation, category and
 * the register's own keys): the public must still see what is there and that something is withheld. An
 * algorithm that cannot even be named publicly takes the scope "not published".
 */
import { CURRENT_STANDARD } from '../standard/index.ts';
import type { Label } from '../standard/types.ts';

export type ExclusionGround =
  | 'investigation_prosecution'
  | 'enforcement_supervision'
  | 'defence_national_security'
  | 'intelligence_security_services'
  | 'other_woo_ground';

export const EXCLUSION_GROUNDS: Readonly<Record<ExclusionGround, Label>> = {
  investigation_prosecution: { nl: 'Opsporing en vervolging van strafbare feiten', en: 'Investigation and prosecution of criminal offences' },
  enforcement_supervision: { nl: 'Handhaving en toezicht', en: 'Law enforcement and supervision' },
  defence_national_security: { nl: 'Defensie en nationale veiligheid', en: 'Defence and national security' },
  intelligence_security_services: { nl: 'Inlichtingen- en veiligheidsdiensten', en: 'Intelligence and security services' },
  other_woo_ground: { nl: 'Een andere grond uit de Wet open overheid', en: 'Another ground of the Open Government Act (Woo)' },
};

/** The ground that needs the Woo ground named in words. */
export const NAMED_GROUND: ExclusionGround = 'other_woo_ground';

export type ExclusionScope = 'not_published' | 'fields_withheld';

export const EXCLUSION_SCOPES: Readonly<Record<ExclusionScope, Label>> = {
  not_published: { nl: 'Niet gepubliceerd', en: 'Not published' },
  fields_withheld: { nl: 'Gepubliceerd, met onderdelen niet openbaar', en: 'Published, with parts withheld' },
};

const NEVER_WITHHELD = new Set(['name', 'organization', 'publication_category', 'lang', 'standard_version', 'source_id']);

/** Keys of the standard's fields that an exclusion may withhold, in the standard's order. */
export const WITHHOLDABLE_FIELDS: readonly string[] = CURRENT_STANDARD.fields
  .filter((f) => f.kind !== 'system' && !NEVER_WITHHELD.has(f.key))
  .map((f) => f.key);

export const isExclusionGround = (value: unknown): value is ExclusionGround => typeof value === 'string' && Object.hasOwn(EXCLUSION_GROUNDS, value);
export const isExclusionScope = (value: unknown): value is ExclusionScope => typeof value === 'string' && Object.hasOwn(EXCLUSION_SCOPES, value);
