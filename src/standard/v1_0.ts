/**
 * Publication standard 1.0 as the national register accepts it: the single definition of its
 * fields. Keys, enum strings, limits and the required set are the register's wire contract;
 * labels and help texts are ours. Everything else (validation, API schemas, forms, exports,
 * pages) is derived from this file.
 */
import type { EnumValue, Field, GroupingPart, Label, StandardDefinition } from './types.ts';

const l = (nl: string, en: string): Label => ({ nl, en });
const values = (pairs: [string, string][]): EnumValue[] => pairs.map(([value, en]) => ({ value, label: l(value, en) }));

const link = (max: number, required: boolean, nl: string, en: string): GroupingPart => ({ required, maxLength: max, isLink: true, label: l(nl, en) });
const title = (max: number | undefined, nl: string, en: string): GroupingPart => ({ required: true, maxLength: max, isLink: false, label: l(nl, en) });

const fields: Field[] = [
  {
    key: 'name', kind: 'text', maxLength: 100, required: true, visibility: 'always', weight: 8,
    label: l('Naam', 'Name'),
    help: l(
      'Een naam die zegt wat het algoritme doet, begrijpelijk voor iemand buiten uw organisatie. Liefst met een werkwoord.',
      'A name that says what the algorithm does, clear to someone outside your organisation. Preferably with a verb.',
    ),
  },
  {
    key: 'description_short', kind: 'text', maxLength: 400, required: true, visibility: 'always', weight: 8,
    label: l('Korte omschrijving', 'Short description'),
    help: l(
      'In twee of drie zinnen: wat doet het algoritme en in welk werkproces. Deze tekst staat in de zoekresultaten; schrijf op B1-niveau.',
      'In two or three sentences: what the algorithm does and in which work process. This text appears in search results; write plainly.',
    ),
  },
  {
    key: 'organization', kind: 'text', maxLength: 100, required: true, visibility: 'always', weight: 8,
    label: l('Organisatienaam', 'Organisation'),
    help: l(
      'De volledige naam van de organisatie die het algoritme inzet. Zet een algoritme dat meerdere organisaties gebruiken per organisatie apart in het register.',
      'The full name of the organisation that uses the algorithm. An algorithm used by several organisations is registered once per organisation.',
    ),
  },
  {
    key: 'category', kind: 'enum-list', required: false, visibility: 'always', weight: 8,
    label: l('Thema', 'Theme'),
    help: l('De beleidsterreinen waarop het algoritme wordt ingezet; kies er één of meer.', 'The policy areas in which the algorithm is used; choose one or more.'),
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
    key: 'status', kind: 'enum', required: true, visibility: 'always', weight: 8,
    label: l('Status', 'Status'),
    help: l(
      'Of het algoritme in ontwikkeling, in gebruik of buiten gebruik is. Wordt het al gebruikt terwijl het nog wordt doorontwikkeld, kies dan "In gebruik".',
      'Whether the algorithm is in development, in use or out of use. If it is already used while still being developed, choose "In use".',
    ),
    values: values([
      ['In ontwikkeling', 'In development'],
      ['In gebruik', 'In use'],
      ['Buiten gebruik', 'Out of use'],
    ]),
  },
  {
    key: 'begin_date', kind: 'text', maxLength: 7, format: 'yyyy-mm', required: false, visibility: 'always', weight: 8,
    label: l('Begindatum', 'Begin date'),
    help: l('Maand en jaar waarin het algoritme in gebruik is genomen, als jjjj-mm (bijvoorbeeld 2023-01).', 'Month and year the algorithm went into use, as yyyy-mm (for example 2023-01).'),
  },
  {
    key: 'end_date', kind: 'text', maxLength: 7, format: 'yyyy-mm', required: false, visibility: 'always', weight: 0,
    label: l('Einddatum', 'End date'),
    help: l('Maand en jaar waarin het gebruik stopte, als jjjj-mm. Laat leeg zolang het algoritme in gebruik is.', 'Month and year its use ended, as yyyy-mm. Leave empty while the algorithm is in use.'),
  },
  {
    key: 'contact_email', kind: 'text', maxLength: 500, format: 'email-or-https-url', required: true, visibility: 'always', weight: 8,
    label: l('Contactgegevens', 'Contact information'),
    help: l(
      'Waar iemand met vragen over dit algoritme terecht kan: het e-mailadres van een team of een contactpagina (https://), niet het adres van één persoon.',
      'Where someone with questions about this algorithm can go: a team mailbox or a contact page (https://), not the address of one person.',
    ),
  },
  {
    key: 'website', kind: 'text', maxLength: 500, format: 'https-url', required: false, visibility: 'when-filled', weight: 2,
    label: l('Link naar publiekspagina', 'Link to publication website'),
    help: l('Een pagina van uw organisatie die inwoners over dit algoritme of het werkproces informeert.', 'A page of your organisation that informs the public about this algorithm or its work process.'),
  },
  {
    key: 'publication_category', kind: 'enum', required: true, visibility: 'always', weight: 8,
    label: l('Publicatiecategorie', 'Publication category'),
    help: l(
      'Hoog-risico AI-systemen (A) en impactvolle algoritmes (B) moeten in het register; overige algoritmes (C) mogen. De beslishulp helpt bij de keuze.',
      'High-risk AI systems (A) and impactful algorithms (B) must be registered; other algorithms (C) may be. The decision aid helps you choose.',
    ),
    values: values([
      ['Hoog-risico AI-systeem', 'High-Risk AI-system'],
      ['Impactvolle algoritmes', 'Impactful algorithms'],
      ['Overige algoritmes', 'Other algorithms'],
    ]),
  },
  {
    key: 'url', kind: 'text', maxLength: 500, format: 'https-url', required: false, visibility: 'when-filled', weight: 2,
    label: l('Link naar bronregistratie', 'Link to source registration'),
    help: l('Heeft uw organisatie een eigen algoritmeregister, link dan naar deze beschrijving daarin.', 'If your organisation keeps its own algorithm register, link to this description there.'),
  },
  {
    key: 'goal', kind: 'html', maxLength: 2500, required: false, visibility: 'always', weight: 8,
    label: l('Doel en impact', 'Goal and impact'),
    help: l(
      'Waarom het algoritme wordt gebruikt en wat het betekent voor inwoners, bedrijven of medewerkers die ermee te maken krijgen.',
      'Why the algorithm is used and what it means for the people, businesses or staff it affects.',
    ),
  },
  {
    key: 'proportionality', kind: 'html', maxLength: 2500, required: false, visibility: 'always', weight: 8,
    label: l('Afwegingen', 'Considerations'),
    help: l(
      'Waarom de voordelen opwegen tegen de nadelen, en welke alternatieven zonder algoritme zijn overwogen.',
      'Why the benefits outweigh the drawbacks, and which alternatives without an algorithm were considered.',
    ),
  },
  {
    key: 'human_intervention', kind: 'html', maxLength: 2500, required: false, visibility: 'always', weight: 8,
    label: l('Menselijke tussenkomst', 'Human intervention'),
    help: l(
      'Hoe mensen de uitkomst controleren of bijsturen voordat er een besluit valt, en wie dat doet.',
      'How people check or correct the outcome before a decision is taken, and who does so.',
    ),
  },
  {
    key: 'risks', kind: 'html', maxLength: 2500, required: false, visibility: 'always', weight: 8,
    label: l('Risicobeheer', 'Risk management'),
    help: l(
      'Welke risico’s u ziet (zoals fouten of ongelijke behandeling) en wat u doet om ze te beperken.',
      'Which risks you see (such as errors or unequal treatment) and what you do to limit them.',
    ),
  },
  {
    key: 'lawful_basis', kind: 'html', maxLength: 2500, required: false, visibility: 'when-filled', weight: 2,
    label: l('Wettelijke basis', 'Legal basis'),
    help: l('Op welke wet of regeling de taak berust waarvoor het algoritme wordt gebruikt.', 'The law or regulation on which the task that the algorithm serves is based.'),
  },
  {
    key: 'lawful_basis_grouping', kind: 'grouping', required: false, visibility: 'when-filled', weight: 2,
    label: l('Links naar wettelijke basis', 'Links to legal bases'),
    help: l('Per wet de titel en een link, liefst naar het artikel op wetten.overheid.nl.', 'For each law its title and a link, preferably to the article on wetten.overheid.nl.'),
    item: {
      title: title(100, 'Titel van wettelijke basis', 'Title of the legal basis'),
      link: link(500, true, 'Link naar wettelijke basis', 'Link to the legal basis'),
    },
  },
  {
    key: 'process_index_url', kind: 'text', maxLength: 500, format: 'https-url', required: false, visibility: 'when-filled', weight: 2,
    label: l('Link naar verwerkingsregister', 'Link to Processing Index'),
    help: l('Link naar de vermelding in het register van verwerkingen (AVG) van uw organisatie.', 'Link to the entry in your organisation’s record of processing activities (GDPR).'),
  },
  {
    key: 'impacttoetsen_grouping', kind: 'grouping', required: false, visibility: 'always', weight: 2,
    label: l('Impacttoetsen', 'Impact assessment'),
    help: l('Welke impacttoetsen zijn gedaan, met een link naar het resultaat als dat openbaar is.', 'Which impact assessments were carried out, with a link to the result where it is public.'),
    item: {
      title: title(undefined, 'Titel van impacttoets', 'Title of the impact assessment'),
      link: link(500, false, 'Link naar impacttoets', 'Link to the impact assessment'),
    },
    suggestions: [
      'AI Impact Assessment (AIIA)',
      'Data Protection Impact Assessment (DPIA)',
      'De Ethische Bijsluiter',
      'De Ethische Data Assistant (DEDA)',
      'Fundamentele Rechten en Algoritme Impact Assessment (FRAIA)',
      'Fundamental Rights Impact Assessment (FRIA)',
      'Impact Assessment Mensenrechten en Algoritmes (IAMA)',
      'Pre-scan DPIA',
      'Privacy Quickscan',
      'Toetsingskader Algemene Rekenkamer',
      'Utrecht Uthiek Assessment',
      'Z-Inspection',
    ],
  },
  {
    key: 'impacttoetsen', kind: 'html', maxLength: 2500, required: false, visibility: 'when-filled', weight: 8,
    label: l('Toelichting op impacttoetsen', 'Elaboration on impact assessments'),
    help: l('Wat de impacttoetsen opleverden en wat u daarmee deed; of waarom er geen is gedaan.', 'What the impact assessments found and what you did with it; or why none was done.'),
  },
  {
    key: 'source_data', kind: 'html', maxLength: 2500, required: false, visibility: 'always', weight: 8,
    label: l('Gegevens', 'Data'),
    help: l('Welke gegevens het algoritme gebruikt en waar ze vandaan komen; noem bijzondere persoonsgegevens apart.', 'Which data the algorithm uses and where they come from; name special categories of personal data separately.'),
  },
  {
    key: 'source_data_grouping', kind: 'grouping', required: false, visibility: 'when-filled', weight: 2,
    label: l('Links naar gegevensbronnen', 'Links to data sources'),
    help: l('Per gegevensbron de naam en een link naar een beschrijving ervan.', 'For each data source its name and a link to a description of it.'),
    item: {
      title: title(500, 'Titel van gegevensbron', 'Title of the data source'),
      link: link(500, true, 'Link naar gegevensbron', 'Link to the data source'),
    },
  },
  {
    key: 'methods_and_models', kind: 'html', maxLength: 5000, required: false, visibility: 'always', weight: 2,
    label: l('Technische werking', 'Technical design'),
    help: l('Hoe het algoritme werkt: regels of model, de belangrijkste kenmerken, en hoe goed het presteert.', 'How the algorithm works: rules or a model, its main features, and how well it performs.'),
  },
  {
    key: 'provider', kind: 'text', maxLength: 200, required: false, visibility: 'always', weight: 8,
    label: l('Leverancier', 'External provider'),
    help: l('Het bedrijf dat het algoritme levert. Zelf gebouwd? Schrijf dan "Intern ontwikkeld".', 'The company that supplies the algorithm. Built in-house? Write "Intern ontwikkeld".'),
  },
  {
    key: 'publiccode', kind: 'text', maxLength: 500, format: 'https-url', required: false, visibility: 'when-filled', weight: 0,
    label: l('Link naar broncode', 'Link to code base'),
    help: l('Is de broncode openbaar, link dan naar de plek waar die staat.', 'If the source code is public, link to where it is published.'),
  },
  {
    key: 'lang', kind: 'enum', required: true, visibility: 'never', weight: 2,
    label: l('Taal', 'Language'),
    help: l('De taal van de beschrijving; altijd "nld".', 'The language of the description; always "nld".'),
    values: values([['nld', 'Dutch']]),
  },
  {
    key: 'standard_version', kind: 'enum', required: false, visibility: 'never', weight: 0, default: '1.0',
    label: l('Versie publicatiestandaard', 'Publication Standard'),
    help: l('De versie van de publicatiestandaard; wordt "1.0" als u niets invult.', 'The version of the publication standard; becomes "1.0" when left out.'),
    values: values([['1.0', '1.0']]),
  },
  {
    key: 'source_id', kind: 'text', maxLength: 100, required: false, visibility: 'never', weight: 0,
    label: l('Bron-ID', 'Source-ID'),
    help: l('Uw eigen kenmerk voor dit algoritme, zodat uw systeem en het register elkaar herkennen.', 'Your own identifier for this algorithm, so your system and the register recognise each other.'),
  },
  {
    key: 'tags', kind: 'html', maxLength: 2500, required: false, visibility: 'never', weight: 2,
    label: l('Zoektermen', 'Tags'),
    help: l('Extra woorden waarop mensen dit algoritme moeten kunnen vinden, gescheiden door komma’s.', 'Extra words people should be able to find this algorithm by, separated by commas.'),
  },
  {
    key: 'lars', kind: 'system', required: false, visibility: 'never', weight: 0,
    label: l('Algoritme-ID', 'Algorithm ID'),
    help: l('Het vaste nummer dat het register aan het algoritme geeft.', 'The permanent number the register gives the algorithm.'),
  },
  {
    key: 'publication_dt', kind: 'system', required: false, visibility: 'never', weight: 0,
    label: l('Publicatiedatum', 'Publication date'),
    help: l('Wanneer deze versie is gepubliceerd; het register vult dit in.', 'When this version was published; set by the register.'),
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
        fields: ['name', 'description_short', 'organization', 'category', 'status', 'begin_date', 'end_date', 'contact_email', 'website', 'publication_category', 'url'],
      },
      {
        key: 'verantwoordGebruik',
        label: l('Verantwoord gebruik', 'Responsible use'),
        fields: ['goal', 'proportionality', 'human_intervention', 'risks', 'lawful_basis', 'lawful_basis_grouping', 'process_index_url', 'impacttoetsen', 'impacttoetsen_grouping'],
      },
      { key: 'werking', label: l('Werking', 'Operation'), fields: ['source_data', 'source_data_grouping', 'methods_and_models', 'provider', 'publiccode'] },
      { key: 'metadata', label: l('Metadata', 'Metadata'), fields: ['lang', 'standard_version', 'source_id', 'tags'] },
    ],
  },
};
