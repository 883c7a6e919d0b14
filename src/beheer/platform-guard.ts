/**
 * The platform admin's pages belong to no organisation: an admin of an empty register (no
 * organisation yet) must still reach them to make the first. The shared access hook checks a
 * need in the current organisation, so these routes ask it only for a signed-in person and this
 * hook then asks the policy for the platform-wide need.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { beheerMessages } from './messages.ts';
import { adminMessages } from './messages-admin.ts';
import { statusPage } from './status-page.tsx';
import { mayAdministerPlatform } from './platform-rights.ts';

export async function requirePlatformAdmin(request: FastifyRequest, reply: FastifyReply) {
  const { person, lang } = request.management;
  // Without a person the shared hook has answered already (sign-in or 403).
  if (!person || mayAdministerPlatform(person)) return;
  const t = beheerMessages[lang];
  return statusPage(request, reply, 403, t.forbiddenTitle, [adminMessages[lang].noPlatformRights]);
}
