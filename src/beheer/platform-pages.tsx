/**
 * The platform admin's part of management (`/beheer/platform`): the overview and, in one
 * encapsulated plugin whose hook asks the policy for the platform-wide need before any of its
 * routes runs, organisations, accounts, the audit log and the mail sent.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { AppContext } from '../context.ts';
import { adminMessages } from './messages-admin.ts';
import { Frame } from './layout.tsx';
import { page } from './render.ts';
import { frameProps } from './frame-props.ts';
import { requirePlatformAdmin } from './platform-guard.ts';
import { platformOrganisationsPages, ORGANISATIONS } from './platform-organisations-pages.tsx';
import { platformAccountsPage } from './platform-accounts-page.tsx';
import { auditLogPage } from './audit-log-page.tsx';
import { outboxPage, OUTBOX_PATH } from './outbox-page.tsx';

export function platformPages(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    app.addHook('preHandler', requirePlatformAdmin);

    app.get('/platform', { config: { access: 'admin', management: 'signed-in' } }, async (request, reply) => {
      const t = adminMessages[request.management.lang];
      return page(
        reply,
        200,
        <Frame {...frameProps(request, '/beheer/platform')} current="platformAdmin" title={t.platformTitle}>
          <h1 class="nl-heading nl-heading--level-1">{t.platformTitle}</h1>
          <p class="nl-paragraph">{t.platformIntro}</p>
          <ul class="admin-links">
            <li><a class="nl-link" href={ORGANISATIONS}>{t.orgsTitle}</a></li>
            <li><a class="nl-link" href="/beheer/platform/gebruikers">{t.accountsTitle}</a></li>
            <li><a class="nl-link" href="/beheer/platform/audit">{t.auditTitle}</a></li>
            <li><a class="nl-link" href={OUTBOX_PATH}>{request.management.lang === 'nl' ? 'Verzonden e-mail' : 'Mail sent'}</a></li>
          </ul>
        </Frame>,
      );
    });
    await app.register(platformOrganisationsPages(ctx));
    await app.register(platformAccountsPage(ctx));
    await app.register(auditLogPage(ctx));
    await app.register(outboxPage(ctx));
  };
}
