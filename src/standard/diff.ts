/** Field-level difference between two records of the standard, for audit events and history. */
import type { AlgorithmContent } from './types.ts';

export type FieldDiff = Record<string, { from: unknown; to: unknown }>;

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export function diffContent(from: AlgorithmContent | null, to: AlgorithmContent, keys: readonly string[]): FieldDiff {
  const diff: FieldDiff = {};
  for (const key of keys) {
    const a = from?.[key] ?? null;
    const b = to[key] ?? null;
    if (!same(a, b)) diff[key] = { from: a, to: b };
  }
  return diff;
}
