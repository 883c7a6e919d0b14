/**
 * Who is asking, per management request: the session (from its cookie), the page language, and
 * when signed in the account, the organisations it may work in, the current one, and the
 * principal that the policy judges (the account's roles plus those it holds in the current
 * organisation).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type {} from '@fastify/cookie';
import type { Kysely } from 'kysely';
import type { Config } from '../config.ts';
import type { Database } from '../db/schema.ts';
import type { Lang } from '../publicsite/messages.ts';
import { readSession, startSession, type Session, type SessionLimits } from '../auth/sessions.ts';
import { findAccount, membershipsOf, type Account, type Membership } from '../auth/users.ts';
import { reachesAllOrganisations } from '../auth/policy.ts';
import type { Principal } from '../auth/principal.ts';

export interface Person {
  account: Account;
  memberships: Membership[];
  /** The organisation the person works in now; undefined when they belong to none. */
  organisation?: Membership;
  principal: Principal;
}

export interface ManagementRequest {
  session?: Session;
  lang: Lang;
  person?: Person;
}

declare module 'fastify' {
  interface FastifyRequest {
    management: ManagementRequest;
  }
}

export const COOKIE_PATH = '/beheer';

/** The session cookie: only the browser's to send back, never readable by scripts, not sent along cross-site POSTs. */
export function cookieName(config: Config): string {
  return config.publicUrl.startsWith('https:') ? '__Secure-beheer-sessie' : 'beheer-sessie';
}

export function limitsOf(config: Config): SessionLimits {
  return { idleSeconds: config.sessionIdleSeconds, maxSeconds: config.sessionMaxSeconds };
}

export function setSessionCookie(reply: FastifyReply, config: Config, session: Session): void {
  reply.setCookie(cookieName(config), session.id, {
    path: COOKIE_PATH,
    httpOnly: true,
    sameSite: 'lax',
    secure: config.publicUrl.startsWith('https:'),
    // A browser session cookie: the server decides when the session ends.
  });
}

export function clearSessionCookie(reply: FastifyReply, config: Config): void {
  reply.clearCookie(cookieName(config), { path: COOKIE_PATH, httpOnly: true, sameSite: 'lax', secure: config.publicUrl.startsWith('https:') });
}

/** The language of a visitor without a session: English when the browser prefers it over Dutch. */
export function preferredLanguage(acceptLanguage: string | undefined): Lang {
  for (const part of (acceptLanguage ?? '').split(',')) {
    const tag = part.trim().slice(0, 2).toLowerCase();
    if (tag === 'nl') return 'nl';
    if (tag === 'en') return 'en';
  }
  return 'nl';
}

const asLang = (value: string | undefined): Lang | undefined => (value === 'nl' || value === 'en' ? value : undefined);

export function principalOf(account: Account, memberships: Membership[], organisation?: Membership): Principal {
  const name = [account.firstName, account.lastName].filter(Boolean).join(' ') || account.username;
  return {
    id: `user:${account.id}`,
    name,
    username: account.username,
    firstName: account.firstName,
    lastName: account.lastName,
    roles: organisation ? organisation.roles : account.roles,
    groups: reachesAllOrganisations(account.roles) ? [] : memberships.map((m) => m.code),
  };
}

/** Reads the session and the person behind it. */
export async function loadManagementRequest(db: Kysely<Database>, config: Config, request: FastifyRequest): Promise<ManagementRequest> {
  const id = request.cookies[cookieName(config)];
  const session = id ? await readSession(db, id, limitsOf(config)) : undefined;
  const lang = asLang(session?.language) ?? preferredLanguage(request.headers['accept-language']);
  if (!session?.userId) return { session, lang };
  const account = await findAccount(db, session.userId);
  if (!account) return { session, lang };
  const memberships = await membershipsOf(db, account, reachesAllOrganisations(account.roles));
  const organisation = memberships.find((m) => m.organisationId === session.organisationId) ?? memberships[0];
  return { session, lang, person: { account, memberships, organisation, principal: principalOf(account, memberships, organisation) } };
}

/** The session of this request, started (with its cookie) when the visitor has none yet: every form needs its CSRF token. */
export async function ensureSession(db: Kysely<Database>, config: Config, request: FastifyRequest, reply: FastifyReply): Promise<Session> {
  if (request.management.session) return request.management.session;
  const session = await startSession(db, { language: request.management.lang });
  request.management.session = session;
  setSessionCookie(reply, config, session);
  return session;
}

/** A path within management to return to after a form; anything else (another site, another part) goes to the start. */
export function returnPath(value: unknown): string {
  if (typeof value !== 'string') return '/beheer';
  // No '//' (another host), no backslash (read as a slash), no dot segments, plain or encoded (out of /beheer).
  const safe = /^\/beheer(\/[^\\]*|\?[^\\]*)?$/.test(value) && !value.includes('//') && !/(^|\/)(\.|%2e){1,2}(\/|\?|$)/i.test(value);
  return safe && value.length < 2000 ? value : '/beheer';
}
