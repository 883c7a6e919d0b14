/** People who sign in: accounts with roles, the organisations they belong to, password and optional TOTP. */
import type { Kysely } from 'kysely';
import { TOTP, Secret } from 'otpauth';
import type { Database } from '../db/schema.ts';
import { RegisterError } from '../register/errors.ts';
import { recordEvent } from '../register/audit.ts';
import type { Actor } from '../register/actor.ts';
import { hashPassword, verifyPassword } from './secrets.ts';
import { ROLES } from './policy.ts';

export interface NewUser {
  username: string;
  password?: string;
  firstName?: string;
  lastName?: string;
  email?: string;
  roles: string[];
  organisations: string[];
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
  return rows.map((r) => r.id);
}

/** Creates an account. Returns the TOTP provisioning URI when a second factor was asked for. */
export async function createUser(db: Kysely<Database>, input: NewUser, actor: Actor): Promise<{ id: number; totpUri: string | null }> {
  if (!/^[\w.@+-]{2,200}$/.test(input.username)) throw new RegisterError('invalid', 'A username holds 2–200 letters, digits or . _ @ + -.');
  checkRoles(input.roles);
  if (input.password !== undefined && input.password.length < 12) throw new RegisterError('invalid', 'A password has at least 12 characters.');
  if (await db.selectFrom('users').select('id').where('username', '=', input.username).executeTakeFirst()) {
    throw new RegisterError('conflict', `USER_ALREADY_EXISTS: ${input.username}`);
  }
  const orgIds = await organisationIds(db, input.organisations);
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
    for (const organisation_id of orgIds) {
      await trx.insertInto('user_organisations').values({ user_id: user.id, organisation_id }).execute();
    }
    await recordEvent(trx, { action: 'user_created', actor, detail: { username: input.username, roles: input.roles, organisations: input.organisations } });
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
    const totp = new TOTP({ secret: Secret.fromBase32(user.totp_secret) });
    if (totp.validate({ token: totpCode, window: 1 }) === null) return { ok: false, reason: 'totp_invalid' };
  }
  const claims = await claimsOfUser(db, user.id);
  return claims ? { ok: true, claims } : { ok: false, reason: 'invalid_credentials' };
}
