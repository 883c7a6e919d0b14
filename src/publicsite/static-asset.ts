/**
 * The stylesheets, scripts and icon of the public site and management: made once at start, compressed
 * once (Brotli at its best, and gzip for clients without Brotli), and addressed by their content
 * (`?v=` and a hash), so that a browser keeps them for a year and fetches them again only when
 * they change. Pages are compressed as they are sent (app.ts); these are compressed in advance,
 * as the largest part of a first visit.
 */
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { negotiate } from '@fastify/accept-negotiator';
import { COMPRESSION } from '../compression.ts';

export type Encoding = (typeof COMPRESSION.encodings)[number];
/** In the order preferred on a tie, as pages are compressed (@fastify/compress, which chooses the same way). */
const ENCODINGS: Encoding[] = COMPRESSION.encodings;

export interface StaticAsset {
  /** Where it is served. */
  path: string;
  /** The address pages link: the path with its content's version. */
  url: string;
  type: string;
  etag: string;
  /** The content as sent in `encoding`: compressed on first use (off the main thread), then kept. */
  body(encoding: Encoding | 'identity'): Promise<Buffer>;
}

export const CSS = 'text/css; charset=utf-8';
export const JAVASCRIPT = 'text/javascript; charset=utf-8';
export const SVG = 'image/svg+xml';

const compressors: Record<Encoding, (body: Buffer) => Promise<Buffer>> = {
  // The best Brotli takes a third of a second for the stylesheets: once, and only when asked for.
  br: (body) => promisify(brotliCompress)(body, { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT } }),
  gzip: (body) => promisify(gzip)(body, { level: 9 }),
};

export function staticAsset(path: string, type: string, text: string): StaticAsset {
  const identity = Buffer.from(text, 'utf8');
  const version = createHash('sha256').update(identity).digest('base64url').slice(0, 12);
  const compressed = new Map<Encoding, Promise<Buffer>>();
  return {
    path,
    url: `${path}?v=${version}`,
    type,
    etag: `"${version}"`,
    body(encoding) {
      if (encoding === 'identity') return Promise.resolve(identity);
      let body = compressed.get(encoding);
      if (!body) compressed.set(encoding, (body = compressors[encoding](identity)));
      return body;
    },
  };
}

/**
 * Serves `asset` at its path (under the plugin's prefix, which its path begins with): the version
 * linked is kept for a year, any other address for an hour; 304 to a current `If-None-Match`.
 */
export function serveAsset(app: FastifyInstance, asset: StaticAsset): void {
  if (!asset.path.startsWith(`${app.prefix}/`)) throw new Error(`${asset.path} is not under ${app.prefix}`);
  const version = asset.url.slice(asset.url.indexOf('?v=') + 3);
  app.get<{ Querystring: { v?: unknown } }>(asset.path.slice(app.prefix.length), { config: { access: 'public' }, compress: false }, async (request, reply) => {
    reply
      .type(asset.type)
      .header('etag', asset.etag)
      .header('vary', 'accept-encoding')
      .header('cache-control', request.query.v === version ? 'public, max-age=31536000, immutable' : 'public, max-age=3600');
    const ifNoneMatch = request.headers['if-none-match'];
    if (ifNoneMatch && ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === asset.etag || tag.trim() === '*')) {
      return reply.code(304).send();
    }
    const encoding = negotiate(request.headers['accept-encoding'] ?? '', ENCODINGS) as Encoding | null;
    if (encoding) reply.header('content-encoding', encoding);
    return reply.send(await asset.body(encoding ?? 'identity'));
  });
}
