/** All accounts of the register for the platform admin (`/beheer/platform/gebruikers`): search, organisations and roles, block and unblock. */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import { formatNumber } from '../publicsite/messages.ts';
import { Pagination } from '../publicsite/pagination.tsx';
import { listAccounts, setBlocked, type AccountOverview } from '../auth/account-admin.ts';
import { RegisterError } from '../register/errors.ts';
import { fill } from './messages.ts';
import { adminMessages, rolesText } from './messages-admin.ts';
import { CsrfField, ErrorSummary, Frame, Notice } from './layout.tsx';
import { page, seeOther } from './render.ts';
import { frameProps } from './frame-props.ts';
import { notFoundPage } from './status-page.tsx';
import { pageNumber, TextField } from './admin-fields.tsx';
import { TableRegion } from './table-region.tsx';

const ACCOUNTS = '/beheer/platform/gebruikers';
const PAGE_SIZE = 50;

function AccountsPage({ request, q, total, accounts, current, notice, error }: { request: FastifyRequest; q: string; total: number; accounts: AccountOverview[]; current: number; notice?: string; error?: string }) {
  const { lang, session, person } = request.management;
  const t = adminMessages[lang];
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const href = (n: number) => `${ACCOUNTS}?${new URLSearchParams({ ...(q ? { q } : {}), ...(n > 1 ? { pagina: String(n) } : {}) })}`;
  return (
    <Frame {...frameProps(request, href(current))} current="platformAdmin" title={t.accountsTitle}>
      <Notice text={notice} />
      <ErrorSummary lang={lang} errors={[]} general={error} />
      <h1 class="nl-heading nl-heading--level-1">{t.accountsTitle}</h1>
      <form method="get" action={ACCOUNTS} class="filter-form" role="search">
        <TextField lang={lang} id="zoek-gebruiker" name="q" type="search" label={t.searchLabel} value={q} />
        <button type="submit" class="utrecht-button utrecht-button--secondary-action">{t.search}</button>
      </form>
      <p class="result-count" role="status">{fill(t.accountsCount, { count: formatNumber(total, lang) })}</p>
      {accounts.length > 0 && (
        <TableRegion id="accounts" caption={t.accountsCaption} columns={[t.colPerson, t.colEmail, t.colAccountRoles, t.colOrganisations, t.colActions]}>
          {accounts.map((a) => (
            <tr>
              <th scope="row">{a.name === a.username ? a.username : `${a.name} (${a.username})`}</th>
              <td>{a.email ?? ''}</td>
              <td>{rolesText(t, a.roles)}</td>
              <td>
                {a.memberships.length > 0 && (
                  <ul class="plain-list">
                    {a.memberships.map((m) => (
                      <li>{`${m.name} (${m.code}): ${rolesText(t, m.roles)}`}</li>
                    ))}
                  </ul>
                )}
              </td>
              <td>
                {a.id !== person!.account.id && (
                  <form method="post" action={`${ACCOUNTS}/${a.id}/${a.blocked ? 'deblokkeren' : 'blokkeren'}`} class="inline-form">
                    <CsrfField token={session?.csrfToken ?? ''} />
                    <input type="hidden" name="terug" value={href(current)} />
                    <button type="submit" class="utrecht-button utrecht-button--secondary-action">
                      {a.blocked ? t.unblock : t.block}
                      <span class="visually-hidden"> {a.username}</span>
                    </button>
                  </form>
                )}
              </td>
            </tr>
          ))}
        </TableRegion>
      )}
      <Pagination lang={lang} page={current} pages={pages} href={href} />
    </Frame>
  );
}

export function platformAccountsPage(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    const db = ctx.kysely;
    const config = { access: 'admin' as const, management: 'signed-in' as const };

    app.get('/platform/gebruikers', { config }, async (request, reply) => {
      const query = request.query as Record<string, unknown>;
      const q = typeof query.q === 'string' ? query.q.trim().slice(0, 200) : '';
      const current = pageNumber(query.pagina);
      const { total, accounts } = await listAccounts(db, { q, limit: PAGE_SIZE, offset: (current - 1) * PAGE_SIZE });
      const t = adminMessages[request.management.lang];
      const done = typeof query.melding === 'string' ? query.melding : '';
      const who = typeof query.wie === 'string' ? query.wie.slice(0, 200) : '';
      const notice = done === 'geblokkeerd' ? fill(t.blocked, { username: who }) : done === 'gedeblokkeerd' ? fill(t.unblocked, { username: who }) : undefined;
      return page(reply, 200, <AccountsPage request={request} q={q} total={total} accounts={accounts} current={current} notice={notice} />);
    });

    for (const [action, blocked] of [['blokkeren', true], ['deblokkeren', false]] as const) {
      app.post(`/platform/gebruikers/:userId/${action}`, { config }, async (request, reply) => {
        const id = (request.params as { userId: string }).userId;
        if (!/^\d{1,12}$/.test(id)) return notFoundPage(request, reply);
        const t = adminMessages[request.management.lang];
        try {
          await setBlocked(db, Number(id), blocked, request.management.person!.principal);
        } catch (error) {
          if (!(error instanceof RegisterError)) throw error;
          if (error.kind === 'not_found') return notFoundPage(request, reply);
          const { total, accounts } = await listAccounts(db, { limit: PAGE_SIZE, offset: 0 });
          return page(reply, 403, <AccountsPage request={request} q="" total={total} accounts={accounts} current={1} error={t.ownAccount} />);
        }
        const user = await db.selectFrom('users').select('username').where('id', '=', Number(id)).executeTakeFirstOrThrow();
        return seeOther(reply, `${ACCOUNTS}?${new URLSearchParams({ q: user.username, melding: blocked ? 'geblokkeerd' : 'gedeblokkeerd', wie: user.username })}`);
      });
    }
  };
}
