/**
 * Generated standard-1.0 records of realistic shape for the benchmarks: Dutch sentences taken
 * from the suppliers' real templates, short descriptions of 100–400 characters, HTML goal and
 * explanation texts, one to three themes, groupings with links, and organisations of very
 * different sizes. A seeded generator, so every run measures the same data.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CURRENT_STANDARD } from '../src/standard/index.ts';

const TEMPLATE_DIR = new URL('../src/standard/templates-1.0/', import.meta.url).pathname;

/** mulberry32: small, fast and seeded. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function enumValues(key: string): string[] {
  const field = CURRENT_STANDARD.fields.find((f) => f.key === key);
  return field && 'values' in field ? field.values.map((v) => v.value) : [];
}

/** Sentences of 30–220 characters from every text of the 27 templates. */
function templateSentences(): string[] {
  const out = new Set<string>();
  for (const file of readdirSync(TEMPLATE_DIR).filter((f) => f.endsWith('.json'))) {
    const parsed = JSON.parse(readFileSync(join(TEMPLATE_DIR, file), 'utf8')) as unknown;
    for (const template of Array.isArray(parsed) ? parsed : [parsed]) {
      for (const value of Object.values(template as Record<string, unknown>)) {
        if (typeof value !== 'string') continue;
        const text = value.replace(/<[^>]*>/g, ' ').replace(/&[a-z]+;/g, ' ').replace(/\s+/g, ' ');
        for (const sentence of text.split(/(?<=[.!?])\s+/)) {
          const s = sentence.trim();
          if (s.length >= 30 && s.length <= 220 && /^[A-Z]/.test(s) && !/https?:|@/.test(s)) out.add(s);
        }
      }
    }
  }
  return [...out];
}

const SUBJECTS = [
  'Bijstandsaanvragen', 'Parkeervergunningen', 'Huurtoeslag', 'WMO-indicaties', 'Leerlingenvervoer', 'Bouwvergunningen',
  'Afvalinzameling', 'Verhuismeldingen', 'Belastingaanslagen', 'WOZ-waardering', 'Subsidieaanvragen', 'Schuldhulpverlening',
  'Handhaving openbare ruimte', 'Meldingen openbare ruimte', 'Evenementenvergunningen', 'Kwijtschelding', 'Jeugdhulp',
  'Re-integratie', 'Paspoortaanvragen', 'Rijbewijzen', 'Grondwaterstanden', 'Dijkinspecties', 'Verkeersstromen',
  'Energielabels', 'Fraudesignalen', 'Klantcontacten', 'Zaakroutering', 'Woningtoewijzing', 'Omgevingsmeldingen',
];
const ACTIONS = [
  'controle', 'risicoscore', 'prioritering', 'automatische beoordeling', 'voorspelling', 'classificatie', 'routering',
  'signalering', 'toewijzing', 'berekening', 'herkenning', 'planning', 'anonimisering', 'doorverwijzing',
];
const PLACES = [
  'Amsterdam', 'Rotterdam', 'Utrecht', 'Eindhoven', 'Tilburg', 'Groningen', 'Almere', 'Breda', 'Nijmegen', 'Apeldoorn',
  'Haarlem', 'Arnhem', 'Enschede', 'Amersfoort', 'Zaanstad', 'Den Bosch', 'Zwolle', 'Leiden', 'Maastricht', 'Dordrecht',
  'Zoetermeer', 'Ede', 'Westland', 'Delft', 'Venlo', 'Deventer', 'Leeuwarden', 'Alkmaar', 'Helmond', 'Hilversum',
];
const ORG_KINDS = [
  ['gm', 'Gemeente'], ['pv', 'Provincie'], ['ws', 'Waterschap'], ['zbo', 'Uitvoeringsorganisatie'], ['vr', 'Veiligheidsregio'],
] as const;

/** The national register's organisation type of each kind (src/register/organisations.ts ORG_TYPES). */
const TYPE_OF_PREFIX: Record<string, string> = { gm: 'gemeente', pv: 'provincie', ws: 'waterschap', zbo: 'zelfstandig_bestuursorgaan', vr: 'veiligheidsregio' };

/** The organisation type of a generated organisation, from its code (`gm0001`: gemeente). */
export function organisationType(code: string): string {
  return TYPE_OF_PREFIX[/^[a-z]+/.exec(code)?.[0] ?? ''] ?? 'overig';
}

const LAWS = [
  ['Participatiewet', 'https://wetten.overheid.nl/BWBR0015703'], ['Wet maatschappelijke ondersteuning 2015', 'https://wetten.overheid.nl/BWBR0035362'],
  ['Wegenverkeerswet 1994', 'https://wetten.overheid.nl/BWBR0006622'], ['Wet basisregistratie personen', 'https://wetten.overheid.nl/BWBR0033715'],
  ['Algemene wet bestuursrecht', 'https://wetten.overheid.nl/BWBR0005537'], ['Omgevingswet', 'https://wetten.overheid.nl/BWBR0037885'],
  ['Gemeentewet', 'https://wetten.overheid.nl/BWBR0005416'], ['Jeugdwet', 'https://wetten.overheid.nl/BWBR0034925'],
  ['Wet waardering onroerende zaken', 'https://wetten.overheid.nl/BWBR0007119'], ['Waterwet', 'https://wetten.overheid.nl/BWBR0025458'],
] as const;
const SOURCES = [
  ['Basisregistratie Personen (BRP)', 'https://www.rvig.nl/basisregistratie-personen'],
  ['Basisregistratie Adressen en Gebouwen (BAG)', 'https://www.kadaster.nl/zakelijk/registraties/basisregistraties/bag'],
  ['Basisregistratie Kadaster', 'https://www.kadaster.nl/zakelijk/registraties/basisregistraties/brk'],
  ['Handelsregister', 'https://www.kvk.nl/over-het-handelsregister/'],
  ['Suwinet', 'https://www.bkwi.nl/producten/suwinet-inkijk'],
] as const;
const ASSESSMENTS = ['Data Protection Impact Assessment (DPIA)', 'Impact Assessment Mensenrechten en Algoritmes (IAMA)', 'Pre-scan DPIA', 'Privacy Quickscan'];
const PROVIDERS = ['Intern ontwikkeld', 'Centric Netherlands BV', 'PinkRoccade Local Government', 'Xxllnc', 'Brickyard', 'Procura', 'Tygron', 'Oribi', 'Zivver', 'Octobox'];

export interface BenchOrganisation {
  code: string;
  name: string;
}

/**
 * `count` organisations; the first one (the benchmark's own, `gm0001`) holds a tenth of all
 * algorithms, the others a Zipf-like share, as in the national register where a few large
 * bodies register hundreds and most register a handful.
 */
export function organisations(count: number): BenchOrganisation[] {
  return Array.from({ length: count }, (_, i) => {
    const [prefix, kind] = i === 0 ? ORG_KINDS[0] : ORG_KINDS[i % ORG_KINDS.length];
    const place = PLACES[i % PLACES.length];
    return { code: `${prefix}${String(i + 1).padStart(4, '0')}`, name: `${kind} ${place}${i >= PLACES.length ? ` ${Math.floor(i / PLACES.length) + 1}` : ''}` };
  });
}

export interface RecordGenerator {
  /** The `i`-th record, always the same for the same seed. */
  record(i: number): Record<string, unknown>;
  organisations: BenchOrganisation[];
  /** The organisation the benchmark's clients belong to. */
  benchOrganisation: BenchOrganisation;
}

export function recordGenerator(seed = 1, organisationCount = 200): RecordGenerator {
  const sentences = templateSentences();
  const categories = enumValues('category');
  const statuses = enumValues('status');
  const publicationCategories = enumValues('publication_category');
  const orgs = organisations(organisationCount);
  // Zipf weights for organisations 2..n, the first takes a fixed 10 %.
  const weights = orgs.slice(1).map((_, i) => 1 / (i + 1));
  const total = weights.reduce((a, b) => a + b, 0);
  const cumulative: number[] = [];
  weights.reduce((acc, w, i) => (cumulative[i] = acc + w / total), 0);

  return {
    organisations: orgs,
    benchOrganisation: orgs[0],
    record(i) {
      const r = random(seed * 1_000_003 + i);
      const pick = <T,>(list: readonly T[]): T => list[Math.floor(r() * list.length)];
      const some = <T,>(list: readonly T[], min: number, max: number): T[] => {
        const n = min + Math.floor(r() * (max - min + 1));
        return [...new Set(Array.from({ length: n }, () => pick(list)))];
      };
      /** Whole sentences up to between `min` and `max` characters. */
      const text = (min: number, max: number): string => {
        const target = min + Math.floor(r() * (max - min));
        let out = '';
        for (let guard = 0; out.length < target && guard < 50; guard++) {
          const next = pick(sentences);
          if (out.length + next.length + 1 > max) continue;
          out = out ? `${out} ${next}` : next;
        }
        // Nothing fitted: a sentence cut at a word boundary.
        return out || pick(sentences).slice(0, max).replace(/\s+\S*$/, '');
      };
      /** Paragraphs and now and then a list, visible text up to `max`. */
      const html = (min: number, max: number): string => {
        const parts: string[] = [];
        let budget = min + Math.floor(r() * (max - min));
        while (budget > 60) {
          if (r() < 0.25) {
            const items = Array.from({ length: 2 + Math.floor(r() * 3) }, () => text(30, 160));
            parts.push(`<ul>${items.map((t) => `<li>${t}</li>`).join('')}</ul>`);
            budget -= items.reduce((a, t) => a + t.length, 0);
          } else {
            const p = text(60, Math.min(500, budget));
            parts.push(`<p>${p}</p>`);
            budget -= p.length;
          }
        }
        return parts.join('\n') || `<p>${text(40, 120)}</p>`;
      };
      const u = r();
      const org = u < 0.1 ? orgs[0] : orgs[1 + Math.max(0, cumulative.findIndex((c) => c >= (u - 0.1) / 0.9))];
      const domain = org.name.toLowerCase().replace(/[^a-z]+/g, '');
      const subject = pick(SUBJECTS);
      const status = pick(statuses);
      const year = 2015 + Math.floor(r() * 10);
      const month = String(1 + Math.floor(r() * 12)).padStart(2, '0');
      return {
        name: `${subject} ${pick(ACTIONS)}${r() < 0.5 ? ` ${org.name.split(' ').pop()}` : ''}`.slice(0, 100),
        description_short: text(100, 400),
        organization: org.name,
        organisation_code: org.code,
        category: some(categories, 1, 3),
        status,
        begin_date: `${year}-${month}`,
        end_date: status === 'Buiten gebruik' ? `${Math.min(2025, year + 1 + Math.floor(r() * 3))}-${month}` : null,
        contact_email: r() < 0.8 ? `algoritmes@${domain}.nl` : `https://www.${domain}.nl/contact`,
        website: r() < 0.6 ? `https://www.${domain}.nl/${subject.toLowerCase().replace(/[^a-z]+/g, '-')}` : null,
        publication_category: pick(publicationCategories),
        url: r() < 0.2 ? `https://algoritmes.${domain}.nl/${i}` : null,
        goal: html(150, 1500),
        proportionality: r() < 0.7 ? html(100, 1200) : null,
        human_intervention: html(80, 900),
        risks: r() < 0.7 ? html(100, 1200) : null,
        lawful_basis: `<p>${text(40, 300)}</p>`,
        lawful_basis_grouping: some(LAWS, 0, 3).map(([title, link]) => ({ title, link })),
        process_index_url: r() < 0.3 ? `https://www.${domain}.nl/verwerkingsregister` : null,
        impacttoetsen_grouping: some(ASSESSMENTS, 0, 2).map((title) => ({ title, link: r() < 0.4 ? `https://www.${domain}.nl/dpia-${i}` : null })),
        impacttoetsen: r() < 0.5 ? html(60, 600) : null,
        source_data: html(60, 800),
        source_data_grouping: some(SOURCES, 0, 3).map(([title, link]) => ({ title, link })),
        methods_and_models: html(100, 2500),
        provider: pick(PROVIDERS),
        publiccode: null,
        lang: 'nld',
        standard_version: '1.0',
        source_id: r() < 0.5 ? `zaak-${org.code}-${i}` : null,
        tags: r() < 0.3 ? some(SUBJECTS, 1, 4).join(', ').toLowerCase() : null,
      };
    },
  };
}

export function records(generator: RecordGenerator, from: number, count: number): Record<string, unknown>[] {
  return Array.from({ length: count }, (_, k) => generator.record(from + k));
}
