// Whatever a client sends, the delivery API answers with a 4xx that names the problem, never a
// 5xx, and nothing already stored is lost.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ENGINES } from '../helpers/engines.ts';
import { startRegister, type TestRegister } from '../helpers/server.ts';
import { validRecord } from '../fixtures/records.ts';
import { CURRENT_STANDARD } from '../../src/standard/index.ts';

const V = '/aanleverapi/v1_0/organizations';

for (const engine of ENGINES) {
  describe(`bad input (${engine})`, () => {
    let r: TestRegister;
    let editor: string;
    let lars: string;
    before(async () => {
      r = await startRegister(engine, { RATE_LIMIT_PER_MINUTE: '0' });
      await r.org('gm0001');
      editor = await r.token(['role_1'], 'gm0001');
      lars = (await r.call('POST', `${V}/gm0001/algorithms`, { token: editor, body: validRecord() })).body.lars_code;
    });
    after(() => r.close());

    it('answers invalid JSON with a 422 json_invalid, as the reference', async () => {
      for (const raw of ['{', '{"name": }', 'nul', '[1,2', '"unterminated']) {
        const res = await r.call('POST', `${V}/gm0001/algorithms`, { token: editor, raw });
        assert.equal(res.status, 422, raw);
        assert.equal(res.body.detail[0].type, 'json_invalid');
      }
    });

    it('answers a missing or non-object body with a 422 at loc body', async () => {
      const empty = await r.call('POST', `${V}/gm0001/algorithms`, { token: editor });
      assert.equal(empty.status, 422);
      assert.deepEqual(empty.body.detail[0].loc, ['body']);
      for (const body of [[], 'x', 1, true, null]) {
        const res = await r.call('PUT', `${V}/gm0001/algorithms/${lars}`, { token: editor, body });
        assert.equal(res.status, 422, JSON.stringify(body));
        assert.deepEqual(res.body.detail[0].loc, ['body']);
      }
    });

    it('names the field of every problem', async () => {
      const res = await r.call('POST', `${V}/gm0001/algorithms`, {
        token: editor,
        body: validRecord({ name: 'x'.repeat(101), status: 'Actief', category: ['Verkeer', 3], lawful_basis_grouping: [{ link: 'https://a.nl' }] }),
      });
      assert.equal(res.status, 422);
      assert.deepEqual(res.body.detail.map((d: { loc: unknown[] }) => d.loc.join('.')), ['body.name', 'body.category.1', 'body.status', 'body.lawful_basis_grouping.0.title']);
      for (const d of res.body.detail) assert.ok(d.msg.length > 5 && d.type);
    });

    it('refuses other media types and oversized bodies with a 4xx Message', async () => {
      const xml = await fetch(`${r.url}${V}/gm0001/algorithms`, { method: 'POST', headers: { authorization: `Bearer ${editor}`, 'content-type': 'application/xml' }, body: '<a/>' });
      assert.equal(xml.status, 415);
      assert.equal(typeof ((await xml.json()) as { detail: unknown }).detail, 'string');
      // Plain text is read as a (non-object) body: a 422 at loc body.
      const text = await fetch(`${r.url}${V}/gm0001/algorithms`, { method: 'POST', headers: { authorization: `Bearer ${editor}`, 'content-type': 'text/plain' }, body: 'hello' });
      assert.equal(text.status, 422);
      const huge = await r.call('POST', `${V}/gm0001/algorithms`, { token: editor, raw: JSON.stringify(validRecord({ goal: 'x'.repeat(2_000_000) })) });
      assert.equal(huge.status, 413);
    });

    it('never answers a 5xx to random bodies, paths and parameters', async () => {
      const keys = CURRENT_STANDARD.fields.map((f) => f.key);
      const bodies = fc.oneof(
        fc.anything(),
        fc.dictionary(fc.constantFrom(...keys), fc.anything()).map((d) => ({ ...validRecord(), ...d })),
        fc.dictionary(fc.constantFrom(...keys), fc.oneof(fc.string({ unit: 'binary' }), fc.constantFrom('   ', '\u0000', '<p>', '<script>', '&', '\ud800'))).map((d) => ({ ...validRecord(), ...d })),
      );
      const segment = fc.oneof(fc.constant(lars), fc.string({ unit: 'binary', maxLength: 30 }).map(encodeURIComponent), fc.constantFrom('..', '%00', '%ZZ', '12345670', '99999999'));
      await fc.assert(
        fc.asyncProperty(bodies, segment, fc.constantFrom('POST', 'PUT', 'GET', 'DELETE'), async (body, seg, method) => {
          const paths = [`${V}/gm0001/algorithms`, `${V}/gm0001/algorithms/${seg}`, `${V}/${seg}/algorithms`, `${V}/gm0001/algorithms/${seg}/archive_version`, `/aanleverapi/organisation?limit=${seg}&skip=${seg}&q=${seg}`, `/aanleverapi/templates/${seg}`];
          for (const path of paths) {
            const res = await r.call(method, path, { token: editor, body: method === 'GET' || method === 'DELETE' ? undefined : body });
            assert.ok(res.status < 500, `${method} ${path} ${JSON.stringify(body)?.slice(0, 200)} → ${res.status} ${JSON.stringify(res.body)}`);
          }
        }),
        { numRuns: 150 },
      );
    });

    it('answers repeated or out-of-range query parameters with a 422 naming them', async () => {
      for (const [query, name] of [['q=a&q=b', 'q'], ['q=' + 'x'.repeat(51), 'q'], ['limit=0', 'limit'], ['limit=1001', 'limit'], ['skip=-1', 'skip'], ['limit=1&limit=2', 'limit']]) {
        const res = await r.call('GET', `/aanleverapi/organisation?${query}`, { token: editor });
        assert.equal(res.status, 422, query);
        assert.deepEqual(res.body.detail[0].loc, ['query', name]);
      }
    });

    it('keeps what was stored', async () => {
      const got = await r.call('GET', `${V}/gm0001/algorithms/${lars}`, { token: editor });
      assert.equal(got.status, 200);
      assert.equal(got.body.lars, lars);
    });
  });
}
