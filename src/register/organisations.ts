/** Organisations: the owners of algorithms, each with its publication flow. */
import type { Kysely, Selectable } from 'kysely';
import type { Database, OrganisationTable } from '../db/schema.ts';
import { RegisterError } from './errors.ts';
import { isFlowName, type FlowName } from './states.ts';
import { recordEvent } from './audit.ts';
import type { Actor } from './actor.ts';
import { sanitizeRichText } from '../standard/html.ts';
import { CURRENT_STANDARD } from '../standard/index.ts';
import { reindexAlgorithms } from '../search/indexer.ts';

export type Organisation = Selectable<OrganisationTable> & { flow: FlowName };

export interface NewOrganisation {
  code: string;
  name: string;
  type?: string;
  parentCode?: string | null;
  flow?: FlowName;
}

/** Organisation types as the national register lists them. */
export const ORG_TYPES = [
  'adviescollege', 'agentschap', 'brandweer', 'caribisch_openbaar_lichaam', 'gemeente',
  'grensoverschrijdend_regionaal_samenwerkingsorgaan', 'hoog_college_van_staat', 'interdepartementale_commissie',
  'kabinet_van_de_koning', 'koepelorganisatie', 'ministerie', 'omgevingsdienst', 'openbaar_lichaam_voor_beroep_en_bedrijf',
  'organisatie_met_overheidsbemoeienis', 'organisatieonderdeel', 'politie', 'provincie', 'regionaal_samenwerkingsverband',
  'rechtspraak', 'regionaal_samenwerkingsorgaan', 'waterschap', 'zelfstandig_bestuursorgaan', 'overig', 'veiligheidsregio',
  'inspectie',
] as const;

const CODE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;

export async function createOrganisation(db: Kysely<Database>, input: NewOrganisation, actor: Actor): Promise<Organisation> {
  if (!CODE.test(input.code)) throw new RegisterError('invalid', `Organisation code "${input.code}" may hold only letters, digits, '.', '_' and '-' (at most 100).`);
  if (!input.name.trim()) throw new RegisterError('invalid', 'Organisation name is empty.');
  const type = input.type ?? 'overig';
  if (!(ORG_TYPES as readonly string[]).includes(type)) throw new RegisterError('invalid', `Unknown organisation type "${type}". Known: ${ORG_TYPES.join(', ')}.`);
  const flow = input.flow ?? 'ictu_last';
  if (!isFlowName(flow)) throw new RegisterError('invalid', `Unknown flow "${flow}".`);
  if (input.parentCode && !(await findOrganisation(db, input.parentCode))) {
    throw new RegisterError('not_found', `ORG_NOT_FOUND: parent ${input.parentCode}`);
  }
  if (await findOrganisation(db, input.code)) throw new RegisterError('conflict', `ORG_ALREADY_EXISTS: ${input.code}`);
  const row = await db
    .insertInto('organisations')
    .values({
      code: input.code,
      name: input.name.trim(),
      type,
      parent_code: input.parentCode ?? null,
      flow,
      show_page: 1,
      about_html: null,
      contact_html: null,
      created_at: new Date().toISOString(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordEvent(db, { action: 'organisation_created', actor, organisationId: row.id, detail: { code: row.code, name: row.name, flow } });
  return row as Organisation;
}

export async function findOrganisation(db: Kysely<Database>, code: string): Promise<Organisation | undefined> {
  return (await db.selectFrom('organisations').selectAll().where('code', '=', code).executeTakeFirst()) as Organisation | undefined;
}

export async function findOrganisationById(db: Kysely<Database>, id: number): Promise<Organisation | undefined> {
  return (await db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst()) as Organisation | undefined;
}

export async function listOrganisations(
  db: Kysely<Database>,
  opts: { q?: string; limit?: number; skip?: number } = {},
): Promise<{ organisations: Organisation[]; count: number }> {
  let query = db.selectFrom('organisations');
  if (opts.q) {
    const like = `%${opts.q.toLowerCase()}%`;
    query = query.where((eb) => eb.or([eb(eb.fn('lower', ['name']), 'like', like), eb(eb.fn('lower', ['code']), 'like', like)]));
  }
  const { count } = await query.select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
  const rows = await query
    .selectAll()
    .orderBy('name')
    .orderBy('id')
    .limit(opts.limit ?? 100)
    .offset(opts.skip ?? 0)
    .execute();
  return { organisations: rows as Organisation[], count: Number(count) };
}

export async function setFlow(db: Kysely<Database>, org: Organisation, flow: FlowName, actor: Actor): Promise<void> {
  if (!isFlowName(flow)) throw new RegisterError('invalid', `Unknown flow "${flow}".`);
  await db.updateTable('organisations').set({ flow }).where('id', '=', org.id).execute();
  await recordEvent(db, { action: 'organisation_flow_changed', actor, organisationId: org.id, detail: { from: org.flow, to: flow } });
}

export interface OrganisationChanges {
  name?: string;
  type?: string;
  flow?: FlowName;
}

/** Checks what `changes` would set, as createOrganisation checks a new one. */
export function checkOrganisationChanges(changes: OrganisationChanges): void {
  if (changes.name !== undefined && !changes.name.trim()) throw new RegisterError('invalid', 'Organisation name is empty.');
  if (changes.type !== undefined && !(ORG_TYPES as readonly string[]).includes(changes.type)) throw new RegisterError('invalid', `Unknown organisation type "${changes.type}".`);
  if (changes.flow !== undefined && !isFlowName(changes.flow)) throw new RegisterError('invalid', `Unknown flow "${changes.flow}".`);
}

/**
 * Changes name, type and flow; audited with a diff of what changed (nothing recorded when nothing
 * did). The search index holds each published algorithm's organisation name and type (shown in
 * results, searched, a facet), so a new name or type reindexes them in the same transaction.
 */
export async function updateOrganisation(db: Kysely<Database>, org: Organisation, changes: OrganisationChanges, actor: Actor): Promise<void> {
  checkOrganisationChanges(changes);
  const next = { name: changes.name?.trim() ?? org.name, type: changes.type ?? org.type, flow: changes.flow ?? org.flow };
  const diff = Object.fromEntries(
    (Object.keys(next) as (keyof typeof next)[]).filter((k) => next[k] !== org[k]).map((k) => [k, { from: org[k], to: next[k] }]),
  );
  if (Object.keys(diff).length === 0) return;
  const write = async (trx: Kysely<Database>) => {
    await trx.updateTable('organisations').set(next).where('id', '=', org.id).execute();
    if (diff.name || diff.type) {
      const indexed = await trx.selectFrom('search_documents').select('algorithm_id').where('organisation_code', '=', org.code).execute();
      await reindexAlgorithms(trx, indexed.map((d) => d.algorithm_id));
    }
    await recordEvent(trx, { action: 'organisation_changed', actor, organisationId: org.id, detail: diff });
  };
  await (db.isTransaction ? write(db) : db.transaction().execute(write));
}

/**
 * Sets the public profile (about and contact). The HTML is sanitised to the standard's
 * allow-list here, on input, so what is stored is what may be shown; an empty result is stored
 * as none. Answers what was stored.
 */
export async function setOrganisationProfile(
  db: Kysely<Database>,
  org: Organisation,
  profile: { aboutHtml: string; contactHtml: string },
  actor: Actor,
): Promise<{ aboutHtml: string | null; contactHtml: string | null }> {
  const clean = (html: string) => {
    const value = sanitizeRichText(html, CURRENT_STANDARD.allowedHtmlTags);
    return value.replace(/<[^>]*>/g, '').trim() === '' ? null : value;
  };
  const stored = { aboutHtml: clean(profile.aboutHtml), contactHtml: clean(profile.contactHtml) };
  const diff: Record<string, { from: string | null; to: string | null }> = {};
  if (stored.aboutHtml !== org.about_html) diff.about_html = { from: org.about_html, to: stored.aboutHtml };
  if (stored.contactHtml !== org.contact_html) diff.contact_html = { from: org.contact_html, to: stored.contactHtml };
  if (Object.keys(diff).length === 0) return stored;
  await db.updateTable('organisations').set({ about_html: stored.aboutHtml, contact_html: stored.contactHtml }).where('id', '=', org.id).execute();
  await recordEvent(db, { action: 'organisation_profile_changed', actor, organisationId: org.id, detail: diff });
  return stored;
}
