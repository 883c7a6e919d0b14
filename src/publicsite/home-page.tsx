/**
 * The home page at `/` (`/en/`): the search box, how much the register holds, what was
 * published lately, and ways in by theme and by type of organisation, each with its count.
 */
import { SITE_ASSETS } from './site-assets.ts';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import { search } from '../search/search.ts';
import { searchQueryString } from '../search/params.ts';
import { labelledFacets } from '../search/facet-labels.ts';
import { html, otherLang, prefix, wantsJson } from './render.ts';
import { Page } from './layout.tsx';
import { fill, formatDate, formatNumber, messages, type Lang } from './messages.ts';
import { searchMessages } from './messages-search.ts';
import { SEARCH_PATH, SearchBox } from './search-page.tsx';

const HOME: Record<Lang, string> = { nl: '/', en: '/en/' };

export function homePage(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    async function page(request: FastifyRequest, reply: FastifyReply, lang: Lang) {
      const result = await search(ctx.kysely, { sort: 'newest', limit: 6 });
      const facets = await labelledFacets(ctx.kysely, result.facets);
      const summary = {
        algorithms: result.total,
        organisations: facets.organisation?.length ?? 0,
        recent: result.results.map((h) => ({ lars: h.lars, name: h.name, organization: h.organisation_name, published_at: h.published_at })),
        themes: facets.theme ?? [],
        organisation_types: facets.organisation_type ?? [],
      };
      if (wantsJson(request)) return summary;
      const t = searchMessages[lang];
      const link = (facet: 'theme' | 'organisation_type', value: string) => `${SEARCH_PATH[lang]}${searchQueryString({ filters: { [facet]: [value] } })}`;
      return html(
        reply,
        200,
        <Page lang={lang} title={t.homeTitle} alternate={HOME[otherLang(lang)]} scripts={[SITE_ASSETS.search.url]}>
          <h1 class="nl-heading nl-heading--level-1">{t.homeTitle}</h1>
          <p class="lead nl-paragraph nl-paragraph--lead">{t.homeIntro}</p>
          <form method="get" action={SEARCH_PATH[lang]} role="search" class="search home-search">
            <SearchBox lang={lang} q="" />
          </form>
          <p class="counts nl-paragraph">
            {fill(t.homeCounts, { algorithms: formatNumber(summary.algorithms, lang), organisations: formatNumber(summary.organisations, lang) })}{' '}
            <a href={SEARCH_PATH[lang]}>{t.homeAll}</a>
          </p>
          {summary.recent.length > 0 && (
            <section aria-labelledby="recent">
              <h2 id="recent" class="nl-heading nl-heading--level-2">{t.homeRecent}</h2>
              <ul class="recent-list utrecht-unordered-list">
                {result.results.map((hit) => (
                  <li class="utrecht-unordered-list__item">
                    <a href={`${prefix(lang)}/algoritme/${hit.lars}`}>{hit.name}</a>
                    <span class="result-org">
                      {' '}
                      – {hit.organisation_name}, {formatDate(hit.published_at, lang)}
                    </span>
                  </li>
                ))}
              </ul>
            </section>
          )}
          <div class="entry-points">
            <section aria-labelledby="by-theme">
              <h2 id="by-theme" class="nl-heading nl-heading--level-2">{t.homeByTheme}</h2>
              <ul class="utrecht-unordered-list">
                {summary.themes.map((c) => (
                  <li class="utrecht-unordered-list__item">
                    <a href={link('theme', c.value)}>{c.label[lang]}</a> <span class="count">({formatNumber(c.count, lang)})</span>
                  </li>
                ))}
              </ul>
            </section>
            <section aria-labelledby="by-type">
              <h2 id="by-type" class="nl-heading nl-heading--level-2">{t.homeByOrgType}</h2>
              <ul class="utrecht-unordered-list">
                {summary.organisation_types.map((c) => (
                  <li class="utrecht-unordered-list__item">
                    <a href={link('organisation_type', c.value)}>{c.label[lang]}</a> <span class="count">({formatNumber(c.count, lang)})</span>
                  </li>
                ))}
              </ul>
            </section>
          </div>
        </Page>,
      );
    }
    app.get('/', { config: { access: 'public' } }, (request, reply) => page(request, reply, 'nl'));
    app.get('/en/', { config: { access: 'public' } }, (request, reply) => page(request, reply, 'en'));
    app.get('/en', { config: { access: 'public' } }, (_request, reply) => reply.redirect('/en/', 301));
  };
}
