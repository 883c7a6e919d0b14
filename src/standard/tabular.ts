/**
 * The standard as table columns, for CSV and XLSX: the stable ids first, then every field of
 * the standard. Lists and groupings are JSON in their cell, so a file reads back losslessly.
 *
 * Null and the empty string. A stored text field can be null (never filled in) or "" (sent
 * empty), and the two must survive an export and re-import. The rule for tables:
 *
 * - null is a blank cell: nothing between the delimiters in CSV (`a,,b`), no cell in XLSX;
 * - "" is an empty *string* cell: a quoted empty field in CSV (`a,"",b`), a string cell with
 *   no text in XLSX.
 *
 * `rowCells` writes null as null and "" as "", and the file writers (src/cli/files.ts) keep
 * the two apart as above. Reading, the readers hand a blank cell to `fromCells` as null and an
 * empty string cell as "". Spreadsheet programs do not always keep that difference when they
 * save a file, so two cases are decided by the field rather than by the cell:
 *
 * - a required text field (name, description_short, organization, contact_email) can never be
 *   null in stored content, so a blank cell there reads as "";
 * - a list, grouping or closed-list field is never "", so any empty cell there reads as null
 *   (an empty list is written, and read, as `[]`).
 */
import type { AlgorithmContent, StandardDefinition } from './types.ts';

export const ID_COLUMNS = ['lars', 'organisation_code', 'state', 'version_date'] as const;

export function columns(def: StandardDefinition): string[] {
  return [...ID_COLUMNS, ...def.fields.filter((f) => f.kind !== 'system').map((f) => f.key)];
}

/** One value as a cell: null stays null (a blank cell), strings stay as they are, the rest is JSON. */
export function toCell(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/**
 * Reads a row of cells back into a record. A cell is null or undefined when it was blank and a
 * string when it held text, possibly the empty string (see the rule above); list cells are parsed.
 */
export function fromCells(def: StandardDefinition, row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(row)) {
    const field = def.fields.find((f) => f.key === key);
    const blank = raw === undefined || raw === null;
    const cell = blank ? '' : String(raw);
    if (field && (field.kind === 'text' || field.kind === 'html')) {
      out[key] = blank ? (field.required ? '' : null) : cell;
    } else if (cell === '') {
      out[key] = null;
    } else if (field && (field.kind === 'enum-list' || field.kind === 'grouping')) {
      try {
        out[key] = JSON.parse(cell);
      } catch {
        out[key] = cell; // left for the validator to name
      }
    } else out[key] = cell;
  }
  return out;
}

export function rowCells(def: StandardDefinition, ids: Record<(typeof ID_COLUMNS)[number], string>, content: AlgorithmContent): (string | null)[] {
  const isId = (key: string): key is (typeof ID_COLUMNS)[number] => (ID_COLUMNS as readonly string[]).includes(key);
  return columns(def).map((key) => toCell(isId(key) ? ids[key] : content[key]));
}
