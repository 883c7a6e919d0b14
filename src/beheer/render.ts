/**
 * Sending a management page: the document with headers stricter than the public site's. Scripts
 * only from here and never inline (management works without them; the form's enhancement is one
 * file), styles only from here, images from here
 * or inline (the NL Design System's select arrow is a data: SVG), forms only to here, never in a
 * frame, and never cached (pages show one person's data).
 */
import type { FastifyReply } from 'fastify';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';

export const MANAGEMENT_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

export function page(reply: FastifyReply, status: number, document: VNode) {
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .header('content-security-policy', MANAGEMENT_CSP)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'same-origin')
    .header('cache-control', 'no-store')
    .send(`<!doctype html>${renderToString(document)}`);
}

/** After a form: back to a page with GET (post/redirect/get), so reloading repeats nothing. */
export const seeOther = (reply: FastifyReply, location: string) => reply.code(303).header('cache-control', 'no-store').redirect(location, 303);
