/** The frame of every public page: language, skip link, header with menu and language switch, main. */
import type { ComponentChildren } from 'preact';
import { messages, type Lang } from './messages.ts';
import { searchMessages } from './messages-search.ts';

export interface PageProps {
  lang: Lang;
  title: string;
  /** The same page in the other language. */
  alternate: string;
  /** Scripts that enhance the page (never needed for it to work). */
  scripts?: string[];
  children: ComponentChildren;
}

const MENU: Record<Lang, [keyof (typeof searchMessages)['nl'], string][]> = {
  nl: [
    ['navSearch', '/algoritmes'],
    ['navOrganisations', '/organisaties'],
    ['navStatistics', '/statistieken'],
    ['navAbout', '/over'],
  ],
  en: [
    ['navSearch', '/en/algorithms'],
    ['navOrganisations', '/en/organisations'],
    ['navStatistics', '/en/statistics'],
    ['navAbout', '/en/about'],
  ],
};

export function Page({ lang, title, alternate, scripts = [], children }: PageProps) {
  const t = messages[lang];
  const s = searchMessages[lang];
  return (
    <html lang={lang}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} | ${t.siteName}`}</title>
        <link rel="stylesheet" href="/assets/site.css" />
        <link rel="alternate" hrefLang={lang === 'nl' ? 'en' : 'nl'} href={alternate} />
        {scripts.map((src) => (
          <script src={src} defer />
        ))}
      </head>
      <body>
        <a class="skip-link" href="#inhoud">{t.skipToContent}</a>
        <header class="site-header">
          <a class="site-name" href={lang === 'nl' ? '/' : '/en/'}>{t.siteName}</a>
          <nav class="site-menu" aria-label={s.navLabel}>
            <ul>
              {MENU[lang].map(([key, href]) => (
                <li>
                  <a href={href}>{s[key]}</a>
                </li>
              ))}
            </ul>
          </nav>
          <a class="language-switch" href={alternate} hrefLang={lang === 'nl' ? 'en' : 'nl'} lang={lang === 'nl' ? 'en' : 'nl'}>
            {t.otherLanguage}
          </a>
        </header>
        <main id="inhoud" tabindex={-1}>{children}</main>
      </body>
    </html>
  );
}
