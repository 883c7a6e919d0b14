/**
 * Password reset by mail: a single-use token of 256 random bits, valid for `RESET_TTL_MS`,
 * stored only as its sha256. Using it sets the new password, ends every session of the account
 * and clears its lockout. Sending the mail is the caller's (it knows the words and the link).
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { recordEvent } from '../register/audit.ts';
import { RegisterError } from '../register/errors.ts';
import { endSessionsOfUser } from './sessions.ts';
import { clearFailures } from './lockout.ts';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, setPassword } from './users.ts';

export const RESET_TTL_MS = 60 * 60 * 1000;
/** Reset mails per account per `RESET_TTL_MS`: enough for a lost mail, too few to flood a mailbox. */
export const RESETS_PER_ACCOUNT = 3;

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
const isTokenShaped = (token: string) => /^[A-Za-z0-9_-]{43}$/.test(token);

export interface ResetRecipient {
  userId: number;
  username: string;
  email: string;
  token: string;
}

/**
 * New reset tokens for the accounts with this username or e-mail address that have an address
 * to send to and have not had `RESETS_PER_ACCOUNT` links within the hour. Empty when there is
 * none: the caller answers the same either way.
 */
export async function createPasswordResets(db: Kysely<Database>, usernameOrEmail: string, now = new Date()): Promise<ResetRecipient[]> {
  const wanted = usernameOrEmail.trim();
  if (!wanted || wanted.length > 254) return [];
  const users = await db
    .selectFrom('users')
    .select(['id', 'username', 'email'])
    .where((eb) => eb.or([eb('username', '=', wanted), eb(eb.fn('lower', ['email']), '=', wanted.toLowerCase())]))
    .where('email', 'is not', null)
    .execute();
  const recipients: ResetRecipient[] = [];
  const since = new Date(now.getTime() - RESET_TTL_MS).toISOString();
  for (const user of users) {
    const recent = await db
      .selectFrom('password_resets')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('user_id', '=', user.id)
      .where('created_at', '>', since)
      .executeTakeFirstOrThrow();
    if (Number(recent.n) >= RESETS_PER_ACCOUNT) continue;
    const token = randomBytes(32).toString('base64url');
    await db
      .insertInto('password_resets')
      .values({ token_hash: hashToken(token), user_id: user.id, created_at: now.toISOString(), expires_at: new Date(now.getTime() + RESET_TTL_MS).toISOString(), used_at: null })
      .execute();
    await recordEvent(db, { action: 'password_reset_requested', actor: { id: `user:${user.id}`, name: user.username }, detail: { username: user.username } }, now.toISOString());
    recipients.push({ userId: user.id, username: user.username, email: user.email!, token });
  }
  return recipients;
}

/** The account a token resets, while it is unused and unexpired. */
export async function findPasswordReset(db: Kysely<Database>, token: string, now = new Date()): Promise<{ userId: number; username: string } | undefined> {
  if (!isTokenShaped(token)) return undefined;
  const row = await db
    .selectFrom('password_resets')
    .innerJoin('users', 'users.id', 'password_resets.user_id')
    .select(['users.id', 'users.username'])
    .where('password_resets.token_hash', '=', hashToken(token))
    .where('password_resets.used_at', 'is', null)
    .where('password_resets.expires_at', '>', now.toISOString())
    .executeTakeFirst();
  return row && { userId: row.id, username: row.username };
}

/** Sets the new password with a valid token and uses the token up; `not_found` when the token is not (or no longer) valid. */
export async function completePasswordReset(db: Kysely<Database>, token: string, password: string, now = new Date()): Promise<{ userId: number; username: string }> {
  if (password.length < PASSWORD_MIN_LENGTH || password.length > PASSWORD_MAX_LENGTH) {
    throw new RegisterError('invalid', `A password has ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters.`);
  }
  const reset = await findPasswordReset(db, token, now);
  if (!reset) throw new RegisterError('not_found', 'This reset link is unknown, used or expired.');
  // Used up first and only once, even when two requests race with the same link.
  const used = await db
    .updateTable('password_resets')
    .set({ used_at: now.toISOString() })
    .where('token_hash', '=', hashToken(token))
    .where('used_at', 'is', null)
    .executeTakeFirst();
  if (Number(used.numUpdatedRows) !== 1) throw new RegisterError('not_found', 'This reset link is unknown, used or expired.');
  await setPassword(db, reset.userId, password);
  await endSessionsOfUser(db, reset.userId);
  await clearFailures(db, reset.username);
  await recordEvent(db, { action: 'password_reset', actor: { id: `user:${reset.userId}`, name: reset.username }, detail: { username: reset.username } }, now.toISOString());
  return reset;
}
