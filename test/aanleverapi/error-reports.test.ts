// Error reports from the public site reach the organisation through the delivery API's base
// endpoints: its members list them and mark them handled; nobody else sees them.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINES } from '../helpers/engines.ts';
import { startRegister, type TestRegister } from '../helpers/server.ts';
import { validRecord } from '../fixtures/records.ts';
import { submitReport } from '../../src/register/error-reports.ts';
import { eventsOfAlgorithm } from '../../src/register/audit.ts';
import { findAlgorithm } from '../../src/register/algorithms.ts';

const V = '/aanleverapi/v1_0/organizations';
const BASE = '/aanleverapi/organisations';

for (const engine of ENGINES) {
  describe(`error reports for the organisation (${engine})`, () => {
    let r: TestRegister;
    let editor: string;
    let stranger: string;
    let lars: string;
    before(async () => {
      r = await startRegister(engine);
      await r.org('gm0001', 'ictu_last', 'Gemeente Een');
      await r.org('gm0002', 'ictu_last', 'Gemeente Twee');
      editor = await r.token(['role_1'], 'gm0001');
      stranger = await r.token(['role_1'], 'gm0002');
      const publisher = await r.token(['ictu', 'all_groups']);
      lars = (await r.call('POST', `${V}/gm0001/algorithms`, { token: editor, body: validRecord() })).body.lars_code;
      await r.call('PUT', `${V}/gm0001/algorithms/${lars}/release`, { token: editor });
      await r.call('PUT', `${V}/gm0001/algorithms/${lars}/publish`, { token: publisher });
      for (const message of ['De contactgegevens kloppen niet meer.', 'De link naar de wet werkt niet.']) {
        const result = await submitReport(r.app.ctx.kysely, { lars, message, email: '', language: 'nl' });
        assert.ok(result.ok);
      }
    });
    after(() => r.close());

    it('lists the reports to the organisation, newest first, by status', async () => {
      const all = await r.call('GET', `${BASE}/gm0001/error-reports`, { token: editor });
      assert.equal(all.status, 200);
      assert.deepEqual(all.body.map((x: { message: string }) => x.message), ['De link naar de wet werkt niet.', 'De contactgegevens kloppen niet meer.']);
      assert.ok(all.body.every((x: { lars: string; status: string }) => x.lars === lars && x.status === 'new'));
      assert.equal((await r.call('GET', `${BASE}/gm0001/error-reports?status=handled`, { token: editor })).body.length, 0);
      assert.equal((await r.call('GET', `${BASE}/gm0001/error-reports?status=lost`, { token: editor })).status, 422);
    });

    it('keeps them from other organisations', async () => {
      assert.equal((await r.call('GET', `${BASE}/gm0001/error-reports`, { token: stranger })).status, 403);
      assert.deepEqual((await r.call('GET', `${BASE}/gm0002/error-reports`, { token: stranger })).body, []);
      const id = (await r.call('GET', `${BASE}/gm0001/error-reports`, { token: editor })).body[0].id;
      assert.equal((await r.call('PUT', `${BASE}/gm0002/error-reports/${id}/handled`, { token: stranger })).status, 404);
      assert.equal((await r.call('GET', `${BASE}/gm0001/error-reports`)).status, 401);
    });

    it('marks one handled once, audited', async () => {
      const id = (await r.call('GET', `${BASE}/gm0001/error-reports`, { token: editor })).body[1].id;
      const done = await r.call('PUT', `${BASE}/gm0001/error-reports/${id}/handled`, { token: editor });
      assert.equal(done.status, 200);
      assert.equal(done.body.status, 'handled');
      assert.equal((await r.call('PUT', `${BASE}/gm0001/error-reports/${id}/handled`, { token: editor })).status, 409);
      assert.equal((await r.call('PUT', `${BASE}/gm0001/error-reports/abc/handled`, { token: editor })).status, 404);
      assert.equal((await r.call('GET', `${BASE}/gm0001/error-reports?status=new`, { token: editor })).body.length, 1);
      const algorithm = (await findAlgorithm(r.app.ctx.kysely, lars))!;
      assert.ok((await eventsOfAlgorithm(r.app.ctx.kysely, algorithm.id)).some((e) => e.action === 'error_report_handled'));
      const page = await (await fetch(`${r.url}/algoritme/${lars}`)).text();
      assert.match(page, /er staat nu 1 melding open/);
    });
  });
}
