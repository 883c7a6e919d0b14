/** Whether a person may use the platform admin's pages: the policy's platform-wide need, in no organisation. */
import { authorize, MANAGEMENT_NEEDS } from '../auth/policy.ts';
import type { Person } from './person.ts';

export function mayAdministerPlatform(person: Person | undefined): boolean {
  return person !== undefined && authorize(person.principal, MANAGEMENT_NEEDS.administerPlatform).ok;
}
