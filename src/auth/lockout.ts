/**
 * Lockout after repeated failed sign-ins: `MAX_FAILURES` failures for one username within
 * `WINDOW_MS` refuse every further sign-in with that name until the oldest of them is older
 * than the window, even with the right password. Unknown usernames are counted the same, so
 * the lockout tells nobody which accounts exist. Locking is an audit event; a successful
 * sign-in or a password reset clears the count.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { recordEvent } from '../register/audit.ts';
import { SYSTEM_ACTOR } from '../register/actor.ts';

export const MAX_FAILURES = 5;
export const WINDOW_MS = 15 * 60 * 1000;

const key = (username: string) => username.trim().toLowerCase().slice(0, 200);

async function recentFailures(db: Kysely<Database>, username: string, now: Date): Promise<string[]> {
  const since = new Date(now.getTime() - WINDOW_MS).toISOString();
  const rows = await db.selectFrom('sign_in_failures').select('at').where('username', '=', key(username)).where('at', '>', since).orderBy('at').execute();
  return rows.map((r) => r.at);
}

/** When the lockout of `username` ends, or undefined when it is not locked out. */
export async function lockedUntil(db: Kysely<Database>, username: string, now = new Date()): Promise<Date | undefined> {
  const failures = await recentFailures(db, username, now);
  if (failures.length < MAX_FAILURES) return undefined;
  // Unlocked once enough of the failures have left the window to go below the limit.
  return new Date(Date.parse(failures[failures.length - MAX_FAILURES]!) + WINDOW_MS);
}

/** Counts a failed sign-in; answers when the lockout ends if this failure locked the name. */
export async function recordFailure(db: Kysely<Database>, username: string, now = new Date()): Promise<Date | undefined> {
  await db.insertInto('sign_in_failures').values({ username: key(username), at: now.toISOString() }).execute();
  const until = await lockedUntil(db, username, now);
  if (until) {
    await recordEvent(db, { action: 'sign_in_locked', actor: SYSTEM_ACTOR, detail: { username: key(username), failures: MAX_FAILURES, until: until.toISOString() } }, now.toISOString());
  }
  return until;
}

export async function clearFailures(db: Kysely<Database>, username: string): Promise<void> {
  await db.deleteFrom('sign_in_failures').where('username', '=', key(username)).execute();
}

/** Forgets failures older than the window: they no longer count for anything. */
export async function purgeOldFailures(db: Kysely<Database>, now = new Date()): Promise<void> {
  await db.deleteFrom('sign_in_failures').where('at', '<', new Date(now.getTime() - WINDOW_MS).toISOString()).execute();
}
