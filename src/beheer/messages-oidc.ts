/** The words of sign-in through an external OpenID Provider, in both languages. */
import type { Lang } from '../publicsite/messages.ts';

export const oidcMessages = {
  nl: {
    button: 'Inloggen via uw organisatie',
    failedTitle: 'Inloggen is niet gelukt',
    tryAgain: 'Opnieuw inloggen',
    denied: 'U of de inlogdienst van uw organisatie heeft het inloggen afgebroken. Er is niets veranderd.',
    expired: 'Deze inlogpoging is onbekend of verlopen. Begin opnieuw bij de inlogpagina.',
    wrongState: 'Het antwoord van de inlogdienst hoort niet bij deze inlogpoging. Dat kan gebeuren als u in een ander venster opnieuw bent begonnen. Begin opnieuw bij de inlogpagina.',
    invalidResponse: 'Het antwoord van de inlogdienst kon niet worden gecontroleerd. Begin opnieuw bij de inlogpagina; lukt het dan weer niet, neem contact op met de beheerder van het register.',
    unavailable: 'De inlogdienst van uw organisatie is nu niet bereikbaar. Probeer het later opnieuw, of log in met uw gebruikersnaam en wachtwoord.',
    unknown: 'Er is in het Algoritmeregister geen account voor {who}. Vraag de beheerder van uw organisatie om een account met dit e-mailadres; daarna kunt u hier inloggen.',
    unknownNoEmail: 'Er is in het Algoritmeregister geen account dat bij uw inloggegevens hoort. Vraag de beheerder van uw organisatie om een account.',
    unverified: 'De inlogdienst heeft uw e-mailadres {who} niet bevestigd, dus kan het niet aan een account worden gekoppeld. Bevestig het adres bij uw organisatie en probeer het opnieuw.',
    ambiguous: 'Meer dan één account heeft het e-mailadres {who}. Vraag de beheerder van het register om dat op te lossen.',
    linkedToOther: 'Het account met het e-mailadres {who} is al gekoppeld aan een andere identiteit bij de inlogdienst. Vraag de beheerder van het register om hulp.',
    blocked: 'Dit account is geblokkeerd. Neem contact op met de beheerder van uw organisatie.',
  },
  en: {
    button: 'Sign in through your organisation',
    failedTitle: 'Signing in did not succeed',
    tryAgain: 'Sign in again',
    denied: 'You or your organisation’s sign-in service cancelled signing in. Nothing has changed.',
    expired: 'This sign-in attempt is unknown or has expired. Start again at the sign-in page.',
    wrongState: 'The answer of the sign-in service does not belong to this sign-in attempt. This can happen when you started again in another window. Start again at the sign-in page.',
    invalidResponse: 'The answer of the sign-in service could not be verified. Start again at the sign-in page; if it fails again, contact the register’s administrator.',
    unavailable: 'Your organisation’s sign-in service cannot be reached now. Try again later, or sign in with your username and password.',
    unknown: 'The Algorithm Register has no account for {who}. Ask your organisation’s administrator for an account with this e-mail address; then you can sign in here.',
    unknownNoEmail: 'The Algorithm Register has no account that belongs to your sign-in. Ask your organisation’s administrator for an account.',
    unverified: 'The sign-in service has not verified your e-mail address {who}, so it cannot be linked to an account. Verify the address with your organisation and try again.',
    ambiguous: 'More than one account has the e-mail address {who}. Ask the register’s administrator to resolve this.',
    linkedToOther: 'The account with the e-mail address {who} is already linked to another identity at the sign-in service. Ask the register’s administrator for help.',
    blocked: 'This account is blocked. Contact your organisation’s administrator.',
  },
} satisfies Record<Lang, Record<string, string>>;
