/**
 * The standard as table columns, for CSV and XLSX: the stable ids first, then every field of
 * the standard. Lists and groupings are JSON in their cell, so a file reads back losslessly.
 */
import type { AlgorithmContent, StandardDefinition } from './types.ts';

export const ID_COLUMNS = ['lars', 'organisation_code', 'state', 'version_date'] as const;

export function columns(def: StandardDefinition): string[] {
  return [...ID_COLUMNS, ...def.fields.filter((f) => f.kind !== 'system').map((f) => f.key)];
}

export function toCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/** Reads a row of cells back into a record: empty cells are null, list cells are parsed. */
export function fromCells(def: StandardDefinition, row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(row)) {
    const cell = raw === undefined || raw === null ? '' : String(raw);
    const field = def.fields.find((f) => f.key === key);
    if (cell === '') out[key] = null;
    else if (field && (field.kind === 'enum-list' || field.kind === 'grouping')) {
      try {
        out[key] = JSON.parse(cell);
      } catch {
        out[key] = cell; // left for the validator to name
      }
    } else out[key] = cell;
  }
  return out;
}

export function rowCells(def: StandardDefinition, ids: Record<(typeof ID_COLUMNS)[number], string>, content: AlgorithmContent): string[] {
  return columns(def).map((key) => toCell(key in ids ? ids[key as (typeof ID_COLUMNS)[number]] : content[key]));
}
