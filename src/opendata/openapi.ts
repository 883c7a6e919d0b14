/**
 * The open-data API's OpenAPI 3.1 document, served at `/api/v1/openapi.json`, with an
 * interactive page at `/api/v1/docs` (Swagger UI, served locally, like the delivery API's).
 * The algorithm schema is derived from the standard; the filters from the search facets.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { AppContext } from '../context.ts';
import { CURRENT_STANDARD } from '../standard/index.ts';
import type { StandardDefinition } from '../standard/types.ts';
import { componentSchemas, fieldSchema, nullable, ref, type Schema } from '../standard/json-schema.ts';
import { FACETS, closedValues } from '../search/facets.ts';
import { SORTS } from '../search/search.ts';
import { ORG_TYPES } from '../register/organisations.ts';

const json = (schema: Schema, description = 'OK') => ({ description, content: { 'application/json': { schema } } });
const problem = (description: string) => json(ref('Problem'), description);
const pathParam = (name: string, description: string, pattern?: string) => ({ name, in: 'path', required: true, description, schema: { type: 'string', ...(pattern ? { pattern } : {}) } });
const query = (name: string, description: string, schema: Schema) => ({ name, in: 'query', required: false, description, schema });
const LARS = pathParam('lars', 'The algorithm id (LARS code): 8 digits.', '^[0-9]{8}$');

const FACET_DESCRIPTIONS: Record<string, string> = {
  organisation: 'Organisation code, e.g. gm0363.',
  organisation_type: 'Type of organisation, e.g. gemeente.',
  theme: 'Theme (the standard field `category`).',
  status: 'Status of the algorithm.',
  publication_category: 'Publication category.',
  impact_assessment: 'An impact assessment by name, or `other`, or `none`.',
  year: 'Year the algorithm was taken into use (from `begin_date`).',
};

function facetParameters() {
  return FACETS.map((facet) => {
    const values = closedValues(facet);
    const item: Schema = values ? { type: 'string', enum: [...values] } : facet === 'year' ? { type: 'string', pattern: '^[0-9]{4}$' } : { type: 'string' };
    return { ...query(facet, `${FACET_DESCRIPTIONS[facet]} Repeat the parameter for several values (any of them matches).`, { type: 'array', items: item }), style: 'form', explode: true };
  });
}

export function openDataDocument(def: StandardDefinition, opts: { publicUrl: string }) {
  const contentProperties = Object.fromEntries(def.fields.filter((f) => f.kind !== 'system').map((f) => [f.key, fieldSchema(def, f)]));
  const facetCount = { type: 'object', properties: { value: { type: 'string' }, count: { type: 'integer' }, label: { type: 'object', properties: { nl: { type: 'string' }, en: { type: 'string' } } } } };
  const downloadParams = [
    query('history', 'true: every version ever published, not only the current ones.', { type: 'boolean' }),
    query('organisation', 'Only this organisation (code).', { type: 'string' }),
    query('theme', 'Only this theme.', { type: 'string', enum: [...(closedValues('theme') ?? [])] }),
  ];
  const download = (format: string, mediaType: string) => ({
    get: {
      operationId: `download_${format}`,
      tags: ['downloads'],
      summary: `The published register as ${format.toUpperCase()}, streamed`,
      description: 'Each row carries the stable ids (lars, organisation_code, standard_version, version_date) and every field of the standard; it re-imports losslessly.',
      parameters: downloadParams,
      responses: { '200': { description: 'The file', content: { [mediaType]: { schema: { type: 'string', format: 'binary' } } } }, '400': problem('A parameter has a value it cannot have'), '404': problem('Unknown organisation') },
    },
  });
  return {
    openapi: '3.1.0',
    info: {
      title: 'Algoritmeregister open data API',
      version: '1.0.0',
      description:
        'Everything published in the register, for anyone: search with facets, every algorithm with its public history, organisations, downloads and feeds. No key needed; CORS for any origin; ETag and Cache-Control on every answer.',
      license: { name: 'CC0 1.0', identifier: 'CC0-1.0' },
    },
    servers: [{ url: opts.publicUrl }],
    tags: [{ name: 'algorithms' }, { name: 'organisations' }, { name: 'downloads' }, { name: 'feeds' }],
    paths: {
      '/api/v1/algorithms': {
        get: {
          operationId: 'search_algorithms',
          tags: ['algorithms'],
          summary: 'Search published algorithms',
          description:
            'Free text with Dutch stemming, synonyms and abbreviations, typo tolerance, "phrases" and prefix* queries, ranked by relevance; facet filters with counts for every facet (a facet counts among the results of the other filters).',
          parameters: [
            query('q', 'Search text.', { type: 'string', maxLength: 500 }),
            ...facetParameters(),
            query('sort', 'Order: relevance (default with text), newest (default without), name.', { type: 'string', enum: [...SORTS] }),
            query('limit', 'Results per page.', { type: 'integer', minimum: 1, maximum: 100, default: 20 }),
            query('offset', 'Results to skip.', { type: 'integer', minimum: 0, maximum: 100000, default: 0 }),
          ],
          responses: { '200': json(ref('SearchResult')), '400': problem('A parameter has a value it cannot have; `problems` names each') },
        },
      },
      '/api/v1/algorithms/{lars}': {
        get: { operationId: 'get_algorithm', tags: ['algorithms'], summary: 'The published version of an algorithm', parameters: [LARS], responses: { '200': json(ref('PublishedAlgorithm')), '404': problem('Not published') } },
      },
      '/api/v1/algorithms/{lars}/versions': {
        get: {
          operationId: 'list_versions',
          tags: ['algorithms'],
          summary: 'Every version of an algorithm that was ever published',
          parameters: [LARS],
          responses: { '200': json({ type: 'array', items: ref('VersionSummary') }), '404': problem('Not published') },
        },
      },
      '/api/v1/algorithms/{lars}/versions/{version}': {
        get: {
          operationId: 'get_version',
          tags: ['algorithms'],
          summary: 'One published version',
          parameters: [LARS, pathParam('version', 'The version id (from /versions).')],
          responses: { '200': json(ref('PublishedAlgorithm')), '404': problem('No such published version') },
        },
      },
      '/api/v1/algorithms/{lars}/diff': {
        get: {
          operationId: 'diff_versions',
          tags: ['algorithms'],
          summary: 'Field-by-field differences between two published versions',
          parameters: [LARS, { ...query('from', 'Version id.', { type: 'string' }), required: true }, { ...query('to', 'Version id.', { type: 'string' }), required: true }],
          responses: {
            '200': json({ type: 'object', properties: { from: ref('VersionRef'), to: ref('VersionRef'), changes: { type: 'object', additionalProperties: { type: 'object', properties: { from: {}, to: {} } } } } }),
            '400': problem('from or to is not a published version of this algorithm'),
            '404': problem('Not published'),
          },
        },
      },
      '/api/v1/suggest': {
        get: {
          operationId: 'suggest',
          tags: ['algorithms'],
          summary: 'Suggestions while typing: up to 8 algorithms',
          parameters: [query('q', 'What has been typed so far (at least 2 characters).', { type: 'string' })],
          responses: { '200': json({ type: 'array', items: { type: 'object', properties: { lars: { type: 'string' }, name: { type: 'string' }, organization: { type: 'string' } } } }) },
        },
      },
      '/api/v1/organisations': {
        get: {
          operationId: 'list_organisations',
          tags: ['organisations'],
          summary: 'Organisations with a public page, by name, with their number of published algorithms',
          parameters: [
            query('q', 'Part of the name or code.', { type: 'string', maxLength: 200 }),
            query('type', 'Type of organisation.', { type: 'string', enum: [...ORG_TYPES] }),
            query('limit', 'Per page.', { type: 'integer', minimum: 1, maximum: 1000, default: 25 }),
            query('offset', 'To skip.', { type: 'integer', minimum: 0, default: 0 }),
          ],
          responses: { '200': json(ref('OrganisationList')), '400': problem('A parameter has a value it cannot have') },
        },
      },
      '/api/v1/organisations/{code}': {
        get: {
          operationId: 'get_organisation',
          tags: ['organisations'],
          summary: 'An organisation: profile and published algorithms (paged)',
          parameters: [
            pathParam('code', 'Organisation code, e.g. gm0363.'),
            query('limit', 'Algorithms per page.', { type: 'integer', minimum: 1, maximum: 100, default: 25 }),
            query('offset', 'Algorithms to skip.', { type: 'integer', minimum: 0, default: 0 }),
          ],
          responses: { '200': json(ref('Organisation')), '400': problem('A parameter has a value it cannot have'), '404': problem('No such organisation') },
        },
      },
      '/api/v1/statistics': {
        get: { operationId: 'statistics', tags: ['organisations'], summary: 'What the register holds: publications per month, by category, by organisation type', responses: { '200': json(ref('Statistics')) } },
      },
      '/api/v1/downloads/algorithms.csv': download('csv', 'text/csv'),
      '/api/v1/downloads/algorithms.json': download('json', 'application/json'),
      '/api/v1/downloads/algorithms.xlsx': download('xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'),
      '/api/v1/feeds/algorithms.atom': {
        get: {
          operationId: 'feed',
          tags: ['feeds'],
          summary: 'Atom feed of new and changed publications (all, or one organisation or theme)',
          parameters: [query('organisation', 'Organisation code.', { type: 'string' }), query('theme', 'Theme.', { type: 'string' })],
          responses: { '200': { description: 'Atom 1.0', content: { 'application/atom+xml': { schema: { type: 'string' } } } } },
        },
      },
      '/api/v1/catalogue.jsonld': {
        get: { operationId: 'catalogue', tags: ['downloads'], summary: 'DCAT-AP catalogue of the datasets and their downloads', responses: { '200': { description: 'JSON-LD', content: { 'application/ld+json': { schema: { type: 'object' } } } } } },
      },
    },
    components: {
      schemas: {
        ...componentSchemas(def),
        Problem: { type: 'object', properties: { detail: { type: 'string' }, problems: { type: 'array', items: { type: 'object', properties: { parameter: { type: 'string' }, message: { type: 'string' } } } } }, required: ['detail'] },
        PublishedAlgorithm: {
          type: 'object',
          properties: {
            lars: { type: 'string', pattern: '^[0-9]{8}$' },
            organisation_code: { type: 'string' },
            version_id: { type: 'integer' },
            standard_version: nullable({ type: 'string' }),
            published_at: { type: 'string', format: 'date-time' },
            current: { type: 'boolean', description: 'True for the version published now; false for one that was published before.' },
            ...contentProperties,
          },
          required: ['lars', 'organisation_code', 'version_id', 'published_at', 'current'],
        },
        OrganisationList: {
          type: 'object',
          properties: {
            total: { type: 'integer' },
            limit: { type: 'integer' },
            offset: { type: 'integer' },
            results: { type: 'array', items: { type: 'object', properties: { code: { type: 'string' }, name: { type: 'string' }, type: { type: 'string' }, published: { type: 'integer' }, url: { type: 'string', format: 'uri' } }, required: ['code', 'name', 'type', 'published'] } },
            types: { type: 'array', items: { type: 'object', properties: { type: { type: 'string' }, count: { type: 'integer' } } } },
          },
          required: ['total', 'results'],
        },
        Organisation: {
          type: 'object',
          properties: {
            code: { type: 'string' },
            name: { type: 'string' },
            type: { type: 'string' },
            parent: nullable({ type: 'object', properties: { code: { type: 'string' }, name: { type: 'string' } } }),
            about_html: nullable({ type: 'string', description: 'Sanitised to the standard\'s HTML allow-list.' }),
            contact_html: nullable({ type: 'string' }),
            algorithms: {
              type: 'object',
              properties: {
                total: { type: 'integer' },
                results: { type: 'array', items: { type: 'object', properties: { lars: { type: 'string' }, name: { type: 'string' }, description_short: nullable({ type: 'string' }), publication_category: nullable({ type: 'string' }), published_at: nullable({ type: 'string' }) } } },
              },
            },
          },
          required: ['code', 'name', 'type', 'algorithms'],
        },
        Statistics: {
          type: 'object',
          properties: {
            published_algorithms: { type: 'integer' },
            publishing_organisations: { type: 'integer' },
            publications_per_month: { type: 'array', items: { type: 'object', properties: { month: { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}$' }, count: { type: 'integer' } } } },
            by_publication_category: { type: 'array', items: { type: 'object', properties: { category: nullable({ type: 'string' }), count: { type: 'integer' } } } },
            by_organisation_type: { type: 'array', items: { type: 'object', properties: { type: { type: 'string' }, count: { type: 'integer' } } } },
          },
          required: ['published_algorithms', 'publishing_organisations', 'publications_per_month'],
        },
        VersionRef: { type: 'object', properties: { version_id: { type: 'integer' }, published_at: { type: 'string', format: 'date-time' } } },
        VersionSummary: { type: 'object', properties: { version_id: { type: 'integer' }, published_at: { type: 'string', format: 'date-time' }, current: { type: 'boolean' }, name: { type: 'string' } } },
        SearchHit: {
          type: 'object',
          properties: {
            lars: { type: 'string' },
            name: { type: 'string' },
            organization: { type: 'string' },
            organisation_code: { type: 'string' },
            organisation_type: { type: 'string' },
            description_short: { type: 'string' },
            published_at: { type: 'string', format: 'date-time' },
            highlight: { type: 'object', description: 'The matched words in <mark>, as escaped HTML.', properties: { name: { type: 'string' }, description_short: { type: 'string' } } },
            url: { type: 'string', format: 'uri' },
          },
        },
        SearchResult: {
          type: 'object',
          properties: {
            total: { type: 'integer' },
            limit: { type: 'integer' },
            offset: { type: 'integer' },
            sort: { type: 'string', enum: [...SORTS] },
            results: { type: 'array', items: ref('SearchHit') },
            facets: { type: 'object', properties: Object.fromEntries(FACETS.map((f) => [f, { type: 'array', items: facetCount }])) },
            filters: { type: 'object', description: 'Per facet, the values it can have (null where open).' },
          },
          required: ['total', 'results', 'facets'],
        },
      },
    },
  };
}

// Swagger UI's files are served once, by the delivery API's documentation routes.
const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Algoritmeregister open data API</title>
<link rel="stylesheet" href="/aanleverapi/v1_0/docs-assets/swagger-ui.css">
</head>
<body>
<main id="swagger-ui"></main>
<script src="/aanleverapi/v1_0/docs-assets/swagger-ui-bundle.js"></script>
<script src="/api/v1/docs-init.js"></script>
</body>
</html>`;

const INIT = `window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({ url: '/api/v1/openapi.json', dom_id: '#swagger-ui', deepLinking: true });
});`;

export function openDataDocs(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    let document: unknown;
    app.get('/api/v1/openapi.json', { config: { access: 'public' } }, async () => (document ??= openDataDocument(CURRENT_STANDARD, { publicUrl: ctx.config.publicUrl })));
    app.get('/api/v1/docs', { config: { access: 'public' } }, async (_request, reply) => reply.type('text/html; charset=utf-8').send(PAGE));
    app.get('/api/v1/docs-init.js', { config: { access: 'public' } }, async (_request, reply) => reply.type('text/javascript').send(INIT));
  };
}
