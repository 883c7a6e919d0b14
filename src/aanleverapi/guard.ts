/**
 * Resolves the organisation and algorithm a delivery-API request names and asks the policy
 * whether the caller may act on them, in the national register's order: 401, then 403 for the
 * organisation or permission, then 404/403 for the algorithm.
 */
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { authorize, type Need } from '../auth/policy.ts';
import type { Principal } from '../auth/principal.ts';
import { findOrganisation, type Organisation } from '../register/organisations.ts';
import { findAlgorithm, locateAlgorithm, type Algorithm, type Version } from '../register/algorithms.ts';
import { ApiError } from './errors.ts';

export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new ApiError(401, 'TOKEN_NOT_FOUND');
  return request.principal;
}

/** Checks `need` in the organisation named by the path; 404 ORG_NOT_FOUND after the rights check. */
export async function organisationFor(db: Kysely<Database>, request: FastifyRequest, code: string, need: Need): Promise<Organisation> {
  const principal = principalOf(request);
  const org = await findOrganisation(db, code);
  const decision = authorize(principal, need, { code, flow: org?.flow ?? 'ictu_last' });
  if (!decision.ok) throw new ApiError(403, decision.detail);
  if (!org) throw new ApiError(404, 'ORG_NOT_FOUND');
  return org;
}

/**
 * `organisationFor` and `ownedAlgorithm` in one database query, with the algorithm's latest
 * version: the path's organisation, the rights checked there, then its algorithm `lars`.
 */
export async function algorithmFor(
  db: Kysely<Database>,
  request: FastifyRequest,
  code: string,
  lars: string,
  need: Need,
): Promise<{ org: Organisation; algorithm: Algorithm; latest?: Version }> {
  const principal = principalOf(request);
  const { org, algorithm, latest } = await locateAlgorithm(db, code, lars);
  const decision = authorize(principal, need, { code, flow: org?.flow ?? 'ictu_last' });
  if (!decision.ok) throw new ApiError(403, decision.detail);
  if (!org) throw new ApiError(404, 'ORG_NOT_FOUND');
  if (!algorithm) throw new ApiError(404, 'Not Found');
  if (algorithm.organisation_id !== org.id) throw new ApiError(403, 'Forbidden');
  return { org, algorithm, latest };
}

/** The algorithm with this LARS, owned by `org`: 404 when unknown, 403 when another organisation's. */
export async function ownedAlgorithm(db: Kysely<Database>, org: Organisation, lars: string): Promise<Algorithm> {
  const algorithm = await findAlgorithm(db, lars);
  if (!algorithm) throw new ApiError(404, 'Not Found');
  if (algorithm.organisation_id !== org.id) throw new ApiError(403, 'Forbidden');
  return algorithm;
}

export function requireAllowed(principal: Principal, need: Need, org: Organisation): void {
  const decision = authorize(principal, need, { code: org.code, flow: org.flow });
  if (!decision.ok) throw new ApiError(403, decision.detail);
}
