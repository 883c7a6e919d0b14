// The Atom feed over real HTTP, on each engine: well-formed XML with the elements Atom requires,
// newest publication first, at most 50 entries, a new version on top, retracted and removed
// algorithms gone, filters by organisation and theme, ETag and Cache-Control, and bad filters a
// 4xx naming the problem.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { DomUtils } from 'htmlparser2';
import type { Element } from 'domhandler';
import { children, parseXml } from '../helpers/xml.ts';
import { decodeHTML } from 'entities';
import { ENGINES } from '../helpers/engines.ts';
import { startRegister, type TestRegister } from '../helpers/server.ts';
import { importRecords } from '../../src/register/import.ts';
import { changeState, findAlgorithm, removeAlgorithm } from '../../src/register/algorithms.ts';
import { SYSTEM_ACTOR } from '../../src/register/actor.ts';
import { validRecord } from '../fixtures/records.ts';

const FEED = '/api/v1/feeds/algorithms.atom';
const ATOM_NS = 'http://www.w3.org/2005/Atom';
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

const child = (el: Element, name: string) => children(el, name)[0];
const text = (el: Element | undefined) => (el ? DomUtils.textContent(el) : undefined);

interface Entry {
  id: string;
  title: string;
  updated: string;
  link: string;
  summary: string;
  author: string;
}

function readFeed(xml: string) {
  const feed = parseXml(xml);
  assert.equal(feed.name, 'feed');
  assert.equal(feed.attribs.xmlns, ATOM_NS);
  const links = children(feed, 'link').map((l) => l.attribs);
  const entries: Entry[] = children(feed, 'entry').map((e) => {
    for (const required of ['id', 'title', 'updated', 'link']) assert.ok(child(e, required), `entry has <${required}>`);
    assert.equal(child(e, 'title').attribs.type, 'html');
    return {
      id: text(child(e, 'id'))!,
      title: decodeHTML(text(child(e, 'title'))!),
      updated: text(child(e, 'updated'))!,
      link: child(e, 'link').attribs.href,
      summary: decodeHTML(text(child(e, 'summary')) ?? ''),
      author: text(child(child(e, 'author'), 'name'))!,
    };
  });
  for (const e of entries) assert.match(e.updated, RFC3339);
  return { id: text(child(feed, 'id')), title: text(child(feed, 'title')), updated: text(child(feed, 'updated')), links, entries };
}

for (const engine of ENGINES) {
  describe(`open data: Atom feeds (${engine})`, () => {
    let register: TestRegister;
    const lars: Record<string, string> = {};
    const pause = () => new Promise((resolve) => setTimeout(resolve, 5));
    const publish = async (records: Record<string, unknown>[]) => {
      const report = await importRecords(register.app.ctx.kysely, records, SYSTEM_ACTOR, { publish: true });
      assert.deepEqual(report.errors, []);
      await pause(); // each publication its own moment
      return report.lars;
    };
    const publishedAt = async (code: string) =>
      (await register.app.ctx.kysely
        .selectFrom('versions as v')
        .innerJoin('algorithms as a', 'a.id', 'v.algorithm_id')
        .select(['v.id', 'v.published_at'])
        .where('a.lars', '=', code)
        .where('v.state', '=', 'PUBLISHED')
        .executeTakeFirstOrThrow());
    const getFeed = async (query = '') => {
      const response = await fetch(`${register.url}${FEED}${query}`);
      const body = await response.text();
      assert.equal(response.status, 200, body);
      return { response, feed: readFeed(body) };
    };

    before(async () => {
      register = await startRegister(engine);
      await register.org('gm8001', 'ictu_last', 'Gemeente Één & <Twee>');
      await register.org('gm8002');
      [lars.a] = await publish([validRecord({ organisation_code: 'gm8001', name: 'Alfa & "Omega" ]]> einde', description_short: 'Korte <uitleg> & meer.', category: ['Werk'] })]);
      [lars.b] = await publish([validRecord({ organisation_code: 'gm8002', name: 'Bravo', category: ['Verkeer'] })]);
      [lars.c] = await publish([validRecord({ organisation_code: 'gm8001', name: 'Charlie', category: ['Zorg en gezondheid'] })]);
    });
    after(async () => register.close());

    it('is well-formed Atom with the required elements, newest publication first', async () => {
      const { response, feed } = await getFeed();
      assert.match(response.headers.get('content-type') ?? '', /^application\/atom\+xml/);
      assert.equal(response.headers.get('cache-control'), 'public, max-age=300');
      assert.match(response.headers.get('etag') ?? '', /^".+"$/);
      assert.equal(feed.id, `${register.url}${FEED}`);
      assert.ok(feed.title);
      assert.match(feed.updated ?? '', RFC3339);
      assert.ok(feed.links.some((l) => l.rel === 'self' && l.href === `${register.url}${FEED}`));
      assert.ok(feed.links.some((l) => l.rel === 'alternate' && l.href === `${register.url}/`));
      assert.deepEqual(feed.entries.map((e) => e.link), [lars.c, lars.b, lars.a].map((code) => `${register.url}/algoritme/${code}`));
      const a = await publishedAt(lars.a);
      const entryA = feed.entries[2];
      assert.equal(entryA.updated, a.published_at);
      assert.equal(entryA.id, `${register.url}/api/v1/algorithms/${lars.a}/versions/${a.id}`);
      // Plain text stays plain text through the html-typed elements.
      const stored = JSON.parse((await register.app.ctx.kysely.selectFrom('versions').select('content').where('id', '=', a.id).executeTakeFirstOrThrow()).content);
      assert.equal(entryA.title, stored.name);
      assert.equal(entryA.summary, stored.description_short);
      assert.match(entryA.title, /& "Omega" \]\]> einde/);
      assert.equal(entryA.author, 'Gemeente Één & <Twee>');
      assert.equal(feed.updated, feed.entries[0].updated, 'the feed changed when its newest entry did');
    });

    it('answers 304 to the ETag it gave, until something is published', async () => {
      const first = await fetch(register.url + FEED);
      const etag = first.headers.get('etag')!;
      await first.text();
      const again = await fetch(register.url + FEED, { headers: { 'if-none-match': etag } });
      assert.equal(again.status, 304);
      await publish([validRecord({ organisation_code: 'gm8002', name: 'Delta' })]);
      const changed = await fetch(register.url + FEED, { headers: { 'if-none-match': etag } });
      assert.equal(changed.status, 200);
      assert.notEqual(changed.headers.get('etag'), etag);
      await changed.text();
      lars.d = (await register.app.ctx.kysely.selectFrom('algorithms').select('lars').orderBy('id', 'desc').executeTakeFirstOrThrow()).lars;
    });

    it('a new version of an algorithm comes first; a retracted or removed algorithm leaves the feed', async () => {
      const before = (await getFeed()).feed;
      const oldId = before.entries.find((e) => e.link.endsWith(lars.a))!.id;
      await publish([validRecord({ organisation_code: 'gm8001', lars: lars.a, name: 'Alfa, nieuwe versie', category: ['Werk'] })]);
      const db = register.app.ctx.kysely;
      await changeState(db, (await findAlgorithm(db, lars.b))!, 'ictu_last', 'retract', SYSTEM_ACTOR);
      await removeAlgorithm(db, (await findAlgorithm(db, lars.d))!, SYSTEM_ACTOR);
      const { feed } = await getFeed();
      assert.deepEqual(feed.entries.map((e) => e.link), [lars.a, lars.c].map((code) => `${register.url}/algoritme/${code}`));
      assert.equal(feed.entries[0].title, 'Alfa, nieuwe versie');
      assert.notEqual(feed.entries[0].id, oldId, 'a new version is a new entry');
      assert.equal(feed.entries[0].updated, (await publishedAt(lars.a)).published_at);
      assert.equal(feed.updated, feed.entries[0].updated);
    });

    it('filters by organisation and by theme', async () => {
      const byOrg = (await getFeed('?organisation=gm8001')).feed;
      assert.deepEqual(byOrg.entries.map((e) => e.link.slice(-8)), [lars.a, lars.c]);
      assert.equal(byOrg.id, `${register.url}${FEED}?organisation=gm8001`);
      assert.match(byOrg.title ?? '', /Gemeente Één & <Twee>/);
      assert.ok(byOrg.links.some((l) => l.rel === 'alternate' && l.href === `${register.url}/organisatie/gm8001`));
      const care = (await getFeed(`?theme=${encodeURIComponent('Zorg en gezondheid')}`)).feed;
      assert.deepEqual(care.entries.map((e) => e.link.slice(-8)), [lars.c]);
      assert.match(care.title ?? '', /Zorg en gezondheid/);
      const none = (await getFeed('?organisation=gm8002&theme=Werk')).feed;
      assert.deepEqual(none.entries, []);
      assert.match(none.updated ?? '', RFC3339, 'an empty feed still says when it was updated');
    });

    it('holds the 50 newest; a theme feed looks past the newest publications that only mention the theme', async () => {
      // 120 newer publications whose content names "Werk" (as a lawful basis), but whose theme is not Werk.
      const decoys = await publish(
        Array.from({ length: 120 }, (_, i) =>
          validRecord({ organisation_code: 'gm8003', name: `Lokaas ${i}`, category: ['Verkeer'], lawful_basis_grouping: [{ title: 'Werk', link: 'https://example.nl/werk' }] }),
        ),
      );
      const all = (await getFeed()).feed;
      assert.equal(all.entries.length, 50);
      const newest = new Set(decoys.map((code) => `${register.url}/algoritme/${code}`));
      assert.ok(all.entries.every((e) => newest.has(e.link)), 'the newest publications');
      const updated = all.entries.map((e) => e.updated);
      assert.deepEqual(updated, [...updated].sort().reverse(), 'newest first');
      const work = (await getFeed('?theme=Werk')).feed;
      assert.deepEqual(work.entries.map((e) => e.link.slice(-8)), [lars.a]);
    });

    it('bad filters are a 400 or 404 naming the problem, never a 5xx', async () => {
      const cases: [string, number, RegExp][] = [
        ['?theme=Ruimtevaart', 400, /Unknown theme "Ruimtevaart"/],
        ['?theme=Werk&theme=Wonen', 400, /theme once/],
        ['?organisation=gm0000', 404, /no organisation with code "gm0000"/],
        ['?history=true', 400, /Unknown query parameter "history"/],
        ['?organisation=%00', 400, /NUL/],
      ];
      for (const [query, status, message] of cases) {
        const { status: got, body } = await register.call('GET', FEED + query);
        assert.equal(got, status, `${query}: ${JSON.stringify(body)}`);
        assert.match(body.detail, message, query);
      }
    });
  });
}
