/**
 * API clients for machine access to the delivery API (OAuth2 client credentials). A client
 * belongs to one organisation and carries roles; its secret is shown once and stored hashed.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { RegisterError } from '../register/errors.ts';
import { recordEvent } from '../register/audit.ts';
import type { Actor } from '../register/actor.ts';
import { clientSecretMatches, hashClientSecret, newSecret } from './secrets.ts';
import { checkRoles, type UserClaims } from './users.ts';

export interface NewClient {
  name: string;
  organisation: string | null;
  roles: string[];
}

export async function createClient(db: Kysely<Database>, input: NewClient, actor: Actor): Promise<{ clientId: string; clientSecret: string }> {
  checkRoles(input.roles);
  let organisationId: number | null = null;
  if (input.organisation) {
    const org = await db.selectFrom('organisations').select('id').where('code', '=', input.organisation).executeTakeFirst();
    if (!org) throw new RegisterError('not_found', `ORG_NOT_FOUND: ${input.organisation}`);
    organisationId = org.id;
  }
  const clientId = `ar-${(input.organisation ?? 'platform').toLowerCase().replace(/[^a-z0-9]/g, '')}-${randomBytes(6).toString('hex')}`;
  const clientSecret = newSecret();
  await db
    .insertInto('api_clients')
    .values({
      client_id: clientId,
      secret_hash: hashClientSecret(clientSecret),
      name: input.name,
      organisation_id: organisationId,
      roles: JSON.stringify(input.roles),
      created_at: new Date().toISOString(),
      revoked_at: null,
    })
    .execute();
  await recordEvent(db, { action: 'client_created', actor, organisationId, detail: { client_id: clientId, roles: input.roles } });
  return { clientId, clientSecret };
}

/** The claims of a client whose id and secret match and that is not revoked. */
export async function authenticateClient(db: Kysely<Database>, clientId: string, secret: string): Promise<UserClaims | null> {
  const client = await db
    .selectFrom('api_clients')
    .leftJoin('organisations', 'organisations.id', 'api_clients.organisation_id')
    .select(['api_clients.client_id', 'api_clients.secret_hash', 'api_clients.name', 'api_clients.roles', 'api_clients.revoked_at', 'organisations.code'])
    .where('api_clients.client_id', '=', clientId)
    .executeTakeFirst();
  if (!client || client.revoked_at || !clientSecretMatches(client.secret_hash, secret)) return null;
  return {
    sub: `client:${client.client_id}`,
    preferred_username: client.client_id,
    given_name: client.name,
    family_name: null,
    email: null,
    roles: JSON.parse(client.roles),
    groups: client.code ? [client.code] : [],
  };
}

export async function revokeClient(db: Kysely<Database>, clientId: string, actor: Actor): Promise<void> {
  const result = await db.updateTable('api_clients').set({ revoked_at: new Date().toISOString() }).where('client_id', '=', clientId).executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) throw new RegisterError('not_found', `CLIENT_NOT_FOUND: ${clientId}`);
  await recordEvent(db, { action: 'client_revoked', actor, detail: { client_id: clientId } });
}
