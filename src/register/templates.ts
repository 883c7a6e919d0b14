/**
 * Templates: example descriptions by suppliers and organisations that pre-fill a new algorithm.
 * Seeded from the suppliers' files shipped with the register, kept in the database so they can
 * be maintained in the application.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { ExpressionBuilder, Kysely, Selectable } from 'kysely';
import type { Database, TemplateTable } from '../db/schema.ts';
import type { Actor } from './actor.ts';
import { recordEvent } from './audit.ts';
import { RegisterError } from './errors.ts';
import { CURRENT_STANDARD } from '../standard/index.ts';
import { checkRecord } from '../standard/validate.ts';
import { toV1_0 } from '../standard/legacy.ts';
import type { AlgorithmContent } from '../standard/types.ts';

export const BUNDLED_TEMPLATES_DIR = new URL('../standard/templates-1.0/', import.meta.url);

export interface TemplateFileEntry {
  templateId: string;
  supplier: string;
  name: string;
  content: AlgorithmContent;
}

/** Reads a supplier's template file: a JSON array of pre-fill descriptions with legacy keys. */
export function readTemplateFile(path: string, supplier: string): TemplateFileEntry[] {
  const data = JSON.parse(readFileSync(path, 'utf8')) as unknown;
  if (!Array.isArray(data)) throw new Error(`${path}: expected a JSON array of templates`);
  return data.map((raw, i) => {
    if (typeof raw !== 'object' || raw === null) throw new Error(`${path}: template ${i} is not an object`);
    const record = raw as Record<string, unknown>;
    const templateId = typeof record.id === 'string' ? record.id : `${supplier}-${i}`.toLowerCase().replace(/[^a-z0-9]+/g, '-');
    // Templates are incomplete by nature: keep what validates, leave the rest empty.
    const { value } = checkRecord(CURRENT_STANDARD, { ...toV1_0(record), lang: 'nld', standard_version: '1.0' }, [i]);
    return { templateId, supplier, name: typeof record.name === 'string' ? record.name : templateId, content: value };
  });
}

export function bundledTemplates(): TemplateFileEntry[] {
  const dir = BUNDLED_TEMPLATES_DIR.pathname;
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .flatMap((f) => readTemplateFile(join(dir, f), f.replace(/\.json$/, '')));
}

/** Inserts or replaces templates by their id; returns how many were written. */
export async function upsertTemplates(db: Kysely<Database>, entries: TemplateFileEntry[], standardVersion = '1.0'): Promise<number> {
  const at = new Date().toISOString();
  for (const t of entries) {
    const values = { supplier: t.supplier, name: t.name, content: JSON.stringify(t.content), standard_version: standardVersion, updated_at: at };
    await db
      .insertInto('templates')
      .values({ template_id: t.templateId, organisation_id: null, created_at: at, ...values })
      .onConflict((oc) => oc.column('template_id').doUpdateSet(values))
      .execute();
  }
  return entries.length;
}

/** Suppliers with their templates, as `GET /aanleverapi/templates/{version}` lists them. */
/** Templates visible to all: the bundled suppliers' ones and those an organisation shares. */
const visibleToAll = (eb: ExpressionBuilder<Database, 'templates'>) => eb.or([eb('organisation_id', 'is', null), eb('shared', '=', 1)]);

/** Suppliers with their templates, as `GET /aanleverapi/templates/{version}` lists them: those visible to all. */
export async function templatesBySupplier(db: Kysely<Database>, standardVersion: string, forOrganisationId?: number) {
  const rows = await db
    .selectFrom('templates')
    .select(['template_id', 'supplier', 'name'])
    .where('standard_version', '=', standardVersion)
    .where((eb) => (forOrganisationId === undefined ? visibleToAll(eb) : eb.or([visibleToAll(eb), eb('organisation_id', '=', forOrganisationId)])))
    .orderBy('supplier')
    .orderBy('name')
    .execute();
  const bySupplier = new Map<string, { name: string; id: string }[]>();
  for (const r of rows) {
    if (!bySupplier.has(r.supplier)) bySupplier.set(r.supplier, []);
    bySupplier.get(r.supplier)!.push({ name: r.name, id: r.template_id });
  }
  return [...bySupplier].map(([name, algorithm_descriptions]) => ({ name, algorithm_descriptions }));
}

/** A template by id, if visible to all (or to `forOrganisationId`, which also sees its own). */
export async function findTemplate(db: Kysely<Database>, standardVersion: string, templateId: string, forOrganisationId?: number) {
  const row = await db
    .selectFrom('templates')
    .selectAll()
    .where('standard_version', '=', standardVersion)
    .where('template_id', '=', templateId)
    .where((eb) => (forOrganisationId === undefined ? visibleToAll(eb) : eb.or([visibleToAll(eb), eb('organisation_id', '=', forOrganisationId)])))
    .executeTakeFirst();
  return row ? { id: row.template_id, supplier: row.supplier, ...(JSON.parse(row.content) as AlgorithmContent) } : null;
}

export interface MaintainedTemplate {
  templateId: string;
  name: string;
  supplier: string;
  shared: boolean;
  organisationId: number | null;
  content: AlgorithmContent;
  updatedAt: string;
}

const toMaintained = (row: Selectable<TemplateTable>): MaintainedTemplate => ({
  templateId: row.template_id,
  name: row.name,
  supplier: row.supplier,
  shared: row.shared === 1,
  organisationId: row.organisation_id,
  content: JSON.parse(row.content) as AlgorithmContent,
  updatedAt: row.updated_at,
});

/** What an organisation sees in management: its own templates, and those visible to all. */
export async function templatesFor(db: Kysely<Database>, organisationId: number, standardVersion: string): Promise<MaintainedTemplate[]> {
  const rows = await db
    .selectFrom('templates')
    .selectAll()
    .where('standard_version', '=', standardVersion)
    .where((eb) => eb.or([visibleToAll(eb), eb('organisation_id', '=', organisationId)]))
    .orderBy('supplier')
    .orderBy('name')
    .execute();
  return rows.map(toMaintained);
}

/** One template an organisation maintains (its own), or undefined. */
export async function ownTemplate(db: Kysely<Database>, organisationId: number, templateId: string): Promise<MaintainedTemplate | undefined> {
  const row = await db.selectFrom('templates').selectAll().where('template_id', '=', templateId).where('organisation_id', '=', organisationId).executeTakeFirst();
  return row && toMaintained(row);
}

export interface TemplateInput {
  name: string;
  supplier: string;
  shared: boolean;
  content: AlgorithmContent;
}

/**
 * Saves an organisation's template: a new one (with a fresh id) when `templateId` is undefined,
 * else its own template `templateId` (another organisation's is not found). Audited.
 */
export async function saveTemplate(db: Kysely<Database>, organisationId: number, input: TemplateInput, actor: Actor, templateId?: string): Promise<string> {
  const at = new Date().toISOString();
  const values = { name: input.name, supplier: input.supplier, shared: input.shared ? 1 : 0, content: JSON.stringify(input.content), updated_at: at };
  return db.transaction().execute(async (trx) => {
    let id = templateId;
    if (id === undefined) {
      id = `eigen-${randomBytes(6).toString('hex')}`;
      await trx.insertInto('templates').values({ template_id: id, organisation_id: organisationId, standard_version: CURRENT_STANDARD.version, created_at: at, ...values }).execute();
    } else {
      const result = await trx.updateTable('templates').set(values).where('template_id', '=', id).where('organisation_id', '=', organisationId).executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) throw new RegisterError('not_found', `No template ${id} of this organisation.`);
    }
    await recordEvent(trx, { action: templateId === undefined ? 'template_created' : 'template_changed', actor, organisationId, detail: { template: id, name: input.name, shared: input.shared } });
    return id;
  });
}
