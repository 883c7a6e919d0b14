/**
 * The delivery API's OpenAPI 3.1 document, generated from the standard definition: a field
 * added to the standard shows up here by itself. Paths, operation ids and schema names are the
 * national register's; its non-standard keywords become `x-` extensions so the document is
 * valid OpenAPI and strict validators accept it.
 */
import type { StandardDefinition } from '../standard/types.ts';
import { componentSchemas, fieldSchema, nullable, pascal, ref, type Schema } from '../standard/json-schema.ts';
import { STATES } from '../register/states.ts';
import { ROLES } from '../auth/policy.ts';
import { FLOW_NAMES } from '../register/states.ts';
import { ORG_TYPES } from '../register/organisations.ts';

function standardSchemas(def: StandardDefinition): Record<string, Schema> {
  const v = `v${def.version.replace(/\./g, '_')}`;
  const schemas: Record<string, Schema> = componentSchemas(def);
  const properties = Object.fromEntries(def.fields.map((f) => [f.key, fieldSchema(def, f)]));
  const required = def.fields.filter((f) => f.required).map((f) => f.key);
  schemas.AlgorithmIn = { type: 'object', title: 'AlgorithmIn', properties, required };
  schemas[`${v}__Algorithm`] = {
    type: 'object',
    title: `${v}__Algorithm`,
    properties: {
      ...properties,
      lars: { type: 'string', title: 'Algoritme-ID', pattern: '^[1-9]{7}[0-9]$' },
      publication_dt: nullable({ type: 'string', format: 'date-time' }),
      create_dt: { type: 'string', format: 'date-time', title: 'Create Dt' },
      language: ref('Language'),
      state: ref('State'),
    },
    required: [...required, 'lars', 'create_dt', 'language', 'state'],
  };
  return schemas;
}

const message = { type: 'object', title: 'Message', properties: { detail: { type: 'string' } }, required: ['detail'] };

function json(schema: Schema, description = 'Successful Response') {
  return { description, content: { 'application/json': { schema } } };
}

const errorResponses = {
  '401': json(ref('Message'), 'Missing or invalid token'),
  '403': json(ref('Message'), 'The caller lacks the organisation, role or permission'),
  '404': json(ref('Message'), 'Not Found'),
  '422': json(ref('HTTPValidationError'), 'Validation Error'),
  '429': json(ref('Message'), 'Rate limit exceeded'),
};

function operation(id: string, tag: string, summary: string, ok: Schema, extra: Record<string, unknown> = {}, more: Record<string, unknown> = {}) {
  return {
    tags: [tag],
    summary,
    operationId: id,
    security: [{ OAuth2: [] }],
    responses: { '200': json(ok), ...errorResponses, ...more },
    ...extra,
  };
}

const pathParams = (names: string[]) => ({
  parameters: names.map((name) => ({ name, in: 'path', required: true, schema: { type: 'string', title: pascal(name) } })),
});
const body = (schema: Schema) => ({ requestBody: { required: true, content: { 'application/json': { schema } } } });
const conflict = { '409': json(ref('Message'), 'The version is not in the state this action starts from') };

export function openapiDocument(def: StandardDefinition, opts: { publicUrl: string }) {
  const v = `v${def.version.replace(/\./g, '_')}`;
  const org = '/organizations/{organisation_id}';
  const alg = `${org}/algorithms/{algorithm_id}`;
  const ORG = pathParams(['organisation_id']);
  const ALG = pathParams(['organisation_id', 'algorithm_id']);
  const dev = 'Algoritmes in ontwikkeling';
  const pub = 'Gepubliceerde algoritmes';
  const act = 'Acties';
  const action = ref('AlgorithmActionResponse');
  const nullableAction = nullable(action);

  return {
    openapi: '3.1.0',
    info: {
      title: `Algoritmeregister aanlevering API, versie ${def.version}`,
      version: '0.1.0',
      description:
        'Delivery API of the algorithm register, wire-compatible with the national register. ' +
        'Obtain a token at `/oauth/token` (client credentials, or the password grant for legacy clients) and send it as `Authorization: Bearer …`. ' +
        'Beyond the national register: `ETag`/`If-Match` on edits, an idempotent upsert by `source_id`, 409 for a wrong origin state, and limits checked with a 422 rather than truncation.',
    },
    servers: [{ url: `${opts.publicUrl}/aanleverapi/${v}` }],
    tags: [{ name: dev }, { name: pub }, { name: act }],
    paths: {
      [`${org}/algorithms`]: {
        get: operation('get_all_algorithms', dev, 'Alle algoritmes van een organisatie', { type: 'array', items: ref('AlgorithmSummary') }, ORG),
        post: operation('create_one_algorithm', dev, 'Nieuw algoritme', ref('NewAlgorithmResponse'), { ...ORG, ...body(ref('AlgorithmIn')) }),
      },
      [alg]: {
        get: {
          ...operation('get_one_algorithm', dev, 'De nieuwste versie van een algoritme', nullable(ref(`${v}__Algorithm`)), ALG),
          responses: {
            '200': { ...json(nullable(ref(`${v}__Algorithm`))), headers: { ETag: { description: 'Names the version; send it as If-Match on PUT.', schema: { type: 'string' } } } },
            ...errorResponses,
          },
        },
        put: operation(
          'update_one_algorithm',
          dev,
          'Een nieuwe versie (of NO_CHANGES)',
          nullableAction,
          {
            ...ALG,
            ...body(ref('AlgorithmIn')),
            parameters: [...ALG.parameters, { name: 'If-Match', in: 'header', required: false, description: 'The ETag of GET one: the edit fails with 412 when another version came in between.', schema: { type: 'string' } }],
          },
          { '412': json(ref('Message'), 'The algorithm changed since the ETag in If-Match') },
        ),
      },
      [`${alg}/archive_version`]: {
        put: operation('archive_algorithm_version', dev, 'Een versie archiveren', nullableAction, { ...ALG, ...body(ref('ArchiveVersionRequest')) }, conflict),
      },
      [`${alg}/unarchive_version`]: {
        put: operation('unarchive_algorithm_version', dev, 'Een versie terughalen uit het archief', nullableAction, { ...ALG, ...body(ref('ArchiveVersionRequest')) }, conflict),
      },
      [`${org}/published-algorithms/{algorithm_id}`]: {
        get: operation('get_one_published_algorithm', pub, 'De gepubliceerde versie', nullable(ref(`${v}__Algorithm`)), ALG),
      },
      [`${alg}/preview`]: {
        get: operation('get_one_preview_url', dev, 'Een voorbeeldlink die verloopt', ref('PreviewUrl'), ALG),
      },
      [`${org}/published-algorithms/{algorithm_id}/retract`]: {
        delete: operation('retract_one_published_algorithm', act, 'Terugtrekken van de publicatie', nullableAction, ALG, conflict),
      },
      [`${alg}/release`]: {
        put: operation('release_one_algorithm', act, 'Vrijgeven (in beide stromen)', nullableAction, ALG, conflict),
      },
      [`${alg}/publish`]: {
        put: operation('publish_one_algorithm', act, 'Publiceren', nullableAction, ALG, conflict),
      },
      [`${alg}/remove`]: {
        delete: operation('remove_one_algorithm', act, 'Verwijderen (beheerder; zacht, geaudit)', { type: 'null' }, ALG),
      },
      [`${org}/source-ids/{source_id}`]: {
        put: operation('upsert_by_source_id', dev, 'Aanmaken of bijwerken op bron-ID (idempotent)', ref('UpsertResponse'), { ...pathParams(['organisation_id', 'source_id']), ...body(ref('AlgorithmIn')) }),
      },
    },
    components: {
      securitySchemes: {
        OAuth2: {
          type: 'oauth2',
          flows: {
            clientCredentials: { tokenUrl: `${opts.publicUrl}/oauth/token`, scopes: {} },
            password: { tokenUrl: `${opts.publicUrl}/oauth/token`, scopes: {} },
          },
        },
      },
      schemas: {
        ...standardSchemas(def),
        AlgorithmSummary: {
          type: 'object',
          title: 'AlgorithmSummary',
          properties: {
            name: nullable({ type: 'string' }),
            schema_version: nullable({ type: 'string' }),
            last_update_dt: { type: 'string', format: 'date-time' },
            lars: { type: 'string' },
            source_id: nullable({ type: 'string' }),
            published: { type: 'boolean' },
            current_version_released: { type: 'boolean' },
            current_version_published: { type: 'boolean' },
            last_update_by: nullable({ type: 'string' }),
          },
          required: ['last_update_dt', 'lars', 'published', 'current_version_released', 'current_version_published'],
        },
        NewAlgorithmResponse: { type: 'object', title: 'NewAlgorithmResponse', properties: { lars_code: { type: 'string' } }, required: ['lars_code'] },
        UpsertResponse: {
          type: 'object',
          title: 'UpsertResponse',
          properties: { lars_code: { type: 'string' }, message: { type: 'string', enum: ['CREATED', 'UPDATED', 'NO_CHANGES'] } },
          required: ['lars_code', 'message'],
        },
        AlgorithmActionResponse: { type: 'object', title: 'AlgorithmActionResponse', properties: { message: nullable({ type: 'string' }) } },
        PreviewUrl: { type: 'object', title: 'PreviewUrl', properties: { url: { type: 'string' } }, required: ['url'] },
        ArchiveVersionRequest: {
          type: 'object',
          title: 'ArchiveVersionRequest',
          properties: { algorithm_version_id: { type: 'integer', description: 'The id of a version, as listed by GET /aanleverapi/organisations/{org}/algorithms/{lars}/versions.' } },
          required: ['algorithm_version_id'],
        },
        State: { type: 'string', title: 'State', enum: [...STATES] },
        Language: { type: 'string', title: 'Language', enum: ['NLD', 'ENG', 'FRY'] },
        Role: { type: 'string', title: 'Role', enum: [...ROLES] },
        Flow: { type: 'string', title: 'Flow', enum: [...FLOW_NAMES] },
        OrgType: { type: 'string', title: 'OrgType', enum: [...ORG_TYPES] },
        Message: message,
        ValidationError: {
          type: 'object',
          title: 'ValidationError',
          properties: {
            loc: { type: 'array', items: { anyOf: [{ type: 'string' }, { type: 'integer' }] } },
            msg: { type: 'string' },
            type: { type: 'string' },
          },
          required: ['loc', 'msg', 'type'],
        },
        HTTPValidationError: { type: 'object', title: 'HTTPValidationError', properties: { detail: { type: 'array', items: ref('ValidationError') } } },
      },
    },
  };
}
