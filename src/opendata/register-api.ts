/**
 * The open-data API for organisations and statistics: `/api/v1/organisations` (search by name or
 * code, filter by type, paged), `/api/v1/organisations/{code}` (profile and published
 * algorithms, paged) and `/api/v1/statistics`. The same domain reads as the public pages.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { AppContext } from '../context.ts';
import { findPublicOrganisation, isOrgType, listDirectory, orgTypeLabel, parentOf, publishedAlgorithmsOf } from '../register/organisation-directory.ts';
import { registerStatistics } from '../register/statistics.ts';
import { ORG_TYPES } from '../register/organisations.ts';
import { sanitizeRichText } from '../standard/html.ts';
import { CURRENT_STANDARD } from '../standard/index.ts';

type Query = Record<string, unknown>;
const first = (query: Query, key: string) => {
  const raw = query[key];
  const value = Array.isArray(raw) ? raw[0] : raw;
  return typeof value === 'string' ? value.trim() : undefined;
};

/** limit and offset, or the problem with them. */
function paging(query: Query, max: number): { limit: number; offset: number } | { detail: string } {
  const limitText = first(query, 'limit');
  const offsetText = first(query, 'offset');
  const limit = limitText === undefined ? Math.min(25, max) : /^\d{1,4}$/.test(limitText) ? Number(limitText) : NaN;
  const offset = offsetText === undefined ? 0 : /^\d{1,6}$/.test(offsetText) ? Number(offsetText) : NaN;
  if (!(limit >= 1 && limit <= max)) return { detail: `limit: give a whole number from 1 to ${max}.` };
  if (Number.isNaN(offset)) return { detail: 'offset: give a whole number from 0 to 999999.' };
  return { limit, offset };
}

export function registerApi(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    const db = ctx.kysely;

    app.get('/api/v1/organisations', { config: { access: 'public' } }, async (request, reply) => {
      const query = request.query as Query;
      const page = paging(query, 1000);
      if ('detail' in page) return reply.code(400).send(page);
      const type = first(query, 'type') || undefined;
      if (type !== undefined && !isOrgType(type)) return reply.code(400).send({ detail: `type: "${type.slice(0, 100)}" is not an organisation type.`, known: ORG_TYPES });
      const directory = await listDirectory(db, { q: (first(query, 'q') ?? '').slice(0, 200), type, ...page });
      reply.header('cache-control', 'public, max-age=300');
      return {
        total: directory.total,
        ...page,
        results: directory.organisations.map((o) => ({ ...o, type_label: { nl: orgTypeLabel(o.type, 'nl'), en: orgTypeLabel(o.type, 'en') }, url: `${ctx.config.publicUrl}/organisatie/${encodeURIComponent(o.code)}` })),
        types: directory.types,
      };
    });

    app.get<{ Params: { code: string } }>('/api/v1/organisations/:code', { config: { access: 'public' } }, async (request, reply) => {
      const page = paging(request.query as Query, 100);
      if ('detail' in page) return reply.code(400).send(page);
      const found = await findPublicOrganisation(db, request.params.code);
      if (!found) return reply.code(404).send({ detail: 'There is no organisation with this code in the register.' });
      const org = found.organisation;
      const [parent, algorithms] = await Promise.all([parentOf(db, org), publishedAlgorithmsOf(db, org.id, page)]);
      reply.header('cache-control', 'public, max-age=300');
      return {
        code: org.code,
        name: org.name,
        type: org.type,
        type_label: { nl: orgTypeLabel(org.type, 'nl'), en: orgTypeLabel(org.type, 'en') },
        parent: parent ? { code: parent.code, name: parent.name } : null,
        about_html: org.about_html ? sanitizeRichText(org.about_html, CURRENT_STANDARD.allowedHtmlTags) : null,
        contact_html: org.contact_html ? sanitizeRichText(org.contact_html, CURRENT_STANDARD.allowedHtmlTags) : null,
        algorithms: { total: algorithms.total, ...page, results: algorithms.algorithms },
      };
    });

    app.get('/api/v1/statistics', { config: { access: 'public' } }, async (_request, reply) => {
      const stats = await registerStatistics(db);
      reply.header('cache-control', 'public, max-age=300');
      return {
        published_algorithms: stats.publishedAlgorithms,
        publishing_organisations: stats.publishingOrganisations,
        publications_per_month: stats.publicationsPerMonth,
        by_publication_category: stats.byCategory,
        by_organisation_type: stats.byOrganisationType,
      };
    });
  };
}
