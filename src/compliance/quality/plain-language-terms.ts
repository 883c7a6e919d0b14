/**
 * Data for the plain-language hints (B1): officialese with everyday alternatives, and long words that are the
 * right word all the same (names of things readers know, terms the standard itself uses). Lower case.
 */
export const JARGON: readonly { term: string; plain: string }[] = [
  { term: 'middels', plain: 'met, door' },
  { term: 'teneinde', plain: 'om' },
  { term: 'conform', plain: 'volgens' },
  { term: 'inzake', plain: 'over' },
  { term: 'ten behoeve van', plain: 'voor' },
  { term: 'ten aanzien van', plain: 'over, voor' },
  { term: 'derhalve', plain: 'daarom' },
  { term: 'dientengevolge', plain: 'daardoor' },
  { term: 'indien', plain: 'als' },
  { term: 'alsmede', plain: 'en, ook' },
  { term: 'alsook', plain: 'en, ook' },
  { term: 'reeds', plain: 'al' },
  { term: 'thans', plain: 'nu' },
  { term: 'onderhavig', plain: 'dit, deze' },
  { term: 'onderhavige', plain: 'dit, deze' },
  { term: 'desalniettemin', plain: 'toch' },
  { term: 'echter', plain: 'maar' },
  { term: 'mits', plain: 'als' },
  { term: 'dan wel', plain: 'of' },
  { term: 'c.q.', plain: 'of' },
  { term: 'ex ante', plain: 'vooraf' },
  { term: 'ex post', plain: 'achteraf' },
  { term: 'faciliteren', plain: 'mogelijk maken, helpen' },
  { term: 'optimaliseren', plain: 'verbeteren' },
  { term: 'implementeren', plain: 'invoeren' },
  { term: 'geïmplementeerd', plain: 'ingevoerd' },
  { term: 'verifiëren', plain: 'controleren' },
  { term: 'prioriteren', plain: 'voorrang geven' },
  { term: 'evalueren', plain: 'beoordelen' },
  { term: 'ambtshalve', plain: 'uit zichzelf, zonder aanvraag' },
  { term: 'aanvang', plain: 'begin' },
  { term: 'genoegzaam', plain: 'genoeg' },
  { term: 'vigerend', plain: 'geldend' },
  { term: 'vigerende', plain: 'geldende' },
];

export const KNOWN_LONG_WORDS: readonly string[] = [
  'persoonsgegevens', 'gebruiksverantwoordelijke', 'algoritmeregister', 'verwerkingsregister', 'verwerkingsverantwoordelijke',
  'omgevingsvergunning', 'parkeervergunning', 'parkeervergunningen', 'bijstandsuitkering', 'bijstandsuitkeringen', 'belastingaangifte',
  'gegevensbescherming', 'mensenrechtentoets', 'basisregistratie', 'basisregistraties', 'gemeentebelastingen', 'uitvoeringsorganisatie',
  'uitvoeringsorganisaties', 'toeslagenaanvraag', 'functionaris', 'privacywetgeving', 'woningcorporaties', 'woningcorporatie',
];
