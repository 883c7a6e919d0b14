/**
 * Bulk import of standard records (JSON arrays, exports of this register, records of 0.4 or
 * with the templates' legacy keys). Invalid records are reported by index and field; the valid
 * ones are imported in batches, each batch one transaction, so 100k records load in seconds.
 *
 * Which organisation: `organisation` when given; else the record's `organisation_code` (as our
 * exports write it), created when missing; else the organisation whose name is the record's
 * `organization`, created when missing. A record whose `lars` is an algorithm of that
 * organisation becomes a new version of it (so re-importing an export changes nothing); a free
 * valid `lars` is kept.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { CURRENT_STANDARD } from '../standard/index.ts';
import { validateRecord, type ValidationIssue } from '../standard/validate.ts';
import { isLegacy, toV1_0 } from '../standard/legacy.ts';
import { diffContent } from '../standard/diff.ts';
import type { AlgorithmContent } from '../standard/types.ts';
import { generateLars, isValidLars } from './lars.ts';
import { createOrganisation, findOrganisation, type Organisation } from './organisations.ts';
import { LANGUAGE, latestVersion, updateAlgorithm } from './algorithms.ts';
import type { Actor } from './actor.ts';
import { RegisterError } from './errors.ts';
import { reindexAlgorithms } from '../search/indexer.ts';
import { refuseIfExcludedFromPublication } from './publication-exclusion.ts';

export interface ImportOptions {
  organisation?: string;
  publish?: boolean;
  batchSize?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface ImportReport {
  created: number;
  updated: number;
  unchanged: number;
  errors: { index: number; loc: (string | number)[]; msg: string; type: string }[];
  warnings: number;
  lars: string[];
}

interface Prepared {
  index: number;
  content: AlgorithmContent;
  org: Organisation;
  lars: string | null;
}

function slug(name: string): string {
  const base = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 90);
  return base || 'organisatie';
}

export async function importRecords(db: Kysely<Database>, records: unknown[], actor: Actor, opts: ImportOptions = {}): Promise<ImportReport> {
  const report: ImportReport = { created: 0, updated: 0, unchanged: 0, errors: [], warnings: 0, lars: [] };
  const orgCache = new Map<string, Organisation>();
  // No code holds a NUL character, and PostgreSQL cannot even compare one: not looked up.
  const lookup = (code: string) => (code.includes('\u0000') ? Promise.resolve(undefined) : findOrganisation(db, code));
  const fixedOrg = opts.organisation ? await lookup(opts.organisation) : undefined;
  if (opts.organisation && !fixedOrg) throw new RegisterError('not_found', `ORG_NOT_FOUND: ${opts.organisation}`);

  /**
   * A record's organisation. `organisation_code` (as our exports write it) is authoritative: that
   * organisation, created when missing, and never another one that happens to carry the same
   * name. Without a code, the organisation named `organization`, created (with a code made from
   * the name) when missing. Problems are reported against the record, never thrown.
   */
  async function organisationFor(raw: Record<string, unknown>, content: AlgorithmContent): Promise<Organisation | ValidationIssue> {
    if (fixedOrg) return fixedOrg;
    const code = typeof raw.organisation_code === 'string' && raw.organisation_code.trim() !== '' ? raw.organisation_code.trim() : null;
    const name = typeof content.organization === 'string' ? content.organization : '';
    const key = code ? `code:${code}` : `name:${name}`;
    const cached = orgCache.get(key);
    if (cached) return cached;
    if (!code && !name) return { loc: ['organization'], msg: 'No organisation: give --org, organisation_code or organization.', type: 'missing' };
    let org: Organisation | undefined;
    try {
      if (code) {
        org = (await lookup(code)) ?? (await createOrganisation(db, { code, name: name || code }, actor));
      } else {
        org = (await db.selectFrom('organisations').selectAll().where('name', '=', name).orderBy('id').executeTakeFirst()) as Organisation | undefined;
        org ??= await createOrganisation(db, { code: await freeCode(slug(name)), name }, actor);
      }
    } catch (error) {
      if (!(error instanceof RegisterError)) throw error;
      return { loc: [code ? 'organisation_code' : 'organization'], msg: error.detail, type: 'value_error' };
    }
    orgCache.set(key, org);
    return org;
  }

  /** `base`, or `base-2`, `base-3`, … when another organisation (with another name) has that code. */
  async function freeCode(base: string): Promise<string> {
    for (let n = 1; ; n++) {
      const candidate = n === 1 ? base : `${base}-${n}`;
      if (!(await findOrganisation(db, candidate))) return candidate;
    }
  }

  const total = records.length;
  const batchSize = opts.batchSize ?? 500;
  for (let start = 0; start < total; start += batchSize) {
    const prepared: Prepared[] = [];
    for (let index = start; index < Math.min(start + batchSize, total); index++) {
      const raw = records[index];
      const record = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>) : null;
      const input = record && isLegacy(record) ? toV1_0(record) : raw;
      const result = validateRecord(CURRENT_STANDARD, input, []);
      if (!result.ok) {
        for (const e of result.errors) report.errors.push({ index, loc: e.loc, msg: e.msg, type: e.type });
        continue;
      }
      report.warnings += result.warnings.length;
      const org = await organisationFor(record!, result.value);
      if ('msg' in org) {
        report.errors.push({ index, ...org });
        continue;
      }
      const lars = typeof record!.lars === 'string' && isValidLars(record!.lars) ? record!.lars : null;
      prepared.push({ index, content: result.value, org, lars });
    }
    await importBatch(db, prepared, actor, opts, report);
    opts.onProgress?.(Math.min(start + batchSize, total), total);
  }
  return report;
}

async function importBatch(db: Kysely<Database>, batch: Prepared[], actor: Actor, opts: ImportOptions, report: ImportReport): Promise<void> {
  if (batch.length === 0) return;
  // Records naming an algorithm that exists become edits of it; the rest are created.
  const named = batch.filter((p) => p.lars).map((p) => p.lars!);
  const existing = named.length
    ? await db.selectFrom('algorithms').selectAll().where('lars', 'in', named).execute()
    : [];
  const byLars = new Map(existing.map((a) => [a.lars, a]));
  const creations: Prepared[] = [];
  for (const p of batch) {
    const found = p.lars ? byLars.get(p.lars) : undefined;
    if (!found) {
      creations.push(p);
      continue;
    }
    if (found.organisation_id !== p.org.id || found.removed_at) {
      const msg = found.organisation_id !== p.org.id ? `LARS ${p.lars} belongs to another organisation.` : `LARS ${p.lars} was removed; it is not used again.`;
      report.errors.push({ index: p.index, loc: ['lars'], msg, type: 'forbidden' });
      continue;
    }
    if (opts.publish) {
      // An exclusion ground in force may say it is not published: the record is refused, not half done.
      const refusal = await refuseIfExcludedFromPublication(db, found.id).catch((error: unknown) => error);
      if (refusal instanceof RegisterError) {
        report.errors.push({ index: p.index, loc: ['lars'], msg: refusal.message, type: 'conflict' });
        continue;
      }
      if (refusal) throw refusal;
    }
    const result = await updateAlgorithm(db, found, p.content, actor, { auditAction: 'imported' });
    if (result.changed) report.updated++;
    else report.unchanged++;
    report.lars.push(found.lars);
    if (opts.publish && result.version.state !== 'PUBLISHED') await publishImported(db, found.id, found.organisation_id, actor);
  }
  if (creations.length === 0) return;

  // Fresh LARS codes for the batch, checked against the database in one query per round; only
  // the codes that clash are drawn again, so a round's cost stays the same however full the register is.
  const want = await freeLarsCodes(db, creations.map((p) => p.lars));

  await db.transaction().execute(async (trx) => {
    const at = new Date().toISOString();
    const algorithms = await trx
      .insertInto('algorithms')
      .values(
        creations.map((p, i) => ({
          lars: want[i],
          organisation_id: p.org.id,
          source_id: typeof p.content.source_id === 'string' && p.content.source_id !== '' ? p.content.source_id : null,
          created_at: at,
          removed_at: null,
          removed_by: null,
        })),
      )
      .returning(['id', 'lars'])
      .execute();
    // Match by key, not by position: the engines do not promise RETURNING order.
    const idByLars = new Map(algorithms.map((a) => [a.lars, a.id]));
    const algorithmIds = want.map((lars) => idByLars.get(lars)!);
    const versions = await trx
      .insertInto('versions')
      .values(
        creations.map((p, i) => ({
          algorithm_id: algorithmIds[i],
          language: LANGUAGE,
          state: opts.publish ? 'PUBLISHED' : 'STATE_1',
          state_before_archive: null,
          standard_version: typeof p.content.standard_version === 'string' ? p.content.standard_version : null,
          content: JSON.stringify(p.content),
          create_dt: at,
          created_by: actor.id,
          published_at: opts.publish ? at : null,
          preview_token: null,
          preview_expires_at: null,
        })),
      )
      .returning(['id', 'algorithm_id'])
      .execute();
    const versionIdByAlgorithm = new Map(versions.map((v) => [v.algorithm_id, v.id]));
    await trx
      .insertInto('audit_events')
      .values(
        creations.map((p, i) => ({
          at,
          action: 'imported',
          actor_id: actor.id,
          actor_name: actor.name,
          organisation_id: p.org.id,
          algorithm_id: algorithmIds[i],
          version_id: versionIdByAlgorithm.get(algorithmIds[i])!,
          detail: JSON.stringify({ published: Boolean(opts.publish), diff: diffContent(null, p.content, Object.keys(p.content)) }),
        })),
      )
      .execute();
    if (opts.publish) await reindexAlgorithms(trx, algorithmIds);
    report.created += creations.length;
    report.lars.push(...want);
  });
}

/**
 * One free LARS code per entry: the given one where it is free and not given twice, else a drawn
 * one. Only the codes the database already holds are drawn again, round after round.
 */
export async function freeLarsCodes(db: Kysely<Database>, given: (string | null)[]): Promise<string[]> {
  const used = new Set<string>();
  const want = given.map((lars) => {
    let code = lars ?? generateLars();
    while (used.has(code)) code = generateLars();
    used.add(code);
    return code;
  });
  let check = want.map((_, i) => i);
  while (check.length) {
    const taken = new Set((await db.selectFrom('algorithms').select('lars').where('lars', 'in', check.map((i) => want[i])).execute()).map((t) => t.lars));
    check = check.filter((i) => taken.has(want[i]));
    for (const i of check) {
      let code: string;
      do code = generateLars();
      while (used.has(code));
      used.add(code);
      want[i] = code;
    }
  }
  return want;
}

/** `--publish` on an existing algorithm: its new latest version goes live at once, audited as an import. */
async function publishImported(db: Kysely<Database>, algorithmId: number, organisationId: number, actor: Actor): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const latest = await latestVersion(trx, algorithmId);
    if (!latest || latest.state === 'PUBLISHED') return;
    const at = new Date().toISOString();
    await trx.updateTable('versions').set({ state: 'EXPIRED' }).where('algorithm_id', '=', algorithmId).where('state', '=', 'PUBLISHED').execute();
    await trx.updateTable('versions').set({ state: 'PUBLISHED', published_at: at }).where('id', '=', latest.id).execute();
    await trx
      .insertInto('audit_events')
      .values({ at, action: 'published', actor_id: actor.id, actor_name: actor.name, organisation_id: organisationId, algorithm_id: algorithmId, version_id: latest.id, detail: JSON.stringify({ via: 'import' }) })
      .execute();
    await reindexAlgorithms(trx, [algorithmId]);
  });
}
