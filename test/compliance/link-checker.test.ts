// The link checker against a local HTTP server started here (never the internet): HEAD then GET, redirects up
// to 5, timeouts, private addresses, the pace per host, and on both engines the stored results, the link
// inventory of published descriptions and which links are due.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ENGINES } from '../helpers/engines.ts';
import { complianceRegister, type ComplianceRegister } from './register-setup.ts';
import { checkLinks, checkUrl, isPrivateHost } from '../../src/compliance/links/link-checker.ts';
import { HostPacer } from '../../src/compliance/links/host-pacer.ts';
import { dueLinks, refreshAllLinkUses, refreshLinkUses } from '../../src/compliance/links/link-inventory.ts';
import { linkCheckRound } from '../../src/compliance/links/link-check-round.ts';

let server: Server;
let base: string;
const seen: { method: string; path: string; at: number }[] = [];

before(async () => {
  server = createServer((req, res) => {
    const path = req.url ?? '/';
    seen.push({ method: req.method ?? '', path, at: Date.now() });
    const redirect = /^\/redirect\/(\d+)$/.exec(path);
    if (path === '/ok' || path === '/round/ok' || path.startsWith('/paced/')) res.writeHead(200).end('fine');
    else if (path === '/head-refused') res.writeHead(req.method === 'HEAD' ? 405 : 200).end('fine');
    else if (redirect) {
      const left = Number(redirect[1]);
      res.writeHead(302, { location: left === 0 ? '/ok' : `/redirect/${left - 1}` }).end();
    } else if (path === '/slow') setTimeout(() => res.writeHead(200).end('late'), 1500).unref();
    else if (path === '/to-ftp') res.writeHead(301, { location: 'ftp://example.org/file' }).end();
    else res.writeHead(404).end('gone');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => new Promise<void>((resolve) => server.close(() => resolve())));

const local = { allowPrivateHosts: true, perHostIntervalMs: 0, timeoutMs: 500 };

describe('checking one link', () => {
  it('a working link', async () => {
    const result = await checkUrl(`${base}/ok`, local);
    assert.deepEqual([result.ok, result.statusCode, result.redirects, result.error, result.host], [true, 200, 0, null, '127.0.0.1']);
  });

  it('falls back to GET when HEAD is refused', async () => {
    seen.length = 0;
    const result = await checkUrl(`${base}/head-refused`, local);
    assert.deepEqual([result.ok, result.statusCode], [true, 200]);
    assert.deepEqual(seen.map((s) => s.method), ['HEAD', 'GET']);
  });

  it('follows up to 5 redirects and no more', async () => {
    const five = await checkUrl(`${base}/redirect/4`, local);
    assert.deepEqual([five.ok, five.redirects, five.finalUrl], [true, 5, `${base}/ok`]);
    const six = await checkUrl(`${base}/redirect/5`, local);
    assert.equal(six.ok, false);
    assert.equal(six.error, 'more than 5 redirects');
    const ftp = await checkUrl(`${base}/to-ftp`, local);
    assert.deepEqual([ftp.ok, ftp.redirects], [false, 1]);
    assert.match(ftp.error ?? '', /not a web address/);
  });

  it('a missing page, a timeout, a closed port and a non-address are broken', async () => {
    const missing = await checkUrl(`${base}/nothing`, local);
    assert.deepEqual([missing.ok, missing.statusCode, missing.error], [false, 404, 'HTTP 404']);
    const slow = await checkUrl(`${base}/slow`, { ...local, timeoutMs: 100 });
    assert.deepEqual([slow.ok, slow.statusCode], [false, null]);
    assert.match(slow.error ?? '', /timeout/);
    const closed = await checkUrl('http://127.0.0.1:1/', local);
    assert.deepEqual([closed.ok, closed.statusCode], [false, null]);
    assert.equal((await checkUrl('not a url', local)).error, 'not a web address');
  });

  it('does not visit this machine or private networks unless allowed', async () => {
    seen.length = 0;
    const refused = await checkUrl(`${base}/ok`, { timeoutMs: 500 });
    assert.deepEqual([refused.ok, refused.error], [false, 'private address not visited']);
    assert.equal(seen.length, 0);
    for (const host of ['localhost', '127.0.0.1', '10.1.2.3', '172.20.0.1', '192.168.1.1', '169.254.169.254', '[::1]', 'fd00::1']) assert.equal(isPrivateHost(host), true, host);
    for (const host of ['wetten.overheid.nl', '8.8.8.8', '172.32.0.1']) assert.equal(isPrivateHost(host), false, host);
  });

  it('keeps the pace per host, and does not make other hosts wait', async () => {
    // The pacer hands out start times; these are what it promises, free of network jitter.
    const pacer = new HostPacer(100);
    const t0 = Date.now();
    const started: Record<string, number[]> = { a: [], b: [] };
    await Promise.all(['a', 'a', 'a', 'b'].map(async (host) => {
      await pacer.wait(host);
      started[host].push(Date.now() - t0);
    }));
    started.a.sort((x, y) => x - y);
    // Slots are booked one interval apart from the first: a late timer never lets the next one start early.
    for (let i = 1; i < 3; i++) assert.ok(started.a[i] >= i * 100 - 2, `host a: ${started.a.join(', ')} ms`);
    assert.ok(started.b[0] < 50, `host b waited ${started.b[0]} ms`);
  });
});

for (const engine of ENGINES) {
  describe(`stored link checks and due links (${engine})`, () => {
    let c: ComplianceRegister;
    before(async () => {
      c = await complianceRegister(engine);
    });
    after(() => c.r.close());

    it('keeps the links of published descriptions, checks the due ones and stores the results', async () => {
      const db = c.r.app.ctx.kysely;
      const org = await c.org('gm0001');
      const published = await c.algorithm(
        org,
        { website: `${base}/ok`, impacttoetsen_grouping: [{ title: 'DPIA', link: `${base}/nothing` }], lawful_basis_grouping: [{ title: 'Wet', link: `${base}/head-refused` }] },
        { publish: true },
      );
      const draft = await c.algorithm(org, { website: `${base}/redirect/1` });
      assert.equal(await refreshAllLinkUses(db), 3);
      const uses = await db.selectFrom('link_uses').selectAll().orderBy('field').execute();
      assert.deepEqual(uses.map((u) => [u.algorithm_id, u.field]), [[published, 'impacttoetsen_grouping'], [published, 'lawful_basis_grouping'], [published, 'website']]);
      assert.ok(!uses.some((u) => u.algorithm_id === draft), 'drafts are not public, so not checked');

      const now = new Date('2026-03-01T12:00:00.000Z');
      const due = await dueLinks(db, { now });
      assert.deepEqual(due.sort(), [`${base}/head-refused`, `${base}/nothing`, `${base}/ok`]);
      const results = await checkLinks(db, due, { ...local, now: () => now });
      assert.equal(results.length, 3);
      const stored = await db.selectFrom('link_checks').selectAll().orderBy('url').execute();
      assert.deepEqual(stored.map((s) => [s.url, s.status_code, s.ok, s.checked_at]), [
        [`${base}/head-refused`, 200, 1, now.toISOString()],
        [`${base}/nothing`, 404, 0, now.toISOString()],
        [`${base}/ok`, 200, 1, now.toISOString()],
      ]);
      // A day later only the broken one is due; a week later all of them.
      assert.deepEqual(await dueLinks(db, { now: new Date('2026-03-02T13:00:00.000Z') }), [`${base}/nothing`]);
      assert.equal((await dueLinks(db, { now: new Date('2026-03-09T13:00:00.000Z') })).length, 3);
      assert.deepEqual(await dueLinks(db, { now: new Date('2026-03-09T13:00:00.000Z'), limit: 1 }), [`${base}/head-refused`]);
      // A new check replaces the last one.
      await checkLinks(db, [`${base}/nothing`], { ...local, now: () => new Date('2026-03-03T00:00:00.000Z') });
      assert.equal((await db.selectFrom('link_checks').select('checked_at').where('url', '=', `${base}/nothing`).executeTakeFirstOrThrow()).checked_at, '2026-03-03T00:00:00.000Z');

      // Refreshing one algorithm rewrites only its rows.
      await db.updateTable('versions').set({ state: 'EXPIRED' }).where('algorithm_id', '=', published).execute();
      await refreshLinkUses(db, [published]);
      assert.equal((await db.selectFrom('link_uses').selectAll().execute()).length, 0);
    });

    it('checks the links of one host at its pace', async () => {
      // Three links on one host cannot all be done before two intervals have passed.
      seen.length = 0;
      const before = Date.now();
      const results = await checkLinks(c.r.app.ctx.kysely, [1, 2, 3].map((n) => `${base}/paced/${n}`), { ...local, perHostIntervalMs: 100 });
      assert.ok(Date.now() - before >= 198, `took ${Date.now() - before} ms`);
      assert.deepEqual(results.map((r) => r.ok), [true, true, true]);
      assert.equal(seen.length, 3);
    });

    it('a scheduled round checks what is due and rescores the algorithms whose links changed', async () => {
      const db = c.r.app.ctx.kysely;
      const org = await c.org('gm0005');
      const id = await c.algorithm(org, { website: `${base}/round/ok`, impacttoetsen_grouping: [{ title: 'DPIA', link: `${base}/round/gone` }], lawful_basis_grouping: [{ title: 'Wet', link: `${base}/round/ok` }] }, { publish: true });
      const first = await linkCheckRound(db, { ...local, now: () => new Date('2026-04-01T00:00:00.000Z') });
      assert.equal(first.checked, 2);
      assert.equal(first.broken, 1);
      assert.equal(first.rescored, 1);
      const score = await db.selectFrom('quality_scores').select(['score', 'warnings']).where('algorithm_id', '=', id).executeTakeFirstOrThrow();
      assert.ok(score.warnings >= 1);
      // Nothing due an hour later: nothing checked, nothing rescored.
      const second = await linkCheckRound(db, { ...local, now: () => new Date('2026-04-01T01:00:00.000Z') });
      assert.deepEqual([second.checked, second.rescored], [0, 0]);
    });
  });
}
