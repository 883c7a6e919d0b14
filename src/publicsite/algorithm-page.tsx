/**
 * The algorithm page at `/algoritme/{lars}` (also at the national register's `/nl/algoritme/{lars}`)
 * and `/en/algoritme/{lars}`, and the preview behind a link that the delivery API hands out.
 */
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { html, otherLang, prefix } from './render.ts';
import type { AppContext } from '../context.ts';
import { findAlgorithm, publishedVersion, versionForPreview, type Version } from '../register/algorithms.ts';
import { findOrganisationById } from '../register/organisations.ts';
import { recordEvent } from '../register/audit.ts';
import { STANDARDS, CURRENT_STANDARD } from '../standard/index.ts';
import { Page } from './layout.tsx';
import { AlgorithmView } from './algorithm-view.tsx';
import { formatDate, messages, type Lang } from './messages.ts';

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
          <h1>{t.notFound}</h1>
          <p>{text}</p>
        </Page>,
      );
    }

    async function algorithmPage(reply: FastifyReply, lang: Lang, id: string, previewToken: string | undefined) {
      const t = messages[lang];
      const isPreview = id.startsWith('C') && previewToken !== undefined;
      const lars = isPreview ? id.slice(1) : id;
      const path = `/algoritme/${id}${isPreview ? `?preview=${encodeURIComponent(previewToken!)}` : ''}`;
      const algorithm = await findAlgorithm(db, lars);
      let version: Version | undefined;
      if (algorithm && isPreview) {
        version = await versionForPreview(db, lars, previewToken!);
        if (!version) return notFound(reply, lang, t.previewInvalid, path);
        await recordEvent(db, { action: 'preview_used', actor: { id: 'anonymous', name: 'anonymous website visitor' }, organisationId: algorithm.organisation_id, algorithmId: algorithm.id, versionId: version.id });
      } else if (algorithm) {
        version = await publishedVersion(db, algorithm.id);
      }
      if (!algorithm || !version) return notFound(reply, lang, t.notFoundText, path);
      const org = await findOrganisationById(db, algorithm.organisation_id);
      const def = STANDARDS[version.standard_version ?? ''] ?? CURRENT_STANDARD;
      const name = typeof version.content.name === 'string' && version.content.name ? version.content.name : lars;
      if (isPreview) reply.header('x-robots-tag', 'noindex').header('cache-control', 'no-store');
      return html(
        reply,
        200,
        <Page lang={lang} title={name} alternate={`${prefix(other(lang))}${path}`}>
          {isPreview && (
            <p class="notice" role="status">
              {t.preview} {version.preview_expires_at && `${t.previewExpires} ${formatDate(version.preview_expires_at, lang)}.`}
            </p>
          )}
          <p class="breadcrumb">
            {t.organisation}: {org?.name ?? ''}
          </p>
          <h1>{name}</h1>
          {typeof version.content.description_short === 'string' && <p class="lead">{version.content.description_short}</p>}
          <AlgorithmView def={def} content={version.content} lang={lang} lars={lars} publishedAt={isPreview ? null : version.published_at} />
        </Page>,
      );
    }

    type AlgorithmRoute = { Params: { id: string }; Querystring: { preview?: string } };
    app.get<AlgorithmRoute>('/algoritme/:id', { config: { access: 'public' } }, (req, reply) => algorithmPage(reply, 'nl', req.params.id, req.query.preview));
    app.get<AlgorithmRoute>('/nl/algoritme/:id', { config: { access: 'public' } }, (req, reply) => algorithmPage(reply, 'nl', req.params.id, req.query.preview));
    app.get<AlgorithmRoute>('/en/algoritme/:id', { config: { access: 'public' } }, (req, reply) => algorithmPage(reply, 'en', req.params.id, req.query.preview));
  };
}
