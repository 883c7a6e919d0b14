/**
 * Reading records written for earlier shapes: the suppliers' 1.0 templates with their legacy
 * keys, and records of standard 0.4, mapped onto 1.0 so existing data can be imported.
 */
import type { GroupingItem } from './types.ts';
import { standardV1_0 } from './v1_0.ts';

type Raw = Record<string, unknown>;

/**
 * Themes of 0.4 that 1.0 renamed or dropped, mapped to their 1.0 successor: the renames are
 * exact; for the dropped ones we take the nearest 1.0 theme so no record loses its theme.
 */
export const CATEGORY_0_4_TO_1_0: Record<string, string> = {
  Financiën: 'Overheidsfinanciën',
  Huisvesting: 'Wonen',
  Dienstverlening: 'Organisatie en bedrijfsvoering',
  Bestuur: 'Organisatie en bedrijfsvoering',
  Landbouw: 'Natuur en milieu',
};

/** Fields 1.0 requires that 0.4 left optional: an old record without them imports as an incomplete draft. */
const REQUIRED_SINCE_1_0 = ['description_short', 'contact_email'];

const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v : null);

/** The limit 1.0 puts on the title of a grouping's items (none when it sets none). */
function titleLimit(groupingKey: string): number {
  const field = standardV1_0.fields.find((f) => f.key === groupingKey);
  return field?.kind === 'grouping' ? (field.item.title.maxLength ?? Infinity) : Infinity;
}

/** `text` cut to `max` characters (code points), the cut marked with an ellipsis. */
function fit(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/**
 * 0.4's link fields (a link, or a list of them) as grouping items. The link is also the title,
 * shortened to the title's limit: 0.4 allowed 500 characters for a link and 1.0 only 100 for the
 * title of a lawful basis, and a valid 0.4 record must not be rejected for a field it never had.
 */
function linkItems(value: unknown, groupingKey: string): GroupingItem[] | null {
  const links = (Array.isArray(value) ? value : [value]).map(text).filter((v): v is string => v !== null).map((v) => v.trim());
  const max = titleLimit(groupingKey);
  return links.length ? links.map((link) => ({ title: fit(link, max), link })) : null;
}

/**
 * Maps the 0.4 keys (and the legacy keys the 1.0 templates still carry) onto 1.0:
 * `lawful_basis_link` → `lawful_basis_grouping`, `source_data_link` → `source_data_grouping`,
 * the 0.4 `impacttoetsen` list → `impacttoetsen_grouping`, `iama_description` (a link to the
 * impact assessment) → a grouping item; `type` and `uuid` no longer exist; `lang` is lower case.
 */
export function toV1_0(raw: Raw): Raw {
  const out: Raw = { ...raw };
  for (const key of ['type', 'uuid', 'id', 'lawful_basis_link', 'source_data_link', 'iama_description']) delete out[key];
  // 0.4 had a free language field; 1.0 descriptions are Dutch.
  out.lang = 'nld';
  if (Array.isArray(raw.category)) {
    out.category = [...new Set(raw.category.map((c) => (typeof c === 'string' && Object.hasOwn(CATEGORY_0_4_TO_1_0, c) ? CATEGORY_0_4_TO_1_0[c] : c)))];
  }
  for (const key of REQUIRED_SINCE_1_0) if (raw[key] === undefined || raw[key] === null) out[key] = '';
  // 0.4 had no publication category. In doubt an algorithm counts as impactful (the publication
  // duty's own rule), so it must be published; the organisation can lower it after assessment.
  if (raw.publication_category === undefined || raw.publication_category === null) out.publication_category = 'Impactvolle algoritmes';
  if (raw.lawful_basis_grouping == null) out.lawful_basis_grouping = linkItems(raw.lawful_basis_link, 'lawful_basis_grouping');
  if (raw.source_data_grouping == null) out.source_data_grouping = linkItems(raw.source_data_link, 'source_data_grouping');
  if (Array.isArray(raw.impacttoetsen)) {
    const titles = raw.impacttoetsen.map(text).filter((v): v is string => v !== null);
    out.impacttoetsen = null;
    out.impacttoetsen_grouping = titles.map((title) => ({ title, link: null }));
  }
  const iama = text(raw.iama_description);
  if (iama && raw.impacttoetsen_grouping == null) {
    const grouping = (out.impacttoetsen_grouping as GroupingItem[] | null) ?? [];
    out.impacttoetsen_grouping = [...grouping, /^https?:\/\//.test(iama) ? { title: 'Impacttoets', link: iama } : { title: iama, link: null }];
  }
  if (raw.standard_version === '0.4' || raw.standard_version === '0.4.0' || raw.standard_version === '1.0.0') out.standard_version = '1.0';
  return out;
}

/** Whether a raw record was written for standard 0.4 (or has the template's legacy keys). */
export function isLegacy(raw: Raw): boolean {
  return ['type', 'uuid', 'lawful_basis_link', 'source_data_link', 'iama_description'].some((k) => k in raw) || raw.standard_version === '0.4' || Array.isArray(raw.impacttoetsen);
}
