/**
 * Figure 7: what a first visit to each type of public page transfers: the HTML and every
 * stylesheet and script it links (`<link rel="stylesheet" href>`, `<script src>`), as the
 * register sends them to a browser: asked with a browser's `Accept-Encoding`, counted as the
 * bytes of the answer's body on the wire (compressed where the register compresses), and
 * decoded to count what they hold uncompressed.
 */
import { request } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';

/** What Chromium sends (less zstd, which Node 20 cannot decode). */
export const BROWSER_ACCEPT_ENCODING = 'gzip, deflate, br';

export interface PageSize {
  name: string;
  path: string;
  /** Uncompressed bytes: the HTML, and its stylesheets and scripts together. */
  htmlBytes: number;
  assetBytes: number;
  /** Bytes on the wire as the register sent them. */
  htmlSent: number;
  assetSent: number;
  /** The encodings the register chose (HTML, then assets), e.g. `br`. */
  encodings: string[];
  assets: string[];
}

/** The pages to weigh: one of each type; for algorithm and history pages the largest of a sample. */
export interface PageChoice {
  name: string;
  paths: string[];
}

interface Sent {
  body: Buffer;
  sent: number;
  encoding: string;
}

function get(url: string, accept: string): Promise<Sent> {
  return new Promise((resolve, reject) => {
    request(url, { headers: { accept, 'accept-encoding': BROWSER_ACCEPT_ENCODING } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () => {
        const wire = Buffer.concat(chunks);
        const encoding = String(response.headers['content-encoding'] ?? 'identity');
        if (response.statusCode !== 200) return reject(new Error(`${url} answered ${response.statusCode}`));
        const body = encoding === 'br' ? brotliDecompressSync(wire) : encoding === 'gzip' ? gunzipSync(wire) : wire;
        resolve({ body, sent: wire.length, encoding });
      });
    })
      .on('error', reject)
      .end();
  });
}

function assetsOf(html: string): string[] {
  const out = new Set<string>();
  for (const match of html.matchAll(/<link\b[^>]*>/g)) {
    if (/\brel="stylesheet"/.test(match[0])) {
      const href = /\bhref="([^"]+)"/.exec(match[0])?.[1];
      if (href) out.add(href);
    }
  }
  for (const match of html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)) out.add(match[1]);
  return [...out].map((a) => a.replace(/&amp;/g, '&'));
}

export async function measurePageSizes(url: string, choices: PageChoice[]): Promise<PageSize[]> {
  const assetCache = new Map<string, Sent>();
  const out: PageSize[] = [];
  for (const choice of choices) {
    let largest: PageSize | undefined;
    for (const path of choice.paths) {
      const html = await get(url + path, 'text/html');
      const assets = assetsOf(html.body.toString('utf8'));
      const size: PageSize = { name: choice.name, path, htmlBytes: html.body.length, assetBytes: 0, htmlSent: html.sent, assetSent: 0, encodings: [html.encoding], assets };
      for (const asset of assets) {
        const target = new URL(asset, url + path).toString();
        let sent = assetCache.get(target);
        if (!sent) assetCache.set(target, (sent = await get(target, 'text/css,text/javascript,*/*')));
        size.assetBytes += sent.body.length;
        size.assetSent += sent.sent;
        size.encodings.push(sent.encoding);
      }
      if (!largest || size.htmlSent + size.assetSent > largest.htmlSent + largest.assetSent) largest = size;
    }
    out.push(largest!);
  }
  return out;
}
