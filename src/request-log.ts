/**
 * The register's request log: one line per answered request (method, address, status,
 * milliseconds, visitor's address), at `info`. Addresses can carry secrets: the links in e-mails
 * (`?token=` of a password reset or a subscription), preview links (`?preview=`) and a sign-in's
 * return (`?code=&state=`); their values never reach the log.
 */
import type { FastifyInstance } from 'fastify';

const SECRET_PARAMETERS = new Set(['token', 'preview', 'code', 'state', 'access_token', 'id_token', 'refresh_token', 'client_secret', 'password']);

function parameterName(pair: string): string {
  const name = pair.split('=', 1)[0].replace(/\+/g, ' ');
  try {
    return decodeURIComponent(name).toLowerCase();
  } catch {
    return name.toLowerCase();
  }
}

/** The request's address as logged: every secret parameter's value replaced by `[redacted]`. */
export function loggedUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const pairs = url
    .slice(q + 1)
    .split('&')
    .map((pair) => (SECRET_PARAMETERS.has(parameterName(pair)) ? `${pair.split('=', 1)[0]}=[redacted]` : pair));
  return `${url.slice(0, q + 1)}${pairs.join('&')}`;
}

/** How a request appears in any log line that names it (an error's, too): its address without secrets. */
export const requestSerializer = (request: { method: string; url: string; ip?: string }) => ({ method: request.method, url: loggedUrl(request.url), remoteAddress: request.ip });

export function logRequests(app: FastifyInstance): void {
  app.addHook('onResponse', async (request, reply) => {
    request.log.info(
      { method: request.method, url: loggedUrl(request.url), status: reply.statusCode, ms: Math.round(reply.elapsedTime * 10) / 10, ip: request.ip },
      'answered',
    );
  });
}
