/**
 * Figure 7: what a first visit to each type of public page transfers: the HTML and every
 * stylesheet and script it links (`<link rel="stylesheet" href>`, `<script src>`), each
 * compressed as a server or proxy would compress it: gzip by node:zlib at level 6 (the register
 * itself answers uncompressed).
 */
import { gzipSync } from 'node:zlib';

export interface PageSize {
  name: string;
  path: string;
  /** Uncompressed bytes: the HTML, and its stylesheets and scripts together. */
  htmlBytes: number;
  assetBytes: number;
  /** Gzip-compressed bytes (level 6). */
  htmlGzip: number;
  assetGzip: number;
  assets: string[];
}

/** The pages to weigh: one of each type; for algorithm and history pages the largest of a sample. */
export interface PageChoice {
  name: string;
  paths: string[];
}

const gzip = (body: Buffer) => gzipSync(body, { level: 6 }).length;

async function get(url: string): Promise<Buffer> {
  const response = await fetch(url, { headers: { accept: 'text/html,text/css,text/javascript,*/*' } });
  const body = Buffer.from(await response.arrayBuffer());
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}: ${body.toString('utf8').slice(0, 200)}`);
  return body;
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
  const assetCache = new Map<string, Buffer>();
  const out: PageSize[] = [];
  for (const choice of choices) {
    let largest: PageSize | undefined;
    for (const path of choice.paths) {
      const html = await get(url + path);
      const assets = assetsOf(html.toString('utf8'));
      let assetBytes = 0;
      let assetGzip = 0;
      for (const asset of assets) {
        const target = new URL(asset, url + path).toString();
        let body = assetCache.get(target);
        if (!body) assetCache.set(target, (body = await get(target)));
        assetBytes += body.length;
        assetGzip += gzip(body);
      }
      const size: PageSize = { name: choice.name, path, htmlBytes: html.length, assetBytes, htmlGzip: gzip(html), assetGzip, assets };
      if (!largest || size.htmlGzip + size.assetGzip > largest.htmlGzip + largest.assetGzip) largest = size;
    }
    out.push(largest!);
  }
  return out;
}
