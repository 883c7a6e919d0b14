/**
 * The organisation's compliance dashboard (`/beheer/dashboard`): what must be published and is not, what was
 * never assessed, what is stale, links that do not work, the quality of published descriptions, open error
 * reports and exclusion grounds due for review. Each list names its full count and links to the algorithm.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { AppContext } from '../context.ts';
import { DUTY_OUTCOMES, organisationDashboard, type DutyOutcome, type OrganisationDashboard } from '../compliance/index.ts';
import type { Lang } from '../publicsite/messages.ts';
import { fill } from './messages.ts';
import { complianceMessages } from './messages-compliance.ts';
import { QualityBandsTable } from '../publicsite/quality-bands.tsx';
import { Frame } from './layout.tsx';
import { page } from './render.ts';
import { frameProps } from './frame-props.ts';
import { formatDateTime } from './algorithms-page.tsx';
import { editPath } from './algorithm-edit-pages.tsx';
import { DASHBOARD_PATH, compliancePath, fieldLabel } from './compliance-common.tsx';

const More = ({ shown, count, lang }: { shown: number; count: number; lang: Lang }) =>
  count > shown ? <p>{fill(complianceMessages[lang].dashMore, { count: count - shown })}</p> : null;

function DashboardBody({ board, lang }: { board: OrganisationDashboard; lang: Lang }) {
  const t = complianceMessages[lang];
  return (
    <>
      <section aria-labelledby="achterstallig">
        <h2 id="achterstallig" class="nl-heading nl-heading--level-2">
          {t.dashOverdue} ({board.overdue.count})
        </h2>
        {board.overdue.count === 0 ? (
          <p>{t.dashOverdueNone}</p>
        ) : (
          <table class="utrecht-table dashboard-table">
            <thead class="utrecht-table__header">
              <tr class="utrecht-table__row">
                <th class="utrecht-table__header-cell" scope="col">{t.dashAlgorithm}</th>
                <th class="utrecht-table__header-cell" scope="col">{t.dashOutcome}</th>
                <th class="utrecht-table__header-cell" scope="col">{t.dashSince}</th>
              </tr>
            </thead>
            <tbody class="utrecht-table__body">
              {board.overdue.items.map((item) => (
                <tr class="utrecht-table__row">
                  <td class="utrecht-table__cell">
                    <a class="nl-link" href={compliancePath(item.lars)}>{item.name || item.lars}</a>
                  </td>
                  <td class="utrecht-table__cell">{DUTY_OUTCOMES[item.outcome as DutyOutcome]?.label[lang] ?? item.outcome}</td>
                  <td class="utrecht-table__cell">{formatDateTime(item.assessedAt, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <More shown={board.overdue.items.length} count={board.overdue.count} lang={lang} />
        <p>{fill(t.dashUnassessed, { count: board.unassessed })}</p>
      </section>

      <section aria-labelledby="verouderd">
        <h2 id="verouderd" class="nl-heading nl-heading--level-2">
          {t.dashStale} ({board.stale.count})
        </h2>
        {board.stale.count === 0 ? (
          <p>{t.dashStaleNone}</p>
        ) : (
          <table class="utrecht-table dashboard-table">
            <thead class="utrecht-table__header">
              <tr class="utrecht-table__row">
                <th class="utrecht-table__header-cell" scope="col">{t.dashAlgorithm}</th>
                <th class="utrecht-table__header-cell" scope="col">{t.dashPublished}</th>
                <th class="utrecht-table__header-cell" scope="col">{t.dashReviewed}</th>
              </tr>
            </thead>
            <tbody class="utrecht-table__body">
              {board.stale.items.map((item) => (
                <tr class="utrecht-table__row">
                  <td class="utrecht-table__cell">
                    <a class="nl-link" href={editPath(item.lars)}>{item.name || item.lars}</a>
                  </td>
                  <td class="utrecht-table__cell">{formatDateTime(item.publishedAt, lang)}</td>
                  <td class="utrecht-table__cell">{item.reviewedAt ? formatDateTime(item.reviewedAt, lang) : '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <More shown={board.stale.items.length} count={board.stale.count} lang={lang} />
      </section>

      <section aria-labelledby="links">
        <h2 id="links" class="nl-heading nl-heading--level-2">
          {t.dashBroken} ({board.brokenLinks.count})
        </h2>
        {board.brokenLinks.count === 0 ? (
          <p>{t.dashBrokenNone}</p>
        ) : (
          <table class="utrecht-table dashboard-table">
            <thead class="utrecht-table__header">
              <tr class="utrecht-table__row">
                <th class="utrecht-table__header-cell" scope="col">{t.dashAlgorithm}</th>
                <th class="utrecht-table__header-cell" scope="col">{t.dashField}</th>
                <th class="utrecht-table__header-cell" scope="col">{t.dashLink}</th>
                <th class="utrecht-table__header-cell" scope="col">{t.dashStatus}</th>
              </tr>
            </thead>
            <tbody class="utrecht-table__body">
              {board.brokenLinks.items.map((item) => (
                <tr class="utrecht-table__row">
                  <td class="utrecht-table__cell">
                    <a class="nl-link" href={editPath(item.lars)}>{item.name || item.lars}</a>
                  </td>
                  <td class="utrecht-table__cell">{fieldLabel(item.field, lang)}</td>
                  <td class="utrecht-table__cell">{item.url}</td>
                  <td class="utrecht-table__cell">{item.statusCode ?? item.error ?? '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <More shown={board.brokenLinks.items.length} count={board.brokenLinks.count} lang={lang} />
      </section>

      <section aria-labelledby="kwaliteit">
        <h2 id="kwaliteit" class="nl-heading nl-heading--level-2">{t.dashQuality}</h2>
        {board.quality.scored === 0 ? (
          <p>{t.dashQualityNone}</p>
        ) : (
          <>
            <p>{fill(t.dashAverage, { average: board.quality.average ?? 0, scored: board.quality.scored })}</p>
            <QualityBandsTable bands={board.quality.bands} lang={lang} bandLabel={t.dashBand} countLabel={t.dashCount} />
          </>
        )}
      </section>

      <section aria-labelledby="overig">
        <h2 id="overig" class="nl-heading nl-heading--level-2">{t.dashOther}</h2>
        <ul class="utrecht-unordered-list">
          <li>
            <a class="nl-link" href="/beheer/foutmeldingen">{fill(t.dashReports, { count: board.openErrorReports })}</a>
          </li>
          <li>{fill(t.dashExclusionsDue, { count: board.exclusionsDueForReview })}</li>
        </ul>
      </section>
    </>
  );
}

export function complianceDashboardPage(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    app.get('/dashboard', { config: { access: 'permission', management: 'readCompliance' } }, async (request, reply) => {
      const { lang, person } = request.management;
      const board = await organisationDashboard(ctx.kysely, person!.organisation!.organisationId);
      const title = fill(complianceMessages[lang].dashboardTitle, { organisation: person!.organisation!.name });
      return page(
        reply,
        200,
        <Frame {...frameProps(request, DASHBOARD_PATH)} current="algorithms" title={title}>
          <h1 class="nl-heading nl-heading--level-1">{title}</h1>
          <DashboardBody board={board} lang={lang} />
        </Frame>,
      );
    });
  };
}
