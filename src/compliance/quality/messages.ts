/**
 * The texts of the quality findings in Dutch and English. Placeholders in braces are filled from a finding's
 * params. Written for editors: what is wrong and what to do, in plain words.
 */
import type { Label } from '../../standard/types.ts';

export const QUALITY_MESSAGES = {
  'completeness.missing': {
    nl: 'Dit veld is nog leeg. Vul het in: het telt mee voor de volledigheid ({percent}% nu).',
    en: 'This field is still empty. Fill it in: it counts towards completeness ({percent}% now).',
  },
  'lawful-basis.missing': {
    nl: 'Noem de wet of regeling waarop het algoritme steunt, met een link naar wetten.overheid.nl.',
    en: 'Name the law or regulation the algorithm rests on, with a link to wetten.overheid.nl.',
  },
  'lawful-basis.no-link': {
    nl: 'Bij "{title}" staat geen link. Link naar de wet op wetten.overheid.nl.',
    en: 'There is no link with "{title}". Link to the law on wetten.overheid.nl.',
  },
  'lawful-basis.not-specific': {
    nl: 'De link bij "{title}" wijst niet naar een bepaalde wet. Gebruik de link van de wet zelf (met BWBR in het adres).',
    en: 'The link with "{title}" does not point to a specific law. Use the link of the law itself (with BWBR in the address).',
  },
  'lawful-basis.not-official': {
    nl: 'De link bij "{title}" gaat niet naar wetten.overheid.nl of lokaleregelgeving.overheid.nl. Link bij voorkeur naar de officiële bron.',
    en: 'The link with "{title}" does not go to wetten.overheid.nl or lokaleregelgeving.overheid.nl. Prefer a link to the official source.',
  },
  'lawful-basis.no-specific-law': {
    nl: 'Geen van de verwijzingen linkt naar een bepaalde wet op wetten.overheid.nl (een adres met BWBR).',
    en: 'None of the references links to a specific law on wetten.overheid.nl (an address with BWBR).',
  },
  'impact.missing': {
    nl: 'Er is geen impacttoets genoemd en niet uitgelegd waarom die er niet is.',
    en: 'No impact assessment is named, and it is not explained why there is none.',
  },
  'impact.explained-only': {
    nl: 'Er is geen impacttoets genoemd; de toelichting legt uit waarom. Noem een toets als die er later komt.',
    en: 'No impact assessment is named; the explanation says why. Name one when it is done.',
  },
  'impact.no-title': {
    nl: 'Impacttoets {item} heeft geen naam.',
    en: 'Impact assessment {item} has no name.',
  },
  'impact.no-link': {
    nl: 'Bij "{title}" staat geen link. Is het verslag openbaar, zet de link erbij.',
    en: 'There is no link with "{title}". If the report is public, add its link.',
  },
  'contact.missing': {
    nl: 'Vul een contactadres in: het e-mailadres van een team of een contactpagina.',
    en: 'Fill in a contact: a team mailbox or a contact page.',
  },
  'contact.personal': {
    nl: '"{contact}" lijkt het adres van één persoon. Gebruik een teamadres of een contactpagina, dat blijft werken als mensen van baan wisselen.',
    en: '"{contact}" looks like the address of one person. Use a team mailbox or a contact page, which keeps working when people change jobs.',
  },
  'contact.invalid': {
    nl: '"{contact}" is geen e-mailadres en geen webadres dat met https:// begint.',
    en: '"{contact}" is neither an e-mail address nor a web address starting with https://.',
  },
  'plain.long-sentence': {
    nl: 'Een zin van {words} woorden: "{excerpt}". Zinnen tot 20 woorden lezen makkelijker (taalniveau B1).',
    en: 'A sentence of {words} words: "{excerpt}". Sentences of up to 20 words are easier to read (level B1).',
  },
  'plain.long-word': {
    nl: '"{word}" is een lang woord ({letters} letters). Kan het korter of in twee woorden?',
    en: '"{word}" is a long word ({letters} letters). Can it be shorter or split up?',
  },
  'plain.jargon': {
    nl: '"{word}" is ambtelijke taal. Schrijf liever: {plain}.',
    en: '"{word}" is officialese. Prefer plain Dutch: {plain}.',
  },
  'end-date.missing': {
    nl: 'Het algoritme is buiten gebruik. Vul de einddatum in.',
    en: 'The algorithm is out of use. Fill in the end date.',
  },
  'end-date.while-in-use': {
    nl: 'Er staat een einddatum, maar de status is niet "Buiten gebruik". Klopt de status?',
    en: 'There is an end date, but the status is not "Out of use". Is the status right?',
  },
  'end-date.before-begin': {
    nl: 'De einddatum ({end}) ligt voor de begindatum ({begin}).',
    en: 'The end date ({end}) lies before the begin date ({begin}).',
  },
  'review.overdue': {
    nl: 'De beschrijving is sinds {since} niet meer bekeken. Kijk haar na, minstens eens per {months} maanden.',
    en: 'The description has not been reviewed since {since}. Review it at least every {months} months.',
  },
  'review.never': {
    nl: 'De beschrijving is nog niet gepubliceerd of nagekeken.',
    en: 'The description has not been published or reviewed yet.',
  },
  'links.broken': {
    nl: 'De link {url} werkt niet ({status}).',
    en: 'The link {url} does not work ({status}).',
  },
} as const satisfies Record<string, Label>;

export type QualityMessageKey = keyof typeof QUALITY_MESSAGES;

/** The text of a message in a language, with its placeholders filled; an unknown placeholder stays visible. */
export function qualityMessage(key: QualityMessageKey, language: keyof Label, params: Readonly<Record<string, string | number>> = {}): string {
  return QUALITY_MESSAGES[key][language].replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(params, name) ? String(params[name]) : whole));
}
