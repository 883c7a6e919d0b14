/** The public site's words in both languages. Labels of the standard's fields live in the standard. */
export type Lang = 'nl' | 'en';

export const messages = {
  nl: {
    siteName: 'Algoritmeregister',
    skipToContent: 'Naar de inhoud',
    algorithmId: 'Algoritme-ID',
    organisation: 'Organisatie',
    publishedOn: 'Gepubliceerd op',
    preview: 'Voorbeeld: deze versie is niet gepubliceerd.',
    previewExpires: 'De voorbeeldlink verloopt op',
    notFound: 'Niet gevonden',
    notFoundText: 'Er is geen gepubliceerd algoritme met dit ID.',
    previewInvalid: 'Deze voorbeeldlink is onbekend of verlopen.',
    otherLanguage: 'English',
    yes: 'Ja',
    none: 'Geen',
  },
  en: {
    siteName: 'Algorithm Register',
    skipToContent: 'Skip to content',
    algorithmId: 'Algorithm ID',
    organisation: 'Organisation',
    publishedOn: 'Published on',
    preview: 'Preview: this version is not published.',
    previewExpires: 'This preview link expires on',
    notFound: 'Not found',
    notFoundText: 'There is no published algorithm with this ID.',
    previewInvalid: 'This preview link is unknown or has expired.',
    otherLanguage: 'Nederlands',
    yes: 'Yes',
    none: 'None',
  },
} satisfies Record<Lang, Record<string, string>>;

export type Messages = (typeof messages)['nl'];

/** Dates as people read them, in the page's language and the Dutch time zone. */
export function formatDate(iso: string, lang: Lang): string {
  return new Intl.DateTimeFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', { dateStyle: 'long', timeZone: 'Europe/Amsterdam' }).format(new Date(iso));
}
