/**
 * Values of the publication standard's closed lists that the compliance rules refer to (status,
 * publication_category). The lists live in `src/standard/`; a rule names a value through `standardValue`,
 * which fails when the module loads if the standard has no such value, so a renamed value cannot slip by.
 */
import { CURRENT_STANDARD, fieldOf } from '../standard/index.ts';
import type { EnumValue } from '../standard/types.ts';

export function enumValues(fieldKey: string): readonly EnumValue[] {
  const field = fieldOf(CURRENT_STANDARD, fieldKey);
  if (!field || field.kind !== 'enum') throw new Error(`The standard has no closed-list field "${fieldKey}"`);
  return field.values;
}

export function standardValue(fieldKey: string, value: string): string {
  if (!enumValues(fieldKey).some((v) => v.value === value)) {
    throw new Error(`The standard's field "${fieldKey}" has no value ${JSON.stringify(value)}`);
  }
  return value;
}
