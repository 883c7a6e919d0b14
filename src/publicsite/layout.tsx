/** The frame of every public page: language, skip link, header with the language switch, main. */
import type { ComponentChildren } from 'preact';
import { messages, type Lang } from './messages.ts';

export interface PageProps {
  lang: Lang;
  title: string;
  /** The same page in the other language. */
  alternate: string;
  children: ComponentChildren;
}

export function Page({ lang, title, alternate, children }: PageProps) {
  const t = messages[lang];
  return (
    <html lang={lang}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} | ${t.siteName}`}</title>
        <link rel="stylesheet" href="/assets/site.css" />
        <link rel="alternate" hrefLang={lang === 'nl' ? 'en' : 'nl'} href={alternate} />
      </head>
      <body>
        <a class="skip-link" href="#inhoud">{t.skipToContent}</a>
        <header class="site-header">
          <a class="site-name" href={lang === 'nl' ? '/' : '/en/'}>{t.siteName}</a>
          <a class="language-switch" href={alternate} hrefLang={lang === 'nl' ? 'en' : 'nl'} lang={lang === 'nl' ? 'en' : 'nl'}>
            {t.otherLanguage}
          </a>
        </header>
        <main id="inhoud">{children}</main>
      </body>
    </html>
  );
}
