/** People who sign in: accounts with roles, the organisations they belong to, password and optional TOTP. */
import type { Kysely } from 'kysely';
import { TOTP, Secret } from 'otpauth';
import type { Database } from '../db/schema.ts';
import { RegisterError } from '../register/errors.ts';
import { recordEvent } from '../register/audit.ts';
import type { Actor } from '../register/actor.ts';
import { hashPassword, verifyPassword } from './secrets.ts';
import { ROLES } from './policy.ts';
import type { FlowName } from '../register/states.ts';

export interface NewUser {
  username: string;
  password?: string;
  firstName?: string;
  lastName?: string;
  email?: string;
  roles: string[];
  organisations: string[];
  /** Roles that hold in one organisation only (its code → roles); the organisation is joined too. */
  organisationRoles?: Record<string, string[]>;
  totp?: boolean;
}

export interface UserClaims {
  sub: string;
  preferred_username: string;
  given_name: string | null;
  family_name: string | null;
  email: string | null;
  roles: string[];
  groups: string[];
}

export function checkRoles(roles: string[]): void {
  const unknown = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
  if (unknown.length) throw new RegisterError('invalid', `Unknown role(s): ${unknown.join(', ')}. Known: ${ROLES.join(', ')}.`);
}

async function organisationIds(db: Kysely<Database>, codes: string[]): Promise<number[]> {
  if (codes.length === 0) return [];
  const rows = await db.selectFrom('organisations').select(['id', 'code']).where('code', 'in', codes).execute();
  const missing = codes.filter((c) => !rows.some((r) => r.code === c));
  if (missing.length) throw new RegisterError('not_found', `ORG_NOT_FOUND: ${missing.join(', ')}`);
  // In the order of `codes`, so callers can pair each id with what they know of its code.
  return codes.map((c) => rows.find((r) => r.code === c)!.id);
}

/** Creates an account. Returns the TOTP provisioning URI when a second factor was asked for. */
export async function createUser(db: Kysely<Database>, input: NewUser, actor: Actor): Promise<{ id: number; totpUri: string | null }> {
  if (!/^[\w.@+-]{2,200}$/.test(input.username)) throw new RegisterError('invalid', 'A username holds 2–200 letters, digits or . _ @ + -.');
  checkRoles(input.roles);
  const organisationRoles = input.organisationRoles ?? {};
  for (const roles of Object.values(organisationRoles)) checkRoles(roles);
  const organisations = [...new Set([...input.organisations, ...Object.keys(organisationRoles)])];
  if (input.password !== undefined && input.password.length < 12) throw new RegisterError('invalid', 'A password has at least 12 characters.');
  if (await db.selectFrom('users').select('id').where('username', '=', input.username).executeTakeFirst()) {
    throw new RegisterError('conflict', `USER_ALREADY_EXISTS: ${input.username}`);
  }
  const orgIds = await organisationIds(db, organisations);
  const totp = input.totp ? new TOTP({ issuer: 'Algoritmeregister', label: input.username, secret: new Secret({ size: 20 }) }) : null;
  return db.transaction().execute(async (trx) => {
    const user = await trx
      .insertInto('users')
      .values({
        username: input.username,
        first_name: input.firstName ?? null,
        last_name: input.lastName ?? null,
        email: input.email ?? null,
        password_hash: input.password ? await hashPassword(input.password) : null,
        totp_secret: totp ? totp.secret.base32 : null,
        roles: JSON.stringify(input.roles),
        created_at: new Date().toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const [i, organisation_id] of orgIds.entries()) {
      const roles = organisationRoles[organisations[i]!] ?? [];
      await trx.insertInto('user_organisations').values({ user_id: user.id, organisation_id, roles: JSON.stringify(roles) }).execute();
    }
    await recordEvent(trx, {
      action: 'user_created',
      actor,
      detail: { username: input.username, roles: input.roles, organisations, organisation_roles: organisationRoles },
    });
    return { id: user.id, totpUri: totp ? totp.toString() : null };
  });
}

export async function claimsOfUser(db: Kysely<Database>, userId: number): Promise<UserClaims | null> {
  const user = await db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
  if (!user) return null;
  const groups = await db
    .selectFrom('user_organisations')
    .innerJoin('organisations', 'organisations.id', 'user_organisations.organisation_id')
    .select('organisations.code')
    .where('user_organisations.user_id', '=', userId)
    .execute();
  return {
    sub: `user:${user.id}`,
    preferred_username: user.username,
    given_name: user.first_name,
    family_name: user.last_name,
    email: user.email,
    roles: JSON.parse(user.roles),
    groups: groups.map((g) => g.code),
  };
}

export type PasswordCheck = { ok: true; claims: UserClaims } | { ok: false; reason: 'invalid_credentials' | 'totp_required' | 'totp_invalid' };

/** Checks a username, password and (when the account has one) TOTP code. */
export async function authenticateUser(db: Kysely<Database>, username: string, password: string, totpCode?: string): Promise<PasswordCheck> {
  const user = await db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  if (!user?.password_hash || !(await verifyPassword(user.password_hash, password))) return { ok: false, reason: 'invalid_credentials' };
  if (user.totp_secret) {
    if (!totpCode) return { ok: false, reason: 'totp_required' };
    if (!(await acceptTotp(db, user.id, user.totp_secret, totpCode))) return { ok: false, reason: 'totp_invalid' };
  }
  const claims = await claimsOfUser(db, user.id);
  return claims ? { ok: true, claims } : { ok: false, reason: 'invalid_credentials' };
}

/** The account of a signed-in person, as management needs it. */
export interface Account {
  id: number;
  username: string;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  /** The account's own roles, in every organisation. */
  roles: string[];
  hasTotp: boolean;
}

export async function findAccount(db: Kysely<Database>, userId: number): Promise<Account | undefined> {
  const user = await db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
  if (!user) return undefined;
  return {
    id: user.id,
    username: user.username,
    firstName: user.first_name,
    lastName: user.last_name,
    email: user.email,
    roles: JSON.parse(user.roles) as string[],
    hasTotp: user.totp_secret !== null,
  };
}

/** The account whose password this is, or undefined (unknown name, no password, wrong password). */
export async function verifyUserPassword(db: Kysely<Database>, username: string, password: string): Promise<Account | undefined> {
  const user = await db.selectFrom('users').select(['id', 'password_hash']).where('username', '=', username).executeTakeFirst();
  if (!user?.password_hash) {
    // As slow as a wrong password, so the time of the answer does not tell which names exist.
    await verifyPassword(await timingHash(), password);
    return undefined;
  }
  if (!(await verifyPassword(user.password_hash, password))) return undefined;
  return findAccount(db, user.id);
}

let dummyHash: Promise<string> | undefined;
const timingHash = () => (dummyHash ??= hashPassword('no account has this password'));

/** Whether `code` is the account's current TOTP code (one step of clock drift either way), not used before. */
export async function verifyUserTotp(db: Kysely<Database>, userId: number, code: string): Promise<boolean> {
  const user = await db.selectFrom('users').select('totp_secret').where('id', '=', userId).executeTakeFirst();
  return user?.totp_secret ? acceptTotp(db, userId, user.totp_secret, code) : false;
}

/**
 * Accepts a TOTP code once (RFC 6238 §5.2): valid now or one step either side, and of a later
 * step than the last code the account used. The check and the record of its step are one
 * conditional update, so two requests with the same code cannot both pass.
 */
async function acceptTotp(db: Kysely<Database>, userId: number, secret: string, code: string, now = Date.now()): Promise<boolean> {
  if (!/^\d{6}$/.test(code)) return false;
  const totp = new TOTP({ secret: Secret.fromBase32(secret) });
  const delta = totp.validate({ token: code, window: 1, timestamp: now });
  if (delta === null) return false;
  const step = Math.floor(now / 1000 / totp.period) + delta;
  const taken = await db
    .updateTable('users')
    .set({ totp_last_step: step })
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst();
  return Number(taken.numUpdatedRows) === 1;
}

export const PASSWORD_MIN_LENGTH = 12;
/** Long enough for any passphrase, short enough that hashing it costs nothing unusual. */
export const PASSWORD_MAX_LENGTH = 1000;

export async function setPassword(db: Kysely<Database>, userId: number, password: string): Promise<void> {
  if (password.length < PASSWORD_MIN_LENGTH || password.length > PASSWORD_MAX_LENGTH) {
    throw new RegisterError('invalid', `A password has ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters.`);
  }
  await db.updateTable('users').set({ password_hash: await hashPassword(password) }).where('id', '=', userId).execute();
}

/** An organisation a person may work in, with the roles that hold there. */
export interface Membership {
  organisationId: number;
  code: string;
  name: string;
  flow: FlowName;
  /** The account's roles plus those it holds in this organisation. */
  roles: string[];
}

/**
 * The organisations a person may work in, by name: those they belong to, or every organisation
 * for the roles that reach all of them (the policy's `isMember` decides which roles those are).
 */
export async function membershipsOf(db: Kysely<Database>, account: Account, reachesAll: boolean): Promise<Membership[]> {
  const own = await db
    .selectFrom('user_organisations')
    .innerJoin('organisations', 'organisations.id', 'user_organisations.organisation_id')
    .select(['organisations.id', 'organisations.code', 'organisations.name', 'organisations.flow', 'user_organisations.roles'])
    .where('user_organisations.user_id', '=', account.id)
    .execute();
  const rolesIn = new Map(own.map((o) => [o.id, JSON.parse(o.roles) as string[]]));
  const rows = reachesAll ? await db.selectFrom('organisations').select(['id', 'code', 'name', 'flow']).execute() : own;
  return rows
    .map((o) => ({ organisationId: o.id, code: o.code, name: o.name, flow: o.flow as FlowName, roles: [...new Set([...account.roles, ...(rolesIn.get(o.id) ?? [])])] }))
    .sort((a, b) => a.name.localeCompare(b.name, 'nl') || a.code.localeCompare(b.code));
}
