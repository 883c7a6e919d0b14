/**
 * What a submitted algorithm form says, as a record of the standard: the inverse of the names
 * `algorithm-fields.tsx` gives its controls. Text stays as typed (validation normalises it, and
 * a page shown again must show exactly what was typed); a list of checkboxes becomes an array;
 * the rows of a link grouping (`KEY.N.title`, `KEY.N.link`) become items, blank rows left out.
 * A field left empty is null, as in a record that leaves it out.
 */
import type { StandardDefinition } from '../../standard/types.ts';

export type FormBody = Record<string, string | string[] | undefined>;

/** The form name of a grouping row's part. */
export const groupingName = (key: string, row: number, part: 'title' | 'link') => `${key}.${row}.${part}`;

const one = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[v.length - 1] : v);
const many = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** The record a form body describes: every content field of `def`, raw (unnormalised). */
export function recordFromForm(def: StandardDefinition, body: FormBody): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (const field of def.fields) {
    switch (field.kind) {
      case 'system':
        break;
      case 'text':
      case 'html':
        record[field.key] = (one(body[field.key]) ?? '').trim() === '' ? null : one(body[field.key]);
        break;
      case 'enum': {
        const value = one(body[field.key]);
        record[field.key] = value === undefined || value === '' ? null : value;
        break;
      }
      case 'enum-list': {
        const chosen = many(body[field.key]).filter((v) => v !== '');
        record[field.key] = chosen.length ? chosen : null;
        break;
      }
      case 'grouping': {
        const rows = new Set<number>();
        const prefix = `${field.key}.`;
        for (const name of Object.keys(body)) {
          const match = name.startsWith(prefix) ? /^(\d{1,4})\.(title|link)$/.exec(name.slice(prefix.length)) : null;
          if (match) rows.add(Number(match[1]));
        }
        const items = [...rows]
          .sort((a, b) => a - b)
          .map((row) => ({ title: one(body[groupingName(field.key, row, 'title')]) ?? '', link: one(body[groupingName(field.key, row, 'link')]) ?? '' }))
          .filter((item) => item.title.trim() !== '' || item.link.trim() !== '')
          // An empty optional link is none; an empty required one stays empty, to be reported as such.
          .map((item) => ({ title: item.title, link: item.link.trim() === '' && !field.item.link.required ? null : item.link }));
        record[field.key] = items.length ? items : null;
        break;
      }
    }
  }
  return record;
}
