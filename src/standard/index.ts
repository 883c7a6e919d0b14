/** The publication standards the register knows, by their wire `standard_version`. */
import type { StandardDefinition } from './types.ts';
import { standardV1_0 } from './v1_0.ts';

/** The version new records are written in. */
export const CURRENT_STANDARD: StandardDefinition = standardV1_0;

export const STANDARDS: Record<string, StandardDefinition> = { [standardV1_0.version]: standardV1_0 };

export function fieldOf(def: StandardDefinition, key: string) {
  return def.fields.find((f) => f.key === key);
}
