/**
 * Server-side sessions of people in management, kept in the database so that every app server
 * behind a load balancer shares them. The browser holds only a random id (256 bits); the table
 * holds its sha256, so a copy of the database opens no session.
 *
 * A session starts before sign-in (it carries the CSRF token of the sign-in form) and is
 * replaced by a new one, with a new id and a new CSRF token, at every change of who is signed in
 * (password accepted, TOTP accepted, sign-out): an id known before sign-in is worth nothing after
 * it (no session fixation). A session ends when idle for `idleSeconds` or, in any case,
 * `maxSeconds` after it began.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Database, SessionTable } from '../db/schema.ts';

export type SessionRow = Selectable<SessionTable>;

export interface SessionLimits {
  idleSeconds: number;
  maxSeconds: number;
}

export interface Session {
  /** The id the browser holds; never stored. */
  id: string;
  userId: number | null;
  pendingUserId: number | null;
  csrfToken: string;
  organisationId: number | null;
  language: string;
  createdAt: string;
  lastSeenAt: string;
}

/** Writing `last_seen_at` on every request would make each page view a write; once a minute is precise enough. */
const TOUCH_AFTER_MS = 60_000;

export const hashSessionId = (id: string) => createHash('sha256').update(id).digest('hex');
const newId = () => randomBytes(32).toString('base64url');

function fromRow(id: string, row: SessionRow): Session {
  return {
    id,
    userId: row.user_id,
    pendingUserId: row.pending_user_id,
    csrfToken: row.csrf_token,
    organisationId: row.organisation_id,
    language: row.language,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
  };
}

export interface NewSession {
  language: string;
  userId?: number | null;
  pendingUserId?: number | null;
  organisationId?: number | null;
}

export async function startSession(db: Kysely<Database>, input: NewSession, now = new Date()): Promise<Session> {
  const id = newId();
  const row: SessionRow = {
    id_hash: hashSessionId(id),
    user_id: input.userId ?? null,
    pending_user_id: input.pendingUserId ?? null,
    csrf_token: randomBytes(32).toString('base64url'),
    organisation_id: input.organisationId ?? null,
    language: input.language,
    created_at: now.toISOString(),
    last_seen_at: now.toISOString(),
  };
  await db.insertInto('sessions').values(row).execute();
  return fromRow(id, row);
}

export function isExpired(session: Pick<Session, 'createdAt' | 'lastSeenAt'>, limits: SessionLimits, now = new Date()): boolean {
  const t = now.getTime();
  return t - Date.parse(session.lastSeenAt) > limits.idleSeconds * 1000 || t - Date.parse(session.createdAt) > limits.maxSeconds * 1000;
}

/** The live session with this id; an expired one is deleted and answered as unknown. */
export async function readSession(db: Kysely<Database>, id: string, limits: SessionLimits, now = new Date()): Promise<Session | undefined> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(id)) return undefined;
  const row = await db.selectFrom('sessions').selectAll().where('id_hash', '=', hashSessionId(id)).executeTakeFirst();
  if (!row) return undefined;
  const session = fromRow(id, row);
  if (isExpired(session, limits, now)) {
    await endSession(db, id);
    return undefined;
  }
  if (now.getTime() - Date.parse(session.lastSeenAt) > TOUCH_AFTER_MS) {
    session.lastSeenAt = now.toISOString();
    await db.updateTable('sessions').set({ last_seen_at: session.lastSeenAt }).where('id_hash', '=', row.id_hash).execute();
  }
  return session;
}

/** Replaces a session by a new one (new id, new CSRF token) with `changes` applied: at every sign-in step. */
export async function renewSession(db: Kysely<Database>, old: Session, changes: Omit<NewSession, 'language'> & { language?: string }, now = new Date()): Promise<Session> {
  return db.transaction().execute(async (trx) => {
    await trx.deleteFrom('sessions').where('id_hash', '=', hashSessionId(old.id)).execute();
    return startSession(
      trx,
      {
        language: changes.language ?? old.language,
        userId: changes.userId === undefined ? old.userId : changes.userId,
        pendingUserId: changes.pendingUserId === undefined ? old.pendingUserId : changes.pendingUserId,
        organisationId: changes.organisationId === undefined ? old.organisationId : changes.organisationId,
      },
      now,
    );
  });
}

/** Changes what a session remembers that does not change who is signed in. */
export async function updateSession(db: Kysely<Database>, session: Session, changes: { organisationId?: number | null; language?: string }): Promise<void> {
  await db
    .updateTable('sessions')
    .set({
      ...(changes.organisationId !== undefined ? { organisation_id: changes.organisationId } : {}),
      ...(changes.language !== undefined ? { language: changes.language } : {}),
    })
    .where('id_hash', '=', hashSessionId(session.id))
    .execute();
}

export async function endSession(db: Kysely<Database>, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id_hash', '=', hashSessionId(id)).execute();
}

/** Ends every session of a person (after a password reset: whoever knew the old password is out). */
export async function endSessionsOfUser(db: Kysely<Database>, userId: number): Promise<void> {
  await db.deleteFrom('sessions').where((eb) => eb.or([eb('user_id', '=', userId), eb('pending_user_id', '=', userId)])).execute();
}

/**
 * Deletes sessions idle for longer than the idle limit. Those past their absolute limit but
 * still active are refused by `readSession` and deleted when next seen.
 */
export async function purgeIdleSessions(db: Kysely<Database>, limits: SessionLimits, now = new Date()): Promise<void> {
  const idleSince = new Date(now.getTime() - limits.idleSeconds * 1000).toISOString();
  await db.deleteFrom('sessions').where('last_seen_at', '<', idleSince).execute();
}
