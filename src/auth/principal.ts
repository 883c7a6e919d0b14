/** The authenticated caller of a request, as read from its token's claims. */
import type { Actor } from '../register/actor.ts';

export interface Principal extends Actor {
  username: string;
  firstName: string | null;
  lastName: string | null;
  roles: string[];
  /** Organisation codes the caller belongs to. */
  groups: string[];
}

/**
 * Maps token claims to a principal, the same for our own tokens and those of a trusted external
 * issuer. Keycloak writes group paths (`/gm0363`); the leading slash is not part of the code.
 */
export function principalFromClaims(claims: Record<string, unknown>): Principal {
  const list = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  const realmRoles = (claims.realm_access as { roles?: unknown } | undefined)?.roles;
  const username = typeof claims.preferred_username === 'string' ? claims.preferred_username : String(claims.sub ?? 'unknown');
  const firstName = typeof claims.given_name === 'string' ? claims.given_name : null;
  const lastName = typeof claims.family_name === 'string' ? claims.family_name : null;
  const display = [firstName, lastName].filter(Boolean).join(' ') || username;
  return {
    id: String(claims.sub ?? username),
    name: display,
    username,
    firstName,
    lastName,
    roles: [...new Set([...list(claims.roles), ...list(realmRoles)])],
    groups: list(claims.groups).map((g) => g.replace(/^\//, '')),
  };
}
