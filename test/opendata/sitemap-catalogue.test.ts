// For search engines and data portals, over real HTTP on each engine: the sitemap lists every
// public page in Dutch and English with alternates and dates (and becomes an index of several
// files when the register is large), every address in it answers; robots.txt points to it and
// keeps crawlers from preview links; the DCAT-AP catalogue is JSON-LD that a JSON-LD processor
// reads into the DCAT-AP classes with their mandatory properties, and every download it names works.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { DomUtils } from 'htmlparser2';
import type { Element } from 'domhandler';
import { children, parseXml } from '../helpers/xml.ts';
import jsonld from 'jsonld';
import { ENGINES } from '../helpers/engines.ts';
import { startRegister, type TestRegister } from '../helpers/server.ts';
import { importRecords } from '../../src/register/import.ts';
import { changeState, findAlgorithm } from '../../src/register/algorithms.ts';
import { SYSTEM_ACTOR } from '../../src/register/actor.ts';
import { sitemapLimits } from '../../src/opendata/sitemap.ts';
import { validRecord } from '../fixtures/records.ts';

const SITEMAP_NS = 'http://www.sitemaps.org/schemas/sitemap/0.9';
const XHTML_NS = 'http://www.w3.org/1999/xhtml';

const textOf = (el: Element, name: string) => {
  const found = children(el, name)[0];
  return found ? DomUtils.textContent(found) : undefined;
};

interface SitemapUrl {
  loc: string;
  lastmod?: string;
  alternates: Record<string, string>;
}

function readUrlset(xml: string): SitemapUrl[] {
  const root = parseXml(xml);
  assert.equal(root.name, 'urlset');
  assert.equal(root.attribs.xmlns, SITEMAP_NS);
  assert.equal(root.attribs['xmlns:xhtml'], XHTML_NS);
  return children(root, 'url').map((url) => ({
    loc: textOf(url, 'loc')!,
    lastmod: textOf(url, 'lastmod'),
    alternates: Object.fromEntries(children(url, 'xhtml:link').map((l) => [l.attribs.hreflang, l.attribs.href])),
  }));
}

for (const engine of ENGINES) {
  describe(`open data: sitemap, robots.txt and DCAT catalogue (${engine})`, () => {
    let register: TestRegister;
    const lars: Record<string, string> = {};
    const db = () => register.app.ctx.kysely;
    const publish = async (records: Record<string, unknown>[]) => {
      const report = await importRecords(db(), records, SYSTEM_ACTOR, { publish: true });
      assert.deepEqual(report.errors, []);
      return report.lars;
    };
    const publishedAt = async (code: string) =>
      (await db()
        .selectFrom('versions as v')
        .innerJoin('algorithms as a', 'a.id', 'v.algorithm_id')
        .select('v.published_at')
        .where('a.lars', '=', code)
        .where('v.state', '=', 'PUBLISHED')
        .executeTakeFirstOrThrow()).published_at!;
    const get = async (path: string, headers: Record<string, string> = {}) => {
      const response = await fetch(register.url + path, { headers });
      return { response, body: await response.text() };
    };

    before(async () => {
      register = await startRegister(engine);
      await register.org('gm9001', 'ictu_last', 'Gemeente Sitemap');
      [lars.a, lars.b] = await publish([validRecord({ organisation_code: 'gm9001', name: 'Een' }), validRecord({ organisation_code: 'gm9002', name: 'Twee' })]);
      [lars.retracted] = await publish([validRecord({ organisation_code: 'gm9001', name: 'Terug' })]);
      await changeState(db(), (await findAlgorithm(db(), lars.retracted))!, 'ictu_last', 'retract', SYSTEM_ACTOR);
      lars.draft = (await importRecords(db(), [validRecord({ organisation_code: 'gm9001', name: 'Concept' })], SYSTEM_ACTOR)).lars[0];
    });
    after(async () => register.close());

    it('sitemap.xml: every public page in both languages, with alternates and dates; every address answers', async () => {
      const { response, body } = await get('/sitemap.xml');
      assert.equal(response.status, 200);
      assert.match(response.headers.get('content-type') ?? '', /^application\/xml/);
      assert.equal(response.headers.get('cache-control'), 'public, max-age=300');
      assert.match(response.headers.get('etag') ?? '', /^".+"$/);
      const urls = readUrlset(body);
      const byLoc = new Map(urls.map((u) => [u.loc, u]));
      assert.equal(byLoc.size, urls.length, 'each address once');
      const base = register.url;

      for (const [nl, en] of [['/', '/en/'], ['/organisaties', '/en/organisations'], ['/organisatie/gm9001', '/en/organisation/gm9001']]) {
        for (const loc of [base + nl, base + en]) {
          const url = byLoc.get(loc);
          assert.ok(url, `listed: ${loc}`);
          assert.deepEqual(url.alternates, { nl: base + nl, en: base + en, 'x-default': base + nl });
        }
      }
      for (const code of [lars.a, lars.b]) {
        const nl = byLoc.get(`${base}/algoritme/${code}`);
        const en = byLoc.get(`${base}/en/algoritme/${code}`);
        assert.ok(nl && en, `both pages of ${code}`);
        assert.deepEqual(nl.alternates, { nl: `${base}/algoritme/${code}`, en: `${base}/en/algoritme/${code}`, 'x-default': `${base}/algoritme/${code}` });
        assert.deepEqual(en.alternates, nl.alternates);
        assert.equal(nl.lastmod, await publishedAt(code));
        assert.equal(en.lastmod, nl.lastmod);
      }
      assert.equal(byLoc.get(`${base}/`)!.lastmod, [await publishedAt(lars.a), await publishedAt(lars.b)].sort().at(-1), 'the home page changes with each publication');
      for (const code of [lars.retracted, lars.draft]) assert.ok(!urls.some((u) => u.loc.includes(code)), `not listed: ${code}`);
      for (const u of urls) assert.match(u.lastmod ?? '2000-01-01T00:00:00Z', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);

      // Every address in the sitemap is a page that exists.
      for (const u of urls) {
        const page = await fetch(u.loc);
        await page.arrayBuffer();
        assert.equal(page.status, 200, u.loc);
      }
    });

    it('sitemap.xml answers 304 to its ETag until a publication changes it', async () => {
      const first = await get('/sitemap.xml');
      const etag = first.response.headers.get('etag')!;
      const again = await get('/sitemap.xml', { 'if-none-match': etag });
      assert.equal(again.response.status, 304);
      assert.equal(again.body, '');
      [lars.c] = await publish([validRecord({ organisation_code: 'gm9002', name: 'Drie' })]);
      const changed = await get('/sitemap.xml', { 'if-none-match': etag });
      assert.equal(changed.response.status, 200);
      assert.notEqual(changed.response.headers.get('etag'), etag);
      assert.ok(readUrlset(changed.body).some((u) => u.loc === `${register.url}/en/algoritme/${lars.c}`));
      // A retraction changes it too.
      const etag2 = changed.response.headers.get('etag')!;
      await changeState(db(), (await findAlgorithm(db(), lars.c))!, 'ictu_last', 'retract', SYSTEM_ACTOR);
      const retracted = await get('/sitemap.xml', { 'if-none-match': etag2 });
      assert.equal(retracted.response.status, 200);
      assert.ok(!readUrlset(retracted.body).some((u) => u.loc.includes(lars.c)));
    });

    it('a register too large for one file gets a sitemap index whose files hold the same addresses', async () => {
      const single = readUrlset((await get('/sitemap.xml')).body).map((u) => u.loc).sort();
      await publish(Array.from({ length: 5 }, (_, i) => validRecord({ organisation_code: 'gm9003', name: `Groot ${i}` })));
      const all = readUrlset((await get('/sitemap.xml')).body).map((u) => u.loc).sort();
      assert.equal(all.length, single.length + 5 * 2 + 2, 'five algorithms and one organisation more, in two languages');
      const saved = sitemapLimits.algorithmsPerFile;
      sitemapLimits.algorithmsPerFile = 3;
      try {
        const { response, body } = await get('/sitemap.xml');
        assert.equal(response.status, 200);
        const index = parseXml(body);
        assert.equal(index.name, 'sitemapindex');
        assert.equal(index.attribs.xmlns, SITEMAP_NS);
        const files = children(index, 'sitemap').map((s) => textOf(s, 'loc')!);
        // Seven published algorithms, three a file.
        assert.deepEqual(files, [`${register.url}/sitemaps/pages.xml`, ...[1, 2, 3].map((n) => `${register.url}/sitemaps/algorithms-${n}.xml`)]);
        const union: string[] = [];
        for (const file of files) {
          const part = await fetch(file);
          assert.equal(part.status, 200, file);
          const locs = readUrlset(await part.text()).map((u) => u.loc);
          if (file.includes('algorithms-')) assert.ok(locs.length <= 6, `${file}: at most three algorithms`);
          union.push(...locs);
        }
        assert.deepEqual(union.sort(), all, 'the files together list exactly the addresses of the single sitemap');
        const beyond = await register.call('GET', '/sitemaps/algorithms-4.xml');
        assert.equal(beyond.status, 404);
        assert.match(beyond.body.detail, /no sitemap file 4/);
        assert.equal((await register.call('GET', '/sitemaps/algorithms-0x1.xml')).status, 404);
      } finally {
        sitemapLimits.algorithmsPerFile = saved;
      }
    });

    it('robots.txt points to the sitemap and keeps crawlers from preview links', async () => {
      const { response, body } = await get('/robots.txt');
      assert.equal(response.status, 200);
      assert.match(response.headers.get('content-type') ?? '', /^text\/plain/);
      const lines = body.split('\n');
      assert.ok(lines.includes('User-agent: *'));
      assert.ok(lines.includes(`Sitemap: ${register.url}/sitemap.xml`));
      assert.ok(lines.includes('Disallow: /*?preview='), 'preview links, however the page is reached');
      assert.ok(!lines.some((l) => /^Disallow: \/(algoritme|en\/?)?$/.test(l)), 'the public pages stay open');
    });

    it('catalogue.jsonld: DCAT-AP as JSON-LD, with the mandatory properties, CC0 and the date of the latest publication', async () => {
      const { response, body } = await get('/api/v1/catalogue.jsonld');
      assert.equal(response.status, 200);
      assert.match(response.headers.get('content-type') ?? '', /^application\/ld\+json/);
      assert.equal(response.headers.get('cache-control'), 'public, max-age=300');
      const etag = response.headers.get('etag')!;
      assert.equal((await get('/api/v1/catalogue.jsonld', { 'if-none-match': etag })).response.status, 304);
      const doc = JSON.parse(body) as Record<string, unknown>;
      assert.equal(typeof doc['@context'], 'object', 'the context is in the document');

      // Read as a JSON-LD processor reads it (no remote documents), into full IRIs.
      const documentLoader = async (url: string): Promise<never> => {
        throw new Error(`no remote documents: ${url}`);
      };
      const graph = (await jsonld.flatten(doc as jsonld.JsonLdDocument, undefined, { documentLoader } as jsonld.Options.Flatten)) as unknown as Record<string, unknown>[];
      const DCAT = 'http://www.w3.org/ns/dcat#';
      const DCT = 'http://purl.org/dc/terms/';
      const FOAF = 'http://xmlns.com/foaf/0.1/';
      const ofType = (type: string) => graph.filter((n) => (n['@type'] as string[] | undefined)?.includes(type));
      const node = (id: string) => graph.find((n) => n['@id'] === id)!;
      const values = (n: Record<string, unknown>, p: string) => (n[p] as Record<string, string>[] | undefined) ?? [];
      const ids = (n: Record<string, unknown>, p: string) => values(n, p).map((v) => v['@id']);
      const has = (n: Record<string, unknown>, p: string, what: string) => assert.ok(values(n, p).length > 0, `${what} has ${p}`);

      const [catalog] = ofType(`${DCAT}Catalog`);
      assert.ok(catalog, 'a dcat:Catalog');
      assert.equal(catalog['@id'], `${register.url}/api/v1/catalogue.jsonld`);
      for (const p of [`${DCT}title`, `${DCT}description`, `${DCT}publisher`, `${DCAT}dataset`]) has(catalog, p, 'the catalogue');
      const publisher = node(ids(catalog, `${DCT}publisher`)[0]);
      assert.ok((publisher['@type'] as string[]).includes(`${FOAF}Agent`));
      has(publisher, `${FOAF}name`, 'the publisher');
      assert.deepEqual(values(catalog, `${DCT}title`).map((t) => t['@language']).sort(), ['en', 'nl'], 'titles in both languages');

      const datasets = ids(catalog, `${DCAT}dataset`).map(node);
      assert.equal(datasets.length, 1);
      const [dataset] = datasets;
      assert.ok((dataset['@type'] as string[]).includes(`${DCAT}Dataset`));
      for (const p of [`${DCT}title`, `${DCT}description`, `${DCT}publisher`, `${DCAT}contactPoint`, `${DCAT}keyword`, `${DCAT}theme`, `${DCAT}distribution`]) has(dataset, p, 'the dataset');
      const live = await db().selectFrom('versions').select('published_at').where('state', '=', 'PUBLISHED').execute();
      const newest = live.map((v) => v.published_at!).sort().at(-1)!;
      for (const n of [catalog, dataset]) assert.deepEqual(values(n, `${DCT}modified`), [{ '@value': newest, '@type': 'http://www.w3.org/2001/XMLSchema#dateTime' }]);

      const distributions = ids(dataset, `${DCAT}distribution`).map(node);
      for (const d of distributions) {
        assert.ok((d['@type'] as string[]).includes(`${DCAT}Distribution`));
        has(d, `${DCAT}accessURL`, d['@id'] as string);
        has(d, `${DCAT}mediaType`, d['@id'] as string);
        has(d, `${DCT}format`, d['@id'] as string);
        assert.deepEqual(ids(d, `${DCT}license`), ['http://creativecommons.org/publicdomain/zero/1.0/'], `${d['@id']}: CC0`);
      }
      const downloads = distributions.flatMap((d) => ids(d, `${DCAT}downloadURL`).map((url) => ({ url, mediaType: ids(d, `${DCAT}mediaType`)[0] })));
      const paths = downloads.map((d) => d.url.slice(register.url.length)).sort();
      assert.deepEqual(
        paths,
        [
          '/api/v1/downloads/algorithms.csv',
          '/api/v1/downloads/algorithms.csv?history=true',
          '/api/v1/downloads/algorithms.json',
          '/api/v1/downloads/algorithms.json?history=true',
          '/api/v1/downloads/algorithms.xlsx',
          '/api/v1/downloads/algorithms.xlsx?history=true',
          '/api/v1/feeds/algorithms.atom',
        ],
      );
      // Each download it names works, in the media type it states.
      for (const d of downloads) {
        const answer = await fetch(d.url);
        await answer.arrayBuffer();
        assert.equal(answer.status, 200, d.url);
        assert.ok((answer.headers.get('content-type') ?? '').startsWith(d.mediaType.split('/media-types/')[1]), `${d.url}: ${d.mediaType}`);
      }
      // The API: a distribution through a data service.
      const [service] = ofType(`${DCAT}DataService`);
      assert.ok(service, 'a dcat:DataService');
      assert.deepEqual(ids(service, `${DCAT}endpointURL`), [`${register.url}/api/v1`]);
      has(service, `${DCT}title`, 'the data service');
      assert.deepEqual(ids(service, `${DCAT}servesDataset`), [dataset['@id']]);
      assert.ok(distributions.some((d) => ids(d, `${DCAT}accessService`).includes(service['@id'] as string)));
      assert.equal((await fetch(`${register.url}/api/v1/algorithms`)).status, 200);
    });
  });
}
