/**
 * The algorithm a management page is about: only one of the organisation the person works in
 * now. Any other LARS, of another organisation or none, is simply not found (never "forbidden":
 * that would tell it exists).
 */
import type { AppContext } from '../context.ts';
import { locateAlgorithm, type Algorithm, type Version } from '../register/algorithms.ts';
import { findOrganisation, type Organisation } from '../register/organisations.ts';
import type { Person } from './person.ts';

const LARS = /^[0-9]{8}$/;

/** The person's organisation as the register knows it. */
export async function organisationOf(ctx: AppContext, person: Person): Promise<Organisation> {
  return (await findOrganisation(ctx.kysely, person.organisation!.code))!;
}

/** The algorithm `lars` of the person's organisation with its latest version; undefined for any other. */
export async function ownAlgorithm(ctx: AppContext, person: Person, lars: string): Promise<{ algorithm: Algorithm; latest: Version } | undefined> {
  if (!LARS.test(lars)) return undefined;
  const { algorithm, latest } = await locateAlgorithm(ctx.kysely, person.organisation!.code, lars);
  if (!algorithm?.id || !latest || algorithm.organisation_id !== person.organisation!.organisationId) return undefined;
  return { algorithm, latest };
}

