/**
 * A person in management over real HTTP, without a browser: holds the session cookie like a
 * browser does, reads the CSRF token from each page's forms, and follows nothing by itself (tests
 * look at every redirect).
 */
import { TOTP, Secret } from 'otpauth';
import type { TestRegister } from '../helpers/server.ts';
import { createUser, type NewUser } from '../../src/auth/users.ts';
import { SYSTEM_ACTOR } from '../../src/register/actor.ts';
import { submitReport } from '../../src/register/error-reports.ts';
import { changeState, createAlgorithm } from '../../src/register/algorithms.ts';
import { findOrganisation } from '../../src/register/organisations.ts';
import { validRecord } from '../fixtures/records.ts';
import type { AlgorithmContent } from '../../src/standard/types.ts';

export const PASSWORD = 'correct horse battery staple';

export interface Response {
  status: number;
  location: string | null;
  setCookie: string | null;
  html: string;
  headers: Headers;
}

export class ManagementClient {
  /** The session cookie as the browser would send it (`name=value`), if any. */
  cookie: string | undefined;
  /** The CSRF token of the last page that had a form. */
  csrf: string | undefined;

  constructor(readonly r: TestRegister) {}

  async request(method: 'GET' | 'POST', path: string, form?: Record<string, string>): Promise<Response> {
    const headers: Record<string, string> = {};
    if (this.cookie) headers.cookie = this.cookie;
    if (form) headers['content-type'] = 'application/x-www-form-urlencoded';
    const response = await fetch(this.r.url + path, { method, headers, body: form && new URLSearchParams(form), redirect: 'manual' });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) {
      const [pair, ...attributes] = setCookie.split(';');
      const cleared = attributes.some((a) => /^\s*expires=Thu, 01 Jan 1970/i.test(a)) || pair!.endsWith('=');
      this.cookie = cleared ? undefined : pair!.trim();
    }
    const html = await response.text();
    const token = /name="_csrf" value="([^"]*)"/.exec(html)?.[1];
    if (token) this.csrf = token;
    return { status: response.status, location: response.headers.get('location'), setCookie, html, headers: response.headers };
  }

  get(path: string) {
    return this.request('GET', path);
  }

  /** Posts a form with the current CSRF token (unless the fields name their own `_csrf`). */
  post(path: string, fields: Record<string, string> = {}) {
    return this.request('POST', path, { _csrf: this.csrf ?? '', ...fields });
  }

  /** Signs in through the forms; with `totpSecret`, the second step too. Answers the last response. */
  async signIn(username: string, password = PASSWORD, totpSecret?: string): Promise<Response> {
    await this.get('/beheer/inloggen');
    const first = await this.post('/beheer/inloggen', { username, password, terug: '/beheer' });
    if (!totpSecret || first.status !== 303 || !first.location?.startsWith('/beheer/inloggen/code')) return first;
    await this.get(first.location);
    return this.post('/beheer/inloggen/code', { code: await totpCode(totpSecret), terug: '/beheer' });
  }
}

const STEP_MS = 30_000;
const lastStep = new Map<string, number>();

/**
 * A TOTP code the register has not seen yet: each code is accepted once, so a second sign-in
 * within the same 30 s takes the next step's code (accepted for clock drift) or waits for it.
 */
export async function totpCode(secret: string): Promise<string> {
  for (;;) {
    const now = Math.floor(Date.now() / STEP_MS);
    const step = Math.max(now, (lastStep.get(secret) ?? -1) + 1);
    if (step <= now + 1) {
      lastStep.set(secret, step);
      return new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: step * STEP_MS });
    }
    await new Promise((resolve) => setTimeout(resolve, (now + 1) * STEP_MS - Date.now() + 20));
  }
}

/** A code of six digits that is no valid code of the account now (nor one step either side). */
export function wrongTotpCode(secret: string): string {
  const totp = new TOTP({ secret: Secret.fromBase32(secret) });
  const now = Date.now();
  const valid = new Set([-1, 0, 1].map((d) => totp.generate({ timestamp: now + d * STEP_MS })));
  for (let n = 0; ; n++) {
    const code = String(n * 137_911 % 1_000_000).padStart(6, '0');
    if (!valid.has(code)) return code;
  }
}
export const secretOf = (totpUri: string) => new URL(totpUri).searchParams.get('secret')!;

let counter = 0;
/** A new account; answers its username and, with TOTP, the secret. */
export async function addPerson(r: TestRegister, input: Partial<NewUser> & { roles?: string[]; organisations?: string[] } = {}) {
  const username = input.username ?? `persoon${++counter}`;
  const { totpUri } = await createUser(r.app.ctx.kysely, { password: PASSWORD, roles: [], organisations: [], ...input, username }, SYSTEM_ACTOR);
  return { username, totpSecret: totpUri ? secretOf(totpUri) : undefined };
}

/** An algorithm of `orgCode` named `name`, taken along the ictu_last flow up to `state`. */
export async function addAlgorithm(r: TestRegister, orgCode: string, name: string, state: 'STATE_1' | 'STATE_2' | 'PUBLISHED' = 'STATE_1') {
  const db = r.app.ctx.kysely;
  const org = (await findOrganisation(db, orgCode))!;
  const editor = { id: 'user:editor', name: 'Eva Editor' };
  const { algorithm } = await createAlgorithm(db, org, validRecord({ name, organization: org.name }) as AlgorithmContent, editor);
  if (state !== 'STATE_1') await changeState(db, algorithm, 'ictu_last', 'release', editor);
  if (state === 'PUBLISHED') await changeState(db, algorithm, 'ictu_last', 'publish', { id: 'user:publisher', name: 'Piet Publicist' });
  return algorithm;
}

export async function addReport(r: TestRegister, lars: string, message: string) {
  const result = await submitReport(r.app.ctx.kysely, { lars, message, email: 'melder@example.nl', language: 'nl' });
  if (!result.ok) throw new Error('report not accepted');
  return result.report;
}

/** The text of a page without its tags, spaces collapsed: for asserting what a person reads. */
export const textOf = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/\s+/g, ' ');
