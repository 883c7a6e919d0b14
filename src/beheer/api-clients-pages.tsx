/**
 * The organisation's API clients for the delivery API (`/beheer/organisatiebeheer/api-clients`):
 * list, create with roles the organisation's flow uses (as far as the policy lets the person give
 * them), rotate the secret, revoke. A secret is shown once, on the answer to the POST that made
 * it (never on a page reached by GET, so reloading or the history shows it no more).
 */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import { grantableClientRoles } from '../auth/policy.ts';
import { createClient } from '../auth/clients.ts';
import { clientsOf, revokeOrganisationClient, rotateClientSecret, type OrganisationClient } from '../auth/organisation-clients.ts';
import { RegisterError } from '../register/errors.ts';
import { fill } from './messages.ts';
import { adminMessages, roleLabel, rolesText } from './messages-admin.ts';
import { CsrfField, ErrorSummary, Frame, Notice } from './layout.tsx';
import { page, seeOther } from './render.ts';
import { frameProps } from './frame-props.ts';
import { formatDateTime } from './algorithms-page.tsx';
import { notFoundPage } from './status-page.tsx';
import { Choices, text, TextField, texts } from './admin-fields.tsx';

const CLIENTS = '/beheer/organisatiebeheer/api-clients';
const NAME_MAX = 200;

const current = (request: FastifyRequest) => request.management.person!.organisation!;
const rolesFor = (request: FastifyRequest) => grantableClientRoles(request.management.person!.principal, current(request).flow);

interface NewClientForm {
  name: string;
  roles: string[];
  errors: { name?: string; roles?: string };
}

function ClientsPage({ request, clients, form, notice }: { request: FastifyRequest; clients: OrganisationClient[]; form: NewClientForm; notice?: string }) {
  const { lang, session } = request.management;
  const t = adminMessages[lang];
  const org = current(request);
  const csrf = session?.csrfToken ?? '';
  const errors = [...(form.errors.name ? [{ field: 'client-naam', text: form.errors.name }] : []), ...(form.errors.roles ? [{ field: 'client-rollen', text: form.errors.roles }] : [])];
  return (
    <Frame {...frameProps(request, CLIENTS)} current="organisationAdmin" title={t.clientsTitle}>
      <Notice text={notice} />
      <ErrorSummary lang={lang} errors={errors} />
      <h1 class="nl-heading nl-heading--level-1">{t.clientsTitle}</h1>
      <p class="nl-paragraph">{t.clientsIntro}</p>
      {clients.length === 0 ? (
        <p class="nl-paragraph">{t.noClients}</p>
      ) : (
        <div class="table-wrapper" role="region" aria-labelledby="clients-caption" tabindex={0}>
          <table class="utrecht-table">
            <caption id="clients-caption">{fill(t.clientsCaption, { organisation: org.name })}</caption>
            <thead class="utrecht-table__header">
              <tr>
                <th scope="col">{t.clientName}</th>
                <th scope="col">{t.clientId}</th>
                <th scope="col">{t.clientRoles}</th>
                <th scope="col">{t.clientCreated}</th>
                <th scope="col">{t.clientStatus}</th>
                <th scope="col">{t.colActions}</th>
              </tr>
            </thead>
            <tbody class="utrecht-table__body">
              {clients.map((c) => (
                <tr>
                  <th scope="row">{c.name}</th>
                  <td><code>{c.clientId}</code></td>
                  <td>{rolesText(t, c.roles)}</td>
                  <td><time dateTime={c.createdAt}>{formatDateTime(c.createdAt, lang)}</time></td>
                  <td>{c.revokedAt ? fill(t.clientRevokedAt, { date: formatDateTime(c.revokedAt, lang) }) : t.clientActive}</td>
                  <td class="row-actions">
                    {!c.revokedAt && (
                      <>
                        <form method="post" action={`${CLIENTS}/${encodeURIComponent(c.clientId)}/vernieuwen`} class="inline-form">
                          <CsrfField token={csrf} />
                          <button type="submit" class="utrecht-button utrecht-button--secondary-action">
                            {t.rotate}
                            <span class="visually-hidden"> {c.name}</span>
                          </button>
                        </form>
                        <form method="post" action={`${CLIENTS}/${encodeURIComponent(c.clientId)}/intrekken`} class="inline-form">
                          <CsrfField token={csrf} />
                          <button type="submit" class="utrecht-button utrecht-button--secondary-action">
                            {t.revoke}
                            <span class="visually-hidden"> {c.name}</span>
                          </button>
                        </form>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2 class="nl-heading nl-heading--level-2">{t.newClient}</h2>
      <form method="post" action={CLIENTS} class="narrow-form" novalidate>
        <CsrfField token={csrf} />
        <TextField lang={lang} id="client-naam" name="name" label={t.clientNameLabel} value={form.name} error={form.errors.name} autocomplete="off" />
        <Choices
          lang={lang}
          id="client-rollen"
          name="roles"
          kind="checkbox"
          legend={t.clientRolesLabel}
          hint={t.clientRolesHint}
          options={rolesFor(request).map((r) => ({ value: r, label: roleLabel(t, r) }))}
          chosen={form.roles}
          error={form.errors.roles}
        />
        <button type="submit" class="utrecht-button utrecht-button--primary-action">{t.create}</button>
      </form>
    </Frame>
  );
}

/** The answer page with a secret: shown this once. */
function SecretPage({ request, name, clientId, secret, rotated, tokenUrl }: { request: FastifyRequest; name: string; clientId: string; secret: string; rotated: boolean; tokenUrl: string }) {
  const t = adminMessages[request.management.lang];
  const title = fill(t.secretTitle, { name });
  return (
    <Frame {...frameProps(request, CLIENTS)} current="organisationAdmin" title={title}>
      <h1 class="nl-heading nl-heading--level-1">{title}</h1>
      <div class="utrecht-alert utrecht-alert--warning notice" role="status">
        <p>{t.secretOnce}</p>
        {rotated && <p>{t.secretRotated}</p>}
      </div>
      <dl class="fields utrecht-data-list client-secret">
        <dt>{t.clientId}</dt>
        <dd><code data-client-id>{clientId}</code></dd>
        <dt>{t.secretLabel}</dt>
        <dd><code data-client-secret>{secret}</code></dd>
        <dt>{t.tokenUrl}</dt>
        <dd><code>{tokenUrl}</code></dd>
      </dl>
      <p class="nl-paragraph"><a class="nl-link" href={CLIENTS}>{t.backToClients}</a></p>
    </Frame>
  );
}

export function apiClientsPages(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    const db = ctx.kysely;
    const config = { access: 'organisation-details' as const, management: 'administerOrganisation' as const };
    const tokenUrl = () => `${ctx.config.publicUrl}/oauth/token`;

    app.get('/organisatiebeheer/api-clients', { config }, async (request, reply) => {
      const clients = await clientsOf(db, current(request).organisationId);
      const done = (request.query as { ingetrokken?: unknown }).ingetrokken;
      const notice = typeof done === 'string' && clients.some((c) => c.clientId === done && c.revokedAt) ? fill(adminMessages[request.management.lang].revoked, { clientId: done }) : undefined;
      return page(reply, 200, <ClientsPage request={request} clients={clients} form={{ name: '', roles: [], errors: {} }} notice={notice} />);
    });

    app.post('/organisatiebeheer/api-clients', { config }, async (request, reply) => {
      const t = adminMessages[request.management.lang];
      const org = current(request);
      const allowed: string[] = rolesFor(request);
      const form: NewClientForm = { name: text(request.body, 'name').trim(), roles: texts(request.body, 'roles'), errors: {} };
      if (!form.name) form.errors.name = t.clientNameRequired;
      else if ([...form.name].length > NAME_MAX) form.errors.name = fill(t.profileTooLong, { max: NAME_MAX });
      if (form.roles.length === 0) form.errors.roles = t.clientRolesRequired;
      else if (form.roles.some((r) => !allowed.includes(r))) form.errors.roles = t.roleNotAllowed;
      if (form.errors.name || form.errors.roles) {
        return page(reply, 422, <ClientsPage request={request} clients={await clientsOf(db, org.organisationId)} form={form} />);
      }
      const roles = [...new Set(form.roles)];
      const { clientId, clientSecret } = await createClient(db, { name: form.name, organisation: org.code, roles }, request.management.person!.principal);
      return page(reply, 201, <SecretPage request={request} name={form.name} clientId={clientId} secret={clientSecret} rotated={false} tokenUrl={tokenUrl()} />);
    });

    const clientIdOf = (request: FastifyRequest) => (request.params as { clientId: string }).clientId;

    app.post('/organisatiebeheer/api-clients/:clientId/vernieuwen', { config }, async (request, reply) => {
      const org = current(request);
      const clientId = clientIdOf(request);
      try {
        const secret = await rotateClientSecret(db, org.organisationId, clientId, request.management.person!.principal);
        const name = (await clientsOf(db, org.organisationId)).find((c) => c.clientId === clientId)!.name;
        return page(reply, 200, <SecretPage request={request} name={name} clientId={clientId} secret={secret} rotated tokenUrl={tokenUrl()} />);
      } catch (error) {
        if (error instanceof RegisterError) return notFoundPage(request, reply);
        throw error;
      }
    });

    app.post('/organisatiebeheer/api-clients/:clientId/intrekken', { config }, async (request, reply) => {
      const clientId = clientIdOf(request);
      try {
        await revokeOrganisationClient(db, current(request).organisationId, clientId, request.management.person!.principal);
      } catch (error) {
        if (error instanceof RegisterError) return notFoundPage(request, reply);
        throw error;
      }
      return seeOther(reply, `${CLIENTS}?ingetrokken=${encodeURIComponent(clientId)}`);
    });
  };
}
