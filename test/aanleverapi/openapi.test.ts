// The OpenAPI document a running register serves for the delivery API: valid OpenAPI 3.1, and
// the national register's contract inside it (every operation, the same operation ids, the same
// models with the same fields, required lists and enum values). Plus the docs page and its assets.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Parser } from 'htmlparser2';
import { Validator } from '@seriousme/openapi-schema-validator';
import { startRegister, type TestRegister } from '../helpers/server.ts';

type Json = Record<string, any>;

const reference: Json = JSON.parse(readFileSync(new URL('../fixtures/aanleverapi-v1_0.openapi.json', import.meta.url), 'utf8'));
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

function operations(doc: Json): { path: string; method: string; op: Json }[] {
  return Object.entries(doc.paths as Json).flatMap(([path, item]) =>
    Object.entries(item as Json)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, op]) => ({ path, method, op: op as Json })),
  );
}

const propertyNames = (schema: Json) => Object.keys(schema.properties ?? {});
const requiredOf = (schema: Json) => [...(schema.required ?? [])];
const jsonSchemaOfBody = (op: Json) => op.requestBody?.content?.['application/json']?.schema;

describe('delivery API OpenAPI document', () => {
  let r: TestRegister;
  let ours: Json;
  before(async () => {
    // One engine is enough: the document does not depend on the database.
    r = await startRegister('sqlite');
    const res = await r.call('GET', '/aanleverapi/v1_0/openapi.json');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
    ours = res.body;
  });
  after(() => r.close());

  it('is a valid OpenAPI 3.1 document', async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(ours));
    assert.equal(result.valid, true, JSON.stringify(result.errors, null, 1)?.slice(0, 4000));
    assert.equal(validator.version, '3.1');
    assert.match(ours.openapi, /^3\.1\.\d+$/);
    // The reference's title ends in a stray space; the words are the contract.
    assert.equal(ours.info.title, reference.info.title.trim());
    assert.equal(ours.info.version, reference.info.version);
    assert.deepEqual(ours.servers.map((s: Json) => new URL(s.url).pathname), ['/aanleverapi/v1_0']);
    assert.equal(new URL(ours.servers[0].url).origin, r.url, 'servers names the address the register is reached at');
  });

  it('the validator does reject a broken document (the check above can fail)', async () => {
    const broken = structuredClone(ours);
    broken.paths['/organizations/{organisation_id}/algorithms'].get.responses['200'].description = 42;
    assert.equal((await new Validator().validate(broken)).valid, false);
  });

  it("has every operation of the national register's spec with the same operationId, parameters, body and responses", () => {
    const ourOps = operations(ours);
    const refOps = operations(reference);
    assert.equal(refOps.length, 10);
    for (const { path, method, op } of refOps) {
      const mine = ours.paths[path]?.[method];
      assert.ok(mine, `missing ${method.toUpperCase()} ${path}`);
      assert.equal(mine.operationId, op.operationId, `${method} ${path}`);
      // Every parameter the reference declares is there, with the same place and name.
      const params = (mine.parameters ?? []).map((p: Json) => `${p.in}:${p.name}:${p.required === true}`);
      for (const p of op.parameters ?? []) assert.ok(params.includes(`${p.in}:${p.name}:${p.required === true}`), `${op.operationId}: parameter ${p.name}`);
      // The same request model.
      assert.deepEqual(jsonSchemaOfBody(mine), jsonSchemaOfBody(op), `${op.operationId}: request body`);
      assert.equal(Boolean(mine.requestBody?.required), Boolean(op.requestBody?.required), `${op.operationId}: requestBody.required`);
      // Every status code the reference declares; ours may declare more (403, 409, 412).
      for (const status of Object.keys(op.responses)) assert.ok(mine.responses[status], `${op.operationId}: response ${status}`);
      assert.ok((mine.security ?? ours.security)?.length, `${op.operationId}: security`);
    }
    // Operation ids are unique in our document, including our additions.
    const ids = ourOps.map((o) => o.op.operationId);
    assert.equal(new Set(ids).size, ids.length);
    for (const extra of ['publish_one_algorithm', 'remove_one_algorithm', 'upsert_by_source_id']) assert.ok(ids.includes(extra), extra);
  });

  it('declares the same 200 models as the reference where both serve standard 1.0', () => {
    const schemaOf200 = (doc: Json, path: string, method: string) => doc.paths[path][method].responses['200'].content['application/json'].schema;
    for (const { path, method, op } of operations(reference)) {
      const refSchema = schemaOf200(reference, path, method);
      const mine = schemaOf200(ours, path, method);
      const refRefs: string[] = JSON.stringify(refSchema).match(/#\/components\/schemas\/(?!v0_)[A-Za-z0-9_]+/g) ?? [];
      const myRefs: string[] = JSON.stringify(mine).match(/#\/components\/schemas\/[A-Za-z0-9_]+/g) ?? [];
      for (const name of refRefs) assert.ok(myRefs.includes(name), `${op.operationId}: 200 refers to ${name}`);
      // Where the reference answers a possibly null model, so do we.
      if (JSON.stringify(refSchema).includes('"type":"null"')) assert.ok(JSON.stringify(mine).includes('"type":"null"'), `${op.operationId}: nullable 200`);
    }
  });

  it('AlgorithmIn and v1_0__Algorithm have exactly the reference fields, in order, and required lists', () => {
    for (const name of ['AlgorithmIn', 'v1_0__Algorithm']) {
      const mine = ours.components.schemas[name];
      const theirs = reference.components.schemas[name];
      assert.ok(mine, name);
      assert.deepEqual(propertyNames(mine), propertyNames(theirs), `${name}: properties`);
      assert.deepEqual(requiredOf(mine), requiredOf(theirs), `${name}: required`);
      assert.equal(mine.type, 'object');
    }
    assert.deepEqual(requiredOf(ours.components.schemas.AlgorithmIn), ['name', 'description_short', 'organization', 'status', 'contact_email', 'publication_category', 'lang']);
  });

  it('every field refers to the same enum or grouping model as in the reference', () => {
    const refsIn = (schema: Json) => (JSON.stringify(schema).match(/#\/components\/schemas\/[A-Za-z0-9_]+/g) ?? []).sort();
    for (const name of ['AlgorithmIn', 'v1_0__Algorithm']) {
      for (const [key, theirs] of Object.entries(reference.components.schemas[name].properties as Json)) {
        assert.deepEqual(refsIn(ours.components.schemas[name].properties[key]), refsIn(theirs), `${name}.${key}`);
      }
    }
  });

  it('every enum has the same values in the same order', () => {
    const enums = ['v1_0__EnumCategory', 'v1_0__EnumStatus', 'v1_0__EnumPublicationCategory', 'v1_0__EnumLang', 'v1_0__EnumStandardVersion', 'State', 'Language'];
    for (const name of enums) {
      const theirs = reference.components.schemas[name];
      assert.ok(Array.isArray(theirs.enum), `${name} is an enum in the reference`);
      assert.deepEqual(ours.components.schemas[name]?.enum, theirs.enum, name);
      assert.equal(ours.components.schemas[name].type, 'string', name);
    }
    // No v1_0 enum of the reference is left out of this list.
    const refV1Enums = Object.keys(reference.components.schemas).filter((n) => reference.components.schemas[n].enum && !n.startsWith('v0_'));
    assert.deepEqual(refV1Enums.sort(), [...enums].sort());
  });

  it('the grouping item models have the same fields and required lists', () => {
    const groupings = Object.keys(reference.components.schemas).filter((n) => n.startsWith('v1_0__Object'));
    assert.deepEqual(groupings.sort(), ['v1_0__ObjectImpacttoetsenGrouping', 'v1_0__ObjectLawfulBasisGrouping', 'v1_0__ObjectSourceDataGrouping']);
    for (const name of groupings) {
      const mine = ours.components.schemas[name];
      const theirs = reference.components.schemas[name];
      assert.ok(mine, name);
      assert.deepEqual(propertyNames(mine), propertyNames(theirs), `${name}: properties`);
      assert.deepEqual(requiredOf(mine), requiredOf(theirs), `${name}: required`);
    }
  });

  it('every field has the reference limit, HTML allow-list and nullability', () => {
    // The reference's non-standard keywords, which ours writes as x- extensions.
    const keyword = (schema: Json, name: string) => schema[name] ?? (schema.anyOf ?? []).find((s: Json) => s[name] !== undefined)?.[name];
    const nullable = (schema: Json) => (schema.anyOf ?? []).some((s: Json) => s.type === 'null');
    const models = ['AlgorithmIn', 'v1_0__Algorithm', 'AlgorithmSummary', ...Object.keys(reference.components.schemas).filter((n) => n.startsWith('v1_0__Object'))];
    let limits = 0;
    for (const name of models) {
      for (const [key, theirs] of Object.entries(reference.components.schemas[name].properties as Json)) {
        const mine = ours.components.schemas[name].properties[key];
        const where = `${name}.${key}`;
        assert.equal(keyword(mine, 'x-max-length-without-html'), keyword(theirs, 'max_length_without_html'), `${where}: limit on visible text`);
        assert.deepEqual(keyword(mine, 'x-allowed-html-tags'), keyword(theirs, 'allowed_html_tags'), `${where}: allowed HTML tags`);
        assert.equal(nullable(mine), nullable(theirs), `${where}: nullable`);
        // Limits count visible text, so none may be a JSON Schema maxLength (which counts markup).
        assert.equal(keyword(mine, 'maxLength'), undefined, `${where}: no raw maxLength`);
        if (keyword(theirs, 'max_length_without_html') !== undefined) limits++;
      }
    }
    assert.ok(limits > 20, `limits compared: ${limits}`);
  });

  it('every other model of the reference (summary, responses, errors) has the same fields and required list', () => {
    const names = Object.keys(reference.components.schemas).filter((n) => !n.startsWith('v0_') && reference.components.schemas[n].properties);
    assert.ok(names.length >= 12);
    for (const name of names) {
      const mine = ours.components.schemas[name];
      assert.ok(mine, `missing schema ${name}`);
      assert.deepEqual(propertyNames(mine), propertyNames(reference.components.schemas[name]), `${name}: properties`);
      assert.deepEqual(requiredOf(mine), requiredOf(reference.components.schemas[name]), `${name}: required`);
    }
    // The reference spec's non-standard keywords do not leak into ours: they are x- extensions.
    const leaked = JSON.stringify(ours.components.schemas).match(/"(max_length_without_html|show_always|help_text|instructions|recommended_items|allowed_html_tags)"/g);
    assert.equal(leaked, null);
    assert.equal(JSON.stringify(ours).includes('"type":"enum"'), false);
  });

  it('serves the docs page, whose stylesheets and scripts load, and which points at the document', async () => {
    const pageUrl = `${r.url}/aanleverapi/v1_0/api-docs`;
    const page = await fetch(pageUrl);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
    const html = await page.text();

    const assets: { kind: 'css' | 'js'; url: string }[] = [];
    let inlineScript = '';
    let inScript = false;
    const parser = new Parser({
      onopentag(name, attrs) {
        if (name === 'link' && attrs.rel === 'stylesheet' && attrs.href) assets.push({ kind: 'css', url: new URL(attrs.href, pageUrl).href });
        if (name === 'script') {
          inScript = !attrs.src;
          if (attrs.src) assets.push({ kind: 'js', url: new URL(attrs.src, pageUrl).href });
        }
      },
      ontext(text) {
        if (inScript) inlineScript += text;
      },
      onclosetag(name) {
        if (name === 'script') inScript = false;
      },
    });
    parser.write(html);
    parser.end();

    assert.ok(assets.some((a) => a.kind === 'css'), 'a stylesheet');
    assert.ok(assets.filter((a) => a.kind === 'js').length >= 1, 'a script');
    assert.equal(inlineScript.trim(), '', 'no inline script (a strict CSP would block it)');
    const scripts: string[] = [];
    for (const asset of assets) {
      assert.equal(new URL(asset.url).origin, r.url, `${asset.url} is served by the register itself`);
      const res = await fetch(asset.url);
      assert.equal(res.status, 200, asset.url);
      const body = await res.text();
      assert.ok(body.length > 0, asset.url);
      assert.match(res.headers.get('content-type') ?? '', asset.kind === 'css' ? /^text\/css/ : /^(text|application)\/javascript/, asset.url);
      if (asset.kind === 'js') scripts.push(body);
    }
    // Some script starts Swagger UI on our document, by a URL that resolves to it.
    const start = scripts.find((s) => s.includes('SwaggerUIBundle(') && /url:\s*['"]/.test(s));
    assert.ok(start, 'a script starts SwaggerUIBundle with a url');
    const specUrl = new URL(/url:\s*['"]([^'"]+)['"]/.exec(start)![1], pageUrl).href;
    const spec = await fetch(specUrl);
    assert.equal(spec.status, 200, specUrl);
    assert.deepEqual(await spec.json(), ours);

    // An asset that does not exist is a 404, not the page or a 500.
    assert.equal((await fetch(new URL('docs-assets/nope.js', pageUrl))).status, 404);
  });
});
