/**
 * Templates: example descriptions by suppliers and organisations that pre-fill a new algorithm.
 * Seeded from the suppliers' files shipped with the register, kept in the database so they can
 * be maintained in the application.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
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
export async function templatesBySupplier(db: Kysely<Database>, standardVersion: string) {
  const rows = await db
    .selectFrom('templates')
    .select(['template_id', 'supplier', 'name'])
    .where('standard_version', '=', standardVersion)
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

export async function findTemplate(db: Kysely<Database>, standardVersion: string, templateId: string) {
  const row = await db
    .selectFrom('templates')
    .selectAll()
    .where('standard_version', '=', standardVersion)
    .where('template_id', '=', templateId)
    .executeTakeFirst();
  return row ? { id: row.template_id, supplier: row.supplier, ...(JSON.parse(row.content) as AlgorithmContent) } : null;
}
