/**
 * Organisations on the public site: the index at `/organisaties` (`/en/organisations`) with a
 * search by name and a filter by type, and a page per organisation at `/organisatie/{code}`
 * (`/en/organisation/{code}`) with its profile and its published algorithms. Each has its JSON
 * twin (`?format=json`); no query value, however odd, gives more than a 400.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import { html, otherLang, prefix, wantsJson } from './render.ts';
import { Page } from './layout.tsx';
import { fill, formatDate, formatNumber, messages, type Lang } from './messages.ts';
import { Pagination } from './pagination.tsx';
import { ORG_TYPES } from '../register/organisations.ts';
import {
  findPublicOrganisation,
  isOrgType,
  listDirectory,
  orgTypeLabel,
  parentOf,
  publishedAlgorithmsOf,
  type OrgType,
} from '../register/organisation-directory.ts';
import { sanitizeRichText } from '../standard/html.ts';
import { CURRENT_STANDARD } from '../standard/index.ts';

const INDEX_PAGE_SIZE = 25;
const ALGORITHMS_PAGE_SIZE = 20;
/** Longer search terms are cut: no organisation name comes near it. */
const MAX_Q = 200;

const INDEX_PATH: Record<Lang, string> = { nl: '/organisaties', en: '/en/organisations' };
const orgPath = (lang: Lang, code: string) => `${lang === 'nl' ? '/organisatie' : '/en/organisation'}/${encodeURIComponent(code)}`;
const algorithmPath = (lang: Lang, lars: string) => `${prefix(lang)}/algoritme/${encodeURIComponent(lars)}`;

type Query = Record<string, unknown>;

/** The first value of a query parameter given once or several times; anything else is absent. */
function queryString(query: Query, key: string): string | undefined {
  const raw = query[key];
  const value = Array.isArray(raw) ? raw[0] : raw;
  return typeof value === 'string' ? value : undefined;
}

/** The requested page: a positive whole number, else the first. */
function requestedPage(query: Query): number {
  const text = queryString(query, 'page')?.trim() ?? '';
  const n = /^\d{1,9}$/.test(text) ? Number(text) : 1;
  return n >= 1 ? n : 1;
}

/** A page of `total` items: the requested one, or the last when it lies beyond. */
function paging(total: number, size: number, requested: number) {
  const pages = Math.max(1, Math.ceil(total / size));
  const page = Math.min(requested, pages);
  return { page, pages, size, offset: (page - 1) * size };
}

/** `path` with these query parameters, empty ones left out. */
function withQuery(path: string, params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== '' && !(key === 'page' && value === 1)) search.set(key, String(value));
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}


function publishedCount(count: number, lang: Lang) {
  const t = messages[lang];
  return count === 1 ? t.orgsPublishedOne : fill(t.orgsPublishedMany, { count: formatNumber(count, lang) });
}

export function organisationPages(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    const db = ctx.kysely;

    async function index(request: FastifyRequest, reply: FastifyReply, lang: Lang) {
      const t = messages[lang];
      const query = (request.query ?? {}) as Query;
      const q = (queryString(query, 'q') ?? '').trim().slice(0, MAX_Q);
      const typeParam = (queryString(query, 'type') ?? '').trim();
      const type: OrgType | undefined = isOrgType(typeParam) ? typeParam : undefined;
      const typeError = typeParam !== '' && !type ? fill(t.orgsUnknownType, { type: typeParam.slice(0, 100) }) : undefined;
      const requested = requestedPage(query);

      // The count first, so a page beyond the last shows the last.
      const first = await listDirectory(db, { q, type, limit: INDEX_PAGE_SIZE, offset: 0 });
      const { page, pages, offset } = paging(first.total, INDEX_PAGE_SIZE, requested);
      const directory = offset === 0 ? first : await listDirectory(db, { q, type, limit: INDEX_PAGE_SIZE, offset });
      const status = typeError ? 400 : 200;

      if (wantsJson(request)) {
        if (typeError) return reply.code(400).send({ detail: `Unknown organisation type "${typeParam.slice(0, 100)}".`, field: 'type', known: ORG_TYPES });
        return reply.send({
          total: directory.total,
          page,
          pages,
          page_size: INDEX_PAGE_SIZE,
          q,
          type: type ?? null,
          organisations: directory.organisations.map((o) => ({ ...o, type_label: orgTypeLabel(o.type, lang), url: orgPath(lang, o.code) })),
          types: directory.types.map((x) => ({ ...x, label: orgTypeLabel(x.type, lang) })),
        });
      }

      const href = (target: number, l: Lang = lang) => withQuery(INDEX_PATH[l], { q, type, page: target });
      const typeCounts = new Map(directory.types.map((x) => [x.type, x.count]));
      const options = ORG_TYPES.filter((x) => typeCounts.has(x) || x === type).sort((a, b) => orgTypeLabel(a, lang).localeCompare(orgTypeLabel(b, lang), lang));
      const found = directory.total === 1 ? t.orgsFoundOne : fill(t.orgsFoundMany, { count: formatNumber(directory.total, lang) });
      return html(
        reply,
        status,
        <Page lang={lang} title={t.orgsTitle} alternate={href(page, otherLang(lang))}>
          <h1 class="nl-heading nl-heading--level-1">{t.orgsTitle}</h1>
          <p class="nl-paragraph">{t.orgsIntro}</p>
          <form class="filter-form" method="get" action={INDEX_PATH[lang]} role="search" aria-label={t.orgsTitle}>
            <div class="form-field utrecht-form-field utrecht-form-field--text">
              <label for="org-q" class="utrecht-form-label">{t.orgsSearchLabel}</label>
              <input id="org-q" name="q" type="search" value={q} maxLength={MAX_Q} autoComplete="off" class="utrecht-textbox utrecht-textbox--html-input" />
            </div>
            <div class={typeError ? 'form-field form-field-error utrecht-form-field utrecht-form-field--invalid' : 'form-field utrecht-form-field'}>
              <label for="org-type" class="utrecht-form-label">{t.orgsTypeLabel}</label>
              {typeError && (
                <p id="org-type-error" class="field-error utrecht-form-field-error-message">
                  {typeError}
                </p>
              )}
              <select id="org-type" name="type" aria-invalid={typeError ? 'true' : undefined} aria-describedby={typeError ? 'org-type-error' : undefined} class="utrecht-select utrecht-select--html-select">
                <option value="" selected={!type}>
                  {t.orgsAllTypes}
                </option>
                {options.map((x) => (
                  <option value={x} selected={x === type}>
                    {`${orgTypeLabel(x, lang)} (${formatNumber(typeCounts.get(x) ?? 0, lang)})`}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" class="utrecht-button utrecht-button--primary-action">
              {t.orgsSubmit}
            </button>
          </form>
          <p class="result-count nl-paragraph" role="status">
            {found}
          </p>
          {directory.organisations.length === 0 ? (
            <p>{t.orgsNone}</p>
          ) : (
            <ul class="organisation-list">
              {directory.organisations.map((o) => (
                <li>
                  <a href={orgPath(lang, o.code)}>{o.name}</a>
                  <span class="meta">
                    {orgTypeLabel(o.type, lang)} · {publishedCount(o.published, lang)}
                  </span>
                </li>
              ))}
            </ul>
          )}
          <Pagination lang={lang} page={page} pages={pages} href={(p) => href(p)} />
        </Page>,
      );
    }

    async function organisation(request: FastifyRequest<{ Params: { code: string } }>, reply: FastifyReply, lang: Lang) {
      const t = messages[lang];
      const query = (request.query ?? {}) as Query;
      const code = request.params.code;
      const found = await findPublicOrganisation(db, code);
      if (!found) {
        if (wantsJson(request)) return reply.code(404).send({ detail: `There is no organisation with code "${code.slice(0, 100)}".` });
        return html(
          reply,
          404,
          <Page lang={lang} title={t.notFound} alternate={orgPath(otherLang(lang), code)}>
            <h1 class="nl-heading nl-heading--level-1">{t.notFound}</h1>
            <p>{t.orgNotFoundText}</p>
            <p>
              <a href={INDEX_PATH[lang]}>{t.orgBackToIndex}</a>
            </p>
          </Page>,
        );
      }
      const org = found.organisation;
      const requested = requestedPage(query);
      if (!found.canonical) {
        const target = withQuery(orgPath(lang, org.code), { page: requested, format: queryString(query, 'format') });
        return reply.redirect(target, 301);
      }
      const first = await publishedAlgorithmsOf(db, org.id, { limit: ALGORITHMS_PAGE_SIZE, offset: 0 });
      const { page, pages, offset } = paging(first.total, ALGORITHMS_PAGE_SIZE, requested);
      const listing = offset === 0 ? first : await publishedAlgorithmsOf(db, org.id, { limit: ALGORITHMS_PAGE_SIZE, offset });
      const parent = await parentOf(db, org);
      // Profiles come from organisations' own input: sanitised to the standard's allow-list here,
      // whatever was stored (the national register serves them unsanitised).
      const rich = (value: string | null) => {
        const clean = value ? sanitizeRichText(value, CURRENT_STANDARD.allowedHtmlTags) : '';
        return clean.replace(/<[^>]*>/g, '').trim() === '' ? null : clean;
      };
      const about = rich(org.about_html);
      const contact = rich(org.contact_html);

      if (wantsJson(request)) {
        return reply.send({
          code: org.code,
          name: org.name,
          type: org.type,
          type_label: orgTypeLabel(org.type, lang),
          parent: parent ? { code: parent.code, name: parent.name, url: parent.hasPage ? orgPath(lang, parent.code) : null } : null,
          about_html: about,
          contact_html: contact,
          algorithms: {
            total: listing.total,
            page,
            pages,
            page_size: ALGORITHMS_PAGE_SIZE,
            results: listing.algorithms.map((a) => ({ ...a, url: algorithmPath(lang, a.lars) })),
          },
        });
      }

      const href = (target: number, l: Lang = lang) => withQuery(orgPath(l, org.code), { page: target });
      return html(
        reply,
        200,
        <Page lang={lang} title={org.name} alternate={href(page, otherLang(lang))}>
          <nav class="breadcrumb utrecht-breadcrumb-nav" aria-label={t.breadcrumb}>
            <a href={INDEX_PATH[lang]}>{t.orgsTitle}</a>
          </nav>
          <h1 class="nl-heading nl-heading--level-1">{org.name}</h1>
          <dl class="fields utrecht-data-list">
            <div class="field utrecht-data-list__item">
              <dt>{t.orgType}</dt>
              <dd>{orgTypeLabel(org.type, lang)}</dd>
            </div>
            {parent && (
              <div class="field utrecht-data-list__item">
                <dt>{t.orgParent}</dt>
                <dd>{parent.hasPage ? <a href={orgPath(lang, parent.code)}>{parent.name}</a> : parent.name}</dd>
              </div>
            )}
            <div class="field utrecht-data-list__item">
              <dt>{t.orgCode}</dt>
              <dd>{org.code}</dd>
            </div>
          </dl>
          {about && (
            <section aria-labelledby="organisatie-over">
              <h2 id="organisatie-over" class="nl-heading nl-heading--level-2">{t.orgAbout}</h2>
              <div class="rich-text" dangerouslySetInnerHTML={{ __html: about }} />
            </section>
          )}
          {contact && (
            <section aria-labelledby="organisatie-contact">
              <h2 id="organisatie-contact" class="nl-heading nl-heading--level-2">{t.orgContact}</h2>
              <div class="rich-text" dangerouslySetInnerHTML={{ __html: contact }} />
            </section>
          )}
          <section aria-labelledby="organisatie-algoritmes">
            <h2 id="organisatie-algoritmes" class="nl-heading nl-heading--level-2">
              {t.orgAlgorithms} ({formatNumber(listing.total, lang)})
            </h2>
            {listing.total === 0 ? (
              <p>{t.orgNoAlgorithms}</p>
            ) : (
              <ul class="algorithm-list">
                {listing.algorithms.map((a) => (
                  <li>
                    <a href={algorithmPath(lang, a.lars)}>{a.name}</a>
                    {a.description_short && <p>{a.description_short}</p>}
                    {a.published_at && (
                      <p class="meta">
                        {t.publishedOn} <time dateTime={a.published_at}>{formatDate(a.published_at, lang)}</time>
                      </p>
                    )}
                  </li>
                ))}
              </ul>
            )}
            <Pagination lang={lang} page={page} pages={pages} href={(p) => href(p)} />
          </section>
        </Page>,
      );
    }

    for (const lang of ['nl', 'en'] as const) {
      app.get(INDEX_PATH[lang], { config: { access: 'public' } }, (request, reply) => index(request, reply, lang));
      app.get<{ Params: { code: string } }>(`${lang === 'nl' ? '/organisatie' : '/en/organisation'}/:code`, { config: { access: 'public' } }, (request, reply) =>
        organisation(request, reply, lang),
      );
    }
  };
}
