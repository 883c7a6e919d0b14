/**
 * Importing a list of organisations (CSV with a header row: code, name or naam, type, and
 * optionally flow): first a plan, per row new, changed, unchanged or an error, that changes
 * nothing (the dry run); then applying the plan's valid rows in one transaction. Comma or
 * semicolon separated (a Dutch spreadsheet writes semicolons).
 */
import { parse } from 'csv-parse/sync';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Actor } from './actor.ts';
import { createOrganisation, findOrganisation, ORG_TYPES, updateOrganisation } from './organisations.ts';
import { isFlowName, type FlowName } from './states.ts';

export type RowProblem =
  | { kind: 'code'; value: string }
  | { kind: 'name' }
  | { kind: 'type'; value: string }
  | { kind: 'flow'; value: string }
  | { kind: 'duplicate'; value: string; firstRow: number };

export interface PlannedRow {
  /** The row's number as a spreadsheet shows it (the header is row 1). */
  row: number;
  code: string;
  name: string;
  type: string;
  flow?: FlowName;
  outcome: 'new' | 'changed' | 'unchanged' | 'error';
  /** For changed rows: what changes. */
  changes?: Record<string, { from: string; to: string }>;
  problems: RowProblem[];
}

export type ImportPlan =
  | { ok: true; rows: PlannedRow[]; counts: Record<PlannedRow['outcome'], number> }
  | { ok: false; problem: 'empty' | 'unreadable' | 'columns' | 'too_many'; detail?: string };

export const MAX_IMPORT_ROWS = 5000;
const CODE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;
const COLUMN_NAMES: Record<string, 'code' | 'name' | 'type' | 'flow'> = { code: 'code', name: 'name', naam: 'name', type: 'type', flow: 'flow', publicatiestroom: 'flow' };

function readRows(text: string): string[][] | undefined {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  try {
    return parse(text.replace(/^\uFEFF/, ''), { delimiter, relax_column_count: true, skip_empty_lines: true, trim: true }) as string[][];
  } catch {
    return undefined;
  }
}

/** What importing `text` would do; reads the database, changes nothing. */
export async function planOrganisationImport(db: Kysely<Database>, text: string): Promise<ImportPlan> {
  if (!text.trim()) return { ok: false, problem: 'empty' };
  const rows = readRows(text);
  if (!rows) return { ok: false, problem: 'unreadable' };
  const [header, ...records] = rows;
  const columns = (header ?? []).map((h) => COLUMN_NAMES[h.toLowerCase()]);
  if (!columns.includes('code') || !columns.includes('name') || !columns.includes('type')) return { ok: false, problem: 'columns' };
  if (records.length === 0) return { ok: false, problem: 'empty' };
  if (records.length > MAX_IMPORT_ROWS) return { ok: false, problem: 'too_many', detail: String(MAX_IMPORT_ROWS) };

  const firstRowOf = new Map<string, number>();
  const planned: PlannedRow[] = [];
  for (const [i, record] of records.entries()) {
    const cell = (key: 'code' | 'name' | 'type' | 'flow') => {
      const index = columns.indexOf(key);
      return index < 0 ? '' : (record[index] ?? '').trim();
    };
    const row: PlannedRow = { row: i + 2, code: cell('code'), name: cell('name'), type: cell('type').toLowerCase(), outcome: 'error', problems: [] };
    const flow = cell('flow');
    if (!CODE.test(row.code)) row.problems.push({ kind: 'code', value: row.code });
    if (!row.name) row.problems.push({ kind: 'name' });
    if (!(ORG_TYPES as readonly string[]).includes(row.type)) row.problems.push({ kind: 'type', value: row.type });
    if (flow) {
      if (isFlowName(flow)) row.flow = flow;
      else row.problems.push({ kind: 'flow', value: flow });
    }
    const key = row.code.toLowerCase();
    const first = firstRowOf.get(key);
    if (first !== undefined) row.problems.push({ kind: 'duplicate', value: row.code, firstRow: first });
    else if (row.code) firstRowOf.set(key, row.row);
    if (row.problems.length === 0) {
      const existing = await findOrganisation(db, row.code);
      if (!existing) row.outcome = 'new';
      else {
        const next = { name: row.name, type: row.type, flow: row.flow ?? existing.flow };
        const changes = Object.fromEntries(
          (Object.keys(next) as (keyof typeof next)[]).filter((k) => next[k] !== existing[k]).map((k) => [k, { from: existing[k], to: next[k] }]),
        );
        row.outcome = Object.keys(changes).length ? 'changed' : 'unchanged';
        if (row.outcome === 'changed') row.changes = changes;
      }
    }
    planned.push(row);
  }
  const counts = { new: 0, changed: 0, unchanged: 0, error: 0 };
  for (const row of planned) counts[row.outcome]++;
  return { ok: true, rows: planned, counts };
}

/**
 * Applies the plan of `text` as it is now (planned again, so nothing changed in between is
 * overwritten unseen): new and changed rows in one transaction, each audited; rows with errors
 * are left out. Answers that plan.
 */
export async function applyOrganisationImport(db: Kysely<Database>, text: string, actor: Actor): Promise<ImportPlan> {
  return db.transaction().execute(async (trx) => {
    const plan = await planOrganisationImport(trx, text);
    if (!plan.ok) return plan;
    for (const row of plan.rows) {
      if (row.outcome === 'new') await createOrganisation(trx, { code: row.code, name: row.name, type: row.type, flow: row.flow }, actor);
      if (row.outcome === 'changed') await updateOrganisation(trx, (await findOrganisation(trx, row.code))!, { name: row.name, type: row.type, flow: row.flow }, actor);
    }
    return plan;
  });
}
