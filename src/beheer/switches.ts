/**
 * The two choices a person makes for the whole session, each a small form in the header:
 * the organisation they work in (only one they may work in, by the policy) and the language.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { AppContext } from '../context.ts';
import { updateSession } from '../auth/sessions.ts';
import { authorize, MANAGEMENT_NEEDS } from '../auth/policy.ts';
import { returnPath } from './person.ts';
import { seeOther } from './render.ts';
import { beheerMessages, fill } from './messages.ts';
import { statusPage } from './status-page.tsx';

const field = (body: unknown, key: string) => {
  const value = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[key] : undefined;
  return typeof value === 'string' ? value : '';
};

export function switches(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    app.post('/organisatie', { config: { access: 'member', management: 'signed-in' } }, async (request, reply) => {
      const person = request.management.person!;
      const code = field(request.body, 'organisation');
      const chosen = person.memberships.find((m) => m.code === code);
      // Not one of theirs: answered like one they have no role in, naming nothing of it.
      if (!chosen || !authorize(person.principal, MANAGEMENT_NEEDS.workIn, { code: chosen.code, flow: chosen.flow }).ok) {
        const t = beheerMessages[request.management.lang];
        return statusPage(request, reply, 403, t.forbiddenTitle, [fill(t.forbiddenText, { organisation: code.slice(0, 100) || '—' })]);
      }
      await updateSession(ctx.kysely, request.management.session!, { organisationId: chosen.organisationId });
      return seeOther(reply, returnPath(field(request.body, 'terug')));
    });

    app.post('/taal', { config: { access: 'public' } }, async (request, reply) => {
      const lang = field(request.body, 'lang');
      if (lang === 'nl' || lang === 'en') await updateSession(ctx.kysely, request.management.session!, { language: lang });
      return seeOther(reply, returnPath(field(request.body, 'terug')));
    });
  };
}
