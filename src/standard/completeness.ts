/**
 * How complete a description is: the share of the standard's weighted fields that are filled
 * in (weights 8 for what every reader needs, 2 for the rest, 0 for what does not count), so an
 * editor sees at a glance what is left, and lists can sort by it.
 */
import type { AlgorithmContent, Field, StandardDefinition } from './types.ts';
import { visibleLength } from './html.ts';

function filled(field: Field, value: AlgorithmContent[string] | undefined): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value === 'string') return field.kind === 'html' ? visibleLength(value) > 0 : value.trim() !== '';
  return value.length > 0;
}

export interface Completeness {
  /** 0–100, rounded down (100 only when every weighted field is filled). */
  percent: number;
  /** The weighted fields still empty, heaviest first, in the standard's order within a weight. */
  missing: string[];
}

export function completeness(def: StandardDefinition, content: AlgorithmContent): Completeness {
  let total = 0;
  let done = 0;
  const missing: Field[] = [];
  for (const field of def.fields) {
    if (field.kind === 'system' || field.weight === 0) continue;
    total += field.weight;
    if (filled(field, content[field.key])) done += field.weight;
    else missing.push(field);
  }
  return {
    percent: total === 0 ? 100 : Math.floor((done * 100) / total),
    missing: missing.sort((a, b) => b.weight - a.weight).map((f) => f.key),
  };
}
