/** The words of the register's mails (and of a search described in words), in both languages. */
import type { Facet } from '../search/facets.ts';

export type MailLang = 'nl' | 'en';

export const mailMessages = {
  nl: {
    siteName: 'Algoritmeregister',
    allAlgorithms: 'alle gepubliceerde algoritmes',
    words: 'met de woorden “{q}”',
    facetJoin: ' of ',
    facet_organisation: 'organisatie',
    facet_organisation_type: 'soort organisatie',
    facet_theme: 'thema',
    facet_status: 'status',
    facet_publication_category: 'publicatiecategorie',
    facet_impact_assessment: 'impacttoets',
    facet_year: 'jaar van ingebruikname',
    impactOther: 'overig',
    impactNone: 'geen',
    confirmSubject: 'Bevestig uw e-mailalert van het Algoritmeregister',
    confirmText:
      'U (of iemand anders) heeft met dit e-mailadres een e-mailalert aangevraagd voor nieuwe algoritmes in het Algoritmeregister bij de zoekopdracht:\n{search}\n\nBevestig dit binnen 7 dagen met deze link:\n{link}\n\nHeeft u dit niet aangevraagd? Dan hoeft u niets te doen: zonder bevestiging krijgt u van ons geen e-mail.',
    confirmButton: 'Bevestig mijn e-mailalert',
    alreadySubject: 'U heeft al een e-mailalert van het Algoritmeregister',
    alreadyText:
      'Er is opnieuw een e-mailalert aangevraagd voor dit e-mailadres bij de zoekopdracht:\n{search}\n\nDat alert heeft u al; er verandert niets. Elke alertmail bevat een link om u af te melden.',
    alertSubjectOne: 'Algoritmeregister: 1 nieuw algoritme bij uw zoekopdracht',
    alertSubjectMany: 'Algoritmeregister: {count} nieuwe algoritmes bij uw zoekopdracht',
    alertIntro: 'Sinds ons vorige bericht is in het Algoritmeregister gepubliceerd bij uw zoekopdracht {search}:',
    alertMore: 'En meer. Bekijk alle resultaten: {link}',
    alertSearch: 'Uw zoekopdracht in het register: {link}',
    alertUnsubscribe: 'Wilt u deze e-mails niet meer ontvangen? Meld u af met één klik: {link}',
    unsubscribeLink: 'Afmelden',
  },
  en: {
    siteName: 'Algorithm Register',
    allAlgorithms: 'all published algorithms',
    words: 'with the words “{q}”',
    facetJoin: ' or ',
    facet_organisation: 'organisation',
    facet_organisation_type: 'type of organisation',
    facet_theme: 'theme',
    facet_status: 'status',
    facet_publication_category: 'publication category',
    facet_impact_assessment: 'impact assessment',
    facet_year: 'year taken into use',
    impactOther: 'other',
    impactNone: 'none',
    confirmSubject: 'Confirm your e-mail alert from the Algorithm Register',
    confirmText:
      'You (or someone else) asked for an e-mail alert with this address for new algorithms in the Dutch Algorithm Register matching the search:\n{search}\n\nConfirm within 7 days with this link:\n{link}\n\nDid you not ask for this? Then there is nothing to do: without confirmation we send you no mail.',
    confirmButton: 'Confirm my e-mail alert',
    alreadySubject: 'You already have an e-mail alert from the Algorithm Register',
    alreadyText:
      'An e-mail alert was requested again for this address and the search:\n{search}\n\nYou already have that alert; nothing changes. Every alert mail has a link to unsubscribe.',
    alertSubjectOne: 'Algorithm Register: 1 new algorithm for your search',
    alertSubjectMany: 'Algorithm Register: {count} new algorithms for your search',
    alertIntro: 'Since our previous message, the Algorithm Register published for your search {search}:',
    alertMore: 'And more. See all results: {link}',
    alertSearch: 'Your search in the register: {link}',
    alertUnsubscribe: 'No longer want these e-mails? Unsubscribe with one click: {link}',
    unsubscribeLink: 'Unsubscribe',
  },
} satisfies Record<MailLang, Record<string, string>>;

export type FacetWord = `facet_${Facet}`;

export function fillIn(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}
