/**
 * The open-data read API for algorithms: search with facets (`/api/v1/algorithms`), one
 * algorithm's published version, its public history and any version of it, and suggestions
 * while typing. Only what is published is ever shown.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { AppContext } from '../context.ts';
import { search } from '../search/search.ts';
import { parseSearchQuery } from '../search/params.ts';
import { closedValues, FACETS } from '../search/facets.ts';
import type { SearchResult } from '../search/search.ts';
import { labelledFacets } from '../search/facet-labels.ts';
import { findAlgorithm, publicHistory, publishedVersion, type Algorithm, type Version } from '../register/algorithms.ts';
import { findOrganisationById } from '../register/organisations.ts';
import { diffContent } from '../standard/diff.ts';
import { publicAnswer, publicContent, publicContentOf, publicRulesOf } from './public-content.ts';

const NOT_FOUND = { detail: 'There is no published algorithm with this LARS code.' };


/** A published version as the open-data API shows it: ids and dates, then the content. */
export function publicVersion(algorithm: Algorithm, organisationCode: string, version: Version) {
  return {
    lars: algorithm.lars,
    organisation_code: organisationCode,
    version_id: version.id,
    standard_version: version.standard_version,
    published_at: version.published_at,
    current: version.state === 'PUBLISHED',
    ...version.content,
  };
}

/** A search as JSON: the open-data API's answer and the search page's JSON twin. */
export async function searchAnswer(ctx: AppContext, params: { limit: number; offset: number }, result: SearchResult) {
  return {
    total: result.total,
    limit: params.limit,
    offset: params.offset,
    sort: result.sort,
    results: result.results.map((hit) => ({
      lars: hit.lars,
      name: hit.name,
      organization: hit.organisation_name,
      organisation_code: hit.organisation_code,
      organisation_type: hit.organisation_type,
      description_short: hit.description_short,
      published_at: hit.published_at,
      highlight: { name: hit.name_html, description_short: hit.description_html },
      url: `${ctx.config.publicUrl}/algoritme/${hit.lars}`,
    })),
    facets: await labelledFacets(ctx.kysely, result.facets),
    filters: Object.fromEntries(FACETS.map((f) => [f, { values: closedValues(f) }])),
  };
}

export function algorithmsApi(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    const db = ctx.kysely;

    app.get('/api/v1/algorithms', { config: { access: 'public' } }, async (request, reply) => {
      const { params, problems } = parseSearchQuery(request.query as Record<string, unknown>, { defaultLimit: 20, maxLimit: 100 });
      if (problems.length) return reply.code(400).send({ detail: problems.map((p) => p.message).join(' '), problems });
      const result = await search(db, params);
      reply.header('cache-control', 'public, max-age=60');
      return searchAnswer(ctx, params, result);
    });

    app.get<{ Querystring: { q?: unknown } }>('/api/v1/suggest', { config: { access: 'public' } }, async (request, reply) => {
      const text = typeof request.query.q === 'string' ? request.query.q.trim().slice(0, 100) : '';
      if (text.length < 2) return [];
      // The last word is still being typed: search it as a prefix.
      const q = /[\p{L}\p{N}]$/u.test(text) ? `${text}*` : text;
      const result = await search(db, { q, limit: 8, withoutFacets: true });
      reply.header('cache-control', 'public, max-age=60');
      return result.results.map((hit) => ({ lars: hit.lars, name: hit.name, organization: hit.organisation_name }));
    });

    async function publicAlgorithm(lars: string) {
      const algorithm = await findAlgorithm(db, lars);
      if (!algorithm) return undefined;
      const [version, rules, org] = await Promise.all([publishedVersion(db, algorithm.id), publicRulesOf(db, algorithm.id), findOrganisationById(db, algorithm.organisation_id)]);
      // An algorithm excluded from publication has no public version, whatever its state says.
      const shown = version && publicContent(rules, version.content);
      if (!version || !shown) return undefined;
      return { algorithm, version, shown, organisationCode: org?.code ?? '' };
    }

    app.get<{ Params: { lars: string } }>('/api/v1/algorithms/:lars', { config: { access: 'public' } }, async (request, reply) => {
      const found = await publicAlgorithm(request.params.lars);
      if (!found) return reply.code(404).send(NOT_FOUND);
      reply.header('cache-control', 'public, max-age=60');
      return publicAnswer(publicVersion(found.algorithm, found.organisationCode, found.version), found.shown);
    });

    app.get<{ Params: { lars: string } }>('/api/v1/algorithms/:lars/versions', { config: { access: 'public' } }, async (request, reply) => {
      const algorithm = await findAlgorithm(db, request.params.lars);
      const history = algorithm ? await publicHistory(db, algorithm.id) : [];
      if (!algorithm || history.length === 0) return reply.code(404).send(NOT_FOUND);
      reply.header('cache-control', 'public, max-age=60');
      return history.map((v) => ({ version_id: v.id, published_at: v.published_at, current: v.state === 'PUBLISHED', name: v.content.name }));
    });

    app.get<{ Params: { lars: string; version: string } }>('/api/v1/algorithms/:lars/versions/:version', { config: { access: 'public' } }, async (request, reply) => {
      const algorithm = await findAlgorithm(db, request.params.lars);
      const history = algorithm ? await publicHistory(db, algorithm.id) : [];
      const version = history.find((v) => String(v.id) === request.params.version);
      // The exclusion in force covers earlier versions too: what is withheld now was never meant to be read.
      const shown = algorithm && version && (await publicContentOf(db, algorithm.id, version.content));
      if (!algorithm || !version || !shown) return reply.code(404).send({ detail: 'This algorithm has no published version with this id.' });
      const org = await findOrganisationById(db, algorithm.organisation_id);
      reply.header('cache-control', 'public, max-age=3600');
      return publicAnswer(publicVersion(algorithm, org?.code ?? '', version), shown);
    });

    /** Field-by-field differences between two published versions (`?from=ID&to=ID`). */
    app.get<{ Params: { lars: string }; Querystring: { from?: string; to?: string } }>(
      '/api/v1/algorithms/:lars/diff',
      { config: { access: 'public' } },
      async (request, reply) => {
        const algorithm = await findAlgorithm(db, request.params.lars);
        const history = algorithm ? await publicHistory(db, algorithm.id) : [];
        if (!algorithm || history.length === 0) return reply.code(404).send(NOT_FOUND);
        const pick = (id: string | undefined, name: string) => {
          if (id === undefined) return { error: `${name}: give a version id (see /versions).` };
          const version = history.find((v) => String(v.id) === id);
          return version ? { version } : { error: `${name}: this algorithm has no published version ${id}.` };
        };
        const from = pick(request.query.from, 'from');
        const to = pick(request.query.to, 'to');
        if (!from.version || !to.version) return reply.code(400).send({ detail: [from.error, to.error].filter(Boolean).join(' ') });
        const shown = await publicContentOf(db, algorithm.id, to.version.content);
        if (!shown) return reply.code(404).send(NOT_FOUND);
        const withheld = new Set(shown.withheld?.fields ?? []);
        const keys = [...new Set([...Object.keys(from.version.content), ...Object.keys(to.version.content)])].filter((key) => !withheld.has(key));
        return {
          from: { version_id: from.version.id, published_at: from.version.published_at },
          to: { version_id: to.version.id, published_at: to.version.published_at },
          changes: diffContent(from.version.content, to.version.content, keys),
        };
      },
    );
  };
}
