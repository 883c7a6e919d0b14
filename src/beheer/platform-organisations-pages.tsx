/**
 * The platform admin's organisations (`/beheer/platform/organisaties`): a searchable list, a new
 * one, changing name, type and flow, and importing a list as CSV (checked first, changing
 * nothing, then applied).
 */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import type { Lang } from '../publicsite/messages.ts';
import { formatNumber } from '../publicsite/messages.ts';
import { Pagination } from '../publicsite/pagination.tsx';
import { createOrganisation, findOrganisation, listOrganisations, ORG_TYPES, updateOrganisation, type Organisation } from '../register/organisations.ts';
import { orgTypeLabel } from '../register/organisation-directory.ts';
import { applyOrganisationImport, MAX_IMPORT_ROWS, planOrganisationImport, type ImportPlan, type PlannedRow, type RowProblem } from '../register/organisation-list-import.ts';
import { FLOW_NAMES, isFlowName } from '../register/states.ts';
import { fill } from './messages.ts';
import { adminMessages, type AdminMessages } from './messages-admin.ts';
import { CsrfField, ErrorSummary, Frame, Notice } from './layout.tsx';
import { page, seeOther } from './render.ts';
import { frameProps } from './frame-props.ts';
import { notFoundPage } from './status-page.tsx';
import { pageNumber, SelectField, text, TextArea, TextField } from './admin-fields.tsx';
import { TableRegion } from './table-region.tsx';

export const ORGANISATIONS = '/beheer/platform/organisaties';
const NEW = `${ORGANISATIONS}/nieuw`;
const IMPORT = `${ORGANISATIONS}/importeren`;
const editPath = (code: string) => `${ORGANISATIONS}/${encodeURIComponent(code)}`;
const PAGE_SIZE = 50;
const CODE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;
const NAME_MAX = 300;
/** Pasted CSV: enough for the largest list the import takes. */
const CSV_MAX = 2_000_000;

const typeOptions = (lang: Lang) => [...ORG_TYPES].map((type) => ({ value: type, label: orgTypeLabel(type, lang) })).sort((a, b) => a.label.localeCompare(b.label, lang));
const flowOptions = (t: AdminMessages) => FLOW_NAMES.map((f) => ({ value: f, label: t[`flow_${f}`] }));

function ListPage({ request, q, result, current, notice }: { request: FastifyRequest; q: string; result: { organisations: Organisation[]; count: number }; current: number; notice?: string }) {
  const { lang } = request.management;
  const t = adminMessages[lang];
  const pages = Math.max(1, Math.ceil(result.count / PAGE_SIZE));
  const href = (n: number) => `${ORGANISATIONS}?${new URLSearchParams({ ...(q ? { q } : {}), ...(n > 1 ? { pagina: String(n) } : {}) })}`;
  return (
    <Frame {...frameProps(request, ORGANISATIONS)} current="platformAdmin" title={t.orgsTitle}>
      <Notice text={notice} />
      <h1 class="nl-heading nl-heading--level-1">{t.orgsTitle}</h1>
      <p class="admin-actions">
        <a class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action" href={NEW}>{t.newOrg}</a>{' '}
        <a class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action" href={IMPORT}>{t.importOrgs}</a>
      </p>
      <form method="get" action={ORGANISATIONS} class="filter-form" role="search">
        <TextField lang={lang} id="zoek-organisatie" name="q" type="search" label={t.searchLabel} value={q} />
        <button type="submit" class="utrecht-button utrecht-button--secondary-action">{t.search}</button>
      </form>
      <p class="result-count" role="status">{fill(t.orgsCount, { count: formatNumber(result.count, lang) })}</p>
      {result.organisations.length > 0 && (
        <TableRegion id="orgs" caption={t.orgsCaption} columns={[t.orgName, t.orgCode, t.orgType, t.orgFlow]}>
          {result.organisations.map((o) => (
            <tr>
              <th scope="row"><a class="nl-link" href={editPath(o.code)}>{o.name}</a></th>
              <td>{o.code}</td>
              <td>{orgTypeLabel(o.type, lang)}</td>
              <td>{o.flow}</td>
            </tr>
          ))}
        </TableRegion>
      )}
      <Pagination lang={lang} page={current} pages={pages} href={href} />
    </Frame>
  );
}

interface OrgForm {
  code: string;
  name: string;
  type: string;
  flow: string;
  errors: { code?: string; name?: string; type?: string; flow?: string };
}

function OrgFormPage({ request, form, existing }: { request: FastifyRequest; form: OrgForm; existing?: Organisation }) {
  const { lang, session } = request.management;
  const t = adminMessages[lang];
  const title = existing ? fill(t.editOrgTitle, { name: existing.name }) : t.newOrg;
  const action = existing ? editPath(existing.code) : NEW;
  const fields = { code: 'org-code', name: 'org-naam', type: 'org-soort', flow: 'org-stroom' } as const;
  const errors = (Object.keys(fields) as (keyof typeof fields)[]).filter((k) => form.errors[k]).map((k) => ({ field: fields[k], text: form.errors[k]! }));
  return (
    <Frame {...frameProps(request, action)} current="platformAdmin" title={title}>
      <ErrorSummary lang={lang} errors={errors} general={errors.length ? t.invalidSummary : undefined} />
      <h1 class="nl-heading nl-heading--level-1">{title}</h1>
      <form method="post" action={action} class="narrow-form" novalidate>
        <CsrfField token={session?.csrfToken ?? ''} />
        {existing ? (
          <p class="nl-paragraph">{`${t.orgCode}: ${existing.code}`}</p>
        ) : (
          <TextField lang={lang} id={fields.code} name="code" label={t.orgCode} hint={t.orgCodeHint} value={form.code} error={form.errors.code} autocomplete="off" />
        )}
        <TextField lang={lang} id={fields.name} name="name" label={t.orgName} value={form.name} error={form.errors.name} autocomplete="organization" />
        <SelectField lang={lang} id={fields.type} name="type" label={t.orgType} value={form.type} error={form.errors.type} options={typeOptions(lang)} />
        <SelectField lang={lang} id={fields.flow} name="flow" label={t.orgFlow} value={form.flow} error={form.errors.flow} options={flowOptions(t)} />
        <button type="submit" class="utrecht-button utrecht-button--primary-action">{t.save}</button>
      </form>
      <p class="nl-paragraph"><a class="nl-link" href={ORGANISATIONS}>{t.orgsTitle}</a></p>
    </Frame>
  );
}

const problemText = (t: AdminMessages, p: RowProblem) => fill(t[`problem_${p.kind}`], p as unknown as Record<string, string | number>);

/** "3 new, 2 changed, 0 unchanged, 1 with errors; errors on row 4". */
export function planSummary(t: AdminMessages, plan: Extract<ImportPlan, { ok: true }>): string {
  const errorRows = plan.rows.filter((r) => r.outcome === 'error').map((r) => r.row);
  const counts = fill(t.importSummary, plan.counts);
  return errorRows.length ? `${counts}; ${fill(t.importErrorRows, { rows: errorRows.join(', ') })}` : counts;
}

function ImportPage({ request, csv, plan, applied, status }: { request: FastifyRequest; csv: string; plan?: ImportPlan; applied?: boolean; status?: string }) {
  const { lang, session } = request.management;
  const t = adminMessages[lang];
  const error =
    plan && !plan.ok
      ? { empty: t.importEmpty, unreadable: t.importUnreadable, columns: t.importColumns, too_many: fill(t.importTooMany, { max: MAX_IMPORT_ROWS }) }[plan.problem]
      : status;
  const ok = plan?.ok ? plan : undefined;
  const detail = (row: PlannedRow) =>
    row.outcome === 'error'
      ? row.problems.map((p) => problemText(t, p)).join('; ')
      : row.changes
        ? Object.entries(row.changes).map(([k, c]) => `${k}: ${c.from} → ${c.to}`).join('; ')
        : `${row.name} (${row.type})`;
  return (
    <Frame {...frameProps(request, IMPORT)} current="platformAdmin" title={t.importTitle}>
      <ErrorSummary lang={lang} errors={error ? [{ field: 'import-csv', text: error }] : []} />
      {ok && (
        <div class={`notice utrecht-alert ${applied ? 'utrecht-alert--ok' : 'utrecht-alert--info'}`} role="status">
          <p>{applied ? fill(t.importDone, { summary: planSummary(t, ok) }) : `${t.importDryRun} ${planSummary(t, ok)}`}</p>
        </div>
      )}
      <h1 class="nl-heading nl-heading--level-1">{t.importTitle}</h1>
      <p class="nl-paragraph">{t.importIntro}</p>
      {ok && (
        <TableRegion id="import" caption={t.importCaption} columns={[t.importRow, t.orgCode, t.importOutcome, t.importDetail]}>
          {ok.rows.map((row) => (
            <tr class={row.outcome === 'error' ? 'row-error' : undefined}>
              <th scope="row">{row.row}</th>
              <td>{row.code}</td>
              <td>{t[`outcome_${row.outcome}`]}</td>
              <td>{detail(row)}</td>
            </tr>
          ))}
        </TableRegion>
      )}
      <form method="post" action={IMPORT} class="narrow-form" novalidate>
        <CsrfField token={session?.csrfToken ?? ''} />
        <TextArea lang={lang} id="import-csv" name="csv" label={t.importLabel} value={applied ? '' : csv} error={error} />
        <div class="form-actions-inline">
          <button type="submit" name="stap" value="controleren" class="utrecht-button utrecht-button--secondary-action">{t.importCheck}</button>{' '}
          {ok && !applied && ok.counts.new + ok.counts.changed > 0 && (
            <button type="submit" name="stap" value="importeren" class="utrecht-button utrecht-button--primary-action">{t.importApply}</button>
          )}
        </div>
      </form>
      <p class="nl-paragraph"><a class="nl-link" href={ORGANISATIONS}>{t.orgsTitle}</a></p>
    </Frame>
  );
}

export function platformOrganisationsPages(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    const db = ctx.kysely;
    const config = { access: 'admin' as const, management: 'signed-in' as const };

    app.get('/platform/organisaties', { config }, async (request, reply) => {
      const query = request.query as Record<string, unknown>;
      const q = typeof query.q === 'string' ? query.q.trim().slice(0, 200) : '';
      const current = pageNumber(query.pagina);
      const result = await listOrganisations(db, { q: q || undefined, limit: PAGE_SIZE, skip: (current - 1) * PAGE_SIZE });
      const t = adminMessages[request.management.lang];
      const notice = query.melding === 'opgeslagen' ? t.orgSaved : undefined;
      return page(reply, 200, <ListPage request={request} q={q} result={result} current={current} notice={notice} />);
    });

    app.get('/platform/organisaties/nieuw', { config }, async (request, reply) =>
      page(reply, 200, <OrgFormPage request={request} form={{ code: '', name: '', type: 'gemeente', flow: 'ictu_last', errors: {} }} />),
    );

    /** The form's values, checked; `existing` when changing one (its code stays). */
    async function readForm(request: FastifyRequest, existing?: Organisation): Promise<OrgForm> {
      const t = adminMessages[request.management.lang];
      const body = request.body;
      const form: OrgForm = { code: existing?.code ?? text(body, 'code').trim(), name: text(body, 'name').trim(), type: text(body, 'type'), flow: text(body, 'flow'), errors: {} };
      if (!existing) {
        if (!CODE.test(form.code)) form.errors.code = t.orgCodeInvalid;
        else if (await findOrganisation(db, form.code)) form.errors.code = t.orgCodeTaken;
      }
      if (!form.name) form.errors.name = t.orgNameRequired;
      else if ([...form.name].length > NAME_MAX) form.errors.name = fill(t.profileTooLong, { max: NAME_MAX });
      if (!(ORG_TYPES as readonly string[]).includes(form.type)) form.errors.type = t.orgTypeInvalid;
      if (!isFlowName(form.flow)) form.errors.flow = t.flowInvalid;
      return form;
    }
    const invalid = (form: OrgForm) => Object.values(form.errors).some(Boolean);

    app.post('/platform/organisaties/nieuw', { config }, async (request, reply) => {
      const form = await readForm(request);
      if (invalid(form)) return page(reply, 422, <OrgFormPage request={request} form={form} />);
      await createOrganisation(db, { code: form.code, name: form.name, type: form.type, flow: form.flow as never }, request.management.person!.principal);
      return seeOther(reply, `${ORGANISATIONS}?q=${encodeURIComponent(form.code)}&melding=opgeslagen`);
    });

    app.get('/platform/organisaties/importeren', { config }, async (request, reply) => page(reply, 200, <ImportPage request={request} csv="" />));

    app.post('/platform/organisaties/importeren', { config }, async (request, reply) => {
      const csv = text(request.body, 'csv');
      if (csv.length > CSV_MAX) {
        return page(reply, 422, <ImportPage request={request} csv="" status={fill(adminMessages[request.management.lang].importTooMany, { max: MAX_IMPORT_ROWS })} />);
      }
      const apply = text(request.body, 'stap') === 'importeren';
      const plan = apply ? await applyOrganisationImport(db, csv, request.management.person!.principal) : await planOrganisationImport(db, csv);
      return page(reply, plan.ok ? 200 : 422, <ImportPage request={request} csv={csv} plan={plan} applied={apply && plan.ok} />);
    });

    app.get('/platform/organisaties/:code', { config }, async (request, reply) => {
      const org = await findOrganisation(db, (request.params as { code: string }).code);
      if (!org) return notFoundPage(request, reply);
      return page(reply, 200, <OrgFormPage request={request} existing={org} form={{ code: org.code, name: org.name, type: org.type, flow: org.flow, errors: {} }} />);
    });

    app.post('/platform/organisaties/:code', { config }, async (request, reply) => {
      const org = await findOrganisation(db, (request.params as { code: string }).code);
      if (!org) return notFoundPage(request, reply);
      const form = await readForm(request, org);
      if (invalid(form)) return page(reply, 422, <OrgFormPage request={request} existing={org} form={form} />);
      await updateOrganisation(db, org, { name: form.name, type: form.type, flow: form.flow as never }, request.management.person!.principal);
      return seeOther(reply, `${ORGANISATIONS}?q=${encodeURIComponent(org.code)}&melding=opgeslagen`);
    });
  };
}
