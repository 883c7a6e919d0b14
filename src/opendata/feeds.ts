/**
 * Atom feeds of new and changed publications: `/api/v1/feeds/algorithms.atom`, for the whole
 * register or one organisation (`organisation=CODE`) or theme (`theme=VALUE`). An entry is a
 * published version, newest first; a new version of an algorithm is a new entry (its id names
 * the version), and a retracted or removed algorithm leaves the feed. Written with the `feed`
 * library; caches may keep a feed for five minutes and ask again with its ETag.
 */
import { Feed } from 'feed';
import { escapeUTF8 } from 'entities';
import type { FastifyPluginAsync } from 'fastify';
import type { AppContext } from '../context.ts';
import { organisationByCode, recentPublications, type PublishedFilter } from '../register/published.ts';
import { parseFilter } from './downloads.ts';

export const FEED_ENTRIES = 50;
export const FEED_PATH = '/api/v1/feeds/algorithms.atom';

/** XML 1.0 allows neither most control characters nor lone surrogates, whatever the escaping. */
const xmlSafe = (text: string) => text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '');

/** Plain text for an element the library marks `type="html"`: escaped, so it stays plain text. */
const asHtml = (text: unknown) => escapeUTF8(xmlSafe(typeof text === 'string' ? text : ''));

function query(filter: PublishedFilter): string {
  const search = new URLSearchParams();
  if (filter.organisation) search.set('organisation', filter.organisation);
  if (filter.theme) search.set('theme', filter.theme);
  const text = search.toString();
  return text ? `?${text}` : '';
}

export function feeds(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    app.get(FEED_PATH, { config: { access: 'public' } }, async (request, reply) => {
      const parsed = await parseFilter(ctx.kysely, request.query, ['organisation', 'theme']);
      if ('detail' in parsed) return reply.code(parsed.status).send({ detail: parsed.detail });
      const { filter } = parsed;
      const base = ctx.config.publicUrl;
      const entries = await recentPublications(ctx.kysely, filter, FEED_ENTRIES);

      const titleParts = ['Algoritmeregister: nieuwe en gewijzigde publicaties'];
      let alternate = `${base}/`;
      if (filter.organisation) {
        const org = await organisationByCode(ctx.kysely, filter.organisation);
        titleParts.push(org?.name ?? filter.organisation);
        alternate = `${base}/organisatie/${encodeURIComponent(filter.organisation)}`;
      }
      if (filter.theme) {
        titleParts.push(`thema ${filter.theme}`);
        alternate = `${base}/algoritmes?${new URLSearchParams({ theme: filter.theme })}`;
      }
      const self = `${base}${FEED_PATH}${query(filter)}`;
      const feed = new Feed({
        id: self,
        title: xmlSafe(titleParts.join(' – ')),
        description: 'Algoritmes die Nederlandse overheidsorganisaties gebruiken: nieuw gepubliceerd of gewijzigd.',
        link: alternate,
        language: 'nl',
        // An empty feed has seen no change since the register began.
        updated: new Date(entries[0]?.version_date ?? 0),
        generator: 'Algoritmeregister',
        feedLinks: { atom: self },
        author: { name: 'Algoritmeregister', link: `${base}/` },
        copyright: 'CC0 1.0: https://creativecommons.org/publicdomain/zero/1.0/',
      });
      for (const row of entries) {
        const themes = Array.isArray(row.content.category) ? (row.content.category as unknown[]).filter((t): t is string => typeof t === 'string') : [];
        feed.addItem({
          id: `${base}/api/v1/algorithms/${row.lars}/versions/${row.version_id}`,
          title: asHtml(row.content.name),
          link: `${base}/algoritme/${row.lars}`,
          date: new Date(row.version_date),
          published: new Date(row.version_date),
          description: asHtml(row.content.description_short),
          author: [{ name: xmlSafe(row.organisation_name), link: `${base}/organisatie/${encodeURIComponent(row.organisation_code)}` }],
          category: themes.map((theme) => ({ name: xmlSafe(theme), term: xmlSafe(theme) })),
        });
      }
      return reply.type('application/atom+xml; charset=utf-8').header('cache-control', 'public, max-age=300').send(feed.atom1());
    });
  };
}
