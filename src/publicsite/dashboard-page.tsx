/**
 * The national publication-duty dashboard at `/dashboard` (`/en/dashboard`): organisations that publish
 * nothing, coverage per organisation type, and the quality distribution of published descriptions. Only what
 * is public is counted; `?format=json` answers the same figures.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import { nationalDashboard } from '../compliance/index.ts';
import { orgTypeLabel } from '../register/organisation-directory.ts';
import { html, otherLang, prefix, wantsJson } from './render.ts';
import { Page } from './layout.tsx';
import { fill, formatNumber, type Lang } from './messages.ts';
import { publicComplianceMessages } from './messages-compliance.ts';
import { QualityBandsTable } from './quality-bands.tsx';

const PATH: Record<Lang, string> = { nl: '/dashboard', en: '/en/dashboard' };
const LIST_LIMIT = 100;

const percent = (share: number, lang: Lang) => new Intl.NumberFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', { style: 'percent', maximumFractionDigits: 0 }).format(share);

export function dashboardPage(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    async function dashboard(request: FastifyRequest, reply: FastifyReply, lang: Lang) {
      const board = await nationalDashboard(ctx.kysely, { listLimit: LIST_LIMIT });
      reply.header('cache-control', 'public, max-age=300');
      if (wantsJson(request)) {
        return reply.send({
          publishing_nothing: {
            count: board.publishingNothing.count,
            organisations: board.publishingNothing.items.map((o) => ({ ...o, type_label: orgTypeLabel(o.type, lang) })),
          },
          coverage: board.coverage.map((c) => ({ ...c, label: orgTypeLabel(c.type, lang) })),
          quality: board.quality,
        });
      }
      const t = publicComplianceMessages[lang];
      const nothing = board.publishingNothing;
      return html(
        reply,
        200,
        <Page lang={lang} title={t.dashboardTitle} alternate={PATH[otherLang(lang)]}>
          <h1 class="nl-heading nl-heading--level-1">{t.dashboardTitle}</h1>
          <p class="nl-paragraph">{t.dashboardIntro}</p>

          <section aria-labelledby="niets">
            <h2 id="niets" class="nl-heading nl-heading--level-2">{t.nothingTitle}</h2>
            {nothing.count === 0 ? (
              <p>{t.nothingNone}</p>
            ) : (
              <>
                <p>{fill(t.nothingCount, { count: formatNumber(nothing.count, lang) })}</p>
                <ul class="utrecht-unordered-list">
                  {nothing.items.map((o) => (
                    <li>
                      <a href={`${prefix(lang)}/${lang === 'nl' ? 'organisatie' : 'organisation'}/${encodeURIComponent(o.code)}`}>{o.name}</a> <span class="result-org">– {orgTypeLabel(o.type, lang)}</span>
                    </li>
                  ))}
                </ul>
                {nothing.count > nothing.items.length && <p>{fill(t.nothingMore, { count: formatNumber(nothing.count - nothing.items.length, lang) })}</p>}
              </>
            )}
          </section>

          <section aria-labelledby="dekking">
            <h2 id="dekking" class="nl-heading nl-heading--level-2">{t.coverageTitle}</h2>
            <table class="utrecht-table">
              <thead class="utrecht-table__header">
                <tr class="utrecht-table__row">
                  <th class="utrecht-table__header-cell" scope="col">{t.orgType}</th>
                  <th class="utrecht-table__header-cell" scope="col">{t.organisations}</th>
                  <th class="utrecht-table__header-cell" scope="col">{t.publishing}</th>
                  <th class="utrecht-table__header-cell" scope="col">{t.share}</th>
                </tr>
              </thead>
              <tbody class="utrecht-table__body">
                {board.coverage.map((c) => (
                  <tr class="utrecht-table__row">
                    <th class="utrecht-table__header-cell" scope="row">{orgTypeLabel(c.type, lang)}</th>
                    <td class="utrecht-table__cell">{formatNumber(c.organisations, lang)}</td>
                    <td class="utrecht-table__cell">{formatNumber(c.publishing, lang)}</td>
                    <td class="utrecht-table__cell">{percent(c.share, lang)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>

          <section aria-labelledby="kwaliteit">
            <h2 id="kwaliteit" class="nl-heading nl-heading--level-2">{t.qualityTitle}</h2>
            {board.quality.scored === 0 ? (
              <p>{t.qualityNone}</p>
            ) : (
              <>
                <p>{fill(t.qualityAverage, { average: board.quality.average ?? 0, scored: formatNumber(board.quality.scored, lang) })}</p>
                <QualityBandsTable bands={board.quality.bands} lang={lang} bandLabel={t.band} countLabel={t.count} />
              </>
            )}
          </section>
        </Page>,
      );
    }

    app.get(PATH.nl, { config: { access: 'public' } }, (request, reply) => dashboard(request, reply, 'nl'));
    app.get(PATH.en, { config: { access: 'public' } }, (request, reply) => dashboard(request, reply, 'en'));
  };
}
