/**
 * Demo data for a register that starts empty: a handful of organisations in both flows, the
 * suppliers' templates, published descriptions made from them and two of our own, a few drafts,
 * and demo accounts.
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

/**
 * Two descriptions of our own beside those made from the templates, so that the examples under the
 * search box find something in the demo too: a plain word (parkeren) and an abbreviation that the
 * synonym dictionary knows (AOW, also found as Algemene Ouderdomswet).
 */
const SHOWCASE_ORGANISATION = { code: 'zbo-svb', name: 'Sociale Verzekeringsbank', type: 'zelfstandig_bestuursorgaan', flow: 'self_publish_two' as const };
const SHOWCASE_RECORDS = [
  {
    name: 'Parkeervergunningen voor bewoners toekennen',
    description_short:
      'Beoordeelt of een bewoner een vergunning krijgt om in de eigen buurt te parkeren, en zet aanvragen in buurten met een wachtlijst op volgorde van aanmelding.',
    organisation_code: 'gm0363',
    organization: 'Gemeente Amsterdam',
    category: ['Verkeer'],
    status: 'In gebruik',
    begin_date: '2021-03',
    contact_email: 'parkeren@gm0363.example.nl',
    publication_category: 'Impactvolle algoritmes',
    goal: '<p>Bewoners krijgen binnen een paar dagen een besluit op hun aanvraag, en de beschikbare vergunningen in een buurt worden eerlijk verdeeld: wie het eerst aanvraagt, is het eerst aan de beurt.</p>',
    proportionality: '<p>Het algoritme gebruikt alleen wat voor de voorwaarden nodig is: het adres, het kenteken en de datum van de aanvraag.</p>',
    human_intervention: '<p>Een afwijzing gaat nooit automatisch de deur uit: een medewerker bekijkt elke aanvraag die niet aan de voorwaarden lijkt te voldoen.</p>',
    risks: '<p>Een verhuizing die nog niet in de basisregistratie staat, kan tot een onterechte afwijzing leiden; daarom kijkt bij elke afwijzing een medewerker mee.</p>',
    lawful_basis: '<p>De Parkeerverordening van de gemeente, op grond van artikel 225 van de Gemeentewet.</p>',
    lawful_basis_grouping: [{ title: 'Gemeentewet', link: 'https://wetten.overheid.nl/BWBR0005416/' }],
    source_data: '<ul><li>Adres van de aanvrager uit de Basisregistratie Personen</li><li>Kenteken en tenaamstelling uit het kentekenregister</li><li>Wachtlijst per vergunninggebied</li></ul>',
    methods_and_models: '<p>Vaste regels: woont de aanvrager in het gebied, staat het kenteken op zijn naam, en heeft het adres nog geen vergunning. Een aanvraag die aan alle regels voldoet, krijgt een plaats op de wachtlijst of meteen een vergunning.</p>',
    provider: 'Eigen ontwikkeling',
    lang: 'nld',
    standard_version: '1.0',
    source_id: 'demo-parkeervergunningen',
  },
  {
    name: 'Signalen over het woonland van AOW-gerechtigden',
    description_short:
      'Zoekt in berichten van buitenlandse instanties naar aanwijzingen dat iemand met een AOW-pensioen in een ander land is gaan wonen, zodat een medewerker kan nagaan of de hoogte van het pensioen moet veranderen.',
    organisation_code: SHOWCASE_ORGANISATION.code,
    organization: SHOWCASE_ORGANISATION.name,
    category: ['Sociale zekerheid'],
    status: 'In gebruik',
    begin_date: '2019-09',
    contact_email: 'algoritmes@zbo-svb.example.nl',
    publication_category: 'Impactvolle algoritmes',
    goal: '<p>Het AOW-pensioen hangt af van het land waar iemand woont. Het algoritme helpt een verhuizing naar het buitenland op tijd te zien, zodat niemand achteraf veel hoeft terug te betalen.</p>',
    proportionality: '<p>Alleen berichten over mensen met een AOW-pensioen worden bekeken, en alleen op het woonadres.</p>',
    human_intervention: '<p>Het algoritme geeft alleen een signaal. Een medewerker neemt contact op en beslist; het pensioen verandert nooit op het signaal alleen.</p>',
    risks: '<p>Een tijdelijk verblijf in het buitenland kan een signaal geven; daarom vraagt de medewerker eerst na hoe het zit.</p>',
    lawful_basis: '<p>Algemene Ouderdomswet (AOW), en de verordeningen over de coördinatie van de sociale zekerheid in de Europese Unie.</p>',
    lawful_basis_grouping: [{ title: 'Algemene Ouderdomswet', link: 'https://wetten.overheid.nl/BWBR0002221/' }],
    source_data: '<ul><li>Berichten van buitenlandse socialezekerheidsinstanties</li><li>Woonadres uit de Basisregistratie Personen</li></ul>',
    methods_and_models: '<p>Vaste regels die een bericht over een buitenlands adres vergelijken met het woonadres dat bekend is.</p>',
    provider: 'Eigen ontwikkeling',
    lang: 'nld',
    standard_version: '1.0',
    source_id: 'demo-woonland-aow',
  },
];

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
  if (!(await findOrganisation(db, SHOWCASE_ORGANISATION.code))) await createOrganisation(db, SHOWCASE_ORGANISATION, SYSTEM_ACTOR);
  const published = await importRecords(db, [...records.slice(0, 22), ...SHOWCASE_RECORDS], SYSTEM_ACTOR, { publish: true });
  const drafts = await importRecords(db, records.slice(22), SYSTEM_ACTOR);
  for (const user of DEMO_USERS) {
    if (!(await db.selectFrom('users').select('id').where('username', '=', user.username).executeTakeFirst())) {
      await createUser(db, { ...user, password: DEMO_PASSWORD }, SYSTEM_ACTOR);
    }
  }
  return { organisations: DEMO_ORGANISATIONS.length + 1, algorithms: published.created + drafts.created, templates: templates.length };
}
