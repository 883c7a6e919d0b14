/**
 * The search page at `/algoritmes` (`/en/algorithms`): free text, facets with counts (several
 * values each), sorting and paging, all in the URL, so every search is a link. A plain GET form
 * that works without JavaScript; `/assets/search.js` only adds suggestions and applies a filter
 * the moment it is ticked. The result count is announced to screen readers.
 */
import { SITE_ASSETS } from './site-assets.ts';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import { search, type SearchResult, type Sort } from '../search/search.ts';
import { parseSearchQuery, searchQueryString } from '../search/params.ts';
import { FACETS, type Facet } from '../search/facets.ts';
import { searchAnswer } from '../opendata/algorithms-api.ts';
import { labelledFacets } from '../search/facet-labels.ts';
import { html, otherLang, prefix, wantsJson } from './render.ts';
import { Page } from './layout.tsx';
import { fill, formatDate, formatNumber, type Lang } from './messages.ts';
import { searchMessages } from './messages-search.ts';
import { Pagination } from './pagination.tsx';
import { subscribeMessages } from './messages-subscribe.ts';
import { subscribeHref } from './subscribe-pages.tsx';

const PAGE_SIZE = 20;
/** Facet values shown before "show all". */
const FACET_PREVIEW = 8;

export const SEARCH_PATH: Record<Lang, string> = { nl: '/algoritmes', en: '/en/algorithms' };

type Labelled = Awaited<ReturnType<typeof labelledFacets>>;

interface SearchState {
  q: string;
  filters: Partial<Record<Facet, string[]>>;
  sort?: Sort;
  page: number;
}

function FacetFieldset({ lang, facet, counts, state, expanded }: { lang: Lang; facet: Facet; counts: NonNullable<Labelled[Facet]>; state: SearchState; expanded: boolean }) {
  const t = searchMessages[lang];
  const chosen = new Set(state.filters[facet] ?? []);
  // Chosen values always show, also when they have no results now.
  const shown = [...counts];
  for (const value of chosen) if (!shown.some((c) => c.value === value)) shown.push({ value, count: 0, label: { nl: value, en: value } });
  if (facet === 'year') shown.sort((a, b) => (a.value < b.value ? 1 : -1));
  const visible = expanded ? shown : shown.filter((c, i) => i < FACET_PREVIEW || chosen.has(c.value));
  const id = `facet-${facet}`;
  return (
    <fieldset class="facet utrecht-form-fieldset" id={id}>
      <legend class="utrecht-form-fieldset__legend">{t[`facet_${facet}`]}</legend>
      <ul class="facet-values">
        {visible.map((c) => {
          const inputId = `${id}-${c.value.replace(/[^A-Za-z0-9]+/g, '-')}`;
          return (
            <li>
              <input type="checkbox" name={facet} value={c.value} id={inputId} checked={chosen.has(c.value)} class="utrecht-checkbox utrecht-checkbox--html-input" />
              <label for={inputId} class="utrecht-form-label utrecht-form-label--checkbox">
                {c.label[lang]} <span class="count">({formatNumber(c.count, lang)})</span>
              </label>
            </li>
          );
        })}
      </ul>
      {!expanded && shown.length > visible.length && (
        <a class="facet-more" href={`${SEARCH_PATH[lang]}${searchQueryString({ ...state, page: 1 })}${searchQueryString({ ...state, page: 1 }) ? '&' : '?'}all=${facet}#${id}`}>
          {fill(t.showMore, { count: shown.length })}
        </a>
      )}
    </fieldset>
  );
}

export function SearchBox({ lang, q, autofocus }: { lang: Lang; q: string; autofocus?: boolean }) {
  const t = searchMessages[lang];
  return (
    <div class="search-box utrecht-form-field utrecht-form-field--text">
      <label for="q" class="utrecht-form-label">{t.searchLabel}</label>
      <p class="hint utrecht-form-field-description" id="q-hint">
        {t.searchHint}
      </p>
      <div class="search-row">
        <input type="search" id="q" name="q" value={q} aria-describedby="q-hint" autocomplete="off" list="q-suggestions" autofocus={autofocus} maxLength={500} class="utrecht-textbox utrecht-textbox--html-input" />
        <datalist id="q-suggestions" />
        <button type="submit" class="utrecht-button utrecht-button--primary-action">
          {t.searchButton}
        </button>
      </div>
    </div>
  );
}

function SearchView({ lang, state, result, facets, problems, expanded }: { lang: Lang; state: SearchState; result: SearchResult; facets: Labelled; problems: string[]; expanded?: Facet }) {
  const t = searchMessages[lang];
  const pages = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
  const href = (page: number) => `${SEARCH_PATH[lang]}${searchQueryString({ ...state, page })}`;
  const found = result.total === 0 ? t.foundNone : result.total === 1 ? t.foundOne : fill(t.foundMany, { count: formatNumber(result.total, lang) });
  const chosen = FACETS.flatMap((facet) => (state.filters[facet] ?? []).map((value) => ({ facet, value })));
  const labelOf = (facet: Facet, value: string) => facets[facet]?.find((c) => c.value === value)?.label[lang] ?? value;
  const without = (facet: Facet, value: string) =>
    `${SEARCH_PATH[lang]}${searchQueryString({ ...state, page: 1, filters: { ...state.filters, [facet]: (state.filters[facet] ?? []).filter((v) => v !== value) } })}`;
  const downloadQuery = searchQueryString({ q: state.q, filters: state.filters });
  const shownFacets = FACETS.filter((facet) => (facets[facet]?.length ?? 0) > 0 || (state.filters[facet]?.length ?? 0) > 0);
  return (
    <>
      <h1 class="nl-heading nl-heading--level-1">{t.searchTitle}</h1>
      <form method="get" action={SEARCH_PATH[lang]} class="search" role="search" data-instant="true">
        <SearchBox lang={lang} q={state.q} />
        {problems.length > 0 && (
          <div class="notice utrecht-alert utrecht-alert--warning" role="alert">
            <p>{t.badQuery}</p>
            <ul>
              {problems.map((p) => (
                <li>{p}</li>
              ))}
            </ul>
          </div>
        )}
        <div class="search-layout">
          <div class="facets">
            <h2 class="visually-hidden-heading">{t.filters}</h2>
            {shownFacets.map((facet) => (
              <FacetFieldset lang={lang} facet={facet} counts={facets[facet] ?? []} state={state} expanded={expanded === facet} />
            ))}
            {/* Nothing to apply without filters (nothing found and none chosen). */}
            {shownFacets.length > 0 && (
              <button type="submit" class="apply-filters utrecht-button utrecht-button--secondary-action">
                {t.applyFilters}
              </button>
            )}
          </div>
          <div class="results">
            <div class="results-bar">
              <div role="status" aria-live="polite">
                <h2 id="result-count">{found}</h2>
              </div>
              <p class="sort">
                <label for="sort" class="utrecht-form-label">{t.sortLabel}</label>{' '}
                <select id="sort" name="sort" class="utrecht-select utrecht-select--html-select">
                  {state.q && (
                    <option value="relevance" selected={result.sort === 'relevance'}>
                      {t.sortRelevance}
                    </option>
                  )}
                  <option value="newest" selected={result.sort === 'newest'}>
                    {t.sortNewest}
                  </option>
                  <option value="name" selected={result.sort === 'name'}>
                    {t.sortName}
                  </option>
                </select>
              </p>
            </div>
            {chosen.length > 0 && (
              <ul class="chosen-filters">
                {chosen.map(({ facet, value }) => (
                  <li>
                    <a href={without(facet, value)} aria-label={fill(t.removeFilter, { label: labelOf(facet, value) })}>
                      {labelOf(facet, value)} ×
                    </a>
                  </li>
                ))}
                <li>
                  <a href={`${SEARCH_PATH[lang]}${searchQueryString({ q: state.q })}`}>{t.clearFilters}</a>
                </li>
              </ul>
            )}
            {result.total === 0 ? (
              <p>{t.noneHelp}</p>
            ) : (
              <ol class="result-list" aria-label={t.results} start={(state.page - 1) * PAGE_SIZE + 1}>
                {result.results.map((hit) => (
                  <li class="result">
                    <h3 class="nl-heading nl-heading--level-3">
                      <a href={`${prefix(lang)}/algoritme/${hit.lars}`} dangerouslySetInnerHTML={{ __html: hit.name_html }} />
                    </h3>
                    <p class="result-org">{hit.organisation_name}</p>
                    <p dangerouslySetInnerHTML={{ __html: hit.description_html }} />
                    {hit.published_at && <p class="result-date">{fill(t.publishedOn, { date: formatDate(hit.published_at, lang) })}</p>}
                  </li>
                ))}
              </ol>
            )}
            <Pagination lang={lang} page={state.page} pages={pages} href={href} />
            {result.total > 0 && (
              <p class="download">
                {t.download}: <a href={`/api/v1/downloads/algorithms.csv${downloadQuery}`}>CSV</a>, <a href={`/api/v1/downloads/algorithms.xlsx${downloadQuery}`}>XLSX</a>,{' '}
                <a href={`/api/v1/downloads/algorithms.json${downloadQuery}`}>JSON</a>
              </p>
            )}
            <p class="subscribe">
              <a href={subscribeHref(lang, downloadQuery)}>{subscribeMessages[lang].subscribeLink}</a>
            </p>
          </div>
        </div>
      </form>
    </>
  );
}

export function searchPage(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    async function page(request: FastifyRequest, reply: FastifyReply, lang: Lang) {
      const query = (request.query ?? {}) as Record<string, unknown>;
      const { params, problems } = parseSearchQuery(query, { defaultLimit: PAGE_SIZE, maxLimit: PAGE_SIZE });
      // A page beyond the results shows an empty list with its count, never an error.
      const result = await search(ctx.kysely, { ...params, limit: PAGE_SIZE });
      if (wantsJson(request)) {
        if (problems.length) return reply.code(400).send({ detail: problems.map((p) => p.message).join(' '), problems });
        return searchAnswer(ctx, { limit: PAGE_SIZE, offset: params.offset }, result);
      }
      const state: SearchState = { q: params.q, filters: params.filters, sort: params.sort, page: Math.floor(params.offset / PAGE_SIZE) + 1 };
      const facets = await labelledFacets(ctx.kysely, result.facets);
      const all = typeof query.all === 'string' && (FACETS as readonly string[]).includes(query.all) ? (query.all as Facet) : undefined;
      const t = searchMessages[lang];
      const title = state.q ? `${state.q} – ${t.searchTitle}` : t.searchTitle;
      return html(
        reply,
        200,
        <Page lang={lang} title={title} alternate={`${SEARCH_PATH[otherLang(lang)]}${searchQueryString(state)}`} scripts={[SITE_ASSETS.search.url]}>
          <SearchView lang={lang} state={state} result={result} facets={facets} problems={problems.map((p) => p.message)} expanded={all} />
        </Page>,
      );
    }
    app.get(SEARCH_PATH.nl, { config: { access: 'public' } }, (request, reply) => page(request, reply, 'nl'));
    app.get(SEARCH_PATH.en, { config: { access: 'public' } }, (request, reply) => page(request, reply, 'en'));
  };
}
