/**
 * The public directory of organisations: the ones that want a page (show_page), found by name
 * or type, each with the number of algorithms it publishes, and one organisation's published
 * algorithms. Reads only; no HTTP here.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { AlgorithmContent } from '../standard/types.ts';
import { publishedVersions, withheldOf } from './published.ts';
import { withholding } from './publication-exclusion.ts';
import { ORG_TYPES, type Organisation } from './organisations.ts';

export type OrgType = (typeof ORG_TYPES)[number];

export const isOrgType = (value: string): value is OrgType => (ORG_TYPES as readonly string[]).includes(value);

/** The organisation types in words, as the national register names them. */
export const ORG_TYPE_LABELS: Record<OrgType, { nl: string; en: string }> = {
  adviescollege: { nl: 'Adviescollege', en: 'Advisory board' },
  agentschap: { nl: 'Agentschap', en: 'Agency' },
  brandweer: { nl: 'Brandweer', en: 'Fire service' },
  caribisch_openbaar_lichaam: { nl: 'Caribisch openbaar lichaam', en: 'Caribbean public body' },
  gemeente: { nl: 'Gemeente', en: 'Municipality' },
  grensoverschrijdend_regionaal_samenwerkingsorgaan: { nl: 'Grensoverschrijdend regionaal samenwerkingsorgaan', en: 'Cross-border regional partnership' },
  hoog_college_van_staat: { nl: 'Hoog college van staat', en: 'High council of state' },
  interdepartementale_commissie: { nl: 'Interdepartementale commissie', en: 'Interdepartmental committee' },
  kabinet_van_de_koning: { nl: 'Kabinet van de Koning', en: "King's Cabinet" },
  koepelorganisatie: { nl: 'Koepelorganisatie', en: 'Umbrella organisation' },
  ministerie: { nl: 'Ministerie', en: 'Ministry' },
  omgevingsdienst: { nl: 'Omgevingsdienst', en: 'Environmental service' },
  openbaar_lichaam_voor_beroep_en_bedrijf: { nl: 'Openbaar lichaam voor beroep en bedrijf', en: 'Public body for trade and industry' },
  organisatie_met_overheidsbemoeienis: { nl: 'Organisatie met overheidsbemoeienis', en: 'Organisation with government involvement' },
  organisatieonderdeel: { nl: 'Organisatieonderdeel', en: 'Part of an organisation' },
  politie: { nl: 'Politie', en: 'Police' },
  provincie: { nl: 'Provincie', en: 'Province' },
  regionaal_samenwerkingsverband: { nl: 'Regionaal samenwerkingsverband', en: 'Regional partnership' },
  rechtspraak: { nl: 'Rechtspraak', en: 'Judiciary' },
  regionaal_samenwerkingsorgaan: { nl: 'Regionaal samenwerkingsorgaan', en: 'Regional cooperation body' },
  waterschap: { nl: 'Waterschap', en: 'Water authority' },
  zelfstandig_bestuursorgaan: { nl: 'Zelfstandig bestuursorgaan', en: 'Independent administrative body' },
  overig: { nl: 'Overig', en: 'Other' },
  veiligheidsregio: { nl: 'Veiligheidsregio', en: 'Safety region' },
  inspectie: { nl: 'Inspectie', en: 'Inspectorate' },
};

export function orgTypeLabel(type: string, lang: 'nl' | 'en'): string {
  return isOrgType(type) ? ORG_TYPE_LABELS[type][lang] : type;
}

/** `value` as a LIKE pattern that matches it literally anywhere (used with `escape '\'`). */
export const containsPattern = (value: string) => `%${value.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Published (live, Dutch) versions per organisation: the count every listing shows. */
function publishedPerOrganisation(db: Kysely<Database>) {
  return publishedVersions(db, {})
    .select((eb) => ['a.organisation_id', eb.fn.countAll<number>().as('published')])
    .groupBy('a.organisation_id');
}

export interface DirectoryEntry {
  code: string;
  name: string;
  type: string;
  published: number;
}

export interface DirectoryQuery {
  /** Part of the name or code, case-insensitive (for ASCII letters on every engine). */
  q?: string;
  type?: OrgType;
  limit: number;
  offset: number;
}

export interface Directory {
  total: number;
  organisations: DirectoryEntry[];
  /** How many organisations of each type match `q` (whatever `type` is): the filter's counts. */
  types: { type: string; count: number }[];
}

/** Organisations that have a public page, by name, with their number of published algorithms. */
export async function listDirectory(db: Kysely<Database>, query: DirectoryQuery): Promise<Directory> {
  let base = db.selectFrom('organisations as o').where('o.show_page', '=', 1);
  if (query.q) {
    const pattern = containsPattern(query.q.toLowerCase());
    base = base.where((eb) =>
      eb.or([
        sql<boolean>`lower(${eb.ref('o.name')}) like ${pattern} escape '\\'`,
        sql<boolean>`lower(${eb.ref('o.code')}) like ${pattern} escape '\\'`,
      ]),
    );
  }
  const typeRows = await base
    .select((eb) => ['o.type', eb.fn.countAll<number>().as('count')])
    .groupBy('o.type')
    .orderBy('o.type')
    .execute();
  const filtered = query.type ? base.where('o.type', '=', query.type) : base;
  const { total } = await filtered.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await filtered
    .leftJoin(publishedPerOrganisation(db).as('p'), 'p.organisation_id', 'o.id')
    .select(['o.code', 'o.name', 'o.type', 'p.published'])
    .orderBy('o.name')
    .orderBy('o.id')
    .limit(query.limit)
    .offset(query.offset)
    .execute();
  return {
    total: Number(total),
    organisations: rows.map((r) => ({ code: r.code, name: r.name, type: r.type, published: Number(r.published ?? 0) })),
    types: typeRows.map((r) => ({ type: r.type, count: Number(r.count) })),
  };
}

/**
 * The organisation behind a public page: by its exact code, else by the code in another case
 * (codes are unique regardless of case in practice; `canonical` tells the caller to redirect).
 */
export async function findPublicOrganisation(
  db: Kysely<Database>,
  code: string,
): Promise<{ organisation: Organisation; canonical: boolean } | undefined> {
  if (code.length > 100) return undefined;
  const exact = await db.selectFrom('organisations').selectAll().where('code', '=', code).where('show_page', '=', 1).executeTakeFirst();
  if (exact) return { organisation: exact as Organisation, canonical: true };
  const other = await db
    .selectFrom('organisations')
    .selectAll()
    .where(sql<boolean>`lower(code) = ${code.toLowerCase()}`)
    .where('show_page', '=', 1)
    .orderBy('id')
    .limit(2)
    .execute();
  return other.length === 1 ? { organisation: other[0] as Organisation, canonical: false } : undefined;
}

/** The parent organisation when it exists (with or without a public page of its own). */
export async function parentOf(db: Kysely<Database>, org: Organisation): Promise<{ code: string; name: string; hasPage: boolean } | undefined> {
  if (!org.parent_code) return undefined;
  const parent = await db.selectFrom('organisations').select(['code', 'name', 'show_page']).where('code', '=', org.parent_code).executeTakeFirst();
  return parent && { code: parent.code, name: parent.name, hasPage: parent.show_page === 1 };
}

export interface PublishedAlgorithm {
  lars: string;
  name: string;
  description_short: string | null;
  publication_category: string | null;
  published_at: string | null;
}

/** An organisation's published algorithms, newest publication first, a page at a time. */
export async function publishedAlgorithmsOf(
  db: Kysely<Database>,
  organisationId: number,
  page: { limit: number; offset: number },
): Promise<{ total: number; algorithms: PublishedAlgorithm[] }> {
  const base = publishedVersions(db, { organisationId });
  const { total } = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await base
    .select(['a.lars', 'v.content', 'v.published_at', 'e.scope as exclusion_scope', 'e.withheld_fields'])
    .orderBy('v.published_at', 'desc')
    .orderBy('a.lars')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return {
    total: Number(total),
    algorithms: rows.map((r) => {
      const content = withholding(JSON.parse(r.content) as AlgorithmContent, withheldOf(r));
      const text = (key: string) => (typeof content[key] === 'string' && content[key] !== '' ? (content[key] as string) : null);
      return { lars: r.lars, name: text('name') ?? r.lars, description_short: text('description_short'), publication_category: text('publication_category'), published_at: r.published_at };
    }),
  };
}
