/** Sending a public page: the document, its headers (strict CSP) and the two languages' paths. */
import type { FastifyReply } from 'fastify';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { Lang } from './messages.ts';

const CSP = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

export function html(reply: FastifyReply, status: number, page: VNode) {
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .header('content-security-policy', CSP)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'strict-origin-when-cross-origin')
    .send(`<!doctype html>${renderToString(page)}`);
}

/** The path prefix of a language: Dutch at `/`, English at `/en/`. */
export const prefix = (lang: Lang) => (lang === 'nl' ? '' : '/en');
export const otherLang = (lang: Lang): Lang => (lang === 'nl' ? 'en' : 'nl');
export const LANGS: Lang[] = ['nl', 'en'];

/** The JSON twin of a page: `?format=json` or `Accept: application/json` (and not HTML first). */
export function wantsJson(request: { query: unknown; headers: Record<string, string | string[] | undefined> }): boolean {
  const format = (request.query as { format?: unknown } | undefined)?.format;
  if (format === 'json') return true;
  const accept = String(request.headers.accept ?? '');
  return accept.startsWith('application/json');
}
