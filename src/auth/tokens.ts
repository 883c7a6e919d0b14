/**
 * Signed access tokens. We sign RS256 JWTs with a key kept in the database (so every app server
 * behind a load balancer signs and verifies alike) and, when configured, also trust an external
 * OIDC issuer (Keycloak) through its JWKS. Both map to a Principal the same way.
 */
import { randomUUID } from 'node:crypto';
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  exportJWK,
  generateKeyPair,
  importJWK,
  jwtVerify,
  SignJWT,
  type JSONWebKeySet,
  type JWK,
  type JWTPayload,
} from 'jose';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { principalFromClaims, type Principal } from './principal.ts';

export const AUDIENCE = 'algoritmeregister';

export interface ExternalIssuer {
  issuer: string;
  jwksUrl: string;
  audience?: string;
}

export interface TokenService {
  issuer: string;
  ttlSeconds: number;
  sign(claims: Record<string, unknown>): Promise<string>;
  /** The principal of a valid token, or null for an invalid or expired one. */
  verify(token: string): Promise<Principal | null>;
  jwks(): JSONWebKeySet;
}

async function loadOrCreateKey(db: Kysely<Database>): Promise<{ kid: string; privateJwk: JWK; publicJwk: JWK }> {
  const existing = await db.selectFrom('signing_keys').selectAll().orderBy('created_at').executeTakeFirst();
  if (existing) return { kid: existing.kid, privateJwk: JSON.parse(existing.private_jwk), publicJwk: JSON.parse(existing.public_jwk) };
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const kid = randomUUID();
  const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: 'RS256' };
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  await db
    .insertInto('signing_keys')
    .values({ kid, private_jwk: JSON.stringify(privateJwk), public_jwk: JSON.stringify(publicJwk), created_at: new Date().toISOString() })
    .onConflict((oc) => oc.doNothing())
    .execute();
  // Another server may have raced us to it: the oldest key wins everywhere.
  return loadOrCreateKey(db);
}

export async function createTokenService(
  db: Kysely<Database>,
  opts: { issuer: string; ttlSeconds: number; external?: ExternalIssuer },
): Promise<TokenService> {
  const key = await loadOrCreateKey(db);
  const privateKey = await importJWK(key.privateJwk, 'RS256');
  const jwks: JSONWebKeySet = { keys: [key.publicJwk] };
  const local = createLocalJWKSet(jwks);
  const external = opts.external ? createRemoteJWKSet(new URL(opts.external.jwksUrl)) : null;

  // Verifying a signature costs more than the rest of a small request: remember the principals
  // of tokens already verified, until they expire. Bounded; a revoked client's tokens run out
  // with their lifetime as they would anyway.
  const verified = new Map<string, { principal: Principal; expiresAt: number }>();
  const remember = (token: string, principal: Principal, exp: number | undefined) => {
    if (verified.size >= 10_000) verified.clear();
    verified.set(token, { principal, expiresAt: (exp ?? 0) * 1000 });
    return principal;
  };

  return {
    issuer: opts.issuer,
    ttlSeconds: opts.ttlSeconds,
    async sign(claims) {
      return new SignJWT(claims as JWTPayload)
        .setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'JWT' })
        .setIssuer(opts.issuer)
        .setAudience(AUDIENCE)
        .setIssuedAt()
        .setJti(randomUUID())
        .setExpirationTime(`${opts.ttlSeconds}s`)
        .sign(privateKey);
    },
    async verify(token) {
      const known = verified.get(token);
      if (known) {
        if (known.expiresAt > Date.now()) return known.principal;
        verified.delete(token);
      }
      try {
        const { payload } = await jwtVerify(token, local, { issuer: opts.issuer, audience: AUDIENCE, algorithms: ['RS256'] });
        return remember(token, principalFromClaims(payload), payload.exp);
      } catch {
        if (!external || !opts.external) return null;
        try {
          const { payload } = await jwtVerify(token, external, {
            issuer: opts.external.issuer,
            audience: opts.external.audience,
            algorithms: ['RS256', 'RS384', 'RS512', 'ES256', 'PS256'],
          });
          return remember(token, principalFromClaims(payload), payload.exp);
        } catch {
          return null;
        }
      }
    },
    jwks: () => jwks,
  };
}
