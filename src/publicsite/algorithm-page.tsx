/**
 * The algorithm page at `/algoritme/{lars}` (also at the national register's `/nl/algoritme/{lars}`)
 * and `/en/algoritme/{lars}`, and the preview behind a link that the delivery API hands out.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { html, otherLang, prefix, wantsJson } from './render.ts';
import { algorithmMessages } from './messages-algorithm.ts';
import { historyPath } from './history-page.tsx';
import { similarAlgorithms } from '../search/similar.ts';
import { publicVersion } from '../opendata/algorithms-api.ts';
import { ReportErrorLink } from './report-error.tsx';
import { countReports } from '../register/error-reports.ts';
import type { AppContext } from '../context.ts';
import { findAlgorithm, publishedVersion, publishedVersionCount, versionForPreview } from '../register/algorithms.ts';
import { findOrganisationById } from '../register/organisations.ts';
import { recordEvent } from '../register/audit.ts';
import { STANDARDS, CURRENT_STANDARD } from '../standard/index.ts';
import { Page } from './layout.tsx';
import { AlgorithmView } from './algorithm-view.tsx';
import { publicAnswer, publicContent, publicRulesOf } from '../opendata/public-content.ts';
import { WithheldNotice, groundText } from './withheld-notice.tsx';
import { fill, formatDate, messages, type Lang } from './messages.ts';

const other = otherLang;

export function algorithmPages(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    const db = ctx.kysely;

    function notFound(reply: FastifyReply, lang: Lang, text: string, path: string) {
      const t = messages[lang];
      return html(
        reply,
        404,
        <Page lang={lang} title={t.notFound} alternate={`${prefix(other(lang))}${path}`}>
          <h1 class="nl-heading nl-heading--level-1">{t.notFound}</h1>
          <p>{text}</p>
        </Page>,
      );
    }

    async function algorithmPage(request: FastifyRequest, reply: FastifyReply, lang: Lang, id: string, previewToken: string | undefined) {
      const t = messages[lang];
      const isPreview = id.startsWith('C') && previewToken !== undefined;
      const lars = isPreview ? id.slice(1) : id;
      const path = `/algoritme/${id}${isPreview ? `?preview=${encodeURIComponent(previewToken!)}` : ''}`;
      const algorithm = await findAlgorithm(db, lars);
      if (!algorithm) return notFound(reply, lang, t.notFoundText, path);
      // Everything the page shows is read at once: on PostgreSQL each read is a round trip.
      const [version, rules, org, [publishedVersions, similar, reports]] = await Promise.all([
        isPreview ? versionForPreview(db, lars, previewToken!) : publishedVersion(db, algorithm.id),
        publicRulesOf(db, algorithm.id),
        findOrganisationById(db, algorithm.organisation_id),
        isPreview
          ? ([0, [], { total: 0, open: 0 }] as const)
          : Promise.all([publishedVersionCount(db, algorithm.id), similarAlgorithms(db, algorithm.id), countReports(db, algorithm.id)]),
      ]);
      if (!version) return notFound(reply, lang, isPreview ? t.previewInvalid : t.notFoundText, path);
      if (isPreview) {
        await recordEvent(db, { action: 'preview_used', actor: { id: 'anonymous', name: 'anonymous website visitor' }, organisationId: algorithm.organisation_id, algorithmId: algorithm.id, versionId: version.id });
      }
      // What the public may see under an exclusion ground; an algorithm excluded from publication is not found.
      const shown = publicContent(rules, version.content);
      if (!shown && !isPreview) return notFound(reply, lang, t.notFoundText, path);
      const content = shown?.content ?? version.content;
      const def = STANDARDS[version.standard_version ?? ''] ?? CURRENT_STANDARD;
      const name = typeof version.content.name === 'string' && version.content.name ? version.content.name : lars;
      if (isPreview) reply.header('x-robots-tag', 'noindex').header('cache-control', 'no-store');
      if (wantsJson(request)) {
        const answer = publicVersion(algorithm, org?.code ?? '', version);
        return { ...(shown ? publicAnswer(answer, shown) : answer), published_versions: publishedVersions, similar, open_error_reports: reports.open };
      }
      const a = algorithmMessages[lang];
      const permalink = `${ctx.config.publicUrl}${prefix(lang)}/algoritme/${lars}`;
      const citation =
        version.published_at &&
        fill(a.citationText, { organisation: org?.name ?? '', year: version.published_at.slice(0, 4), name, lars, date: formatDate(version.published_at, lang), url: permalink });
      return html(
        reply,
        200,
        <Page lang={lang} title={name} alternate={`${prefix(other(lang))}${path}`}>
          {isPreview && (
            <p class="notice utrecht-alert utrecht-alert--warning" role="status">
              {t.preview} {version.preview_expires_at && `${t.previewExpires} ${formatDate(version.preview_expires_at, lang)}.`}
            </p>
          )}
          <nav class="breadcrumb utrecht-breadcrumb-nav" aria-label={a.breadcrumb}>
            <a href={lang === 'nl' ? '/' : '/en/'}>{a.home}</a>
            {org && (
              <>
                {' › '}
                <a href={`${lang === 'nl' ? '/organisatie' : '/en/organisation'}/${encodeURIComponent(org.code)}`}>{org.name}</a>
              </>
            )}
          </nav>
          <h1 class="nl-heading nl-heading--level-1">{name}</h1>
          {typeof content.description_short === 'string' && <p class="lead nl-paragraph nl-paragraph--lead">{content.description_short}</p>}
          {shown?.withheld && <WithheldNotice withheld={shown.withheld} def={def} lang={lang} />}
          <AlgorithmView
            def={def}
            content={content}
            lang={lang}
            lars={lars}
            publishedAt={isPreview ? null : version.published_at}
            withheld={shown?.withheld ? { fields: shown.withheld.fields, ground: groundText(shown.withheld, lang) } : undefined}
          />
          {!isPreview && (
            <>
              <section aria-labelledby="history">
                <h2 id="history" class="nl-heading nl-heading--level-2">{a.history}</h2>
                <p>
                  <a href={historyPath(lang, lars)}>{fill(a.historyLink, { count: publishedVersions })}</a>
                </p>
              </section>
              {similar.length > 0 && (
                <section aria-labelledby="similar">
                  <h2 id="similar" class="nl-heading nl-heading--level-2">{a.similar}</h2>
                  <ul class="utrecht-unordered-list">
                    {similar.map((s) => (
                      <li>
                        <a href={`${prefix(lang)}/algoritme/${s.lars}`}>{s.name}</a> <span class="result-org">– {s.organisation_name}</span>
                      </li>
                    ))}
                  </ul>
                </section>
              )}
              <ReportErrorLink lang={lang} lars={lars} count={reports} />
              <section aria-labelledby="cite">
                <h2 id="cite" class="nl-heading nl-heading--level-2">{a.cite}</h2>
                <dl class="fields utrecht-data-list">
                  <div class="field utrecht-data-list__item">
                    <dt>{a.permalink}</dt>
                    <dd>
                      <a href={permalink}>{permalink}</a>
                    </dd>
                  </div>
                  {citation && (
                    <div class="field utrecht-data-list__item">
                      <dt>{a.citation}</dt>
                      <dd>{citation}</dd>
                    </div>
                  )}
                </dl>
              </section>
            </>
          )}
        </Page>,
      );
    }

    type AlgorithmRoute = { Params: { id: string }; Querystring: { preview?: string } };
    app.get<AlgorithmRoute>('/algoritme/:id', { config: { access: 'public' } }, (req, reply) => algorithmPage(req, reply, 'nl', req.params.id, req.query.preview));
    app.get<AlgorithmRoute>('/nl/algoritme/:id', { config: { access: 'public' } }, (req, reply) => algorithmPage(req, reply, 'nl', req.params.id, req.query.preview));
    app.get<AlgorithmRoute>('/en/algoritme/:id', { config: { access: 'public' } }, (req, reply) => algorithmPage(req, reply, 'en', req.params.id, req.query.preview));
  };
}
