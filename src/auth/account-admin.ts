/**
 * Every account of the register as the platform admin sees it: search, the organisations and
 * roles of each, and blocking (the account role `disabled`, which the policy refuses everything
 * for; blocking also ends the account's sessions, so it takes effect at once).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { RegisterError } from '../register/errors.ts';
import { recordEvent } from '../register/audit.ts';
import type { Actor } from '../register/actor.ts';
import { endSessionsOfUser } from './sessions.ts';
import { isSelf } from './memberships.ts';

export interface AccountOverview {
  id: number;
  username: string;
  name: string;
  email: string | null;
  roles: string[];
  blocked: boolean;
  memberships: { code: string; name: string; roles: string[] }[];
}

export async function listAccounts(db: Kysely<Database>, opts: { q?: string; limit: number; offset: number }): Promise<{ total: number; accounts: AccountOverview[] }> {
  let query = db.selectFrom('users');
  const q = opts.q?.trim().toLowerCase();
  if (q) {
    // % and _ in a search act as wildcards: harmless, and the same on both engines.
    const like = `%${q}%`;
    query = query.where((eb) =>
      eb.or(
        (['username', 'email', 'first_name', 'last_name'] as const).map((column) => eb(eb.fn('lower', [eb.fn('coalesce', [column, eb.val('')])]), 'like', eb.val(like))),
      ),
    );
  }
  const { n } = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const users = await query.select(['id', 'username', 'first_name', 'last_name', 'email', 'roles']).orderBy('username').limit(opts.limit).offset(opts.offset).execute();
  const ids = users.map((u) => u.id);
  const memberships = ids.length
    ? await db
        .selectFrom('user_organisations')
        .innerJoin('organisations', 'organisations.id', 'user_organisations.organisation_id')
        .select(['user_organisations.user_id', 'organisations.code', 'organisations.name', 'user_organisations.roles'])
        .where('user_organisations.user_id', 'in', ids)
        .orderBy('organisations.name')
        .execute()
    : [];
  return {
    total: Number(n),
    accounts: users.map((u) => {
      const roles = JSON.parse(u.roles) as string[];
      return {
        id: u.id,
        username: u.username,
        name: [u.first_name, u.last_name].filter(Boolean).join(' ') || u.username,
        email: u.email,
        roles,
        blocked: roles.includes('disabled'),
        memberships: memberships.filter((m) => m.user_id === u.id).map((m) => ({ code: m.code, name: m.name, roles: JSON.parse(m.roles) as string[] })),
      };
    }),
  };
}

/** Blocks or unblocks an account; never one's own (a platform admin cannot lock everyone out by mistake). */
export async function setBlocked(db: Kysely<Database>, userId: number, blocked: boolean, actor: Actor): Promise<void> {
  if (isSelf(actor, userId)) throw new RegisterError('forbidden', 'OWN_ACCOUNT');
  const user = await db.selectFrom('users').select(['username', 'roles']).where('id', '=', userId).executeTakeFirst();
  if (!user) throw new RegisterError('not_found', 'USER_NOT_FOUND');
  const roles = JSON.parse(user.roles) as string[];
  if (roles.includes('disabled') === blocked) return;
  const next = blocked ? [...roles, 'disabled'] : roles.filter((r) => r !== 'disabled');
  await db.updateTable('users').set({ roles: JSON.stringify(next) }).where('id', '=', userId).execute();
  if (blocked) await endSessionsOfUser(db, userId);
  await recordEvent(db, { action: blocked ? 'user_blocked' : 'user_unblocked', actor, detail: { username: user.username } });
}
