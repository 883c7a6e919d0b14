/** The register's audit log for the platform admin (`/beheer/platform/audit`): newest first, filtered by organisation, action and period, paged. */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import { formatNumber } from '../publicsite/messages.ts';
import { Pagination } from '../publicsite/pagination.tsx';
import { auditActions, searchAuditLog, type AuditLogEntry } from '../register/audit-log.ts';
import { findOrganisation } from '../register/organisations.ts';
import { fill } from './messages.ts';
import { adminMessages } from './messages-admin.ts';
import { ErrorSummary, Frame } from './layout.tsx';
import { page } from './render.ts';
import { frameProps } from './frame-props.ts';
import { formatDateTime } from './algorithms-page.tsx';
import { pageNumber, SelectField, TextField } from './admin-fields.tsx';
import { TableRegion } from './table-region.tsx';

const AUDIT = '/beheer/platform/audit';
const PAGE_SIZE = 100;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** Long details (a whole description's diff) are cut in the table; the full text is in the database. */
const DETAIL_MAX = 300;

interface Filter {
  organisatie: string;
  actie: string;
  van: string;
  tot: string;
}

function AuditPage(props: { request: FastifyRequest; filter: Filter; errors: Partial<Record<keyof Filter, string>>; actions: string[]; total: number; events: AuditLogEntry[]; current: number }) {
  const { request, filter, errors, actions, total, events, current } = props;
  const { lang } = request.management;
  const t = adminMessages[lang];
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const href = (n: number) => `${AUDIT}?${new URLSearchParams({ ...Object.fromEntries(Object.entries(filter).filter(([, v]) => v)), ...(n > 1 ? { pagina: String(n) } : {}) })}`;
  const ids = { organisatie: 'audit-organisatie', actie: 'audit-actie', van: 'audit-van', tot: 'audit-tot' } as const;
  const summary = (Object.keys(ids) as (keyof Filter)[]).filter((k) => errors[k]).map((k) => ({ field: ids[k], text: errors[k]! }));
  return (
    <Frame {...frameProps(request, href(current))} current="platformAdmin" title={t.auditTitle}>
      <ErrorSummary lang={lang} errors={summary} />
      <h1 class="nl-heading nl-heading--level-1">{t.auditTitle}</h1>
      <p class="nl-paragraph">{t.auditIntro}</p>
      <form method="get" action={AUDIT} class="filter-form audit-filter" novalidate>
        <TextField lang={lang} id={ids.organisatie} name="organisatie" label={t.auditOrganisation} value={filter.organisatie} error={errors.organisatie} />
        <SelectField lang={lang} id={ids.actie} name="actie" label={t.auditAction} value={filter.actie} options={[{ value: '', label: t.auditAllActions }, ...actions.map((a) => ({ value: a, label: a }))]} />
        <TextField lang={lang} id={ids.van} name="van" type="date" label={t.auditFrom} value={filter.van} error={errors.van} />
        <TextField lang={lang} id={ids.tot} name="tot" type="date" label={t.auditTo} value={filter.tot} error={errors.tot} />
        <button type="submit" class="utrecht-button utrecht-button--secondary-action">{t.filter}</button>
      </form>
      <p class="result-count" role="status">{fill(t.auditCount, { count: formatNumber(total, lang) })}</p>
      {events.length === 0 ? (
        <p class="nl-paragraph">{t.noEvents}</p>
      ) : (
        <TableRegion id="audit" caption={t.auditCaption} columns={[t.colWhen, t.colWhat, t.colWho, t.colOrganisation, t.colDetail]}>
          {events.map((e) => (
            <tr>
              <th scope="row"><time dateTime={e.at}>{formatDateTime(e.at, lang)}</time></th>
              <td>{e.action}{e.lars && <span class="meta"> ({e.lars})</span>}</td>
              <td>{e.actorName}</td>
              <td>{e.organisationCode ? `${e.organisationName} (${e.organisationCode})` : ''}</td>
              <td class="audit-detail">{e.detail && e.detail.length > DETAIL_MAX ? `${e.detail.slice(0, DETAIL_MAX)}…` : (e.detail ?? '')}</td>
            </tr>
          ))}
        </TableRegion>
      )}
      <Pagination lang={lang} page={current} pages={pages} href={href} />
    </Frame>
  );
}

export function auditLogPage(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    const db = ctx.kysely;
    app.get('/platform/audit', { config: { access: 'admin', management: 'signed-in' } }, async (request, reply) => {
      const t = adminMessages[request.management.lang];
      const query = request.query as Record<string, unknown>;
      const value = (key: string) => (typeof query[key] === 'string' ? (query[key] as string).trim().slice(0, 200) : '');
      const filter: Filter = { organisatie: value('organisatie'), actie: value('actie'), van: value('van'), tot: value('tot') };
      const errors: Partial<Record<keyof Filter, string>> = {};
      const validDay = (day: string) => DAY.test(day) && !Number.isNaN(Date.parse(`${day}T00:00:00Z`));
      if (filter.van && !validDay(filter.van)) errors.van = t.auditDateInvalid;
      if (filter.tot && !validDay(filter.tot)) errors.tot = t.auditDateInvalid;
      const org = filter.organisatie ? await findOrganisation(db, filter.organisatie) : undefined;
      if (filter.organisatie && !org) errors.organisatie = t.auditOrgUnknown;
      const current = pageNumber(query.pagina);
      const actions = await auditActions(db);
      if (Object.keys(errors).length) return page(reply, 422, <AuditPage request={request} filter={filter} errors={errors} actions={actions} total={0} events={[]} current={1} />);
      const { total, events } = await searchAuditLog(
        db,
        { organisationId: org?.id, action: filter.actie || undefined, from: filter.van || undefined, to: filter.tot || undefined },
        { limit: PAGE_SIZE, offset: (current - 1) * PAGE_SIZE },
      );
      return page(reply, 200, <AuditPage request={request} filter={filter} errors={errors} actions={actions} total={total} events={events} current={current} />);
    });
  };
}
