/** What the management frame needs from a request: language, CSRF token, the person and the menu they may use. */
import type { FastifyRequest } from 'fastify';
import { authorize, MANAGEMENT_NEEDS, type ManagementNeed } from '../auth/policy.ts';
import type { Person } from './person.ts';

/** Whether the person may do `need` in the organisation they work in now. */
export function may(person: Person | undefined, need: ManagementNeed): boolean {
  if (!person?.organisation) return false;
  const { code, flow } = person.organisation;
  return authorize(person.principal, MANAGEMENT_NEEDS[need], { code, flow }).ok;
}

export function frameProps(request: FastifyRequest, here: string) {
  const { lang, session, person } = request.management;
  return {
    lang,
    here,
    // Pages are only shown with a session (management starts one before any form); '' cannot pass the CSRF check.
    csrf: session?.csrfToken ?? '',
    person,
    menu: { algorithms: may(person, 'listAlgorithms'), errorReports: may(person, 'readErrorReports') },
  };
}
