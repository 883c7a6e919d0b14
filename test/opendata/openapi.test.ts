// The open-data API's OpenAPI document: valid OpenAPI 3.1, every open-data route documented, and
// real answers of the running register valid against the schemas it declares.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

const { default: addFormats } = addFormatsModule;
import { startRegister, type TestRegister } from '../helpers/server.ts';
import { importRecords } from '../../src/register/import.ts';
import { SYSTEM_ACTOR } from '../../src/register/actor.ts';
import { CORPUS } from '../search/relevance-set.ts';

type Json = Record<string, any>;

describe('open-data OpenAPI document', () => {
  let r: TestRegister;
  let doc: Json;
  let lars: string;
  before(async () => {
    r = await startRegister('sqlite');
    const report = await importRecords(r.app.ctx.kysely, CORPUS, SYSTEM_ACTOR, { publish: true });
    lars = report.lars[0];
    doc = (await r.call('GET', '/api/v1/openapi.json')).body;
  });
  after(() => r.close());

  it('is a valid OpenAPI 3.1 document', async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(doc));
    assert.equal(result.valid, true, JSON.stringify(result.errors, null, 1)?.slice(0, 3000));
    assert.equal(validator.version, '3.1');
  });

  it('documents every open-data route the register serves', () => {
    const served = r.app
      .printRoutes({ commonPrefix: false })
      .split('\n')
      .map((line) => /\s(api\/v1\/\S+) \(([^)]*)\)/.exec(line))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => [m[0], `/${m[1]}`, m[2]] as const);
    assert.ok(served.length > 0);
    const documented = Object.keys(doc.paths).map((p) => p.replace(/\{(\w+)\}/g, ':$1'));
    const own = ['/api/v1/openapi.json', '/api/v1/docs', '/api/v1/docs-init.js', '/api/v1/*'];
    for (const [, path, methods] of served) {
      if (!methods.includes('GET') || own.includes(path)) continue;
      assert.ok(documented.includes(path), `${path} is documented (have ${documented.join(', ')})`);
    }
  });

  it('describes the real answers of search and of one algorithm', async () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addSchema({ $id: 'doc', components: doc.components });
    const check = (name: string, value: unknown) => {
      const validate = ajv.compile({ $ref: `doc#/components/schemas/${name}` });
      assert.ok(validate(value), `${name}: ${JSON.stringify(validate.errors?.slice(0, 3))}`);
    };
    check('SearchResult', (await r.call('GET', '/api/v1/algorithms?q=uitkering&theme=Sociale%20zekerheid')).body);
    check('PublishedAlgorithm', (await r.call('GET', `/api/v1/algorithms/${lars}`)).body);
    check('Problem', (await r.call('GET', '/api/v1/algorithms?sort=sideways')).body);
    const organisations = (await r.call('GET', '/api/v1/organisations?limit=5')).body;
    check('OrganisationList', organisations);
    check('Organisation', (await r.call('GET', `/api/v1/organisations/${organisations.results[0].code}`)).body);
    check('Statistics', (await r.call('GET', '/api/v1/statistics')).body);
  });

  it('answers organisations and statistics, and names bad parameters', async () => {
    const list = await r.call('GET', '/api/v1/organisations?q=utrecht');
    assert.equal(list.status, 200);
    assert.deepEqual(list.body.results.map((o: Json) => o.name).sort(), ['Gemeente Utrecht', 'Provincie Utrecht']);
    assert.equal(list.headers.get('access-control-allow-origin'), '*');
    const org = (await r.call('GET', '/api/v1/organisations/gemeente-utrecht')).body;
    assert.equal(org.algorithms.total, 2);
    assert.equal((await r.call('GET', '/api/v1/organisations/nope')).status, 404);
    assert.match((await r.call('GET', '/api/v1/organisations?type=kasteel')).body.detail, /type: "kasteel"/);
    assert.match((await r.call('GET', '/api/v1/organisations?limit=0')).body.detail, /limit/);
    const stats = (await r.call('GET', '/api/v1/statistics')).body;
    assert.equal(stats.published_algorithms, CORPUS.length);
  });

  it('serves the interactive documentation page', async () => {
    const page = await fetch(`${r.url}/api/v1/docs`);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /swagger-ui-bundle\.js/);
    assert.equal((await fetch(`${r.url}/aanleverapi/v1_0/docs-assets/swagger-ui-bundle.js`)).status, 200);
  });
});
