/**
 * The people of one organisation and the roles they hold there, as its organisation admin
 * manages them: add a person by e-mail (an existing account joins, otherwise a new account
 * without a password is made, to be set through the invitation link), change their roles there,
 * remove them. The caller passes the roles it may hand out (the policy decides which); roles
 * outside that set are neither given nor taken away, so an admin never reaches past its limits.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { RegisterError } from '../register/errors.ts';
import { recordEvent } from '../register/audit.ts';
import type { Actor } from '../register/actor.ts';
import { createUser } from './users.ts';

export interface Member {
  userId: number;
  username: string;
  name: string;
  email: string | null;
  /** Roles held in this organisation only. */
  roles: string[];
  /** Roles of the account itself, in every organisation. */
  accountRoles: string[];
}

/** Plain enough to send a mail to, and short enough for any mail system. */
export const EMAIL = /^[^\s@<>"']{1,64}@[^\s@<>"']+\.[^\s@<>"']{2,}$/;
export const EMAIL_MAX = 254;

const parse = (json: string) => JSON.parse(json) as string[];
const nameOf = (u: { username: string; first_name: string | null; last_name: string | null }) => [u.first_name, u.last_name].filter(Boolean).join(' ') || u.username;

export async function membersOf(db: Kysely<Database>, organisationId: number): Promise<Member[]> {
  const rows = await db
    .selectFrom('user_organisations')
    .innerJoin('users', 'users.id', 'user_organisations.user_id')
    .select(['users.id', 'users.username', 'users.first_name', 'users.last_name', 'users.email', 'users.roles as account_roles', 'user_organisations.roles'])
    .where('user_organisations.organisation_id', '=', organisationId)
    .orderBy('users.username')
    .execute();
  return rows.map((r) => ({ userId: r.id, username: r.username, name: nameOf(r), email: r.email, roles: parse(r.roles), accountRoles: parse(r.account_roles) }));
}

export async function memberOf(db: Kysely<Database>, organisationId: number, userId: number): Promise<Member | undefined> {
  return (await membersOf(db, organisationId)).find((m) => m.userId === userId);
}

function checkGrantable(roles: string[], grantable: readonly string[]) {
  const beyond = roles.filter((r) => !grantable.includes(r));
  if (beyond.length) throw new RegisterError('forbidden', `ROLE_NOT_GRANTABLE: ${beyond.join(', ')}`);
}

const actorUserId = (actor: Actor) => (/^user:(\d+)$/.exec(actor.id) ? Number(actor.id.slice(5)) : undefined);

/** Whether a change would touch the actor's own membership (refused: another admin does that, so nobody locks themselves out). */
export const isSelf = (actor: Actor, userId: number) => actorUserId(actor) === userId;

/**
 * Adds the person with this e-mail address to the organisation with `roles`. An account with
 * this address (or this address as its username) joins; otherwise a new account is made with
 * the address as its username. Answers whether a new account was made (it needs an invitation).
 */
export async function addMember(
  db: Kysely<Database>,
  organisation: { id: number; code: string },
  input: { email: string; roles: string[] },
  grantable: readonly string[],
  actor: Actor,
): Promise<{ userId: number; username: string; created: boolean }> {
  const email = input.email.trim().toLowerCase();
  if (!EMAIL.test(email) || email.length > EMAIL_MAX) throw new RegisterError('invalid', 'INVALID_EMAIL');
  checkGrantable(input.roles, grantable);
  const existing = await db
    .selectFrom('users')
    .select(['id', 'username'])
    .where((eb) => eb.or([eb(eb.fn('lower', ['email']), '=', email), eb('username', '=', email)]))
    .orderBy('id')
    .executeTakeFirst();
  if (existing) {
    if (await memberOf(db, organisation.id, existing.id)) throw new RegisterError('conflict', 'ALREADY_MEMBER');
    await db.insertInto('user_organisations').values({ user_id: existing.id, organisation_id: organisation.id, roles: JSON.stringify(input.roles) }).execute();
    await recordEvent(db, { action: 'member_added', actor, organisationId: organisation.id, detail: { username: existing.username, roles: input.roles } });
    return { userId: existing.id, username: existing.username, created: false };
  }
  if (!/^[\w.@+-]{2,200}$/.test(email)) throw new RegisterError('invalid', 'INVALID_EMAIL');
  const { id } = await createUser(db, { username: email, email, roles: [], organisations: [], organisationRoles: { [organisation.code]: input.roles } }, actor);
  await recordEvent(db, { action: 'member_added', actor, organisationId: organisation.id, detail: { username: email, roles: input.roles, new_account: true } });
  return { userId: id, username: email, created: true };
}

/**
 * Sets the member's roles in the organisation to `chosen` as far as the actor may hand them out;
 * roles the actor may not give stay as they were.
 */
export async function setMemberRoles(db: Kysely<Database>, organisationId: number, userId: number, chosen: string[], grantable: readonly string[], actor: Actor): Promise<void> {
  checkGrantable(chosen, grantable);
  if (isSelf(actor, userId)) throw new RegisterError('forbidden', 'OWN_MEMBERSHIP');
  const member = await memberOf(db, organisationId, userId);
  if (!member) throw new RegisterError('not_found', 'MEMBER_NOT_FOUND');
  const roles = [...member.roles.filter((r) => !grantable.includes(r)), ...chosen.filter((r, i) => chosen.indexOf(r) === i)];
  if (JSON.stringify([...roles].sort()) === JSON.stringify([...member.roles].sort())) return;
  await db.updateTable('user_organisations').set({ roles: JSON.stringify(roles) }).where('user_id', '=', userId).where('organisation_id', '=', organisationId).execute();
  await recordEvent(db, { action: 'member_roles_changed', actor, organisationId, detail: { username: member.username, roles: { from: member.roles, to: roles } } });
}

/** Removes a member, unless they hold a role in it that the actor could not have given. */
export async function removeMember(db: Kysely<Database>, organisationId: number, userId: number, grantable: readonly string[], actor: Actor): Promise<void> {
  if (isSelf(actor, userId)) throw new RegisterError('forbidden', 'OWN_MEMBERSHIP');
  const member = await memberOf(db, organisationId, userId);
  if (!member) throw new RegisterError('not_found', 'MEMBER_NOT_FOUND');
  checkGrantable(member.roles, grantable);
  await db.deleteFrom('user_organisations').where('user_id', '=', userId).where('organisation_id', '=', organisationId).execute();
  await recordEvent(db, { action: 'member_removed', actor, organisationId, detail: { username: member.username, roles: member.roles } });
}
