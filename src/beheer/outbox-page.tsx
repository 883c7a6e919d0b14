/**
 * `/beheer/platform/mail`: the mail the register sent, newest first. Without SMTP_URL every mail
 * stays here (the development outbox), so a developer or tester reads invitations, reset links
 * and notifications here; with SMTP it is the journal of what went out and what failed.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { AppContext } from '../context.ts';
import type { Lang } from '../publicsite/messages.ts';
import { Frame } from './layout.tsx';
import { page } from './render.ts';
import { frameProps } from './frame-props.ts';
import { formatDateTime } from './algorithms-page.tsx';

export const OUTBOX_PATH = '/beheer/platform/mail';
const SHOWN = 100;

const words = {
  nl: {
    title: 'Verzonden e-mail',
    outboxIntro: 'Er is geen SMTP-server ingesteld (SMTP_URL): elke e-mail van het register blijft hier staan en gaat niet weg. De nieuwste {n} eerst.',
    smtpIntro: 'Elke e-mail die het register verstuurde, met of hij aankwam bij de SMTP-server. De nieuwste {n} eerst.',
    none: 'Er is nog geen e-mail.',
    to: 'Aan',
    at: 'Wanneer',
    status: 'Status',
    outboxOnly: 'alleen in de outbox',
    sent: 'verzonden',
    failed: 'mislukt: {error}',
  },
  en: {
    title: 'Mail sent',
    outboxIntro: 'No SMTP server is set (SMTP_URL): every mail of the register stays here and does not leave. The newest {n} first.',
    smtpIntro: 'Every mail the register sent, and whether the SMTP server took it. The newest {n} first.',
    none: 'There is no mail yet.',
    to: 'To',
    at: 'When',
    status: 'Status',
    outboxOnly: 'outbox only',
    sent: 'sent',
    failed: 'failed: {error}',
  },
} satisfies Record<Lang, Record<string, string>>;

export function outboxPage(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    app.get('/platform/mail', { config: { access: 'admin', management: 'signed-in' } }, async (request, reply) => {
      const { lang } = request.management;
      const t = words[lang];
      const mails = await ctx.kysely.selectFrom('outbox').selectAll().orderBy('id', 'desc').limit(SHOWN).execute();
      const intro = (ctx.config.smtpUrl ? t.smtpIntro : t.outboxIntro).replace('{n}', String(SHOWN));
      return page(
        reply,
        200,
        <Frame {...frameProps(request, OUTBOX_PATH)} current="platformAdmin" title={t.title}>
          <h1 class="nl-heading nl-heading--level-1">{t.title}</h1>
          <p class="nl-paragraph">{intro}</p>
          {mails.length === 0 && <p class="nl-paragraph">{t.none}</p>}
          {mails.map((m) => (
            <article class="mail" aria-labelledby={`mail-${m.id}`}>
              <h2 id={`mail-${m.id}`} class="nl-heading nl-heading--level-3">{m.subject}</h2>
              <dl class="algorithm-facts">
                <div>
                  <dt>{t.to}</dt>
                  <dd>{m.to}</dd>
                </div>
                <div>
                  <dt>{t.at}</dt>
                  <dd>{formatDateTime(m.created_at, lang)}</dd>
                </div>
                <div>
                  <dt>{t.status}</dt>
                  <dd>{m.error ? t.failed.replace('{error}', m.error) : m.sent_at ? t.sent : t.outboxOnly}</dd>
                </div>
              </dl>
              <pre class="mail-text">{m.text}</pre>
            </article>
          ))}
        </Frame>,
      );
    });
  };
}
