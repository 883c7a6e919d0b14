// The delivery API keeps the contract it publishes: every endpoint is called, on both engines,
// into its successes and its errors (401, 403, 404, 409, 412, 422, 429), and every answer is
// validated with Ajv (JSON Schema 2020-12) against the schema that our served OpenAPI document
// declares for that operation and status code. The unversioned endpoints that clients call beside
// v1_0 are checked against the national register's base spec (User, OrganisationConfig) and the
// shapes in STANDARD.md §11. Error bodies are also checked field by field.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { ENGINES } from '../helpers/engines.ts';
import { startRegister, type TestRegister } from '../helpers/server.ts';
import { validRecord } from '../fixtures/records.ts';
import { bundledTemplates, upsertTemplates } from '../../src/register/templates.ts';
import { INVALID_TOKEN } from '../../src/auth/bearer.ts';

type Json = Record<string, any>;
type Response = Awaited<ReturnType<TestRegister['call']>>;

const V1 = '/aanleverapi/v1_0';
const A = '/aanleverapi';
const METHODS = ['get', 'put', 'post', 'delete'] as const;
const { default: addFormats } = addFormatsModule;
const baseSpec: Json = JSON.parse(readFileSync(new URL('../fixtures/aanleverapi-base.openapi.json', import.meta.url), 'utf8'));

// ---------------------------------------------------------------------------------------------
// Schemas from OpenAPI documents, compiled by Ajv.
// ---------------------------------------------------------------------------------------------

/** Every `x-` keyword used anywhere in `node`: registered as annotations, so Ajv stays strict. */
function extensionKeywords(node: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(node)) for (const item of node) extensionKeywords(item, found);
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key.startsWith('x-')) found.add(key);
      extensionKeywords(value, found);
    }
  }
  return found;
}

/** A copy of `schema` whose local `#/components/schemas/X` references point at `base/X`. */
function rebase(schema: unknown, base: string): any {
  if (Array.isArray(schema)) return schema.map((s) => rebase(s, base));
  if (!schema || typeof schema !== 'object') return schema;
  return Object.fromEntries(
    Object.entries(schema).map(([key, value]) => {
      if (key === '$ref' && typeof value === 'string') {
        const match = /^#\/components\/schemas\/([^/]+)$/.exec(value);
        assert.ok(match, `only component references are expected, got ${value}`);
        return [key, `${base}/${match[1]}`];
      }
      return [key, rebase(value, base)];
    }),
  );
}

class Contract {
  readonly ajv: Ajv2020;
  private readonly compiled = new Map<string, ValidateFunction>();
  private readonly compiledAdHoc = new WeakMap<object, ValidateFunction>();
  /** `operationId status` of every answer validated against our document. */
  readonly covered = new Set<string>();

  constructor(
    readonly doc: Json,
    base: Json,
  ) {
    // Strict: an unknown keyword or format in a schema is an error, not silently ignored.
    this.ajv = new Ajv2020({ strict: true, allErrors: true });
    addFormats(this.ajv);
    for (const keyword of new Set([...extensionKeywords(doc.components.schemas), ...extensionKeywords(base.components.schemas)])) this.ajv.addKeyword({ keyword });
    this.addComponents(doc, OURS);
    this.addComponents(base, BASE);
  }

  private addComponents(document: Json, base: string) {
    for (const [name, schema] of Object.entries(document.components.schemas as Json)) this.ajv.addSchema(rebase(schema, base), `${base}/${name}`);
  }

  /** Compiles `schema` once per `key` (an operation and status); its references resolve to the added components. */
  schema(key: string, schema: Json): ValidateFunction {
    const known = this.compiled.get(key);
    if (known) return known;
    const fn = this.ajv.compile(schema);
    this.compiled.set(key, fn);
    return fn;
  }

  /** The v1_0 operation at `template` and `method` in our document. */
  operation(method: string, template: string): Json {
    const op = this.doc.paths[template]?.[method.toLowerCase()];
    assert.ok(op, `our document declares ${method} ${template}`);
    return op;
  }

  /** Validates `res` against the response our document declares for the operation and its status. */
  check(method: string, template: string, res: Response) {
    const op = this.operation(method, template);
    const declared = op.responses[String(res.status)];
    assert.ok(declared, `${op.operationId} answered ${res.status}, which our document does not declare (${JSON.stringify(res.body)})`);
    const schema = declared.content?.['application/json']?.schema;
    assert.ok(schema, `${op.operationId} ${res.status} declares a JSON body`);
    assertJson(res);
    const validate = this.schema(`${op.operationId} ${res.status}`, rebase(schema, OURS));
    assert.ok(validate(res.body), `${op.operationId} ${res.status}: ${this.ajv.errorsText(validate.errors)}\nbody: ${JSON.stringify(res.body)?.slice(0, 1500)}`);
    this.covered.add(`${op.operationId} ${res.status}`);
  }

  /** Validates a request body the server accepted against the request body our document declares. */
  checkRequest(method: string, template: string, body: unknown) {
    const op = this.operation(method, template);
    const schema = op.requestBody?.content?.['application/json']?.schema;
    assert.ok(schema, `${op.operationId} declares the body it accepts`);
    const validate = this.schema(`${op.operationId} request`, rebase(schema, OURS));
    assert.ok(validate(body), `${op.operationId} request accepted by the server but not by the document: ${this.ajv.errorsText(validate.errors)}`);
  }

  /** Validates `body` against an ad-hoc schema (for endpoints outside the v1_0 document). */
  checkWith(key: string, schema: Json, res: Response) {
    assertJson(res);
    const validate = this.compiledAdHoc.get(schema) ?? this.ajv.compile(schema);
    this.compiledAdHoc.set(schema, validate);
    assert.ok(validate(res.body), `${key} ${res.status}: ${this.ajv.errorsText(validate.errors)}\nbody: ${JSON.stringify(res.body)?.slice(0, 1500)}`);
    this.covered.add(`${key} ${res.status}`);
  }
}

const OURS = 'https://register.test/aanleverapi/v1_0/openapi.json/components/schemas';
const BASE = 'https://register.test/aanleverapi/base.openapi.json/components/schemas';
const ours = (name: string) => ({ $ref: `${OURS}/${name}` });
const fromBase = (name: string) => ({ $ref: `${BASE}/${name}` });

function assertJson(res: Response) {
  assert.match(res.headers.get('content-type') ?? '', /^application\/json/, `JSON answer (status ${res.status})`);
  assert.notEqual(res.body, undefined, 'an answer has a body (null is written as null)');
}

/** 422 bodies in FastAPI's shape, precisely: every item has loc, msg and type; loc starts at `where`. */
function assertValidationDetail(res: Response, where: 'body' | 'query' = 'body') {
  assert.equal(res.status, 422, JSON.stringify(res.body));
  assert.ok(Array.isArray(res.body.detail) && res.body.detail.length > 0, 'detail is a non-empty array');
  for (const item of res.body.detail) {
    assert.ok(Array.isArray(item.loc) && item.loc.length >= 1, `loc: ${JSON.stringify(item)}`);
    assert.equal(item.loc[0], where, `loc[0]: ${JSON.stringify(item)}`);
    for (const part of item.loc) assert.ok(typeof part === 'string' || Number.isInteger(part), `loc part ${JSON.stringify(part)}`);
    assert.equal(typeof item.msg, 'string');
    assert.ok(item.msg.length > 0);
    assert.equal(typeof item.type, 'string');
    assert.ok(item.type.length > 0);
  }
}

/** The detail item at `loc` (joined with dots), asserted to exist. */
function issueAt(res: Response, loc: string): Json {
  const item = res.body.detail.find((d: Json) => d.loc.join('.') === loc);
  assert.ok(item, `an issue at ${loc}; got ${res.body.detail.map((d: Json) => d.loc.join('.')).join(', ')}`);
  return item;
}

// Shapes of the endpoints outside the v1_0 document, from the reference's base spec and STANDARD.md §11.
const ORGANISATION_LIST = {
  type: 'object',
  required: ['organisations', 'count'],
  properties: { organisations: { type: 'array', items: fromBase('OrganisationConfig') }, count: { type: 'integer', minimum: 0 } },
};
const TEMPLATE_LIST = {
  type: 'array',
  items: {
    type: 'object',
    required: ['name', 'algorithm_descriptions'],
    properties: {
      name: { type: 'string', minLength: 1 },
      algorithm_descriptions: {
        type: 'array',
        minItems: 1,
        items: { type: 'object', required: ['name', 'id'], properties: { name: { type: 'string', minLength: 1 }, id: { type: 'string', minLength: 1 } } },
      },
    },
  },
};
/** The version list whose ids `ArchiveVersionRequest` takes. */
const VERSION_LIST = {
  type: 'array',
  minItems: 1,
  items: {
    type: 'object',
    required: ['id', 'state', 'language', 'create_dt', 'events'],
    properties: {
      id: { type: 'integer' },
      state: ours('State'),
      language: ours('Language'),
      standard_version: { anyOf: [{ type: 'string' }, { type: 'null' }] },
      create_dt: { type: 'string', format: 'date-time' },
      published_at: { anyOf: [{ type: 'string', format: 'date-time' }, { type: 'null' }] },
      name: { anyOf: [{ type: 'string' }, { type: 'null' }] },
      events: {
        type: 'array',
        items: { type: 'object', required: ['at', 'action', 'by'], properties: { at: { type: 'string', format: 'date-time' }, action: { type: 'string', minLength: 1 }, by: { type: 'string' } } },
      },
    },
  },
};
/** The generic state action answers like the v1_0 actions. */
const STATE_ACTION: Record<number, Json> = {
  200: { anyOf: [ours('AlgorithmActionResponse'), { type: 'null' }] },
  401: ours('Message'),
  403: ours('Message'),
  404: ours('Message'),
  409: ours('Message'),
  422: ours('HTTPValidationError'),
};
const MESSAGE = ours('Message');
/** As the reference: `REQUIRED_ORGANISATION_{as_org.upper()}_MISSING`. */
const ORG_MISSING = /^REQUIRED_ORGANISATION_GM0001_MISSING$/;
const VALIDATION = ours('HTTPValidationError');

// ---------------------------------------------------------------------------------------------

for (const engine of ENGINES) {
  describe(`delivery API contract (${engine})`, () => {
    let r: TestRegister;
    let c: Contract;
    let editor: string; // role_1 of gm0001 (ictu_last)
    let publisher: string; // ictu, all_groups
    let editor2: string; // role_1 of gm0002 (self_publish_two)
    let approver2: string; // role_2 of gm0002
    let stranger: string; // role_1 of gm0003
    let admin: string;
    let lars: string; // an algorithm of gm0001 the error tests aim at

    /** Calls a v1_0 operation by its path template in our document and validates the answer. */
    async function v1(method: string, template: string, params: Record<string, string>, expected: number, opts: Parameters<TestRegister['call']>[2] = {}) {
      const path = template.replace(/\{(\w+)\}/g, (_m, name: string) => {
        assert.ok(params[name] !== undefined, `parameter ${name}`);
        return encodeURIComponent(params[name]);
      });
      const res = await r.call(method, V1 + path, opts);
      assert.equal(res.status, expected, `${method} ${path}: ${JSON.stringify(res.body)?.slice(0, 500)}`);
      c.check(method, template, res);
      // What the server accepts, the document must allow: a client that validates first is not refused.
      if (res.status === 200 && opts.body !== undefined) c.checkRequest(method, template, opts.body);
      return res;
    }

    /** Calls an endpoint outside the v1_0 document and validates the answer against `schema`. */
    async function base(key: string, method: string, path: string, expected: number, schema: Json, opts: Parameters<TestRegister['call']>[2] = {}) {
      const res = await r.call(method, path, opts);
      assert.equal(res.status, expected, `${method} ${path}: ${JSON.stringify(res.body)?.slice(0, 500)}`);
      c.checkWith(key, schema, res);
      return res;
    }

    /** Every operation of our document, with the parameters and body for a call that passes validation. */
    function everyOperation(org: string, algorithm: string) {
      return Object.entries(c.doc.paths as Json).flatMap(([template, item]) =>
        METHODS.filter((m) => item[m]).map((m) => {
          const op = item[m];
          const bodyRef = op.requestBody?.content['application/json'].schema.$ref as string | undefined;
          const body = bodyRef?.endsWith('/ArchiveVersionRequest') ? { algorithm_version_id: 1 } : bodyRef ? validRecord() : undefined;
          return { method: m.toUpperCase(), template, op, params: { organisation_id: org, algorithm_id: algorithm, source_id: 'bron-1' }, body };
        }),
      );
    }

    const create = async (org = 'gm0001', token = editor, record = validRecord()) =>
      (await v1('POST', '/organizations/{organisation_id}/algorithms', { organisation_id: org }, 200, { token, body: record })).body.lars_code as string;

    const versionsOf = async (org: string, algorithm: string, token: string) =>
      (await base('versions', 'GET', `${A}/organisations/${org}/algorithms/${algorithm}/versions`, 200, VERSION_LIST, { token })).body as Json[];

    before(async () => {
      r = await startRegister(engine);
      await r.org('gm0001', 'ictu_last');
      await r.org('gm0002', 'self_publish_two');
      await r.org('gm0003', 'ictu_last');
      const served = await r.call('GET', `${V1}/openapi.json`);
      assert.equal(served.status, 200);
      c = new Contract(served.body, baseSpec);
      editor = await r.token(['role_1'], 'gm0001');
      publisher = await r.token(['ictu', 'all_groups']);
      editor2 = await r.token(['role_1'], 'gm0002');
      approver2 = await r.token(['role_2'], 'gm0002');
      stranger = await r.token(['role_1'], 'gm0003');
      admin = await r.token(['admin']);
      lars = await create();
    });
    after(() => r.close());

    it('every schema of the document compiles under strict Ajv 2020', () => {
      for (const name of Object.keys(c.doc.components.schemas)) assert.ok(c.ajv.getSchema(`${OURS}/${name}`), name);
      for (const { op } of everyOperation('gm0001', lars)) {
        for (const [status, response] of Object.entries(op.responses as Json)) {
          const schema = response.content?.['application/json']?.schema;
          assert.ok(schema, `${op.operationId} ${status}: JSON body declared`);
          assert.equal(typeof c.schema(`${op.operationId} ${status}`, rebase(schema, OURS)), 'function');
        }
      }
      // Not vacuous: the declared schemas do reject wrong bodies.
      const wrong: [string, unknown][] = [
        ['Message', { detail: ['not', 'a', 'string'] }],
        ['Message', {}],
        ['NewAlgorithmResponse', { lars: '12345678' }],
        ['HTTPValidationError', { detail: [{ loc: 'body', msg: 'x', type: 'y' }] }],
        ['v1_0__Algorithm', { ...validRecord(), lars: '12345678', create_dt: 'gisteren', language: 'NLD', state: 'STATE_1' }],
        ['v1_0__Algorithm', { ...validRecord({ status: 'Actief' }), lars: '12345678', create_dt: new Date().toISOString(), language: 'NLD', state: 'STATE_1' }],
        ['AlgorithmSummary', { lars: '12345678', last_update_dt: new Date().toISOString(), published: 'yes', current_version_released: false, current_version_published: false }],
      ];
      for (const [name, body] of wrong) assert.equal(c.ajv.validate(ours(name), body), false, `${name} rejects ${JSON.stringify(body).slice(0, 80)}`);
      assert.equal(c.ajv.validate(fromBase('User'), { id: '1', username: 'a', first_name: '', last_name: '', roles: ['boss'], organisations: [] }), false);
    });

    it('answers every operation with a 200 whose body matches the document (ictu_last cycle)', async () => {
      const ORG = { organisation_id: 'gm0001' };
      const empty = await v1('GET', '/organizations/{organisation_id}/algorithms', { organisation_id: 'gm0003' }, 200, { token: stranger });
      assert.deepEqual(empty.body, []);

      const record = validRecord({
        category: ['Verkeer', 'Werk'],
        goal: '<p>Aanvragen <b>sneller</b> afhandelen &amp; fouten voorkomen.</p>',
        source_data_grouping: [{ title: 'BRP', link: 'https://www.rvig.nl/brp' }],
        // Limits count visible text: 104 characters as sent, 100 as read (the limit).
        lawful_basis_grouping: [{ title: `Wet &amp; regeling ${'x'.repeat(85)}`, link: 'https://wetten.overheid.nl/BWBR0006622' }],
        tags: 'parkeren, vergunning',
        source_id: 'zaak-1',
      });
      const id = await create('gm0001', editor, record);
      const P = { ...ORG, algorithm_id: id };
      const one = await v1('GET', '/organizations/{organisation_id}/algorithms/{algorithm_id}', P, 200, { token: editor });
      assert.equal(one.body.lars, id);
      assert.equal(one.body.state, 'STATE_1');
      assert.equal(one.body.publication_dt, null);
      assert.deepEqual(one.body.source_data_grouping, [{ title: 'BRP', link: 'https://www.rvig.nl/brp' }]);
      assert.equal(one.body.lawful_basis_grouping[0].title, `Wet & regeling ${'x'.repeat(85)}`);
      assert.deepEqual(Object.keys(one.body), Object.keys(c.doc.components.schemas.v1_0__Algorithm.properties), 'every field, in the document order');

      const list = await v1('GET', '/organizations/{organisation_id}/algorithms', ORG, 200, { token: editor });
      assert.ok(list.body.some((s: Json) => s.lars === id && s.source_id === 'zaak-1' && s.schema_version === '1.0'));

      const changed = await v1('PUT', '/organizations/{organisation_id}/algorithms/{algorithm_id}', P, 200, { token: editor, body: { ...record, name: 'Andere naam' }, headers: { 'if-match': one.headers.get('etag')! } });
      assert.equal(changed.body, null);
      const same = await v1('PUT', '/organizations/{organisation_id}/algorithms/{algorithm_id}', P, 200, { token: editor, body: { ...record, name: 'Andere naam' } });
      assert.deepEqual(same.body, { message: 'NO_CHANGES' });

      const preview = await v1('GET', '/organizations/{organisation_id}/algorithms/{algorithm_id}/preview', P, 200, { token: editor });
      assert.ok(preview.body.url.startsWith(`${r.url}/nl/algoritme/C${id}`), preview.body.url);

      assert.equal((await v1('PUT', '/organizations/{organisation_id}/algorithms/{algorithm_id}/release', P, 200, { token: editor })).body, null);
      assert.equal((await v1('PUT', '/organizations/{organisation_id}/algorithms/{algorithm_id}/publish', P, 200, { token: publisher })).body, null);
      const live = await v1('GET', '/organizations/{organisation_id}/published-algorithms/{algorithm_id}', P, 200, { token: editor });
      assert.equal(live.body.state, 'PUBLISHED');
      assert.equal(typeof live.body.publication_dt, 'string');
      const summary = (await v1('GET', '/organizations/{organisation_id}/algorithms', ORG, 200, { token: publisher })).body.find((s: Json) => s.lars === id);
      assert.equal(summary.current_version_published, true);

      assert.equal((await v1('DELETE', '/organizations/{organisation_id}/published-algorithms/{algorithm_id}/retract', P, 200, { token: editor })).body, null);

      const versions = await versionsOf('gm0001', id, editor);
      const latest = versions.at(-1)!;
      assert.equal(latest.state, 'STATE_1');
      assert.equal((await v1('PUT', '/organizations/{organisation_id}/algorithms/{algorithm_id}/archive_version', P, 200, { token: editor, body: { algorithm_version_id: latest.id } })).body, null);
      assert.equal((await v1('PUT', '/organizations/{organisation_id}/algorithms/{algorithm_id}/unarchive_version', P, 200, { token: editor, body: { algorithm_version_id: latest.id } })).body, null);

      const U = { ...ORG, source_id: 'bron-42' };
      const created = await v1('PUT', '/organizations/{organisation_id}/source-ids/{source_id}', U, 200, { token: editor, body: validRecord() });
      assert.equal(created.body.message, 'CREATED');
      const again = await v1('PUT', '/organizations/{organisation_id}/source-ids/{source_id}', U, 200, { token: editor, body: validRecord() });
      assert.deepEqual(again.body, { lars_code: created.body.lars_code, message: 'NO_CHANGES' });
      const updated = await v1('PUT', '/organizations/{organisation_id}/source-ids/{source_id}', U, 200, { token: editor, body: validRecord({ name: 'Nieuw' }) });
      assert.deepEqual(updated.body, { lars_code: created.body.lars_code, message: 'UPDATED' });

      const removed = await v1('DELETE', '/organizations/{organisation_id}/algorithms/{algorithm_id}/remove', { ...ORG, algorithm_id: created.body.lars_code }, 200, { token: admin });
      assert.equal(removed.body, null);
    });

    it('answers the generic state action and the version list in the same shapes (self_publish_two)', async () => {
      const id = await create('gm0002', editor2);
      const state = (action: string, token: string, expected: number, body?: unknown) =>
        base('state', 'PUT', `${A}/organisations/gm0002/algorithms/${id}/state/${action}`, expected, STATE_ACTION[expected], { token, body });
      assert.equal((await state('release_to_2', editor2, 200)).body, null);
      assert.equal((await state('reject_to_1', approver2, 200, { reason: 'Doel ontbreekt' })).body, null);
      assert.equal((await state('release', editor2, 200)).body, null, 'the legacy name works in this flow too');
      assert.equal((await state('publish', approver2, 200)).body, null);
      // The v1_0 release in self_publish_two is that flow's release_to_2 (the reference answers 403 or 500).
      const other = await create('gm0002', editor2);
      await v1('PUT', '/organizations/{organisation_id}/algorithms/{algorithm_id}/release', { organisation_id: 'gm0002', algorithm_id: other }, 200, { token: editor2 });

      const versions = await versionsOf('gm0002', id, approver2);
      assert.deepEqual(
        versions.flatMap((v) => v.events.map((e: Json) => e.action)),
        ['created', 'released', 'rejected', 'released', 'published'],
      );
      assert.equal(versions.at(-1)!.state, 'PUBLISHED');
      assert.equal(typeof versions.at(-1)!.published_at, 'string');
    });

    it('answers 401 with a Message on every operation, without a token and with a bad one', async () => {
      for (const { method, template, params, body, op } of everyOperation('gm0001', lars)) {
        const none = await v1(method, template, params, 401, { body });
        assert.equal(none.body.detail, 'TOKEN_NOT_FOUND', op.operationId);
        const bad = await v1(method, template, params, 401, { body, token: `${editor.slice(0, -4)}AAAA` });
        assert.equal(bad.body.detail, INVALID_TOKEN, op.operationId);
        assert.equal(bad.headers.get('www-authenticate'), 'Bearer', op.operationId);
      }
      for (const [key, method, path] of [
        ['user', 'GET', `${A}/user/me`],
        ['organisations', 'GET', `${A}/organisation`],
        ['templates', 'GET', `${A}/templates/1.0`],
        ['template', 'GET', `${A}/templates/1.0/x`],
        ['state', 'PUT', `${A}/organisations/gm0001/algorithms/${lars}/state/release`],
        ['versions', 'GET', `${A}/organisations/gm0001/algorithms/${lars}/versions`],
      ]) {
        assert.equal((await base(key, method, path, 401, MESSAGE)).body.detail, 'TOKEN_NOT_FOUND', path);
        const bad = await base(key, method, path, 401, MESSAGE, { token: 'not.a.token' });
        assert.equal(bad.body.detail, INVALID_TOKEN, path);
      }
    });

    it('answers 403 with a Message on every operation: foreign organisation, foreign algorithm, missing right, disabled', async () => {
      // Another organisation's path.
      for (const { method, template, params, body, op } of everyOperation('gm0001', lars)) {
        const res = await v1(method, template, params, 403, { token: stranger, body });
        const expected = op.operationId === 'remove_one_algorithm' ? /^REQUIRED_ROLE_ADMIN_MISSING$/ : ORG_MISSING;
        assert.match(res.body.detail, expected, op.operationId);
      }
      // Another organisation's algorithm, by someone who may act in the organisation of the path.
      for (const { method, template, params, body, op } of everyOperation('gm0003', lars).filter((o) => o.template.includes('{algorithm_id}'))) {
        const res = await v1(method, template, params, 403, { token: admin, body });
        assert.equal(res.body.detail, 'Forbidden', op.operationId);
      }
      // Missing permission or state-change right in the organisation's flow.
      const P = { organisation_id: 'gm0001', algorithm_id: lars };
      assert.equal((await v1('POST', '/organizations/{organisation_id}/algorithms', P, 403, { token: publisher, body: validRecord() })).body.detail, 'REQUIRED_PERMISSION_POST_MISSING');
      assert.equal((await v1('PUT', '/organizations/{organisation_id}/source-ids/{source_id}', { ...P, source_id: 'nieuw' }, 403, { token: publisher, body: validRecord() })).body.detail, 'REQUIRED_PERMISSION_POST_MISSING');
      assert.equal((await v1('PUT', '/organizations/{organisation_id}/algorithms/{algorithm_id}/publish', P, 403, { token: editor })).body.detail, 'REQUIRED_STATE_CHANGE_PERMISSION_MISSING');
      assert.equal((await v1('PUT', '/organizations/{organisation_id}/algorithms/{algorithm_id}/release', P, 403, { token: publisher })).body.detail, 'REQUIRED_STATE_CHANGE_PERMISSION_MISSING');
      const readOnly = await r.token(['orgdetail'], 'gm0001');
      for (const [method, template] of [
        ['GET', '/organizations/{organisation_id}/algorithms/{algorithm_id}'],
        ['GET', '/organizations/{organisation_id}/published-algorithms/{algorithm_id}'],
        ['GET', '/organizations/{organisation_id}/algorithms/{algorithm_id}/preview'],
        ['PUT', '/organizations/{organisation_id}/algorithms/{algorithm_id}'],
        ['PUT', '/organizations/{organisation_id}/algorithms/{algorithm_id}/archive_version'],
        ['PUT', '/organizations/{organisation_id}/algorithms/{algorithm_id}/unarchive_version'],
        ['DELETE', '/organizations/{organisation_id}/published-algorithms/{algorithm_id}/retract'],
      ]) {
        const body = template.endsWith('archive_version') ? { algorithm_version_id: 1 } : method === 'PUT' ? validRecord() : undefined;
        assert.match((await v1(method, template, P, 403, { token: readOnly, body })).body.detail, /^REQUIRED_(PERMISSION_(GET|PUT)|STATE_CHANGE_PERMISSION)_MISSING$/, template);
      }
      // A disabled account may do nothing.
      const disabled = await r.token(['disabled', 'role_1'], 'gm0001');
      assert.equal((await v1('GET', '/organizations/{organisation_id}/algorithms', P, 403, { token: disabled })).body.detail, 'USER_NOT_ACTIVATED');
      assert.equal((await v1('POST', '/organizations/{organisation_id}/algorithms', P, 403, { token: disabled, body: validRecord() })).body.detail, 'USER_NOT_ACTIVATED');
      // The base endpoints.
      assert.equal((await base('state', 'PUT', `${A}/organisations/gm0001/algorithms/${lars}/state/publish`, 403, MESSAGE, { token: editor })).body.detail, 'REQUIRED_STATE_CHANGE_PERMISSION_MISSING');
      assert.match((await base('state', 'PUT', `${A}/organisations/gm0001/algorithms/${lars}/state/release`, 403, MESSAGE, { token: stranger })).body.detail, ORG_MISSING);
      assert.match((await base('versions', 'GET', `${A}/organisations/gm0001/algorithms/${lars}/versions`, 403, MESSAGE, { token: stranger })).body.detail, ORG_MISSING);
      assert.equal((await base('versions', 'GET', `${A}/organisations/gm0003/algorithms/${lars}/versions`, 403, MESSAGE, { token: admin })).body.detail, 'Forbidden');
      // As the reference (Authoriser BaseOnly), the unversioned endpoints refuse a disabled account too.
      for (const [key, method, path] of [
        ['user', 'GET', `${A}/user/me`],
        ['organisations', 'GET', `${A}/organisation`],
        ['templates', 'GET', `${A}/templates/1.0`],
        ['template', 'GET', `${A}/templates/1.0/x`],
        ['state', 'PUT', `${A}/organisations/gm0001/algorithms/${lars}/state/release`],
        ['versions', 'GET', `${A}/organisations/gm0001/algorithms/${lars}/versions`],
      ]) {
        assert.equal((await base(key, method, path, 403, MESSAGE, { token: disabled })).body.detail, 'USER_NOT_ACTIVATED', path);
      }
    });

    it('answers 404 with a Message: unknown algorithm, organisation, version, publication or template', async () => {
      const unknown = '98765432';
      assert.equal((await r.app.ctx.kysely.selectFrom('algorithms').select('id').where('lars', '=', unknown).execute()).length, 0);
      for (const { method, template, params, body, op } of everyOperation('gm0001', unknown).filter((o) => o.template.includes('{algorithm_id}'))) {
        const token = op.operationId === 'remove_one_algorithm' ? admin : op.operationId === 'publish_one_algorithm' ? publisher : editor;
        assert.equal((await v1(method, template, params, 404, { token, body })).body.detail, 'Not Found', op.operationId);
      }
      const P = { organisation_id: 'gm0001', algorithm_id: lars };
      assert.equal((await v1('POST', '/organizations/{organisation_id}/algorithms', { organisation_id: 'gm9999' }, 404, { token: admin, body: validRecord() })).body.detail, 'ORG_NOT_FOUND');
      assert.equal((await v1('PUT', '/organizations/{organisation_id}/source-ids/{source_id}', { organisation_id: 'gm9999', source_id: 'a' }, 404, { token: admin, body: validRecord() })).body.detail, 'ORG_NOT_FOUND');
      assert.equal((await v1('DELETE', '/organizations/{organisation_id}/algorithms/{algorithm_id}/remove', { ...P, organisation_id: 'gm9999' }, 404, { token: admin })).body.detail, 'ORG_NOT_FOUND');
      assert.equal((await v1('GET', '/organizations/{organisation_id}/algorithms/{algorithm_id}', { ...P, organisation_id: 'gm9999' }, 404, { token: admin })).body.detail, 'ORG_NOT_FOUND');
      // The reference answers an unknown organisation's list with [].
      assert.deepEqual((await v1('GET', '/organizations/{organisation_id}/algorithms', { organisation_id: 'gm9999' }, 200, { token: admin })).body, []);

      assert.equal((await v1('GET', '/organizations/{organisation_id}/published-algorithms/{algorithm_id}', P, 404, { token: editor })).body.detail, `Er is geen gepubliceerd algoritme met LARS-code: ${lars}.`);
      const noVersion = await v1('PUT', '/organizations/{organisation_id}/algorithms/{algorithm_id}/archive_version', P, 404, { token: editor, body: { algorithm_version_id: 99_999_999 } });
      assert.equal(noVersion.body.detail, 'Er is geen algoritmeversie gevonden met ID: (99999999)');
      await v1('PUT', '/organizations/{organisation_id}/algorithms/{algorithm_id}/unarchive_version', P, 404, { token: editor, body: { algorithm_version_id: 99_999_999 } });
      // A version of another algorithm is not one of this algorithm's versions.
      const other = await create();
      const otherVersion = (await versionsOf('gm0001', other, editor))[0].id;
      await v1('PUT', '/organizations/{organisation_id}/algorithms/{algorithm_id}/archive_version', P, 404, { token: editor, body: { algorithm_version_id: otherVersion } });
      // Removed algorithms are gone from the API.
      await v1('DELETE', '/organizations/{organisation_id}/algorithms/{algorithm_id}/remove', { ...P, algorithm_id: other }, 200, { token: admin });
      await v1('GET', '/organizations/{organisation_id}/algorithms/{algorithm_id}', { ...P, algorithm_id: other }, 404, { token: editor });
      await v1('DELETE', '/organizations/{organisation_id}/algorithms/{algorithm_id}/remove', { ...P, algorithm_id: other }, 404, { token: admin });

      assert.equal((await base('templates', 'GET', `${A}/templates/0.4`, 404, MESSAGE, { token: editor })).body.detail, 'ONLY_VERSION_1.0_AND_HIGHER_IS_AVAILABLE');
      assert.equal((await base('template', 'GET', `${A}/templates/0.4/x`, 404, MESSAGE, { token: editor })).body.detail, 'ONLY_VERSION_1.0_AND_HIGHER_IS_AVAILABLE');
      await base('versions', 'GET', `${A}/organisations/gm0001/algorithms/${unknown}/versions`, 404, MESSAGE, { token: editor });
      await base('state', 'PUT', `${A}/organisations/gm0001/algorithms/${unknown}/state/release`, 404, MESSAGE, { token: editor });
      assert.match((await base('state', 'PUT', `${A}/organisations/gm0001/algorithms/${lars}/state/jump`, 404, MESSAGE, { token: admin })).body.detail, /^UNKNOWN_ACTION/);
      assert.equal((await base('unknown path', 'GET', `${A}/v1_0/organizations/gm0001/nothing-here`, 404, MESSAGE, { token: editor })).body.detail, 'Not Found');
    });

    it('answers a wrong origin state with 409 and a Message', async () => {
      const id = await create();
      const P = { organisation_id: 'gm0001', algorithm_id: id };
      const early = await v1('PUT', '/organizations/{organisation_id}/algorithms/{algorithm_id}/publish', P, 409, { token: publisher });
      assert.equal(early.body.detail, 'INVALID ORIGIN_STATE, CURRENT STATE: STATE_1');
      const unpublished = await v1('DELETE', '/organizations/{organisation_id}/published-algorithms/{algorithm_id}/retract', P, 409, { token: editor });
      assert.equal(unpublished.body.detail, 'INVALID ORIGIN_STATE, CURRENT STATE: STATE_1');
      await v1('PUT', '/organizations/{organisation_id}/algorithms/{algorithm_id}/release', P, 200, { token: editor });
      const twice = await v1('PUT', '/organizations/{organisation_id}/algorithms/{algorithm_id}/release', P, 409, { token: editor });
      assert.equal(twice.body.detail, 'INVALID ORIGIN_STATE, CURRENT STATE: STATE_2');
      const generic = await base('state', 'PUT', `${A}/organisations/gm0001/algorithms/${id}/state/release`, 409, STATE_ACTION[409], { token: editor });
      assert.equal(generic.body.detail, 'INVALID ORIGIN_STATE, CURRENT STATE: STATE_2');

      await v1('PUT', '/organizations/{organisation_id}/algorithms/{algorithm_id}/publish', P, 200, { token: publisher });
      const [published] = await versionsOf('gm0001', id, editor);
      assert.equal(published.state, 'PUBLISHED');
      const archivePublished = await v1('PUT', '/organizations/{organisation_id}/algorithms/{algorithm_id}/archive_version', P, 409, { token: editor, body: { algorithm_version_id: published.id } });
      assert.match(archivePublished.body.detail, /^PUBLISHED_VERSION_CANNOT_BE_ARCHIVED/);
      const notArchived = await v1('PUT', '/organizations/{organisation_id}/algorithms/{algorithm_id}/unarchive_version', P, 409, { token: editor, body: { algorithm_version_id: published.id } });
      assert.equal(notArchived.body.detail, 'VERSION_NOT_ARCHIVED, CURRENT STATE: PUBLISHED');
      await v1('DELETE', '/organizations/{organisation_id}/published-algorithms/{algorithm_id}/retract', P, 200, { token: editor });
      const draft = (await versionsOf('gm0001', id, editor)).at(-1)!;
      await v1('PUT', '/organizations/{organisation_id}/algorithms/{algorithm_id}/archive_version', P, 200, { token: editor, body: { algorithm_version_id: draft.id } });
      const archivedTwice = await v1('PUT', '/organizations/{organisation_id}/algorithms/{algorithm_id}/archive_version', P, 409, { token: editor, body: { algorithm_version_id: draft.id } });
      assert.equal(archivedTwice.body.detail, 'VERSION_ALREADY_ARCHIVED');
    });

    it('answers a stale or unreadable If-Match with 412 and a Message, and changes nothing', async () => {
      const id = await create();
      const P = { organisation_id: 'gm0001', algorithm_id: id };
      const first = await v1('GET', '/organizations/{organisation_id}/algorithms/{algorithm_id}', P, 200, { token: editor });
      const etag = first.headers.get('etag')!;
      assert.match(etag, /^"v\d+"$/);
      await v1('PUT', '/organizations/{organisation_id}/algorithms/{algorithm_id}', P, 200, { token: editor, body: validRecord({ name: 'Eerste' }), headers: { 'if-match': etag } });
      const stale = await v1('PUT', '/organizations/{organisation_id}/algorithms/{algorithm_id}', P, 412, { token: editor, body: validRecord({ name: 'Tweede' }), headers: { 'if-match': etag } });
      assert.match(stale.body.detail, /^VERSION_CHANGED/);
      const unreadable = await v1('PUT', '/organizations/{organisation_id}/algorithms/{algorithm_id}', P, 412, { token: editor, body: validRecord({ name: 'Derde' }), headers: { 'if-match': 'yesterday' } });
      assert.match(unreadable.body.detail, /If-Match/);
      assert.equal((await v1('GET', '/organizations/{organisation_id}/algorithms/{algorithm_id}', P, 200, { token: editor })).body.name, 'Eerste');
    });

    it('answers bad bodies with 422 in the FastAPI shape, naming each field', async () => {
      const ORG = { organisation_id: 'gm0001' };
      const P = { ...ORG, algorithm_id: lars };
      const bodyOps: [string, string, Record<string, string>][] = [
        ['POST', '/organizations/{organisation_id}/algorithms', ORG],
        ['PUT', '/organizations/{organisation_id}/algorithms/{algorithm_id}', P],
        ['PUT', '/organizations/{organisation_id}/source-ids/{source_id}', { ...ORG, source_id: 'bron-422' }],
      ];
      for (const [method, template, params] of bodyOps) {
        // Every required field missing: one `missing` issue per field, at body.<field>.
        const empty = await v1(method, template, params, 422, { token: editor, body: {} });
        assertValidationDetail(empty);
        for (const field of c.doc.components.schemas.AlgorithmIn.required) {
          const issue = issueAt(empty, `body.${field}`);
          assert.equal(issue.type, 'missing', field);
          assert.equal(issue.msg, 'Field required');
        }
        // Wrong types, enum values and lengths.
        const wrong = await v1(method, template, params, 422, {
          token: editor,
          body: validRecord({
            name: 'x'.repeat(101),
            description_short: 42,
            status: 'Actief',
            lang: 'NLD',
            standard_version: '1.0.0',
            category: ['Verkeer', 'Sport'],
            lawful_basis_grouping: [{ link: 'https://wetten.overheid.nl' }],
          }),
        });
        assertValidationDetail(wrong);
        assert.equal(issueAt(wrong, 'body.name').type, 'value_error');
        assert.match(issueAt(wrong, 'body.name').msg, /^Value error, name exceeds the maximum length of 100 characters\.$/);
        assert.equal(issueAt(wrong, 'body.description_short').type, 'string_type');
        assert.equal(issueAt(wrong, 'body.status').type, 'enum');
        assert.equal(issueAt(wrong, 'body.lang').type, 'enum');
        assert.equal(issueAt(wrong, 'body.standard_version').type, 'enum');
        assert.equal(issueAt(wrong, 'body.category.1').type, 'enum');
        assert.equal(issueAt(wrong, 'body.lawful_basis_grouping.0.title').type, 'missing');
        assert.equal(wrong.body.detail.length, 7, JSON.stringify(wrong.body.detail.map((d: Json) => d.loc)));
        // A body that is no object at all.
        for (const body of [[], 'tekst', 3, null]) {
          const res = await v1(method, template, params, 422, { token: editor, body });
          assertValidationDetail(res);
          assert.deepEqual(res.body.detail[0].loc, ['body'], JSON.stringify(body));
        }
        // Invalid JSON: json_invalid, also before authentication (as the reference).
        for (const token of [editor, undefined]) {
          const broken = await v1(method, template, params, 422, { token, raw: '{"name": ' });
          assertValidationDetail(broken);
          assert.equal(broken.body.detail.length, 1);
          assert.equal(broken.body.detail[0].type, 'json_invalid');
        }
      }
      const mismatch = await v1('PUT', '/organizations/{organisation_id}/source-ids/{source_id}', { ...ORG, source_id: 'bron-a' }, 422, { token: editor, body: validRecord({ source_id: 'bron-b' }) });
      assertValidationDetail(mismatch);
      assert.equal(issueAt(mismatch, 'body.source_id').type, 'value_error');

      for (const template of ['/organizations/{organisation_id}/algorithms/{algorithm_id}/archive_version', '/organizations/{organisation_id}/algorithms/{algorithm_id}/unarchive_version']) {
        const missing = await v1('PUT', template, P, 422, { token: editor, body: {} });
        assertValidationDetail(missing);
        assert.equal(issueAt(missing, 'body.algorithm_version_id').type, 'missing');
        const text = await v1('PUT', template, P, 422, { token: editor, body: { algorithm_version_id: 'een' } });
        assert.equal(issueAt(text, 'body.algorithm_version_id').type, 'int_type');
        const broken = await v1('PUT', template, P, 422, { token: editor, raw: '{' });
        assert.equal(broken.body.detail[0].type, 'json_invalid');
      }

      // The base endpoints answer in the same shape.
      await v1('PUT', '/organizations/{organisation_id}/algorithms/{algorithm_id}/release', P, 200, { token: editor });
      const noReason = await base('state', 'PUT', `${A}/organisations/gm0001/algorithms/${lars}/state/reject_to_1`, 422, VALIDATION, { token: publisher, body: {} });
      assertValidationDetail(noReason);
      assert.deepEqual(noReason.body.detail[0].loc, ['body', 'reason']);
      const numberReason = await base('state', 'PUT', `${A}/organisations/gm0001/algorithms/${lars}/state/reject_to_1`, 422, VALIDATION, { token: publisher, body: { reason: 7 } });
      assert.equal(issueAt(numberReason, 'body.reason').type, 'string_type');
      const brokenState = await base('state', 'PUT', `${A}/organisations/gm0001/algorithms/${lars}/state/reject_to_1`, 422, VALIDATION, { token: publisher, raw: '{"reason"' });
      assert.equal(brokenState.body.detail[0].type, 'json_invalid');
      const badLimit = await base('organisations', 'GET', `${A}/organisation?limit=veel`, 422, VALIDATION, { token: editor });
      assertValidationDetail(badLimit, 'query');
      assert.deepEqual(badLimit.body.detail[0].loc, ['query', 'limit']);
      // Nothing of the above was stored.
      const versions = await versionsOf('gm0001', lars, editor);
      assert.equal(versions.length, 1);
      assert.equal(versions[0].state, 'STATE_2');
    });

    it('answers user/me, organisation and templates in the shapes of the reference', async () => {
      for (const [token, roles, orgs] of [
        [editor, ['role_1'], ['gm0001']],
        [await r.userToken(['role_2'], ['gm0002', 'gm0003']), ['role_2'], ['gm0002', 'gm0003']],
        [publisher, ['ictu', 'all_groups'], ['gm0001', 'gm0002', 'gm0003']],
      ] as [string, string[], string[]][]) {
        const me = await base('user', 'GET', `${A}/user/me`, 200, fromBase('User'), { token });
        assert.deepEqual([...me.body.roles].sort(), [...roles].sort());
        assert.deepEqual(me.body.organisations.map((o: Json) => o.code).sort(), orgs);
        for (const o of me.body.organisations) assert.equal(o.org_id, o.code);
      }
      const flows = (await base('user', 'GET', `${A}/user/me`, 200, fromBase('User'), { token: approver2 })).body.organisations.map((o: Json) => o.flow);
      assert.deepEqual(flows, ['self_publish_two']);

      const all = await base('organisations', 'GET', `${A}/organisation`, 200, ORGANISATION_LIST, { token: editor });
      assert.equal(all.body.count, 3);
      assert.deepEqual(all.body.organisations.map((o: Json) => o.code).sort(), ['gm0001', 'gm0002', 'gm0003']);
      const page = await base('organisations', 'GET', `${A}/organisation?limit=1&skip=1`, 200, ORGANISATION_LIST, { token: editor });
      assert.equal(page.body.count, 3);
      assert.equal(page.body.organisations.length, 1);
      const found = await base('organisations', 'GET', `${A}/organisation?q=gm0002`, 200, ORGANISATION_LIST, { token: editor });
      assert.deepEqual(found.body.organisations.map((o: Json) => o.code), ['gm0002']);

      assert.deepEqual((await base('templates', 'GET', `${A}/templates/1.0`, 200, { type: 'array', maxItems: 0 }, { token: editor })).body, []);
      const seeded = await upsertTemplates(r.app.ctx.kysely, bundledTemplates());
      assert.equal(seeded, 27);
      const suppliers = await base('templates', 'GET', `${A}/templates/1.0`, 200, TEMPLATE_LIST, { token: editor });
      const ids = suppliers.body.flatMap((s: Json) => s.algorithm_descriptions.map((d: Json) => d.id));
      assert.equal(suppliers.body.length, 17);
      assert.equal(ids.length, 27);
      assert.equal(new Set(ids).size, 27);
      // One template: pre-fill data (STANDARD.md §11: organization null, contact_email missing), so
      // AlgorithmIn's fields with their types, each of them optional and nullable, plus the id.
      const algorithmIn = rebase(c.doc.components.schemas.AlgorithmIn, OURS);
      const prefill = {
        type: 'object',
        required: ['id', 'name'],
        properties: {
          id: { type: 'string', minLength: 1 },
          ...Object.fromEntries(Object.entries(algorithmIn.properties as Json).map(([key, schema]) => [key, { anyOf: [schema, { type: 'null' }] }])),
        },
      };
      const TEMPLATE = { anyOf: [prefill, { type: 'null' }] };
      for (const supplier of suppliers.body) {
        for (const d of supplier.algorithm_descriptions) {
          const one = await base('template', 'GET', `${A}/templates/1.0/${encodeURIComponent(d.id)}`, 200, TEMPLATE, { token: editor });
          assert.equal(one.body.id, d.id);
          assert.equal(one.body.name, d.name);
        }
      }
      assert.equal((await base('template', 'GET', `${A}/templates/1.0/bestaat-niet`, 200, TEMPLATE, { token: editor })).body, null);
    });

    it('answers the rate limit with 429 and a Message', async () => {
      const limited = await startRegister(engine, { RATE_LIMIT_PER_MINUTE: '2' });
      try {
        await limited.org('gm0001');
        const token = await limited.token(['role_1'], 'gm0001');
        const path = '/organizations/{organisation_id}/algorithms';
        const statuses: number[] = [];
        for (let i = 0; i < 3; i++) {
          const res = await limited.call('GET', `${V1}/organizations/gm0001/algorithms`, { token });
          statuses.push(res.status);
          c.check('GET', path, res);
          if (res.status === 429) assert.match(res.body.detail, /^Rate limit exceeded/);
        }
        assert.deepEqual(statuses, [200, 200, 429]);
      } finally {
        await limited.close();
      }
    });

    it('has exercised every operation of the document into its success and its errors', () => {
      const missing: string[] = [];
      for (const { op, template } of everyOperation('gm0001', lars)) {
        const statuses = ['200', '401', '403'];
        if (template.includes('{algorithm_id}') || op.operationId === 'create_one_algorithm') statuses.push('404');
        if (op.requestBody) statuses.push('422');
        for (const status of ['409', '412']) if (op.responses[status]) statuses.push(status);
        for (const status of statuses) {
          assert.ok(op.responses[status], `${op.operationId} declares ${status}`);
          if (!c.covered.has(`${op.operationId} ${status}`)) missing.push(`${op.operationId} ${status}`);
        }
      }
      assert.ok(c.covered.has('get_all_algorithms 429'));
      for (const key of ['user', 'organisations', 'templates', 'template', 'state', 'versions']) {
        for (const status of ['200', '401']) if (!c.covered.has(`${key} ${status}`)) missing.push(`${key} ${status}`);
      }
      assert.deepEqual(missing, []);
    });
  });
}
