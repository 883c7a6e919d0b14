// What travels: pages and API answers compressed for clients that accept it, stylesheets and
// scripts compressed in advance and kept by browsers for a year under their content's version,
// downloads compressed as they stream (XLSX as it is). Read over real HTTP without decompressing, as bytes on the wire.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { ENGINES } from '../helpers/engines.ts';
import { startRegister, type TestRegister } from '../helpers/server.ts';
import { validRecord } from '../fixtures/records.ts';

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

function rawGet(url: string, headers: Record<string, string> = {}): Promise<Raw> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body: Buffer.concat(chunks) }));
      response.on('error', reject);
    })
      .on('error', reject)
      .end();
  });
}

const decode = (raw: Raw) =>
  raw.headers['content-encoding'] === 'br' ? brotliDecompressSync(raw.body) : raw.headers['content-encoding'] === 'gzip' ? gunzipSync(raw.body) : raw.body;

const linkedAssets = (html: string) => [...html.matchAll(/<(?:link rel="stylesheet" href|script src)="([^"]+)"/g)].map((m) => m[1].replace(/&amp;/g, '&'));

for (const engine of ENGINES) {
  describe(`compressed answers (${engine})`, () => {
    let r: TestRegister;
    let lars: string;
    before(async () => {
      r = await startRegister(engine);
      await r.org('gm0363', 'ictu_last', 'Gemeente Amsterdam');
      const editor = await r.token(['role_1'], 'gm0363');
      const publisher = await r.token(['ictu', 'all_groups']);
      const V = '/aanleverapi/v1_0/organizations/gm0363/algorithms';
      lars = (await r.call('POST', V, { token: editor, body: validRecord({ name: 'Parkeervergunningen toekennen' }) })).body.lars_code;
      await r.call('PUT', `${V}/${lars}/release`, { token: editor });
      assert.equal((await r.call('PUT', `${V}/${lars}/publish`, { token: publisher })).status, 200);
    });
    after(() => r.close());

    it('compresses pages and API answers for clients that accept it, and gives the same content', async () => {
      for (const path of ['/', `/algoritme/${lars}`, '/en/algorithms?q=parkeren', '/api/v1/algorithms', `/api/v1/algorithms/${lars}`]) {
        const plain = await rawGet(r.url + path);
        assert.equal(plain.status, 200, path);
        assert.equal(plain.headers['content-encoding'], undefined, path);
        for (const [accept, expected] of [
          ['gzip, deflate, br', 'br'],
          ['gzip', 'gzip'],
          ['br;q=0, gzip', 'gzip'],
        ] as const) {
          const packed = await rawGet(r.url + path, { 'accept-encoding': accept });
          assert.equal(packed.status, 200, path);
          assert.equal(packed.headers['content-encoding'], expected, `${path} with ${accept}`);
          assert.match(String(packed.headers.vary), /accept-encoding/i, path);
          assert.ok(packed.body.length < plain.body.length * 0.6, `${path}: ${packed.body.length} bytes compressed of ${plain.body.length}`);
          assert.equal(decode(packed).toString('utf8'), plain.body.toString('utf8'), path);
        }
      }
    });

    it('keeps the API validator under compression: the same ETag, and 304 to it', async () => {
      const path = `/api/v1/algorithms/${lars}`;
      const plain = await rawGet(r.url + path);
      const packed = await rawGet(r.url + path, { 'accept-encoding': 'br' });
      assert.ok(plain.headers.etag);
      assert.equal(packed.headers.etag, plain.headers.etag);
      const again = await rawGet(r.url + path, { 'accept-encoding': 'br', 'if-none-match': String(plain.headers.etag) });
      assert.equal(again.status, 304);
      assert.equal(again.body.length, 0);
      const head = await fetch(r.url + path, { method: 'HEAD' });
      assert.equal(head.headers.get('etag'), plain.headers.etag);
    });

    it("gives every page the register's icon, also where browsers and feed readers look unasked", async () => {
      const icons = new Set<string>();
      for (const page of ['/', `/en/algoritme/${lars}`, '/beheer/aanmelden']) {
        const html = decode(await rawGet(r.url + page, { 'accept-encoding': 'br' })).toString('utf8');
        const icon = /<link rel="icon" href="([^"]+)" type="image\/svg\+xml"\/?>/.exec(html)?.[1];
        assert.ok(icon, `${page} links an icon`);
        icons.add(icon);
      }
      assert.equal(icons.size, 1);
      const [icon] = icons;
      const linked = await rawGet(r.url + icon);
      assert.equal(linked.status, 200);
      assert.equal(linked.headers['content-type'], 'image/svg+xml');
      assert.equal(linked.headers['cache-control'], 'public, max-age=31536000, immutable');
      assert.match(linked.body.toString('utf8'), /^<svg [^>]*viewBox="0 0 32 32"/);
      const unasked = await rawGet(`${r.url}/favicon.ico`);
      assert.equal(unasked.status, 200);
      assert.equal(unasked.headers['content-type'], 'image/svg+xml');
      assert.deepEqual(unasked.body, linked.body);
    });

    it('serves every stylesheet and script a page links compressed in advance, kept for a year under its version', async () => {
      const pages = ['/', '/algoritmes', '/beheer/aanmelden'];
      const assets = new Set<string>();
      for (const page of pages) for (const asset of linkedAssets((await rawGet(r.url + page)).body.toString('utf8'))) assets.add(asset);
      assert.ok(assets.size >= 5, `linked: ${[...assets].join(', ')}`);
      for (const asset of assets) {
        assert.match(asset, /\?v=[\w-]{12}$/, asset);
        const plain = await rawGet(r.url + asset);
        assert.equal(plain.status, 200, asset);
        assert.equal(plain.headers['cache-control'], 'public, max-age=31536000, immutable', asset);
        assert.match(String(plain.headers['content-type']), /^text\/(css|javascript)/, asset);
        for (const [accept, encoding] of [
          ['gzip, deflate, br', 'br'],
          ['br;q=0, gzip', 'gzip'],
        ]) {
          const packed = await rawGet(r.url + asset, { 'accept-encoding': accept });
          assert.equal(packed.headers['content-encoding'], encoding, asset);
          assert.equal(packed.headers.etag, plain.headers.etag, asset);
          assert.ok(packed.body.length < plain.body.length / 2, `${asset}: ${packed.body.length} of ${plain.body.length}`);
          assert.deepEqual(decode(packed), plain.body, asset);
        }
        assert.equal((await rawGet(r.url + asset, { 'accept-encoding': 'identity, br;q=0, gzip;q=0' })).headers['content-encoding'], undefined, asset);
        // Another version, or none, is not promised to stay: an hour.
        const unversioned = await rawGet(r.url + asset.replace(/\?v=.*$/, ''));
        assert.equal(unversioned.headers['cache-control'], 'public, max-age=3600', asset);
        assert.deepEqual(unversioned.body, plain.body);
        for (const tag of [String(plain.headers.etag), `W/${String(plain.headers.etag)}`, `"other", ${String(plain.headers.etag)}`]) {
          const revalidated = await rawGet(r.url + asset, { 'if-none-match': tag });
          assert.equal(revalidated.status, 304, `${asset} with If-None-Match ${tag}`);
        }
        assert.equal((await rawGet(r.url + asset, { 'if-none-match': '"other"' })).status, 200);
      }
    });

    it('what a first visit to the algorithm page transfers compressed stays far under the 60 KB aim', async () => {
      const page = await rawGet(`${r.url}/algoritme/${lars}`, { 'accept-encoding': 'br' });
      let total = page.body.length;
      for (const asset of linkedAssets(decode(page).toString('utf8'))) total += (await rawGet(r.url + asset, { 'accept-encoding': 'br' })).body.length;
      assert.ok(total < 30_000, `${total} bytes`);
    });

    it('compresses CSV and JSON downloads as they stream, and sends XLSX (a zip already) as it is', async () => {
      for (const format of ['csv', 'json']) {
        const path = `${r.url}/api/v1/downloads/algorithms.${format}`;
        const plain = await rawGet(path);
        assert.equal(plain.status, 200);
        assert.equal(plain.headers['content-encoding'], undefined);
        assert.match(plain.body.toString('utf8'), new RegExp(lars));
        for (const [accept, expected] of [
          ['gzip, deflate, br', 'br'],
          ['gzip', 'gzip'],
        ]) {
          const compressed = await rawGet(path, { 'accept-encoding': accept });
          assert.equal(compressed.status, 200);
          assert.equal(compressed.headers['content-encoding'], expected, `${format} ${accept}`);
          assert.match(String(compressed.headers['content-disposition']), new RegExp(`\\.${format}"$`));
          assert.ok(compressed.body.length < plain.body.length, `${format} ${expected}: ${compressed.body.length} of ${plain.body.length} bytes`);
          assert.deepEqual(decode(compressed), plain.body);
        }
      }
      // Only the register's own codings, as for pages: a client that takes deflate alone gets the file as it is.
      const deflateOnly = await rawGet(`${r.url}/api/v1/downloads/algorithms.csv`, { 'accept-encoding': 'deflate' });
      assert.equal(deflateOnly.headers['content-encoding'], undefined);
      assert.match(deflateOnly.body.toString('utf8'), new RegExp(lars));
      const xlsx = await rawGet(`${r.url}/api/v1/downloads/algorithms.xlsx`, { 'accept-encoding': 'gzip, deflate, br' });
      assert.equal(xlsx.status, 200);
      assert.equal(xlsx.headers['content-encoding'], undefined);
      assert.equal(xlsx.body.subarray(0, 2).toString('latin1'), 'PK');
    });

    it('reads a compressed request body, and names an encoding it cannot read', async () => {
      const unknown = await fetch(`${r.url}/aanleverapi/v1_0/organizations/gm0363/algorithms`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-encoding': 'bogus' },
        body: '{}',
      });
      assert.equal(unknown.status, 415);
      assert.match((await unknown.json()).detail, /Unsupported Content-Encoding: bogus/);
      const broken = await fetch(`${r.url}/aanleverapi/v1_0/organizations/gm0363/algorithms`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
        body: 'not gzip at all',
      });
      assert.equal(broken.status, 400);
      assert.match((await broken.json()).detail, /decompress/);
      // Read whatever the case of its name: past decompressing to the missing token.
      const packed = await fetch(`${r.url}/aanleverapi/v1_0/organizations/gm0363/algorithms`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-encoding': 'GZIP' },
        body: gzipSync(JSON.stringify(validRecord({ name: 'Ingepakt' }))),
      });
      assert.equal(packed.status, 401, await packed.text());
    });
  });
}
