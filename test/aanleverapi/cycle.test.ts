// A full cycle as a real client does it, in both flows, on both engines:
// token → create → get → update → NO_CHANGES → release → publish → get published →
// update while published → retract → archive/unarchive.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINES } from '../helpers/engines.ts';
import { startRegister, type TestRegister } from '../helpers/server.ts';
import { validRecord } from '../fixtures/records.ts';

const V = '/aanleverapi/v1_0/organizations';

for (const engine of ENGINES) {
  describe(`delivery API cycle (${engine})`, () => {
    let r: TestRegister;
    before(async () => {
      r = await startRegister(engine);
      await r.org('gm0001', 'ictu_last');
      await r.org('gm0002', 'self_publish_two');
    });
    after(() => r.close());

    it('ictu_last: editor releases, central publisher publishes', async () => {
      const editor = await r.token(['role_1'], 'gm0001');
      const publisher = await r.token(['ictu', 'all_groups']);

      const created = await r.call('POST', `${V}/gm0001/algorithms`, { token: editor, body: validRecord() });
      assert.equal(created.status, 200);
      const lars: string = created.body.lars_code;
      assert.match(lars, /^[1-9]{7}\d$/);

      const got = await r.call('GET', `${V}/gm0001/algorithms/${lars}`, { token: editor });
      assert.equal(got.status, 200);
      assert.equal(got.body.lars, lars);
      assert.equal(got.body.state, 'STATE_1');
      assert.equal(got.body.language, 'NLD');
      assert.equal(got.body.publication_dt, null);
      assert.equal(got.body.name, 'Toeslagcontrole parkeervergunningen');
      assert.ok(got.headers.get('etag'));

      const updated = await r.call('PUT', `${V}/gm0001/algorithms/${lars}`, { token: editor, body: validRecord({ name: 'Controle parkeervergunningen' }) });
      assert.equal(updated.status, 200);
      assert.equal(updated.body, null);

      const same = await r.call('PUT', `${V}/gm0001/algorithms/${lars}`, { token: editor, body: validRecord({ name: 'Controle parkeervergunningen' }) });
      assert.deepEqual(same.body, { message: 'NO_CHANGES' });

      const notYet = await r.call('GET', `${V}/gm0001/published-algorithms/${lars}`, { token: editor });
      assert.equal(notYet.status, 404);
      assert.equal(notYet.body.detail, `Er is geen gepubliceerd algoritme met LARS-code: ${lars}.`);

      // The editor may not publish in ictu_last.
      const editorPublish = await r.call('PUT', `${V}/gm0001/algorithms/${lars}/publish`, { token: editor });
      assert.equal(editorPublish.status, 403);
      assert.equal(editorPublish.body.detail, 'REQUIRED_STATE_CHANGE_PERMISSION_MISSING');

      // Publishing before release is a wrong origin state.
      const early = await r.call('PUT', `${V}/gm0001/algorithms/${lars}/publish`, { token: publisher });
      assert.equal(early.status, 409);
      assert.equal(early.body.detail, 'INVALID ORIGIN_STATE, CURRENT STATE: STATE_1');

      assert.equal((await r.call('PUT', `${V}/gm0001/algorithms/${lars}/release`, { token: editor })).status, 200);
      const again = await r.call('PUT', `${V}/gm0001/algorithms/${lars}/release`, { token: editor });
      assert.equal(again.status, 409);

      const published = await r.call('PUT', `${V}/gm0001/algorithms/${lars}/publish`, { token: publisher });
      assert.equal(published.status, 200);
      assert.equal(published.body, null);

      const live = await r.call('GET', `${V}/gm0001/published-algorithms/${lars}`, { token: editor });
      assert.equal(live.status, 200);
      assert.equal(live.body.state, 'PUBLISHED');
      assert.equal(live.body.name, 'Controle parkeervergunningen');
      assert.ok(!Number.isNaN(Date.parse(live.body.publication_dt)));

      // Editing while published makes a draft; the published version stays live.
      await r.call('PUT', `${V}/gm0001/algorithms/${lars}`, { token: editor, body: validRecord({ name: 'Nieuwe naam' }) });
      const latest = await r.call('GET', `${V}/gm0001/algorithms/${lars}`, { token: editor });
      assert.equal(latest.body.state, 'STATE_1');
      assert.equal(latest.body.name, 'Nieuwe naam');
      const stillLive = await r.call('GET', `${V}/gm0001/published-algorithms/${lars}`, { token: editor });
      assert.equal(stillLive.body.name, 'Controle parkeervergunningen');

      const list = await r.call('GET', `${V}/gm0001/algorithms`, { token: editor });
      assert.equal(list.status, 200);
      assert.equal(list.body.length, 1);
      assert.equal(list.body[0].lars, lars);
      assert.equal(list.body[0].published, true);
      assert.equal(list.body[0].current_version_published, false);
      assert.equal(list.body[0].current_version_released, false);
      assert.equal(list.body[0].schema_version, '1.0');
      assert.equal(list.body[0].name, 'Nieuwe naam');

      const retracted = await r.call('DELETE', `${V}/gm0001/published-algorithms/${lars}/retract`, { token: editor });
      assert.equal(retracted.status, 200);
      assert.equal((await r.call('GET', `${V}/gm0001/published-algorithms/${lars}`, { token: editor })).status, 404);
      // Nothing left to retract.
      assert.equal((await r.call('DELETE', `${V}/gm0001/published-algorithms/${lars}/retract`, { token: editor })).status, 409);

      // Archive and unarchive a version of this algorithm, seen through the versions list.
      const versions = await r.call('GET', `/aanleverapi/organisations/gm0001/algorithms/${lars}/versions`, { token: editor });
      assert.equal(versions.status, 200);
      const draft = versions.body.at(-1);
      assert.equal(draft.state, 'STATE_1');
      const archived = await r.call('PUT', `${V}/gm0001/algorithms/${lars}/archive_version`, { token: editor, body: { algorithm_version_id: draft.id } });
      assert.equal(archived.status, 200);
      assert.equal((await r.call('GET', `${V}/gm0001/algorithms/${lars}`, { token: editor })).body.state, 'ARCHIVED');
      const twice = await r.call('PUT', `${V}/gm0001/algorithms/${lars}/archive_version`, { token: editor, body: { algorithm_version_id: draft.id } });
      assert.equal(twice.status, 409);
      const unarchived = await r.call('PUT', `${V}/gm0001/algorithms/${lars}/unarchive_version`, { token: editor, body: { algorithm_version_id: draft.id } });
      assert.equal(unarchived.status, 200);
      assert.equal((await r.call('GET', `${V}/gm0001/algorithms/${lars}`, { token: editor })).body.state, 'STATE_1');
      const unknownVersion = await r.call('PUT', `${V}/gm0001/algorithms/${lars}/archive_version`, { token: editor, body: { algorithm_version_id: 999999 } });
      assert.equal(unknownVersion.status, 404);
      assert.equal(unknownVersion.body.detail, 'Er is geen algoritmeversie gevonden met ID: (999999)');

      // Every version is kept, none lost.
      const all = await r.call('GET', `/aanleverapi/organisations/gm0001/algorithms/${lars}/versions`, { token: editor });
      assert.deepEqual(all.body.map((v: { state: string }) => v.state), ['EXPIRED', 'EXPIRED', 'STATE_1']);
    });

    it('self_publish_two: release (legacy name) goes to the approver, who rejects with a reason, then publishes', async () => {
      const editor = await r.token(['role_1'], 'gm0002');
      const approver = await r.token(['role_2'], 'gm0002');
      const { body } = await r.call('POST', `${V}/gm0002/algorithms`, { token: editor, body: validRecord() });
      const lars = body.lars_code;

      assert.equal((await r.call('PUT', `${V}/gm0002/algorithms/${lars}/release`, { token: editor })).status, 200);
      const noReason = await r.call('PUT', `/aanleverapi/organisations/gm0002/algorithms/${lars}/state/reject_to_1`, { token: approver, body: {} });
      assert.equal(noReason.status, 422);
      const rejected = await r.call('PUT', `/aanleverapi/organisations/gm0002/algorithms/${lars}/state/reject_to_1`, { token: approver, body: { reason: 'Doel ontbreekt' } });
      assert.equal(rejected.status, 200);
      assert.equal((await r.call('GET', `${V}/gm0002/algorithms/${lars}`, { token: editor })).body.state, 'STATE_1');

      assert.equal((await r.call('PUT', `/aanleverapi/organisations/gm0002/algorithms/${lars}/state/release_to_2`, { token: editor })).status, 200);
      assert.equal((await r.call('PUT', `${V}/gm0002/algorithms/${lars}/publish`, { token: editor })).status, 403);
      assert.equal((await r.call('PUT', `${V}/gm0002/algorithms/${lars}/publish`, { token: approver })).status, 200);
      assert.equal((await r.call('GET', `${V}/gm0002/published-algorithms/${lars}`, { token: approver })).body.state, 'PUBLISHED');

      // In this flow only the approver retracts, and the version returns to STATE_2.
      assert.equal((await r.call('DELETE', `${V}/gm0002/published-algorithms/${lars}/retract`, { token: editor })).status, 403);
      assert.equal((await r.call('DELETE', `${V}/gm0002/published-algorithms/${lars}/retract`, { token: approver })).status, 200);
      assert.equal((await r.call('GET', `${V}/gm0002/algorithms/${lars}`, { token: editor })).body.state, 'STATE_2');

      const history = await r.call('GET', `/aanleverapi/organisations/gm0002/algorithms/${lars}/versions`, { token: editor });
      const actions = history.body.flatMap((v: { events: { action: string }[] }) => v.events.map((e) => e.action));
      assert.deepEqual(actions, ['created', 'released', 'rejected', 'released', 'published', 'retracted']);
      const rejection = history.body[0].events.find((e: { action: string }) => e.action === 'rejected');
      assert.equal(rejection.detail.reason, 'Doel ontbreekt');
    });

    it('If-Match stops a lost update', async () => {
      const editor = await r.token(['role_1'], 'gm0001');
      const { body } = await r.call('POST', `${V}/gm0001/algorithms`, { token: editor, body: validRecord() });
      const first = await r.call('GET', `${V}/gm0001/algorithms/${body.lars_code}`, { token: editor });
      const etag = first.headers.get('etag')!;
      const ok = await r.call('PUT', `${V}/gm0001/algorithms/${body.lars_code}`, { token: editor, body: validRecord({ name: 'A' }), headers: { 'if-match': etag } });
      assert.equal(ok.status, 200);
      const stale = await r.call('PUT', `${V}/gm0001/algorithms/${body.lars_code}`, { token: editor, body: validRecord({ name: 'B' }), headers: { 'if-match': etag } });
      assert.equal(stale.status, 412);
      assert.match(stale.body.detail, /^VERSION_CHANGED/);
      assert.equal((await r.call('GET', `${V}/gm0001/algorithms/${body.lars_code}`, { token: editor })).body.name, 'A');
    });

    it('upsert by source_id is idempotent', async () => {
      const editor = await r.token(['role_1'], 'gm0001');
      const first = await r.call('PUT', `${V}/gm0001/source-ids/zaak-42`, { token: editor, body: validRecord() });
      assert.equal(first.status, 200);
      assert.equal(first.body.message, 'CREATED');
      const second = await r.call('PUT', `${V}/gm0001/source-ids/zaak-42`, { token: editor, body: validRecord() });
      assert.deepEqual(second.body, { lars_code: first.body.lars_code, message: 'NO_CHANGES' });
      const third = await r.call('PUT', `${V}/gm0001/source-ids/zaak-42`, { token: editor, body: validRecord({ name: 'Anders' }) });
      assert.deepEqual(third.body, { lars_code: first.body.lars_code, message: 'UPDATED' });
      const list = await r.call('GET', `${V}/gm0001/algorithms`, { token: editor });
      assert.equal(list.body.filter((s: { source_id: string }) => s.source_id === 'zaak-42').length, 1);
    });

    it('remove is admin only and a soft delete', async () => {
      const editor = await r.token(['role_1'], 'gm0001');
      const admin = await r.token(['admin']);
      const { body } = await r.call('POST', `${V}/gm0001/algorithms`, { token: editor, body: validRecord() });
      assert.equal((await r.call('DELETE', `${V}/gm0001/algorithms/${body.lars_code}/remove`, { token: editor })).status, 403);
      const removed = await r.call('DELETE', `${V}/gm0001/algorithms/${body.lars_code}/remove`, { token: admin });
      assert.equal(removed.status, 200);
      assert.equal((await r.call('GET', `${V}/gm0001/algorithms/${body.lars_code}`, { token: editor })).status, 404);
      const kept = await r.app.ctx.kysely.selectFrom('versions').innerJoin('algorithms', 'algorithms.id', 'versions.algorithm_id').select('versions.id').where('algorithms.lars', '=', body.lars_code).execute();
      assert.equal(kept.length, 1);
      const audit = await r.app.ctx.kysely.selectFrom('audit_events').select('action').where('action', '=', 'removed').execute();
      assert.equal(audit.length, 1);
    });
  });
}
