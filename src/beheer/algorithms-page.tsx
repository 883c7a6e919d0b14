/**
 * `/beheer`: the algorithms of the organisation the person works in, in every state, with the
 * last change and who made it and the open public error reports; filtered by state and by words
 * in the name or LARS (a GET form, so a filtered list can be bookmarked). Bad filter values are
 * shown at their field, with the values kept, and the list unfiltered by them.
 */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import type { Lang } from '../publicsite/messages.ts';
import { formatNumber } from '../publicsite/messages.ts';
import { STATES, type State } from '../register/states.ts';
import { filterAlgorithms, isState, listOrganisationAlgorithms, type OrganisationAlgorithm } from '../register/organisation-algorithms.ts';
import { beheerMessages, fill, type BeheerMessages } from './messages.ts';
import { describedBy, ErrorSummary, FieldError, Frame } from './layout.tsx';
import { page } from './render.ts';
import { Pagination } from '../publicsite/pagination.tsx';
import { frameProps, may } from './frame-props.ts';
import { editMessages } from './messages-edit.ts';
import { importMessages } from './messages-import.ts';

export const FILTER_TEXT_MAX = 200;
/** Rows per page: a table a person can scan, and a page that stays quick for the largest organisations. */
export const PAGE_SIZE = 100;

export const stateLabel = (t: BeheerMessages, state: State) => t[`state_${state}`];

// Made once: a formatter costs far more to make than to use, and a list shows many dates.
const dateTimeFormats: Record<Lang, Intl.DateTimeFormat> = {
  nl: new Intl.DateTimeFormat('nl-NL', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Amsterdam' }),
  en: new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Amsterdam' }),
};
export const formatDateTime = (iso: string, lang: Lang) => dateTimeFormats[lang].format(new Date(iso));

interface Filter {
  state: string;
  q: string;
  page: number;
  errors: { state?: string; q?: string };
}

function readFilter(t: BeheerMessages, query: Record<string, unknown>): Filter {
  const one = (v: unknown) => (typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '');
  // A page number out of range is no error worth a message: the nearest page is shown.
  const page = /^\d{1,6}$/.test(one(query.pagina)) ? Math.max(1, Number(one(query.pagina))) : 1;
  const filter: Filter = { state: one(query.status).trim(), q: one(query.q).trim(), page, errors: {} };
  if (filter.state && !isState(filter.state)) filter.errors.state = fill(t.filterUnknownState, { state: filter.state.slice(0, 40) });
  if ([...filter.q].length > FILTER_TEXT_MAX) filter.errors.q = fill(t.filterTooLong, { max: FILTER_TEXT_MAX });
  return filter;
}

/** The list's address with this filter, on page `n`. */
function listPath(filter: Filter, n: number): string {
  const params = new URLSearchParams();
  if (filter.q && !filter.errors.q) params.set('q', filter.q);
  if (filter.state && !filter.errors.state) params.set('status', filter.state);
  if (n > 1) params.set('pagina', String(n));
  const query = params.toString();
  return query ? `/beheer?${query}` : '/beheer';
}

function AlgorithmsPage({ request, filter, rows, total }: { request: FastifyRequest; filter: Filter; rows: OrganisationAlgorithm[]; total: number }) {
  const { lang, person } = request.management;
  const t = beheerMessages[lang];
  const organisation = person!.organisation!.name;
  const errors = (['state', 'q'] as const).filter((f) => filter.errors[f]).map((f) => ({ field: f === 'state' ? 'status' : 'q', text: filter.errors[f]! }));
  const filtered = Boolean(filter.q || filter.state);
  const count = filtered
    ? fill(t.countOfTotal, { count: formatNumber(rows.length, lang), total: formatNumber(total, lang) })
    : rows.length === 1
      ? t.countOne
      : fill(t.countMany, { count: formatNumber(rows.length, lang) });
  const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
  const current = Math.min(filter.page, pages);
  const shown = rows.slice((current - 1) * PAGE_SIZE, current * PAGE_SIZE);
  const here = listPath(filter, current);
  return (
    <Frame {...frameProps(request, here)} current="algorithms" title={`${errors.length ? t.errorTitlePrefix : ''}${fill(t.algorithmsTitle, { organisation })}`}>
      <ErrorSummary lang={lang} errors={errors} />
      <h1 class="nl-heading nl-heading--level-1">{fill(t.algorithmsTitle, { organisation })}</h1>
      <p class="nl-paragraph">{t.algorithmsIntro}</p>
      <p class="page-actions">
        {may(person, 'createAlgorithm') && (
          <a class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action" href="/beheer/algoritmes/nieuw">{editMessages[lang].newAlgorithm}</a>
        )}{' '}
        {may(person, 'exportAlgorithms') && (
          <a class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action" href="/beheer/importeren">{importMessages[lang].title}</a>
        )}
      </p>
      <form method="get" action="/beheer" class="filter-form" role="search" aria-label={t.filterLegend}>
        <div class="form-field utrecht-form-field">
          <label for="q" class="utrecht-form-label">{t.filterText}</label>
          <FieldError lang={lang} field="q" text={filter.errors.q} />
          <input
            id="q"
            name="q"
            type="search"
            value={filter.q}
            aria-invalid={filter.errors.q ? 'true' : undefined}
            aria-describedby={describedBy('q', false, filter.errors.q)}
            class="utrecht-textbox utrecht-textbox--html-input"
          />
        </div>
        <div class="form-field utrecht-form-field">
          <label for="status" class="utrecht-form-label">{t.filterState}</label>
          <FieldError lang={lang} field="status" text={filter.errors.state} />
          <select
            id="status"
            name="status"
            aria-invalid={filter.errors.state ? 'true' : undefined}
            aria-describedby={describedBy('status', false, filter.errors.state)}
            class="utrecht-select utrecht-select--html-select"
          >
            <option value="">{t.filterAllStates}</option>
            {STATES.map((s) => (
              <option value={s} selected={s === filter.state}>
                {stateLabel(t, s)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="utrecht-button utrecht-button--secondary-action">{t.filterSubmit}</button>
        {filtered && (
          <a class="nl-link" href="/beheer">
            {t.filterReset}
          </a>
        )}
      </form>
      <p class="result-count" role="status">{count}</p>
      {rows.length === 0 ? (
        <p class="nl-paragraph">{total === 0 ? t.noAlgorithms : t.noMatches}</p>
      ) : (
        <div class="table-wrapper" role="region" aria-labelledby="algorithms-caption" tabindex={0}>
          <table class="utrecht-table">
            <caption id="algorithms-caption">{fill(t.tableCaption, { organisation })}</caption>
            <thead class="utrecht-table__header">
              <tr>
                <th scope="col">{t.colName}</th>
                <th scope="col">{t.colLars}</th>
                <th scope="col">{t.colState}</th>
                <th scope="col" class="numeric">{t.colCompleteness}</th>
                <th scope="col">{t.colLastChange}</th>
                <th scope="col" class="numeric">{t.colOpenReports}</th>
              </tr>
            </thead>
            <tbody class="utrecht-table__body">
              {shown.map((a) => (
                <tr>
                  <th scope="row">
                    <a class="nl-link" href={`/beheer/algoritme/${a.lars}`}>{a.name ?? t.unnamed}</a>
                  </th>
                  <td>{a.lars}</td>
                  <td>
                    {stateLabel(t, a.state)}
                    {a.published && a.state !== 'PUBLISHED' && <span class="meta"> ({t.alsoPublished})</span>}
                  </td>
                  <td class="numeric">{`${a.completeness}%`}</td>
                  <td>
                    <time dateTime={a.lastChangeAt}>{formatDateTime(a.lastChangeAt, lang)}</time>
                    {a.lastChangeBy && <span class="meta"> {fill(t.by, { name: a.lastChangeBy })}</span>}
                  </td>
                  <td class="numeric">{a.openReports > 0 ? <a href="/beheer/foutmeldingen">{formatNumber(a.openReports, lang)}</a> : '0'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination lang={lang} page={current} pages={pages} href={(n) => listPath(filter, n)} />
    </Frame>
  );
}

export function algorithmsPage(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    app.get('/', { config: { access: 'permission', management: 'listAlgorithms' } }, async (request, reply) => {
      const t = beheerMessages[request.management.lang];
      const filter = readFilter(t, request.query as Record<string, unknown>);
      const organisationId = request.management.person!.organisation!.organisationId;
      const all = await listOrganisationAlgorithms(ctx.kysely, organisationId);
      const rows = filterAlgorithms(all, {
        state: filter.errors.state ? undefined : (filter.state as State) || undefined,
        text: filter.errors.q ? undefined : filter.q,
      });
      const status = Object.keys(filter.errors).length ? 422 : 200;
      return page(reply, status, <AlgorithmsPage request={request} filter={filter} rows={rows} total={all.length} />);
    });
  };
}
