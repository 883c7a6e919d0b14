/**
 * The API clients of one organisation as its admin manages them: list, a new secret (the old
 * one stops working at once; the new one is shown once and stored only hashed), revoke. Every
 * lookup is by organisation and client id together, so nobody reaches another's client.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { RegisterError } from '../register/errors.ts';
import { recordEvent } from '../register/audit.ts';
import type { Actor } from '../register/actor.ts';
import { hashClientSecret, newSecret } from './secrets.ts';

export interface OrganisationClient {
  clientId: string;
  name: string;
  roles: string[];
  createdAt: string;
  revokedAt: string | null;
}

export async function clientsOf(db: Kysely<Database>, organisationId: number): Promise<OrganisationClient[]> {
  const rows = await db
    .selectFrom('api_clients')
    .select(['client_id', 'name', 'roles', 'created_at', 'revoked_at'])
    .where('organisation_id', '=', organisationId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map((r) => ({ clientId: r.client_id, name: r.name, roles: JSON.parse(r.roles) as string[], createdAt: r.created_at, revokedAt: r.revoked_at }));
}

async function activeClient(db: Kysely<Database>, organisationId: number, clientId: string) {
  const client = await db
    .selectFrom('api_clients')
    .select(['id', 'client_id', 'revoked_at'])
    .where('organisation_id', '=', organisationId)
    .where('client_id', '=', clientId)
    .executeTakeFirst();
  if (!client) throw new RegisterError('not_found', `CLIENT_NOT_FOUND: ${clientId}`);
  if (client.revoked_at) throw new RegisterError('conflict', `CLIENT_REVOKED: ${clientId}`);
  return client;
}

/** A new secret for the client; the old one no longer works. Answers the new secret (to show once). */
export async function rotateClientSecret(db: Kysely<Database>, organisationId: number, clientId: string, actor: Actor): Promise<string> {
  const client = await activeClient(db, organisationId, clientId);
  const secret = newSecret();
  await db.updateTable('api_clients').set({ secret_hash: hashClientSecret(secret) }).where('id', '=', client.id).execute();
  await recordEvent(db, { action: 'client_secret_rotated', actor, organisationId, detail: { client_id: clientId } });
  return secret;
}

export async function revokeOrganisationClient(db: Kysely<Database>, organisationId: number, clientId: string, actor: Actor): Promise<void> {
  const client = await activeClient(db, organisationId, clientId);
  await db.updateTable('api_clients').set({ revoked_at: new Date().toISOString() }).where('id', '=', client.id).execute();
  await recordEvent(db, { action: 'client_revoked', actor, organisationId, detail: { client_id: clientId } });
}
