/**
 * Accounts and the identities of an external OpenID Provider. An identity (issuer and subject) is
 * linked to at most one account. The first sign-in of an identity links it to the one account
 * whose e-mail address equals the provider's, and only when the provider says it verified that
 * address; every later sign-in finds the account by the link alone, whatever the e-mail address
 * has become. Nobody gets an account, or a role, by signing in: an unknown person is refused.
 *
 * Also the sign-ins under way: state, nonce and PKCE verifier of one attempt, kept against the
 * (hashed) id of the pre-sign-in session, taken out once when the provider sends the person back.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type {} from './external-identity-tables.ts';
import { hashSessionId } from './sessions.ts';
import { findAccount, type Account } from './users.ts';
import { recordEvent } from '../register/audit.ts';

export interface ProviderIdentity {
  issuer: string;
  subject: string;
  email?: string;
  emailVerified: boolean;
}

export type IdentityMatch =
  | { ok: true; account: Account; linkedNow: boolean }
  | { ok: false; reason: 'unknown' | 'unverified' | 'ambiguous' | 'linked-to-other' };

/** The account of a provider identity: by its link, or (first time) by a verified e-mail address that exactly one account has. */
export async function accountForIdentity(db: Kysely<Database>, identity: ProviderIdentity): Promise<IdentityMatch> {
  const link = await db
    .selectFrom('external_identities')
    .select('user_id')
    .where('issuer', '=', identity.issuer)
    .where('subject', '=', identity.subject)
    .executeTakeFirst();
  if (link) {
    const account = await findAccount(db, link.user_id);
    return account ? { ok: true, account, linkedNow: false } : { ok: false, reason: 'unknown' };
  }
  const email = identity.email?.trim().toLowerCase();
  if (!email) return { ok: false, reason: 'unknown' };
  const candidates = await db
    .selectFrom('users')
    .select('id')
    .where(sql<string>`lower(email)`, '=', email)
    .limit(2)
    .execute();
  if (candidates.length === 0) return { ok: false, reason: 'unknown' };
  // An address the provider did not verify proves nothing about who signs in.
  if (!identity.emailVerified) return { ok: false, reason: 'unverified' };
  if (candidates.length > 1) return { ok: false, reason: 'ambiguous' };
  const userId = candidates[0]!.id;
  // An account already linked to another identity of this provider is not taken over by a second one.
  const other = await db.selectFrom('external_identities').select('subject').where('issuer', '=', identity.issuer).where('user_id', '=', userId).executeTakeFirst();
  if (other) return { ok: false, reason: 'linked-to-other' };
  const account = await findAccount(db, userId);
  if (!account) return { ok: false, reason: 'unknown' };
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('external_identities').values({ issuer: identity.issuer, subject: identity.subject, user_id: userId, created_at: new Date().toISOString() }).execute();
    await recordEvent(trx, {
      action: 'external_identity_linked',
      actor: { id: `user:${account.id}`, name: account.username },
      detail: { username: account.username, issuer: identity.issuer, subject: identity.subject, email },
    });
  });
  return { ok: true, account, linkedNow: true };
}

export interface PendingSignIn {
  state: string;
  nonce: string;
  codeVerifier: string;
  returnPath: string;
}

/** How long a person may take at the provider before the attempt is void. */
export const PENDING_SIGN_IN_SECONDS = 10 * 60;

/** Keeps an attempt against the session; a new attempt in the same session replaces the old one. */
export async function savePendingSignIn(db: Kysely<Database>, sessionId: string, pending: PendingSignIn, now = new Date()): Promise<void> {
  const sessionHash = hashSessionId(sessionId);
  const before = new Date(now.getTime() - PENDING_SIGN_IN_SECONDS * 1000).toISOString();
  await db.transaction().execute(async (trx) => {
    // Abandoned attempts of anyone go here too, so the table stays small without a scheduled job.
    await trx.deleteFrom('external_sign_ins').where((eb) => eb.or([eb('session_hash', '=', sessionHash), eb('created_at', '<', before)])).execute();
    await trx
      .insertInto('external_sign_ins')
      .values({
        session_hash: sessionHash,
        state: pending.state,
        nonce: pending.nonce,
        code_verifier: pending.codeVerifier,
        return_path: pending.returnPath,
        created_at: now.toISOString(),
      })
      .execute();
  });
}

/** The session's attempt, removed so that it serves once; undefined when there is none or it is too old. */
export async function takePendingSignIn(db: Kysely<Database>, sessionId: string, now = new Date()): Promise<PendingSignIn | undefined> {
  const sessionHash = hashSessionId(sessionId);
  const row = await db.selectFrom('external_sign_ins').selectAll().where('session_hash', '=', sessionHash).executeTakeFirst();
  if (!row) return undefined;
  const deleted = await db.deleteFrom('external_sign_ins').where('session_hash', '=', sessionHash).executeTakeFirst();
  // Two callbacks at once: only the one that removed the row goes on.
  if (Number(deleted.numDeletedRows) !== 1) return undefined;
  if (now.getTime() - Date.parse(row.created_at) > PENDING_SIGN_IN_SECONDS * 1000) return undefined;
  return { state: row.state, nonce: row.nonce, codeVerifier: row.code_verifier, returnPath: row.return_path };
}
