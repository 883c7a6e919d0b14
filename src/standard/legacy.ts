/**
 * Reading records written for earlier shapes: the suppliers' 1.0 templates with their legacy
 * keys, and records of standard 0.4, mapped onto 1.0 so existing data can be imported.
 */
import type { GroupingItem } from './types.ts';

type Raw = Record<string, unknown>;

const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v : null);

function linkItems(value: unknown): GroupingItem[] | null {
  const links = (Array.isArray(value) ? value : [value]).map(text).filter((v): v is string => v !== null);
  return links.length ? links.map((link) => ({ title: link, link })) : null;
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
  if (typeof raw.lang === 'string') out.lang = raw.lang.toLowerCase();
  if (raw.lawful_basis_grouping == null) out.lawful_basis_grouping = linkItems(raw.lawful_basis_link);
  if (raw.source_data_grouping == null) out.source_data_grouping = linkItems(raw.source_data_link);
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
  // Categories removed in 1.0 have no successor; they are dropped rather than rejected.
  return out;
}

/** Whether a raw record was written for standard 0.4 (or has the template's legacy keys). */
export function isLegacy(raw: Raw): boolean {
  return ['type', 'uuid', 'lawful_basis_link', 'source_data_link', 'iama_description'].some((k) => k in raw) || raw.standard_version === '0.4' || Array.isArray(raw.impacttoetsen);
}
