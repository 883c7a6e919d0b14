// The delivery API and the token endpoint limit requests per caller and say so in their shapes.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startRegister, type TestRegister } from '../helpers/server.ts';

describe('rate limit', () => {
  let r: TestRegister;
  before(async () => {
    r = await startRegister('sqlite', { RATE_LIMIT_PER_MINUTE: '5' });
    await r.org('gm0001');
  });
  after(() => r.close());

  it('answers the delivery API with a 429 Message once a caller exceeds the limit, per caller', async () => {
    const a = await r.token(['role_1'], 'gm0001');
    const b = await r.token(['role_1'], 'gm0001');
    const statuses: number[] = [];
    let last: Awaited<ReturnType<TestRegister['call']>> | undefined;
    for (let i = 0; i < 6; i++) {
      last = await r.call('GET', '/aanleverapi/v1_0/organizations/gm0001/algorithms', { token: a });
      statuses.push(last.status);
    }
    assert.deepEqual(statuses, [200, 200, 200, 200, 200, 429]);
    assert.deepEqual(last!.body, { detail: 'Rate limit exceeded: 5 per 1 minute' });
    assert.ok(last!.headers.get('retry-after'));
    // Another client is counted on its own.
    assert.equal((await r.call('GET', '/aanleverapi/v1_0/organizations/gm0001/algorithms', { token: b })).status, 200);
  });

  it('limits the token endpoint per address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const res = await fetch(`${r.url}/oauth/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'grant_type=password&username=x&password=y' });
      statuses.push(res.status);
      if (res.status === 429) assert.equal(((await res.json()) as { error: string }).error, 'slow_down');
    }
    assert.equal(statuses.at(-1), 429);
  });
});
