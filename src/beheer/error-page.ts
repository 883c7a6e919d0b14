/**
 * Errors of management routes as pages in the management frame: a rate limit says how long to
 * wait, anything else a client sent wrong (a body too large, an odd content type) is a 4xx page,
 * and our own failures a 500 page, logged.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { beheerMessages, fill } from './messages.ts';
import { statusPage } from './status-page.tsx';
import { TooManyRequests } from './rate-limits.ts';

export async function answerError(error: FastifyError | TooManyRequests, request: FastifyRequest, reply: FastifyReply) {
  // An error before the session was read (none in practice) is answered in Dutch, signed out.
  request.management ??= { lang: 'nl' };
  const t = beheerMessages[request.management.lang];
  if (error instanceof TooManyRequests) {
    const minutes = Math.max(1, Math.ceil(error.retryAfterMs / 60_000));
    reply.header('retry-after', String(Math.ceil(error.retryAfterMs / 1000)));
    return statusPage(request, reply, 429, t.tooManyTitle, [fill(t.tooManyText, { minutes })]);
  }
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) return statusPage(request, reply, status, t.badRequestTitle, [t.badRequestText]);
  request.log.error(error);
  return statusPage(request, reply, 500, t.serverErrorTitle, [t.serverErrorText]);
}
