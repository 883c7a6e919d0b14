/**
 * Bulk import into one organisation, in two steps: a plan (the dry run) that says per row and
 * per field what would be created or changed, with errors (the row is refused) and warnings,
 * storing nothing; and applying that plan in one transaction, all or nothing.
 *
 * Which algorithm a row is about:
 * - a `lars` that is an algorithm of this organisation: a new draft version of it;
 * - any other `lars` (another organisation's, a removed one, or none at all) is an error for
 *   that row, with one message for all of them, so the answer tells nothing about other
 *   organisations' algorithms;
 * - no `lars`, but a `source_id` the organisation already has: a new draft version of that one;
 * - otherwise a new algorithm.
 * An edit that changes nothing is reported as unchanged and writes nothing, so re-importing an
 * export of the organisation changes nothing.
 *
 * Applying exactly what was shown: the plan carries a fingerprint of every decision (row,
 * action, target, the version it was based on, the content). Applying plans the same records
 * again inside the transaction and refuses when the fingerprint differs (the file or the
 * register changed since the dry run), so nothing sent back by a client is ever trusted.
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { CURRENT_STANDARD } from '../standard/index.ts';
import { checkRecord, type ValidationIssue } from '../standard/validate.ts';
import { isLegacy, toV1_0 } from '../standard/legacy.ts';
import { diffContent, type FieldDiff } from '../standard/diff.ts';
import { ID_COLUMNS } from '../standard/tabular.ts';
import type { AlgorithmContent } from '../standard/types.ts';
import { isValidLars } from './lars.ts';
import { LANGUAGE } from './algorithms.ts';
import { freeLarsCodes } from './import.ts';
import { recordEvent } from './audit.ts';
import { RegisterError } from './errors.ts';
import type { Actor } from './actor.ts';
import type { Organisation } from './organisations.ts';

export type RowAction = 'create' | 'update' | 'unchanged' | 'refused';

/** A problem with a row; `loc` is relative to the record (`['name']`, `['links', 0, 'link']`), empty for the row itself. */
export type RowIssue = ValidationIssue;

export interface PlannedRow {
  /** Position of the record in the file, from 0. */
  index: number;
  action: RowAction;
  /** The name the row gives, for people to recognise it. */
  name: string | null;
  /** The algorithm it changes (update, unchanged); absent when it creates one or is refused. */
  lars?: string;
  algorithmId?: number;
  /** The version the change is based on: applying refuses when another one is latest by then. */
  basisVersionId?: number;
  /** The content to store (create, update). */
  content?: AlgorithmContent;
  /** Per field: what it was and what it becomes (for a new algorithm: every filled-in field). */
  changes: FieldDiff;
  /** For a refused row: the values it gave at the fields with a problem, to show them there. */
  given?: Record<string, unknown>;
  errors: RowIssue[];
  warnings: RowIssue[];
}

export interface ImportPlan {
  rows: PlannedRow[];
  counts: { create: number; update: number; unchanged: number; refused: number; warnings: number };
  /** A digest of every decision, to check at apply time that what is applied is what was shown. */
  fingerprint: string;
}

export interface ApplyResult {
  created: number;
  updated: number;
  /** The LARS codes written, created and updated, in row order. */
  lars: string[];
}

/** The ids of an export row: they name the algorithm but are not content. */
const ID_KEYS = new Set<string>(ID_COLUMNS);
const KNOWN_KEYS = new Set<string>([...ID_COLUMNS, ...CURRENT_STANDARD.fields.map((f) => f.key)]);
/** Keys of older standards and the templates, mapped by toV1_0 rather than unknown. */
const LEGACY_KEYS = new Set(['type', 'uuid', 'id', 'lawful_basis_link', 'source_data_link', 'iama_description', 'impacttoetsen']);
const CONTENT_KEYS = CURRENT_STANDARD.fields.filter((f) => f.kind !== 'system').map((f) => f.key);
/** Rows looked up per query: well inside both engines' limits on bound parameters. */
const CHUNK = 500;

const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null);
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

interface Existing {
  id: number;
  lars: string;
  source_id: string | null;
  removed_at: string | null;
  organisation_id: number;
}

interface Latest {
  id: number;
  algorithm_id: number;
  content: AlgorithmContent;
}

/** The dry run: what importing `records` into `org` would do, row by row. Stores nothing. */
export async function planImport(db: Kysely<Database>, org: Organisation, records: unknown[]): Promise<ImportPlan> {
  const rows: PlannedRow[] = [];
  const checked: { row: PlannedRow; lars: string | null; sourceId: string | null }[] = [];

  for (let index = 0; index < records.length; index++) {
    const raw = records[index];
    const row: PlannedRow = { index, action: 'refused', name: null, changes: {}, errors: [], warnings: [] };
    rows.push(row);
    if (!isRecord(raw)) {
      row.errors.push({ loc: [], type: 'model_attributes_type', msg: 'A row must be a record of fields.' });
      continue;
    }
    row.name = text(raw.name);
    for (const key of Object.keys(raw)) {
      if (!KNOWN_KEYS.has(key) && !LEGACY_KEYS.has(key)) row.warnings.push({ loc: [key], type: 'unknown_field', msg: `${key} is not a field of the standard; it is ignored.` });
    }
    const givenCode = text(raw.organisation_code);
    if (givenCode && givenCode !== org.code) {
      row.errors.push({ loc: ['organisation_code'], type: 'other_organisation', msg: `The row is of organisation ${givenCode}, not ${org.code}.`, ctx: { code: givenCode } });
    }
    const givenLars = raw.lars === undefined || raw.lars === null || raw.lars === '' ? null : raw.lars;
    if (givenLars !== null && !(typeof givenLars === 'string' && isValidLars(givenLars))) {
      row.errors.push({ loc: ['lars'], type: 'lars_format', msg: 'A LARS code is 8 digits.', input: givenLars });
    }
    const content = Object.fromEntries(Object.entries(raw).filter(([key]) => !ID_KEYS.has(key)));
    const input = isLegacy(content) ? toV1_0(content) : content;
    const result = checkRecord(CURRENT_STANDARD, input, []);
    row.errors.push(...result.errors);
    row.warnings.push(...result.warnings);
    if (result.errors.length) continue;
    if (typeof result.value.organization === 'string' && result.value.organization !== '' && result.value.organization !== org.name) {
      row.warnings.push({ loc: ['organization'], type: 'other_organisation_name', msg: `organization is "${result.value.organization}", but the row is imported into ${org.name}.`, ctx: { organisation: org.name } });
    }
    if (row.errors.length) continue;
    row.content = result.value;
    checked.push({ row, lars: givenLars as string | null, sourceId: text(result.value.source_id) });
  }

  // The organisation's algorithms the rows name, by LARS and by source id, in a few queries.
  const byLars = new Map<string, Existing>();
  const bySource = new Map<string, Existing>();
  const wantedLars = [...new Set(checked.map((c) => c.lars).filter((l): l is string => l !== null))];
  for (const part of chunks(wantedLars)) {
    const found = await db.selectFrom('algorithms').select(['id', 'lars', 'source_id', 'removed_at', 'organisation_id']).where('lars', 'in', part).execute();
    for (const a of found) byLars.set(a.lars, a);
  }
  const wantedSources = [...new Set(checked.filter((c) => c.lars === null && c.sourceId !== null).map((c) => c.sourceId!))];
  for (const part of chunks(wantedSources)) {
    const found = await db
      .selectFrom('algorithms')
      .select(['id', 'lars', 'source_id', 'removed_at', 'organisation_id'])
      .where('organisation_id', '=', org.id)
      .where('removed_at', 'is', null)
      .where('source_id', 'in', part)
      .orderBy('id')
      .execute();
    // The oldest algorithm with a source id wins, as findAlgorithmBySourceId decides.
    for (const a of found) if (!bySource.has(a.source_id!)) bySource.set(a.source_id!, a);
  }

  // Decide each row's target; two rows may not change the same algorithm or create the same source id.
  const targets = new Map<PlannedRow, Existing>();
  const claimedBy = new Map<number, number>();
  const newSources = new Map<string, number>();
  for (const { row, lars, sourceId } of checked) {
    let target: Existing | undefined;
    if (lars !== null) {
      target = byLars.get(lars);
      if (!target || target.organisation_id !== org.id || target.removed_at) {
        row.errors.push({ loc: ['lars'], type: 'not_of_organisation', msg: `LARS ${lars} is not an algorithm of ${org.code}.`, input: lars });
        continue;
      }
    } else if (sourceId !== null) target = bySource.get(sourceId);
    if (target) {
      const earlier = claimedBy.get(target.id);
      if (earlier !== undefined) {
        row.errors.push({ loc: [lars !== null ? 'lars' : 'source_id'], type: 'duplicate_row', msg: `Row ${earlier + 1} already changes this algorithm.`, ctx: { row: earlier } });
        continue;
      }
      claimedBy.set(target.id, row.index);
      targets.set(row, target);
      continue;
    }
    if (sourceId !== null) {
      const earlier = newSources.get(sourceId);
      if (earlier !== undefined) {
        row.errors.push({ loc: ['source_id'], type: 'duplicate_row', msg: `Row ${earlier + 1} already creates an algorithm with this source_id.`, ctx: { row: earlier } });
        continue;
      }
      newSources.set(sourceId, row.index);
    }
    row.action = 'create';
    row.changes = diffContent(null, row.content!, CONTENT_KEYS);
  }

  // The latest version of every algorithm changed, to compare field by field.
  const latest = new Map<number, Latest>();
  for (const part of chunks([...targets.values()].map((t) => t.id))) {
    const ids = db.selectFrom('versions').select((eb) => eb.fn.max('id').as('id')).where('algorithm_id', 'in', part).where('language', '=', LANGUAGE).groupBy('algorithm_id');
    const versions = await db.selectFrom('versions').select(['id', 'algorithm_id', 'content']).where('id', 'in', ids).execute();
    for (const v of versions) latest.set(v.algorithm_id, { id: v.id, algorithm_id: v.algorithm_id, content: JSON.parse(v.content) as AlgorithmContent });
  }
  for (const [row, target] of targets) {
    const basis = latest.get(target.id);
    row.lars = target.lars;
    row.algorithmId = target.id;
    if (!basis) {
      row.errors.push({ loc: ['lars'], type: 'not_of_organisation', msg: `LARS ${target.lars} is not an algorithm of ${org.code}.` });
      continue;
    }
    row.basisVersionId = basis.id;
    // The same comparison an edit makes (updateAlgorithm): every key of either side.
    const keys = [...new Set([...Object.keys(basis.content), ...Object.keys(row.content!)])];
    row.changes = diffContent(basis.content, row.content!, keys);
    row.action = Object.keys(row.changes).length ? 'update' : 'unchanged';
  }

  for (const row of rows) {
    if (row.errors.length) {
      row.action = 'refused';
      delete row.content;
      row.changes = {};
      const raw = records[row.index];
      if (isRecord(raw)) {
        const keys = [...row.errors, ...row.warnings].map((issue) => String(issue.loc[0] ?? '')).filter((key) => key in raw);
        row.given = Object.fromEntries(keys.map((key) => [key, raw[key]]));
      }
    }
  }
  return { rows, counts: countRows(rows), fingerprint: fingerprintOf(org, rows) };
}

function countRows(rows: PlannedRow[]): ImportPlan['counts'] {
  const counts = { create: 0, update: 0, unchanged: 0, refused: 0, warnings: 0 };
  for (const row of rows) {
    counts[row.action]++;
    counts.warnings += row.warnings.length;
  }
  return counts;
}

function fingerprintOf(org: Organisation, rows: PlannedRow[]): string {
  const hash = createHash('sha256').update(`${org.id}\n`);
  for (const row of rows) {
    hash.update(JSON.stringify([row.index, row.action, row.algorithmId ?? null, row.basisVersionId ?? null, row.content ?? null, row.errors.map((e) => [e.loc, e.type])]));
    hash.update('\n');
  }
  return hash.digest('hex');
}

/**
 * Applies the plan of `records` into `org`, in one transaction: the creations and new draft
 * versions of the rows that were not refused, each audited with its field diff, and one event
 * for the import as a whole. `expected` is the fingerprint of the dry run that was shown: when
 * planning again gives another one, nothing is written (RegisterError `conflict`).
 */
export async function applyImport(
  db: Kysely<Database>,
  org: Organisation,
  records: unknown[],
  expected: string,
  actor: Actor,
  opts: { fileName?: string } = {},
): Promise<ApplyResult> {
  return db.transaction().execute(async (trx) => {
    const plan = await planImport(trx, org, records);
    if (plan.fingerprint !== expected) throw new RegisterError('conflict', 'IMPORT_PLAN_CHANGED: the file or the register changed since the dry run');
    const at = new Date().toISOString();
    const updates = plan.rows.filter((r) => r.action === 'update');
    const creations = plan.rows.filter((r) => r.action === 'create');
    const result: ApplyResult = { created: 0, updated: 0, lars: [] };

    for (const part of chunks(updates)) {
      // A draft that is replaced expires, as an edit does; a published version stays live.
      const replaced = await trx
        .selectFrom('versions')
        .select(['id', 'algorithm_id', 'state'])
        .where('id', 'in', part.map((r) => r.basisVersionId!))
        .where('state', 'in', ['STATE_1', 'STATE_2'])
        .execute();
      if (replaced.length) {
        await trx.updateTable('versions').set({ state: 'EXPIRED' }).where('id', 'in', replaced.map((v) => v.id)).execute();
        await trx
          .insertInto('audit_events')
          .values(replaced.map((v) => ({ at, action: 'superseded', actor_id: actor.id, actor_name: actor.name, organisation_id: org.id, algorithm_id: v.algorithm_id, version_id: v.id, detail: JSON.stringify({ from: v.state, to: 'EXPIRED', via: 'bulk_import' }) })))
          .execute();
      }
      const versions = await trx.insertInto('versions').values(part.map((r) => newVersion(r.algorithmId!, r.content!, actor, at))).returning(['id', 'algorithm_id']).execute();
      const versionOf = new Map(versions.map((v) => [v.algorithm_id, v.id]));
      await trx
        .insertInto('audit_events')
        .values(part.map((r) => ({ at, action: 'imported', actor_id: actor.id, actor_name: actor.name, organisation_id: org.id, algorithm_id: r.algorithmId!, version_id: versionOf.get(r.algorithmId!)!, detail: JSON.stringify({ via: 'bulk_import', diff: r.changes }) })))
        .execute();
      for (const r of part.filter((r) => 'source_id' in r.changes)) {
        await trx.updateTable('algorithms').set({ source_id: text(r.content!.source_id) }).where('id', '=', r.algorithmId!).execute();
      }
      result.updated += part.length;
      result.lars.push(...part.map((r) => r.lars!));
    }

    for (const part of chunks(creations)) {
      const codes = await freeLarsCodes(trx, part.map(() => null));
      const algorithms = await trx
        .insertInto('algorithms')
        .values(part.map((r, i) => ({ lars: codes[i], organisation_id: org.id, source_id: text(r.content!.source_id), created_at: at, removed_at: null, removed_by: null })))
        .returning(['id', 'lars'])
        .execute();
      // Match by key, not by position: the engines do not promise RETURNING order.
      const idOf = new Map(algorithms.map((a) => [a.lars, a.id]));
      const ids = codes.map((code) => idOf.get(code)!);
      const versions = await trx.insertInto('versions').values(part.map((r, i) => newVersion(ids[i], r.content!, actor, at))).returning(['id', 'algorithm_id']).execute();
      const versionOf = new Map(versions.map((v) => [v.algorithm_id, v.id]));
      await trx
        .insertInto('audit_events')
        .values(part.map((r, i) => ({ at, action: 'imported', actor_id: actor.id, actor_name: actor.name, organisation_id: org.id, algorithm_id: ids[i], version_id: versionOf.get(ids[i])!, detail: JSON.stringify({ via: 'bulk_import', diff: r.changes }) })))
        .execute();
      result.created += part.length;
      result.lars.push(...codes);
    }

    await recordEvent(
      trx,
      { action: 'bulk_imported', actor, organisationId: org.id, detail: { file: opts.fileName ?? null, rows: plan.rows.length, created: result.created, updated: result.updated, unchanged: plan.counts.unchanged, refused: plan.counts.refused } },
      at,
    );
    return result;
  });
}

function newVersion(algorithmId: number, content: AlgorithmContent, actor: Actor, at: string) {
  return {
    algorithm_id: algorithmId,
    language: LANGUAGE,
    state: 'STATE_1',
    state_before_archive: null,
    standard_version: typeof content.standard_version === 'string' ? content.standard_version : null,
    content: JSON.stringify(content),
    create_dt: at,
    created_by: actor.id,
    published_at: null,
    preview_token: null,
    preview_expires_at: null,
  };
}
