/**
 * `/beheer/foutmeldingen`: the public error reports about the algorithms of the organisation the
 * person works in, open ones (default) or handled ones, newest first; each open one with a
 * "mark handled" form. A report of another organisation is not found, whatever its id.
 */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import { listReports, markHandled, type ListedReport } from '../register/error-reports.ts';
import { RegisterError } from '../register/errors.ts';
import { beheerMessages, fill } from './messages.ts';
import { CsrfField, Frame, Notice } from './layout.tsx';
import { page, seeOther } from './render.ts';
import { frameProps, may } from './frame-props.ts';
import { formatDateTime } from './algorithms-page.tsx';
import { notFoundPage } from './status-page.tsx';

const PATH = '/beheer/foutmeldingen';
type View = 'open' | 'afgehandeld';
const NOTICES = { afgehandeld: 'markedHandled', 'al-afgehandeld': 'alreadyHandled' } as const;

function ReportsPage({ request, view, reports, names, notice }: { request: FastifyRequest; view: View; reports: ListedReport[]; names: Map<string, string>; notice?: string }) {
  const { lang, person, session } = request.management;
  const t = beheerMessages[lang];
  const organisation = person!.organisation!.name;
  const canHandle = may(person, 'markErrorReportHandled');
  const here = view === 'open' ? PATH : `${PATH}?weergave=afgehandeld`;
  return (
    <Frame {...frameProps(request, here)} current="errorReports" title={fill(t.reportsTitle, { organisation })}>
      <Notice text={notice} />
      <h1 class="nl-heading nl-heading--level-1">{fill(t.reportsTitle, { organisation })}</h1>
      <p class="nl-paragraph">{t.reportsIntro}</p>
      <nav aria-label={t.reportsViewLabel}>
        <ul class="view-switch">
          <li>
            <a class="nl-link" href={PATH} aria-current={view === 'open' ? 'page' : undefined}>{t.reportsOpen}</a>
          </li>
          <li>
            <a class="nl-link" href={`${PATH}?weergave=afgehandeld`} aria-current={view === 'afgehandeld' ? 'page' : undefined}>{t.reportsHandled}</a>
          </li>
        </ul>
      </nav>
      {reports.length === 0 ? (
        <p class="nl-paragraph">{view === 'open' ? t.reportsNoneOpen : t.reportsNoneHandled}</p>
      ) : (
        <ul class="report-list">
          {reports.map((r) => (
            <li class="report" id={`melding-${r.id}`}>
              <h2 id={`melding-${r.id}-titel`} class="nl-heading nl-heading--level-3">{fill(t.reportAbout, { name: names.get(r.lars) ?? r.lars, lars: r.lars })}</h2>
              <p class="meta">
                {fill(t.reportReceived, { date: formatDateTime(r.created_at, lang) })}
                {r.handled_at && ` · ${fill(t.reportHandledOn, { date: formatDateTime(r.handled_at, lang) })}`}
              </p>
              <p class="report-message">{r.message}</p>
              <p>
                {r.email ? (
                  <>
                    {t.reportEmail}: <a href={`mailto:${r.email}`}>{r.email}</a>
                  </>
                ) : (
                  t.reportNoEmail
                )}
              </p>
              {r.status === 'new' && canHandle && (
                <form method="post" action={`${PATH}/${r.id}/afgehandeld`}>
                  <CsrfField token={session!.csrfToken} />
                  <button type="submit" class="utrecht-button utrecht-button--secondary-action" aria-describedby={`melding-${r.id}-titel`}>
                    {t.markHandled}
                  </button>
                </form>
              )}
            </li>
          ))}
        </ul>
      )}
    </Frame>
  );
}

export function errorReportsPage(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    const db = ctx.kysely;

    app.get<{ Querystring: { weergave?: string; melding?: string } }>(
      '/foutmeldingen',
      { config: { access: 'permission', management: 'readErrorReports' } },
      async (request, reply) => {
        const view: View = request.query.weergave === 'afgehandeld' ? 'afgehandeld' : 'open';
        const organisationId = request.management.person!.organisation!.organisationId;
        const reports = await listReports(db, organisationId, { status: view === 'open' ? 'new' : 'handled', limit: 200 });
        // The names as the public saw them: from each algorithm's published (or latest) version.
        const names = new Map<string, string>();
        const algorithmIds = [...new Set(reports.map((r) => r.algorithm_id))];
        if (algorithmIds.length) {
          const versions = await db
            .selectFrom('versions')
            .innerJoin('algorithms', 'algorithms.id', 'versions.algorithm_id')
            .select(['algorithms.lars', 'versions.content'])
            .where('versions.algorithm_id', 'in', algorithmIds)
            .orderBy('versions.id')
            .execute();
          for (const v of versions) {
            const name = (JSON.parse(v.content) as { name?: unknown }).name;
            if (typeof name === 'string' && name) names.set(v.lars, name);
          }
        }
        const noticeKey = NOTICES[request.query.melding as keyof typeof NOTICES];
        const notice = noticeKey && beheerMessages[request.management.lang][noticeKey];
        return page(reply, 200, <ReportsPage request={request} view={view} reports={reports} names={names} notice={notice} />);
      },
    );

    app.post<{ Params: { id: string } }>(
      '/foutmeldingen/:id/afgehandeld',
      { config: { access: 'permission', management: 'markErrorReportHandled' } },
      async (request, reply) => {
        const id = /^[1-9]\d{0,8}$/.test(request.params.id) ? Number(request.params.id) : undefined;
        if (id === undefined) return notFoundPage(request, reply);
        const organisationId = request.management.person!.organisation!.organisationId;
        try {
          await markHandled(db, id, request.management.person!.principal, undefined, { organisationId });
        } catch (error) {
          if (error instanceof RegisterError && error.kind === 'not_found') return notFoundPage(request, reply);
          if (error instanceof RegisterError && error.kind === 'conflict') return seeOther(reply, `${PATH}?melding=al-afgehandeld`);
          throw error;
        }
        return seeOther(reply, `${PATH}?melding=afgehandeld`);
      },
    );
  };
}
