/**
 * Publication standard 1.0 as the national register accepts it.
 *
 * This is the single definition of standard 1.0: every field with its wire key, labels, help
 * text, limits, required flag, visibility and completeness weight, plus the allowed HTML tags
 * and the layout of the public page. Validation, normalisation, API schemas, forms, exports
 * and pages are all derived from it, so change a field here and nowhere else.
 */
import type { EnumValue, Field, GroupingPart, Label, StandardDefinition } from './types.ts';

const l = (nl: string, en: string): Label => ({ nl, en });

/** Enum values whose Dutch label is the wire value itself. */
const values = (pairs: readonly (readonly [string, string])[]): EnumValue[] =>
  pairs.map(([value, en]) => ({ value, label: l(value, en) }));

const titlePart = (maxLength: number | undefined, label: Label): GroupingPart =>
  maxLength === undefined ? { required: true, isLink: false, label } : { required: true, maxLength, isLink: false, label };

const linkPart = (required: boolean, label: Label): GroupingPart => ({ required, maxLength: 500, isLink: true, label });

const fields: Field[] = [
  // ── Algemene informatie ────────────────────────────────────────────────────────────────
  {
    key: 'name', kind: 'text', maxLength: 100,
    required: true, visibility: 'always', weight: 8,
    label: l('Naam', 'Name'),
    help: l(
      'Geef het algoritme een naam waaraan een inwoner meteen ziet wat het doet, bijvoorbeeld met een werkwoord erin. Vermijd interne projectnamen en afkortingen.',
      'Give the algorithm a name that tells a member of the public at once what it does, for example by including a verb. Avoid internal project names and abbreviations.',
    ),
  },
  {
    key: 'description_short', kind: 'text', maxLength: 400,
    required: true, visibility: 'always', weight: 8,
    label: l('Korte omschrijving', 'Short description'),
    help: l(
      'Vertel in twee of drie zinnen wat het algoritme doet en bij welk werk het helpt. Deze tekst staat in de zoekresultaten, dus schrijf op B1-niveau.',
      'Explain in two or three sentences what the algorithm does and which work it supports. This text is shown in the search results, so keep it plain.',
    ),
  },
  {
    key: 'organization', kind: 'text', maxLength: 100,
    required: true, visibility: 'always', weight: 8,
    label: l('Organisatienaam', 'Organisation'),
    help: l(
      'Schrijf de officiële naam van de organisatie die het algoritme gebruikt, zonder afkorting. Gebruiken meer organisaties hetzelfde algoritme, dan maakt elke organisatie een eigen registratie.',
      'Write the official, unabbreviated name of the organisation that uses the algorithm. When several organisations use the same algorithm, each makes its own entry.',
    ),
  },
  {
    key: 'category', kind: 'enum-list',
    required: false, visibility: 'always', weight: 8,
    label: l('Thema', 'Theme'),
    help: l(
      'Kies het onderwerp of de onderwerpen waar het algoritme bij hoort. Zo vinden mensen het als ze op thema zoeken.',
      'Pick the subject or subjects the algorithm belongs to, so people can find it when they browse by theme.',
    ),
    values: values([
      ['Organisatie en bedrijfsvoering', 'Organisation and business operations'],
      ['Cultuur en recreatie', 'Culture and Recreation'],
      ['Economie', 'Economy'],
      ['Overheidsfinanciën', 'Public finance'],
      ['Wonen', 'Housing'],
      ['Internationaal', 'International'],
      ['Migratie en integratie', 'Migration and Integration'],
      ['Natuur en milieu', 'Nature and Environment'],
      ['Onderwijs en wetenschap', 'Education and Science'],
      ['Openbare orde en veiligheid', 'Public Order and Safety'],
      ['Recht', 'Law'],
      ['Ruimte en infrastructuur', 'Space and Infrastructure'],
      ['Sociale zekerheid', 'Social Security'],
      ['Verkeer', 'Traffic'],
      ['Werk', 'Work'],
      ['Zorg en gezondheid', 'Health and Healthcare'],
    ]),
  },
  {
    key: 'status', kind: 'enum',
    required: true, visibility: 'always', weight: 8,
    label: l('Status', 'Status'),
    help: l(
      'Kies of het algoritme nog gebouwd wordt, al gebruikt wordt of niet meer gebruikt wordt. Wordt het al gebruikt en tegelijk verbeterd? Kies dan "In gebruik".',
      'Choose whether the algorithm is still being built, is in use or is no longer used. If it is in use while still being improved, choose "In use".',
    ),
    values: values([
      ['In ontwikkeling', 'In development'],
      ['In gebruik', 'In use'],
      ['Buiten gebruik', 'Out of use'],
    ]),
  },
  {
    key: 'begin_date', kind: 'text', maxLength: 7, format: 'yyyy-mm',
    required: false, visibility: 'always', weight: 8,
    label: l('Begindatum', 'Begin date'),
    help: l(
      'Het jaar en de maand waarin uw organisatie het algoritme ging gebruiken, geschreven als jjjj-mm (zoals 2024-03).',
      'The year and month in which your organisation started using the algorithm, written as yyyy-mm (such as 2024-03).',
    ),
  },
  {
    key: 'end_date', kind: 'text', maxLength: 7, format: 'yyyy-mm',
    required: false, visibility: 'always', weight: 0,
    label: l('Einddatum', 'End date'),
    help: l(
      'Het jaar en de maand waarin uw organisatie stopte met het algoritme, als jjjj-mm. Wordt het nog gebruikt, vul dan niets in.',
      'The year and month in which your organisation stopped using the algorithm, as yyyy-mm. Leave it blank while it is still in use.',
    ),
  },
  {
    key: 'contact_email', kind: 'text', maxLength: 500, format: 'email-or-https-url',
    required: true, visibility: 'always', weight: 8,
    label: l('Contactgegevens', 'Contact information'),
    help: l(
      'Waar inwoners, journalisten en anderen terechtkunnen met vragen over dit algoritme: het e-mailadres van een team of afdeling, of een contactpagina die begint met https://. Gebruik geen adres van één persoon.',
      'Where residents, journalists and others can send questions about this algorithm: a team or department mailbox, or a contact page starting with https://. Do not use the address of an individual.',
    ),
  },
  {
    key: 'website', kind: 'text', maxLength: 500, format: 'https-url',
    required: false, visibility: 'when-filled', weight: 2,
    label: l('Link naar publiekspagina', 'Link to publication website'),
    help: l(
      'Heeft uw organisatie een pagina voor inwoners waarop meer staat over dit algoritme of over de dienst waarin het wordt gebruikt? Zet hier de link, beginnend met https://.',
      'If your organisation has a page for the public with more about this algorithm or the service it is part of, put its link here, starting with https://.',
    ),
  },
  {
    key: 'publication_category', kind: 'enum',
    required: true, visibility: 'always', weight: 8,
    label: l('Publicatiecategorie', 'Publication category'),
    help: l(
      'Geef aan of dit een hoog-risico AI-systeem is, een algoritme met veel impact op mensen, of een ander algoritme. Twijfelt u, gebruik dan de beslishulp.',
      'State whether this is a high-risk AI system, an algorithm with a real impact on people, or another algorithm. If in doubt, use the decision aid.',
    ),
    values: values([
      ['Hoog-risico AI-systeem', 'High-Risk AI-system'],
      ['Impactvolle algoritmes', 'Impactful algorithms'],
      ['Overige algoritmes', 'Other algorithms'],
    ]),
  },
  {
    key: 'url', kind: 'text', maxLength: 500, format: 'https-url',
    required: false, visibility: 'when-filled', weight: 2,
    label: l('Link naar bronregistratie', 'Link to source registration'),
    help: l(
      'Staat dit algoritme ook in een eigen algoritmeregister van uw organisatie? Link dan naar die registratie, beginnend met https://.',
      'If this algorithm is also listed in your organisation’s own algorithm register, link to that entry, starting with https://.',
    ),
  },

  // ── Verantwoord gebruik ────────────────────────────────────────────────────────────────
  {
    key: 'goal', kind: 'html', maxLength: 2500,
    required: false, visibility: 'always', weight: 8,
    label: l('Doel en impact', 'Goal and impact'),
    help: l(
      'Leg uit wat u met het algoritme wilt bereiken en wat inwoners of bedrijven ervan merken als het goed werkt. Schrijf op B1-niveau.',
      'Explain what you want to achieve with the algorithm and what residents or businesses notice of it when it works as intended. Keep the language plain.',
    ),
  },
  {
    key: 'proportionality', kind: 'html', maxLength: 2500,
    required: false, visibility: 'always', weight: 8,
    label: l('Afwegingen', 'Considerations'),
    help: l(
      'Laat zien waarom het gebruik van het algoritme de nadelen waard is en welke andere manieren u hebt bekeken. Schrijf op B1-niveau.',
      'Show why using the algorithm is worth its drawbacks and which other ways of working you looked at. Keep the language plain.',
    ),
  },
  {
    key: 'human_intervention', kind: 'html', maxLength: 2500,
    required: false, visibility: 'always', weight: 8,
    label: l('Menselijke tussenkomst', 'Human intervention'),
    help: l(
      'Beschrijf wat medewerkers met de uitkomst doen: wie controleert die, en kan iemand die aanpassen? Zeg het ook als er geen mens naar kijkt. Schrijf op B1-niveau.',
      'Describe what staff do with the outcome: who checks it, and can anyone change it? Say so as well when no person looks at it. Keep the language plain.',
    ),
  },
  {
    key: 'risks', kind: 'html', maxLength: 2500,
    required: false, visibility: 'always', weight: 8,
    label: l('Risicobeheer', 'Risk management'),
    help: l(
      'Noem wat er mis kan gaan, bijvoorbeeld fouten of oneerlijke behandeling van groepen, en wat u doet om dat te voorkomen of snel te zien.',
      'Name what could go wrong, such as mistakes or unfair treatment of groups, and what you do to prevent it or spot it quickly.',
    ),
  },
  {
    key: 'lawful_basis', kind: 'html', maxLength: 2500,
    required: false, visibility: 'when-filled', weight: 2,
    label: l('Wettelijke basis', 'Legal basis'),
    help: l(
      'Noem de wet of regel die uw organisatie de taak geeft waarbij het algoritme helpt, en zeg in gewone woorden waar die regel voor is.',
      'Name the law or rule that gives your organisation the task the algorithm helps with, and say in everyday words what that rule is for.',
    ),
  },
  {
    key: 'lawful_basis_grouping', kind: 'grouping',
    required: false, visibility: 'when-filled', weight: 2,
    label: l('Verwijzingen wettelijke basis', 'Links to legal bases'),
    help: l(
      'Voeg voor elke wet of regeling een regel toe met de naam en een link ernaar, bij voorkeur naar wetten.overheid.nl.',
      'Add one line per law or regulation with its name and a link to it, preferably on wetten.overheid.nl.',
    ),
    item: {
      title: titlePart(100, l('Titel van wettelijke basis', 'Title of the legal basis')),
      link: linkPart(true, l('Link naar wettelijke basis', 'Link to the legal basis')),
    },
  },
  {
    key: 'process_index_url', kind: 'text', maxLength: 500, format: 'https-url',
    required: false, visibility: 'when-filled', weight: 2,
    label: l('Link naar verwerkingsregister', 'Link to Processing Index'),
    help: l(
      'Verwerkt het algoritme persoonsgegevens? Link dan naar de openbare beschrijving van die verwerking in het verwerkingsregister van uw organisatie.',
      'If the algorithm processes personal data, link to the public description of that processing in your organisation’s record of processing activities.',
    ),
  },
  {
    key: 'impacttoetsen_grouping', kind: 'grouping',
    required: false, visibility: 'always', weight: 2,
    label: l('Impacttoetsen', 'Impact assessment'),
    help: l(
      'Voeg elke impacttoets toe die voor dit algoritme is gedaan. Is het verslag openbaar, zet er dan ook de link bij.',
      'Add every impact assessment carried out for this algorithm. Where the report is public, include its link as well.',
    ),
    item: {
      title: titlePart(undefined, l('Titel van impacttoets', 'Title of the impact assessment')),
      link: linkPart(false, l('Link naar impacttoets', 'Link to the impact assessment')),
    },
    suggestions: [
      'AI Impact Assessment (AIIA)',
      'Data Protection Impact Assessment (DPIA)',
      'De Ethische Bijsluiter',
      'De Ethische Data Assistant (DEDA)',
      'Fundamental Rights Impact Assessment (FRIA)',
      'Fundamentele Rechten en Algoritme Impact Assessment (FRAIA)',
      'Impact Assessment Mensenrechten en Algoritmes (IAMA)',
      'Pre-scan DPIA',
      'Privacy Quickscan',
      'Toetsingskader Algemene Rekenkamer',
      'Utrecht Uthiek Assessment',
      'Z-Inspection',
    ],
  },
  {
    key: 'impacttoetsen', kind: 'html', maxLength: 2500,
    required: false, visibility: 'when-filled', weight: 8,
    label: l('Toelichting op impacttoetsen', 'Elaboration on impact assessments'),
    help: l(
      'Vertel wat de impacttoetsen opleverden, of leg uit waarom een toets niet nodig was, bijvoorbeeld omdat er geen persoonsgegevens worden gebruikt.',
      'Tell what the impact assessments showed, or explain why an assessment was not needed, for example because no personal data is used.',
    ),
  },

  // ── Werking ────────────────────────────────────────────────────────────────────────────
  {
    key: 'source_data', kind: 'html', maxLength: 2500,
    required: false, visibility: 'always', weight: 8,
    label: l('Gegevens', 'Data'),
    help: l(
      'Noem welke gegevens het algoritme gebruikt of bij het bouwen gebruikte, en uit welke bron ze komen. Wees bij persoonsgegevens precies, zoals adres of leeftijd.',
      'List the data the algorithm uses or was built with, and which source it comes from. Be precise about personal data, such as address or age.',
    ),
  },
  {
    key: 'source_data_grouping', kind: 'grouping',
    required: false, visibility: 'when-filled', weight: 2,
    label: l('Verwijzingen gegevensbronnen', 'Links to data sources'),
    help: l(
      'Voeg voor elke gegevensbron een regel toe met de naam en een link naar een beschrijving, zoals een pagina in een datacatalogus.',
      'Add one line per data source with its name and a link to a description of it, such as a page in a data catalogue.',
    ),
    item: {
      title: titlePart(500, l('Titel van gegevensbron', 'Title of the data source')),
      link: linkPart(true, l('Link naar gegevensbron', 'Link to the data source')),
    },
  },
  {
    key: 'methods_and_models', kind: 'html', maxLength: 5000,
    required: false, visibility: 'always', weight: 2,
    label: l('Technische werking', 'Technical design'),
    help: l(
      'Beschrijf voor technisch geïnteresseerde lezers wat erin gaat, wat het algoritme ermee doet en wat eruit komt. Zeg in elk geval of het zelflerend is.',
      'Describe for technically minded readers what goes in, what the algorithm does with it and what comes out. At least say whether it learns by itself.',
    ),
  },
  {
    key: 'provider', kind: 'text', maxLength: 200,
    required: false, visibility: 'always', weight: 8,
    label: l('Leverancier', 'External provider'),
    help: l(
      'De naam van het bedrijf dat het algoritme heeft gemaakt of levert. Heeft uw organisatie het zelf gebouwd, schrijf dan "Intern ontwikkeld".',
      'The name of the company that built or supplies the algorithm. If your organisation built it itself, write "Intern ontwikkeld".',
    ),
  },
  {
    key: 'publiccode', kind: 'text', maxLength: 500, format: 'https-url',
    required: false, visibility: 'when-filled', weight: 0,
    label: l('Link naar broncode', 'Link to code base'),
    help: l(
      'Is de code van het algoritme openbaar? Link dan naar de plek waar iedereen die kan bekijken, beginnend met https://. Anders laat u dit leeg.',
      'If the algorithm’s code is public, link to where anyone can read it, starting with https://. Otherwise leave this blank.',
    ),
  },

  // ── Metadata ───────────────────────────────────────────────────────────────────────────
  {
    key: 'lang', kind: 'enum',
    required: true, visibility: 'never', weight: 2,
    label: l('Taal', 'Language'),
    help: l(
      'De taal waarin deze beschrijving is geschreven. Op dit moment is dat altijd Nederlands ("nld").',
      'The language this description is written in. For now that is always Dutch ("nld").',
    ),
    values: [{ value: 'nld', label: l('Nederlands', 'Dutch') }],
  },
  {
    key: 'standard_version', kind: 'enum', default: '1.0',
    required: false, visibility: 'never', weight: 0,
    label: l('Versie publicatiestandaard', 'Publication Standard'),
    help: l(
      'Met welke versie van de publicatiestandaard deze beschrijving is gemaakt. Laat u het weg, dan wordt het "1.0".',
      'Which version of the publication standard this description follows. When left out it is set to "1.0".',
    ),
    values: values([['1.0', '1.0']]),
  },
  {
    key: 'source_id', kind: 'text', maxLength: 100,
    required: false, visibility: 'never', weight: 0,
    label: l('Bron-ID', 'Source-ID'),
    help: l(
      'Het nummer of de code waaronder uw organisatie dit algoritme zelf bijhoudt, zodat uw eigen systeem en het register naar elkaar kunnen verwijzen.',
      'The number or code under which your organisation keeps track of this algorithm itself, so your own system and the register can refer to each other.',
    ),
  },
  {
    key: 'tags', kind: 'html', maxLength: 2500,
    required: false, visibility: 'never', weight: 2,
    label: l('Zoektermen', 'Tags'),
    help: l(
      'Extra woorden, gescheiden door komma’s, waarop mensen dit algoritme moeten kunnen vinden. Ze worden niet getoond, alleen gebruikt bij het zoeken.',
      'Extra words, separated by commas, that people should be able to find this algorithm by. They are not shown, only used for search.',
    ),
  },
  {
    key: 'lars', kind: 'system',
    required: false, visibility: 'never', weight: 0,
    label: l('Algoritme-ID', 'Algorithm ID'),
    help: l(
      'Het vaste nummer dat het register aan het algoritme geeft. U hoeft dit niet in te vullen.',
      'The permanent number the register assigns to the algorithm. You do not need to fill it in.',
    ),
  },
  {
    key: 'publication_dt', kind: 'system',
    required: false, visibility: 'never', weight: 0,
    label: l('Publicatie datum', 'Publication date'),
    help: l(
      'Het moment waarop deze versie openbaar werd. Het register vult dit zelf in.',
      'The moment this version was made public. The register fills it in itself.',
    ),
  },
];

export const standardV1_0: StandardDefinition = {
  version: '1.0',
  fields,
  allowedHtmlTags: ['div', 'br', 'p', 'ul', 'ol', 'li'],
  layout: {
    card: { main: 'description_short', sub: ['organization', 'category', 'status'] },
    sections: [
      {
        key: 'algemeneInformatie',
        label: l('Algemene informatie', 'General information'),
        fields: [
          'name', 'description_short', 'organization', 'category', 'status', 'begin_date', 'end_date',
          'contact_email', 'website', 'publication_category', 'url',
        ],
      },
      {
        key: 'verantwoordGebruik',
        label: l('Verantwoord gebruik', 'Responsible use'),
        fields: [
          'goal', 'proportionality', 'human_intervention', 'risks', 'lawful_basis', 'lawful_basis_grouping',
          'process_index_url', 'impacttoetsen', 'impacttoetsen_grouping',
        ],
      },
      {
        key: 'werking',
        label: l('Werking', 'Operation'),
        fields: ['source_data', 'source_data_grouping', 'methods_and_models', 'provider', 'publiccode'],
      },
      {
        key: 'metadata',
        label: l('Metadata', 'Metadata'),
        fields: ['lang', 'standard_version', 'source_id', 'tags'],
      },
    ],
  },
};
