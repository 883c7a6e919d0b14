/**
 * For search engines: `/sitemap.xml` lists every public page in both languages (the fixed pages,
 * each organisation's page and each published algorithm's page), every Dutch page with its English
 * alternate and back (`xhtml:link`), with the date it last changed; `/robots.txt` points to it and
 * keeps crawlers away from preview links and the machine interfaces.
 *
 * A sitemap file may hold at most 50,000 addresses. A register too large for one file gets a
 * sitemap index at `/sitemap.xml` instead, naming `/sitemaps/pages.xml` (fixed and organisation
 * pages) and `/sitemaps/algorithms-N.xml` (the algorithms, a slice each). Every file is written as
 * it is read; its ETag comes from the state of the publications, so "not changed" costs one query.
 */
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import { publicationSummary, publicOrganisations, publishedAlgorithms, type PublicOrganisation } from '../register/published.ts';

/** How many algorithms one sitemap file holds (two addresses each, Dutch and English). A setting so a test can reach the index. */
export const sitemapLimits = { algorithmsPerFile: 24_000 };

/** The fixed public pages, Dutch and English. */
const FIXED_PAGES: [nl: string, en: string][] = [
  ['/', '/en/'],
  ['/algoritmes', '/en/algorithms'],
  ['/organisaties', '/en/organisations'],
  ['/statistieken', '/en/statistics'],
  ['/over', '/en/about'],
  ['/veelgestelde-vragen', '/en/faq'],
  ['/toegankelijkheid', '/en/accessibility'],
];
/** The fixed pages whose content follows the publications (counts, lists, newest first). */
const FOLLOWS_PUBLICATIONS = new Set(['/', '/algoritmes', '/organisaties', '/statistieken']);

const MAX_URLS_PER_FILE = 50_000;

const escapeXml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n';
const URLSET_OPEN = `${HEAD}<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n`;
const URLSET_CLOSE = '</urlset>\n';

/** Both language versions of a page: each is a `<url>`, each names both (and Dutch as the default). */
function pagePair(base: string, nl: string, en: string, lastmod: string | null): string {
  const alternates =
    `<xhtml:link rel="alternate" hreflang="nl" href="${escapeXml(base + nl)}"/>` +
    `<xhtml:link rel="alternate" hreflang="en" href="${escapeXml(base + en)}"/>` +
    `<xhtml:link rel="alternate" hreflang="x-default" href="${escapeXml(base + nl)}"/>`;
  const mod = lastmod ? `<lastmod>${escapeXml(lastmod)}</lastmod>` : '';
  return [nl, en].map((path) => `<url><loc>${escapeXml(base + path)}</loc>${mod}${alternates}</url>\n`).join('');
}

function fixedAndOrganisationPages(base: string, organisations: PublicOrganisation[], latest: string | null): string {
  let out = '';
  for (const [nl, en] of FIXED_PAGES) out += pagePair(base, nl, en, FOLLOWS_PUBLICATIONS.has(nl) ? latest : null);
  for (const org of organisations) {
    const code = encodeURIComponent(org.code);
    out += pagePair(base, `/organisatie/${code}`, `/en/organisation/${code}`, org.latest);
  }
  return out;
}

async function* algorithmPages(ctx: AppContext, base: string, slice: { offset?: number; limit?: number }): AsyncGenerator<string> {
  let chunk = '';
  for await (const a of publishedAlgorithms(ctx.kysely, slice)) {
    chunk += pagePair(base, `/algoritme/${a.lars}`, `/en/algoritme/${a.lars}`, a.version_date);
    if (chunk.length > 64 * 1024) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

export function sitemap(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    /** The state everything here follows: the publications and the organisations with a page. */
    async function state() {
      const summary = await publicationSummary(ctx.kysely);
      const organisations = await publicOrganisations(ctx.kysely);
      const perFile = sitemapLimits.algorithmsPerFile;
      const files = Math.max(1, Math.ceil(summary.count / perFile));
      const single = 2 * (FIXED_PAGES.length + organisations.length + summary.count) <= MAX_URLS_PER_FILE && summary.count <= perFile;
      const etag = (what: string) =>
        `"${createHash('sha1').update(JSON.stringify([what, ctx.config.publicUrl, summary.fingerprint, perFile, organisations])).digest('base64url')}"`;
      return { summary, organisations, perFile, files, single, etag };
    }

    /** Sends `body` as XML with the ETag, or 304 when the client has that one. */
    function sendXml(request: FastifyRequest, reply: FastifyReply, etag: string, body: Readable | string) {
      reply.header('etag', etag).header('cache-control', 'public, max-age=300');
      if (request.headers['if-none-match'] === etag) {
        if (body instanceof Readable) body.destroy();
        return reply.code(304).send();
      }
      return reply.type('application/xml; charset=utf-8').send(body);
    }

    app.get('/sitemap.xml', { config: { access: 'public' } }, async (request, reply) => {
      const s = await state();
      const base = ctx.config.publicUrl;
      if (s.single) {
        async function* all() {
          yield URLSET_OPEN + fixedAndOrganisationPages(base, s.organisations, s.summary.latest);
          yield* algorithmPages(ctx, base, {});
          yield URLSET_CLOSE;
        }
        return sendXml(request, reply, s.etag('sitemap'), Readable.from(all()));
      }
      const lastmod = s.summary.latest ? `<lastmod>${escapeXml(s.summary.latest)}</lastmod>` : '';
      let index = `${HEAD}<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n`;
      index += `<sitemap><loc>${escapeXml(`${base}/sitemaps/pages.xml`)}</loc>${lastmod}</sitemap>\n`;
      for (let n = 1; n <= s.files; n++) index += `<sitemap><loc>${escapeXml(`${base}/sitemaps/algorithms-${n}.xml`)}</loc>${lastmod}</sitemap>\n`;
      index += '</sitemapindex>\n';
      return sendXml(request, reply, s.etag('index'), index);
    });

    app.get('/sitemaps/pages.xml', { config: { access: 'public' } }, async (request, reply) => {
      const s = await state();
      const body = URLSET_OPEN + fixedAndOrganisationPages(ctx.config.publicUrl, s.organisations, s.summary.latest) + URLSET_CLOSE;
      return sendXml(request, reply, s.etag('pages'), body);
    });

    app.get<{ Params: { n: string } }>('/sitemaps/algorithms-:n.xml', { config: { access: 'public' } }, async (request, reply) => {
      const s = await state();
      const n = /^[1-9]\d{0,5}$/.test(request.params.n) ? Number(request.params.n) : 0;
      if (n < 1 || n > s.files) return reply.code(404).send({ detail: `There is no sitemap file ${request.params.n}; there are ${s.files}.` });
      const base = ctx.config.publicUrl;
      async function* slice() {
        yield URLSET_OPEN;
        yield* algorithmPages(ctx, base, { offset: (n - 1) * s.perFile, limit: s.perFile });
        yield URLSET_CLOSE;
      }
      return sendXml(request, reply, s.etag(`algorithms-${n}`), Readable.from(slice()));
    });

    app.get('/robots.txt', { config: { access: 'public' } }, async (_request, reply) => {
      const base = ctx.config.publicUrl;
      const text = [
        'User-agent: *',
        // Preview links show versions that are not published; they are for the people who make them.
        'Disallow: /*?preview=',
        'Disallow: /*&preview=',
        'Disallow: /aanleverapi/',
        'Disallow: /oauth/',
        'Allow: /',
        '',
        `Sitemap: ${base}/sitemap.xml`,
        '',
      ].join('\n');
      return reply.type('text/plain; charset=utf-8').header('cache-control', 'public, max-age=3600').send(text);
    });
  };
}
