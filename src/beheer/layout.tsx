/**
 * The frame of every management page: language, skip link, a header with the language switch
 * and, when signed in, who is signed in, the organisation switch, the menu and sign-out. Every
 * control is a plain form or link (no JavaScript); every form carries the session's CSRF token.
 * The public site's NL Design System stylesheets, then management's own.
 */
import type { ComponentChildren } from 'preact';
import { SITE_ASSETS, STYLESHEETS } from '../publicsite/site-assets.ts';
import type { Lang } from '../publicsite/messages.ts';
import { beheerMessages, fill } from './messages.ts';
import type { Person } from './person.ts';
import { MANAGEMENT_ASSETS } from './beheer-css.ts';
import { adminMessages } from './messages-admin.ts';
import { may } from './frame-props.ts';
import { mayAdministerPlatform } from './platform-rights.ts';

export interface FrameProps {
  lang: Lang;
  title: string;
  /** The CSRF token of the session; every form on the page sends it. */
  csrf: string;
  /** Where the language and organisation switches return to: this page. */
  here: string;
  person?: Person;
  /** Which menu item is this page. */
  current?: 'algorithms' | 'errorReports' | 'organisationAdmin' | 'platformAdmin';
  /** Menu items the person may open. */
  menu?: { algorithms: boolean; errorReports: boolean };
  children: ComponentChildren;
}

/** The hidden field with the CSRF token; inside every form. */
export const CsrfField = ({ token }: { token: string }) => <input type="hidden" name="_csrf" value={token} />;

export function Frame({ lang, title, csrf, here, person, current, menu, children }: FrameProps) {
  const t = beheerMessages[lang];
  const other: Lang = lang === 'nl' ? 'en' : 'nl';
  const items = [
    { key: 'algorithms' as const, href: '/beheer', label: t.navAlgorithms },
    { key: 'errorReports' as const, href: '/beheer/foutmeldingen', label: t.navErrorReports },
    // Shown when the policy allows the person the admin pages, on every page alike.
    { key: 'organisationAdmin' as const, href: '/beheer/organisatiebeheer', label: adminMessages[lang].navOrganisation, shown: may(person, 'administerOrganisation') },
    { key: 'platformAdmin' as const, href: '/beheer/platform', label: adminMessages[lang].navPlatform, shown: mayAdministerPlatform(person) },
  ].filter((item) => ('shown' in item ? item.shown : menu?.[item.key as 'algorithms' | 'errorReports']));
  return (
    <html lang={lang}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{`${title} | ${t.siteName}`}</title>
        {[...STYLESHEETS, MANAGEMENT_ASSETS.css.url].map((href) => (
          <link rel="stylesheet" href={href} />
        ))}
        <link rel="icon" href={SITE_ASSETS.icon.url} type="image/svg+xml" />
      </head>
      <body class="rhc-theme utrecht-document utrecht-document--surface">
        <a class="skip-link nl-skip-link nl-skip-link--visible-on-focus" href="#inhoud">{t.skipToContent}</a>
        <header class="site-header utrecht-page-header">
          <div class="site-header-content">
            <a class="site-name" href="/beheer">{t.siteName}</a>
            <div class="header-tools">
              <form method="post" action="/beheer/taal" class="inline-form">
                <CsrfField token={csrf} />
                <input type="hidden" name="lang" value={other} />
                <input type="hidden" name="terug" value={here} />
                <button type="submit" class="link-button" lang={other} aria-label={t.otherLanguageLabel}>
                  {t.otherLanguage}
                </button>
              </form>
              {person && (
                <>
                  <span class="signed-in-as">{fill(t.signedInAs, { name: person.principal.name })}</span>
                  <form method="post" action="/beheer/uitloggen" class="inline-form">
                    <CsrfField token={csrf} />
                    <button type="submit" class="link-button">{t.signOut}</button>
                  </form>
                </>
              )}
            </div>
          </div>
          {person && (
            <div class="management-bar">
              {items.length > 0 && (
                <nav class="site-menu" aria-label={t.navLabel}>
                  <ul>
                    {items.map((item) => (
                      <li>
                        <a class="nl-link" href={item.href} aria-current={item.key === current ? 'page' : undefined}>
                          {item.label}
                        </a>
                      </li>
                    ))}
                  </ul>
                </nav>
              )}
              {person.memberships.length > 1 && (
                <form method="post" action="/beheer/organisatie" class="organisation-switch">
                  <CsrfField token={csrf} />
                  <input type="hidden" name="terug" value={here} />
                  <label for="organisation-switch" class="utrecht-form-label">{t.organisationLabel}</label>
                  <select id="organisation-switch" name="organisation" class="utrecht-select utrecht-select--html-select">
                    {person.memberships.map((m) => (
                      <option value={m.code} selected={m.code === person.organisation?.code}>
                        {`${m.name} (${m.code})`}
                      </option>
                    ))}
                  </select>
                  <button type="submit" class="utrecht-button utrecht-button--secondary-action">{t.switchOrganisation}</button>
                </form>
              )}
              {person.memberships.length === 1 && person.organisation && (
                <p class="current-organisation">
                  {t.organisationLabel}: <strong>{person.organisation.name}</strong>
                </p>
              )}
            </div>
          )}
        </header>
        <main id="inhoud" tabindex={-1}>{children}</main>
        <footer class="site-footer utrecht-page-footer rhc-page-footer">
          <div class="site-footer-content">
            <a class="nl-link" href={lang === 'nl' ? '/' : '/en/'}>{t.publicSite}</a>
          </div>
        </footer>
      </body>
    </html>
  );
}

/** A field's error, and the summary at the top of a form that links each error to its field. */
export function ErrorSummary({ lang, errors, general }: { lang: Lang; errors: { field: string; text: string }[]; general?: string }) {
  const t = beheerMessages[lang];
  if (errors.length === 0 && !general) return null;
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex={-1}>
      <h2 id="error-summary-title" class="nl-heading nl-heading--level-2">{t.summaryTitle}</h2>
      <ul>
        {general && <li>{general}</li>}
        {errors.map((e) => (
          <li>
            <a href={`#${e.field}`}>{e.text}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function FieldError({ lang, field, text }: { lang: Lang; field: string; text?: string }) {
  if (!text) return null;
  return (
    <p id={`${field}-error`} class="field-error utrecht-form-field-error-message">
      <span class="visually-hidden">{beheerMessages[lang].errorPrefix} </span>
      {text}
    </p>
  );
}

/** `aria-describedby` of a field: its hint and, when it has one, its error. */
export const describedBy = (field: string, hint: boolean, error: unknown) => [hint && `${field}-hint`, error && `${field}-error`].filter(Boolean).join(' ') || undefined;

/** A message that something happened (role=status: read out without moving focus). */
export const Notice = ({ text }: { text?: string }) =>
  text ? (
    <div class="notice utrecht-alert utrecht-alert--ok" role="status">
      <p>{text}</p>
    </div>
  ) : null;
