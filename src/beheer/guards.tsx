/**
 * The two checks every management request passes, as hooks of the management plugin, so no
 * route can forget them:
 *
 * - CSRF: every POST carries the synchronizer token of the session it was rendered in
 *   (`_csrf`), compared in constant time; without a session or with another token the answer is
 *   403 with a page that says what to do, and nothing is changed.
 * - Access: a route names what it needs in `config.management`; the person must be signed in
 *   (else, for a page, to the sign-in form and back), work in an organisation, and the policy
 *   must allow the need there.
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { authorize, MANAGEMENT_NEEDS, type ManagementNeed } from '../auth/policy.ts';
import { beheerMessages, fill } from './messages.ts';
import { statusPage } from './status-page.tsx';
import { seeOther } from './render.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** What a management route needs: a policy need in the current organisation, or only a signed-in person. */
    management?: ManagementNeed | 'signed-in';
  }
}

function tokenOf(body: unknown): string | undefined {
  const value = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)._csrf : undefined;
  return typeof value === 'string' ? value : undefined;
}

export function csrfMatches(expected: string | undefined, given: string | undefined): boolean {
  if (!expected || !given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

export async function checkCsrf(request: FastifyRequest, reply: FastifyReply) {
  if (request.method !== 'POST') return;
  if (csrfMatches(request.management.session?.csrfToken, tokenOf(request.body))) return;
  request.log.info({ url: request.url, session: Boolean(request.management.session) }, 'management form refused: CSRF token missing or wrong');
  const t = beheerMessages[request.management.lang];
  return statusPage(request, reply, 403, t.csrfTitle, [t.csrfText, t.csrfAgain]);
}

export async function checkAccess(request: FastifyRequest, reply: FastifyReply) {
  const need = request.routeOptions.config.management;
  if (!need) return;
  const { person, lang } = request.management;
  const t = beheerMessages[lang];
  if (!person) {
    if (request.method === 'GET') return seeOther(reply, `/beheer/inloggen?terug=${encodeURIComponent(request.url)}`);
    return statusPage(request, reply, 403, t.csrfTitle, [t.sessionEnded]);
  }
  if (need === 'signed-in') return;
  if (!person.organisation) return statusPage(request, reply, 403, t.noOrganisationTitle, [t.noOrganisationText]);
  const { code, flow, name } = person.organisation;
  const decision = authorize(person.principal, MANAGEMENT_NEEDS[need], { code, flow });
  if (!decision.ok) return statusPage(request, reply, 403, t.forbiddenTitle, [fill(t.forbiddenText, { organisation: name })]);
}
