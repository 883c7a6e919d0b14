// Every role × every endpoint × own and foreign organisation, in both flows, against the
// policy written out here by hand (the reference's rules, with our documented changes).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINES } from '../helpers/engines.ts';
import { startRegister, type TestRegister } from '../helpers/server.ts';
import { validRecord } from '../fixtures/records.ts';
import { authorize } from '../../src/auth/policy.ts';

type Endpoint = { name: string; method: string; path: (org: string, lars: string) => string; body?: unknown };

const V = '/aanleverapi/v1_0/organizations';
const ENDPOINTS: Endpoint[] = [
  { name: 'list', method: 'GET', path: (o) => `${V}/${o}/algorithms` },
  { name: 'create', method: 'POST', path: (o) => `${V}/${o}/algorithms`, body: validRecord() },
  { name: 'get', method: 'GET', path: (o, l) => `${V}/${o}/algorithms/${l}` },
  { name: 'put', method: 'PUT', path: (o, l) => `${V}/${o}/algorithms/${l}`, body: validRecord({ name: 'Gewijzigd' }) },
  { name: 'archive', method: 'PUT', path: (o, l) => `${V}/${o}/algorithms/${l}/archive_version`, body: { algorithm_version_id: 1 } },
  { name: 'published', method: 'GET', path: (o, l) => `${V}/${o}/published-algorithms/${l}` },
  { name: 'preview', method: 'GET', path: (o, l) => `${V}/${o}/algorithms/${l}/preview` },
  { name: 'versions', method: 'GET', path: (o, l) => `/aanleverapi/organisations/${o}/algorithms/${l}/versions` },
  { name: 'release', method: 'PUT', path: (o, l) => `${V}/${o}/algorithms/${l}/release` },
  { name: 'publish', method: 'PUT', path: (o, l) => `${V}/${o}/algorithms/${l}/publish` },
  { name: 'reject', method: 'PUT', path: (o, l) => `/aanleverapi/organisations/${o}/algorithms/${l}/state/reject_to_1`, body: { reason: 'nee' } },
  { name: 'retract', method: 'DELETE', path: (o, l) => `${V}/${o}/published-algorithms/${l}/retract` },
  { name: 'remove', method: 'DELETE', path: (o, l) => `${V}/${o}/algorithms/${l}/remove` },
];

const READ = ['list', 'get', 'published', 'preview', 'versions'];
const EDIT = [...READ, 'put', 'archive'];

/** What each principal may do in its own organisation, per flow. Anything else is 403. */
const ALLOWED: Record<string, Record<string, string[]>> = {
  ictu_last: {
    editor: [...EDIT, 'create', 'release', 'retract'],
    approver: ['list'],
    central: [...EDIT, 'publish', 'reject', 'retract'],
    admin: ENDPOINTS.map((e) => e.name),
    allGroups: ['list'],
    disabled: [],
  },
  self_publish_two: {
    editor: [...EDIT, 'create', 'release'],
    approver: [...EDIT, 'publish', 'reject', 'retract'],
    central: ['list'],
    admin: ENDPOINTS.map((e) => e.name),
    allGroups: ['list'],
    disabled: [],
  },
};

const PRINCIPALS: Record<string, string[]> = {
  editor: ['role_1'],
  approver: ['role_2'],
  central: ['ictu', 'all_groups'],
  allGroups: ['all_groups'],
  disabled: ['disabled', 'role_1'],
  admin: ['admin'],
};

for (const engine of ENGINES) {
  describe(`authorization matrix (${engine})`, () => {
    let r: TestRegister;
    before(async () => {
      r = await startRegister(engine);
      await r.org('own1', 'ictu_last');
      await r.org('own2', 'self_publish_two');
      await r.org('other', 'ictu_last');
    });
    after(() => r.close());

    for (const flow of ['ictu_last', 'self_publish_two'] as const) {
      it(`own organisation, ${flow}`, async () => {
        const org = flow === 'ictu_last' ? 'own1' : 'own2';
        const admin = await r.token(['admin']);
        for (const [who, roles] of Object.entries(PRINCIPALS)) {
          const member = roles.includes('all_groups') || roles.includes('admin') ? null : org;
          const token = await r.token(roles, member);
          const { body } = await r.call('POST', `${V}/${org}/algorithms`, { token: admin, body: validRecord() });
          const lars = body.lars_code;
          for (const e of ENDPOINTS) {
            const res = await r.call(e.method, e.path(org, lars), { token, body: e.body });
            const expected = ALLOWED[flow][who].includes(e.name);
            assert.equal(res.status === 403, !expected, `${who} ${e.name} in ${flow}: got ${res.status} ${JSON.stringify(res.body)}`);
            assert.notEqual(res.status, 500, `${who} ${e.name}`);
            if (!expected) assert.equal(typeof res.body.detail, 'string');
          }
        }
      });
    }

    it('a foreign organisation is 403 on every endpoint and its LARS gives no data', async () => {
      const admin = await r.token(['admin']);
      const { body } = await r.call('POST', `${V}/other/algorithms`, { token: admin, body: validRecord() });
      const foreignLars = body.lars_code;
      const { body: own } = await r.call('POST', `${V}/own1/algorithms`, { token: admin, body: validRecord() });
      for (const roles of [['role_1'], ['role_2'], ['ictu'], ['orgdetail']]) {
        const token = await r.token(roles, 'own1');
        for (const e of ENDPOINTS) {
          // Through the foreign organisation's path.
          const viaOrg = await r.call(e.method, e.path('other', foreignLars), { token, body: e.body });
          assert.equal(viaOrg.status, 403, `${roles} ${e.name} via foreign path`);
          assert.ok(!('name' in (viaOrg.body ?? {})));
          // A foreign LARS through the caller's own organisation's path.
          if (e.path('own1', 'X').includes('X')) {
            const viaOwn = await r.call(e.method, e.path('own1', foreignLars), { token, body: e.body });
            assert.equal(viaOwn.status, 403, `${roles} ${e.name} foreign LARS via own path: ${viaOwn.status}`);
            assert.ok(!('name' in (viaOwn.body ?? {})));
          }
        }
      }
      // The foreign algorithm is untouched.
      const check = await r.call('GET', `${V}/other/algorithms/${foreignLars}`, { token: admin });
      assert.equal(check.body.state, 'STATE_1');
      assert.equal(check.body.name, validRecord().name);
      assert.ok(own.lars_code);
    });

    it('unknown LARS is 404, no token 401, a bad token 401 with WWW-Authenticate', async () => {
      const token = await r.token(['role_1'], 'own1');
      const unknown = await r.call('GET', `${V}/own1/algorithms/12345670`, { token });
      assert.equal(unknown.status, 404);
      assert.deepEqual(unknown.body, { detail: 'Not Found' });
      const none = await r.call('GET', `${V}/own1/algorithms`);
      assert.deepEqual([none.status, none.body], [401, { detail: 'TOKEN_NOT_FOUND' }]);
      const bad = await r.call('GET', `${V}/own1/algorithms`, { token: `${token.slice(0, -4)}AAAA` });
      assert.equal(bad.status, 401);
      assert.equal(bad.headers.get('www-authenticate'), 'Bearer');
      assert.equal(bad.body.detail, 'Inloggegevens konden niet succesvol worden gevalideerd.');
    });

    it('the policy module agrees with the table', () => {
      const principal = (roles: string[], groups: string[]) => ({ id: 'x', name: 'x', username: 'x', firstName: null, lastName: null, roles, groups });
      assert.ok(authorize(principal(['role_1'], ['a']), { kind: 'permission', method: 'POST' }, { code: 'a', flow: 'ictu_last' }).ok);
      assert.deepEqual(authorize(principal(['role_1'], ['a']), { kind: 'permission', method: 'GET' }, { code: 'b', flow: 'ictu_last' }), { ok: false, detail: 'REQUIRED_ORGANISATION_B_MISSING' });
      assert.deepEqual(authorize(principal(['role_2'], ['a']), { kind: 'permission', method: 'POST' }, { code: 'a', flow: 'self_publish_two' }), { ok: false, detail: 'REQUIRED_PERMISSION_POST_MISSING' });
      assert.deepEqual(authorize(principal(['disabled', 'admin'], []), { kind: 'authenticated' }), { ok: false, detail: 'USER_NOT_ACTIVATED' });
    });
  });
}
