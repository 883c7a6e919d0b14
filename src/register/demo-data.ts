/**
 * Demo data for a register that starts empty: a handful of organisations in both flows, the
 * suppliers' templates, published descriptions made from them, a few drafts, and demo accounts.
 * Loaded by `npm start` on an empty database (unless SEED_DEMO=0) and by `seed`.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { SYSTEM_ACTOR } from './actor.ts';
import { createOrganisation, findOrganisation } from './organisations.ts';
import { bundledTemplates, upsertTemplates } from './templates.ts';
import { importRecords } from './import.ts';
import { createUser } from '../auth/users.ts';

export const DEMO_ORGANISATIONS = [
  { code: 'gm0363', name: 'Gemeente Amsterdam', type: 'gemeente', flow: 'self_publish_two' as const },
  { code: 'gm0855', name: 'Gemeente Tilburg', type: 'gemeente', flow: 'ictu_last' as const },
  { code: 'gm0014', name: 'Gemeente Groningen', type: 'gemeente', flow: 'ictu_last' as const },
  { code: 'ws0155', name: 'Waterschap Aa en Maas', type: 'waterschap', flow: 'self_publish_two' as const },
  { code: 'pv27', name: 'Provincie Noord-Holland', type: 'provincie', flow: 'ictu_last' as const },
  { code: 'zbo-uwv', name: 'Uitvoeringsinstituut Werknemersverzekeringen', type: 'zelfstandig_bestuursorgaan', flow: 'self_publish_two' as const },
];

/** Demo accounts (password grant and, later, management sign-in). Documented in the README. */
export const DEMO_PASSWORD = 'demo-wachtwoord';
export const DEMO_USERS = [
  { username: 'redacteur', firstName: 'Rosa', lastName: 'Redacteur', roles: ['role_1'], organisations: ['gm0363', 'gm0855'] },
  { username: 'goedkeurder', firstName: 'Gijs', lastName: 'Goedkeurder', roles: ['role_2'], organisations: ['gm0363'] },
  { username: 'publicatie', firstName: 'Pim', lastName: 'Publicatie', roles: ['ictu', 'all_groups'], organisations: [] },
  { username: 'beheerder', firstName: 'Bea', lastName: 'Beheerder', roles: ['admin'], organisations: [] },
];

export async function isEmpty(db: Kysely<Database>): Promise<boolean> {
  return !(await db.selectFrom('organisations').select('id').limit(1).executeTakeFirst());
}

export async function seedDemo(db: Kysely<Database>): Promise<{ organisations: number; algorithms: number; templates: number }> {
  for (const org of DEMO_ORGANISATIONS) {
    if (!(await findOrganisation(db, org.code))) await createOrganisation(db, org, SYSTEM_ACTOR);
  }
  const templates = bundledTemplates();
  await upsertTemplates(db, templates);
  const records = templates.map((t, i) => {
    const org = DEMO_ORGANISATIONS[i % DEMO_ORGANISATIONS.length];
    return {
      ...t.content,
      organization: org.name,
      organisation_code: org.code,
      contact_email: t.content.contact_email || `algoritmes@${org.code}.example.nl`,
      begin_date: t.content.begin_date || `202${i % 5}-0${(i % 9) + 1}`,
      source_id: `demo-${t.templateId}`,
    };
  });
  const published = await importRecords(db, records.slice(0, 22), SYSTEM_ACTOR, { publish: true });
  const drafts = await importRecords(db, records.slice(22), SYSTEM_ACTOR);
  for (const user of DEMO_USERS) {
    if (!(await db.selectFrom('users').select('id').where('username', '=', user.username).executeTakeFirst())) {
      await createUser(db, { ...user, password: DEMO_PASSWORD }, SYSTEM_ACTOR);
    }
  }
  return { organisations: DEMO_ORGANISATIONS.length, algorithms: published.created + drafts.created, templates: templates.length };
}
