/**
 * The frame of every public page: language, skip link, header with menu and language switch, main,
 * and a footer with the information pages. NL Design System (Rijkshuisstijl community) tokens via
 * the `rhc-theme` class and its component classes; /assets/site.css adds the layout.
 */
import type { ComponentChildren } from 'preact';
import { messages, type Lang } from './messages.ts';
import { searchMessages } from './messages-search.ts';
import { INFO_PATHS } from './info-paths.ts';
import { SITE_ASSETS, STYLESHEETS } from './site-assets.ts';


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

const FOOTER_TEXT = { about: 'infoAbout', faq: 'infoFaq', accessibility: 'infoAccessibility' } as const;

export function Page({ lang, title, alternate, scripts = [], children }: PageProps) {
  const t = messages[lang];
  const s = searchMessages[lang];
  return (
    <html lang={lang}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} | ${t.siteName}`}</title>
        {STYLESHEETS.map((href) => (
          <link rel="stylesheet" href={href} />
        ))}
        <link rel="icon" href={SITE_ASSETS.icon.url} type="image/svg+xml" />
        <link rel="alternate" hrefLang={lang === 'nl' ? 'en' : 'nl'} href={alternate} />
        {scripts.map((src) => (
          <script src={src} defer />
        ))}
      </head>
      <body class="rhc-theme utrecht-document utrecht-document--surface">
        <a class="skip-link nl-skip-link nl-skip-link--visible-on-focus" href="#inhoud">{t.skipToContent}</a>
        <header class="site-header utrecht-page-header">
          <div class="site-header-content">
            <a class="site-name" href={lang === 'nl' ? '/' : '/en/'}>{t.siteName}</a>
            <a class="language-switch nl-link" href={alternate} hrefLang={lang === 'nl' ? 'en' : 'nl'} lang={lang === 'nl' ? 'en' : 'nl'}>
              {t.otherLanguage}
            </a>
          </div>
          <nav class="site-menu" aria-label={s.navLabel}>
            <ul>
              {MENU[lang].map(([key, href]) => (
                <li>
                  <a class="nl-link" href={href}>
                    {s[key]}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        </header>
        <main id="inhoud" tabindex={-1}>{children}</main>
        <footer class="site-footer utrecht-page-footer rhc-page-footer">
          <nav class="site-footer-content" aria-labelledby="site-footer-title">
            <h2 id="site-footer-title" class="nl-heading nl-heading--level-3">
              {t.footerTitle}
            </h2>
            <ul class="utrecht-unordered-list">
              {(['about', 'faq', 'accessibility'] as const).map((key) => (
                <li class="utrecht-unordered-list__item">
                  <a class="nl-link" href={INFO_PATHS[key][lang]}>
                    {t[FOOTER_TEXT[key]]}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        </footer>
      </body>
    </html>
  );
}
