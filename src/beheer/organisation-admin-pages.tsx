/**
 * The organisation admin's pages (`/beheer/organisatiebeheer`), always about the organisation the
 * person works in now and nothing else: who works in it with which roles (add by e-mail, change
 * roles within the policy's limits, remove), its publication flow, and its public profile. Every
 * change is audited by the domain functions these pages call.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import { grantableMemberRoles } from '../auth/policy.ts';
import { addMember, isSelf, memberOf, membersOf, removeMember, setMemberRoles, EMAIL, EMAIL_MAX, type Member } from '../auth/memberships.ts';
import { createPasswordResets } from '../auth/password-reset.ts';
import { createMailer } from '../mail/mailer.ts';
import { RegisterError } from '../register/errors.ts';
import { findOrganisationById, setFlow, setOrganisationProfile, type Organisation } from '../register/organisations.ts';
import { FLOW_NAMES, isFlowName } from '../register/states.ts';
import { CURRENT_STANDARD } from '../standard/index.ts';
import { sanitizeRichText } from '../standard/html.ts';
import { fill } from './messages.ts';
import { adminMessages, roleLabel, rolesText } from './messages-admin.ts';
import { CsrfField, ErrorSummary, Frame, Notice } from './layout.tsx';
import { page, seeOther } from './render.ts';
import { frameProps } from './frame-props.ts';
import { notFoundPage, statusPage } from './status-page.tsx';
import { Choices, text, TextArea, TextField, texts } from './admin-fields.tsx';

export const ORGANISATION_ADMIN = '/beheer/organisatiebeheer';
const USERS = `${ORGANISATION_ADMIN}/gebruikers`;
const FLOW = `${ORGANISATION_ADMIN}/publicatiestroom`;
const PROFILE = `${ORGANISATION_ADMIN}/profiel`;
const memberPath = (userId: number) => `${USERS}/${userId}`;
/** Long enough for any profile, short enough that one form cannot fill the database. */
const PROFILE_MAX = 20_000;

const current = (request: FastifyRequest) => request.management.person!.organisation!;
const note = (query: unknown) => {
  const value = (query as { melding?: unknown }).melding;
  return typeof value === 'string' ? value.slice(0, 300) : undefined;
};

function Overview({ request }: { request: FastifyRequest }) {
  const t = adminMessages[request.management.lang];
  const title = fill(t.orgAdminTitle, { organisation: current(request).name });
  return (
    <Frame {...frameProps(request, ORGANISATION_ADMIN)} current="organisationAdmin" title={title}>
      <h1 class="nl-heading nl-heading--level-1">{title}</h1>
      <p class="nl-paragraph">{t.orgAdminIntro}</p>
      <ul class="admin-links">
        <li><a class="nl-link" href={USERS}>{t.usersTitle}</a></li>
        <li><a class="nl-link" href={FLOW}>{t.flowTitle}</a></li>
        <li><a class="nl-link" href={PROFILE}>{t.profileTitle}</a></li>
        <li><a class="nl-link" href={`${ORGANISATION_ADMIN}/api-clients`}>{t.clientsTitle}</a></li>
      </ul>
    </Frame>
  );
}

interface AddForm {
  email: string;
  roles: string[];
  errors: { email?: string; roles?: string };
}

function UsersPage({ request, members, form, notice }: { request: FastifyRequest; members: Member[]; form: AddForm; notice?: string }) {
  const { lang, person } = request.management;
  const t = adminMessages[lang];
  const org = current(request);
  const grantable = grantableMemberRoles(person!.principal);
  const errors = [
    ...(form.errors.email ? [{ field: 'lid-email', text: form.errors.email }] : []),
    ...(form.errors.roles ? [{ field: 'lid-rollen', text: form.errors.roles }] : []),
  ];
  return (
    <Frame {...frameProps(request, USERS)} current="organisationAdmin" title={`${errors.length ? `${t.invalidSummary.split(':')[0]}: ` : ''}${t.usersTitle}`}>
      <Notice text={notice} />
      <ErrorSummary lang={lang} errors={errors} />
      <h1 class="nl-heading nl-heading--level-1">{t.usersTitle}</h1>
      <p class="nl-paragraph">{fill(t.usersIntro, { organisation: org.name })}</p>
      <div class="table-wrapper" role="region" aria-labelledby="members-caption" tabindex={0}>
        <table class="utrecht-table">
          <caption id="members-caption">{fill(t.usersCaption, { organisation: org.name })}</caption>
          <thead class="utrecht-table__header">
            <tr>
              <th scope="col">{t.colPerson}</th>
              <th scope="col">{t.colEmail}</th>
              <th scope="col">{t.colRoles}</th>
              <th scope="col">{t.colAccountRoles}</th>
              <th scope="col">{t.colActions}</th>
            </tr>
          </thead>
          <tbody class="utrecht-table__body">
            {members.map((m) => (
              <tr>
                <th scope="row">{m.name === m.username ? m.username : `${m.name} (${m.username})`}</th>
                <td>{m.email ?? ''}</td>
                <td>{rolesText(t, m.roles)}</td>
                <td>{rolesText(t, m.accountRoles)}</td>
                <td>
                  {!isSelf(person!.principal, m.userId) && (
                    <a class="nl-link" href={memberPath(m.userId)}>
                      {t.changeRoles}
                      <span class="visually-hidden"> {m.username}</span>
                    </a>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2 class="nl-heading nl-heading--level-2">{t.addTitle}</h2>
      <p class="nl-paragraph">{t.addIntro}</p>
      <form method="post" action={USERS} class="narrow-form" novalidate>
        <CsrfField token={request.management.session?.csrfToken ?? ''} />
        <TextField lang={lang} id="lid-email" name="email" type="email" autocomplete="off" label={t.emailLabel} value={form.email} error={form.errors.email} />
        <Choices lang={lang} id="lid-rollen" name="roles" kind="checkbox" legend={t.rolesLabel} options={grantable.map((r) => ({ value: r, label: roleLabel(t, r) }))} chosen={form.roles} error={form.errors.roles} />
        <button type="submit" class="utrecht-button utrecht-button--primary-action">{t.add}</button>
      </form>
    </Frame>
  );
}

function MemberPage({ request, member, chosen, error }: { request: FastifyRequest; member: Member; chosen: string[]; error?: string }) {
  const { lang, person } = request.management;
  const t = adminMessages[lang];
  const grantable = grantableMemberRoles(person!.principal);
  const others = member.roles.filter((r) => !(grantable as string[]).includes(r));
  const title = fill(t.memberTitle, { name: member.name });
  const csrf = request.management.session?.csrfToken ?? '';
  return (
    <Frame {...frameProps(request, memberPath(member.userId))} current="organisationAdmin" title={title}>
      <ErrorSummary lang={lang} errors={[]} general={error} />
      <h1 class="nl-heading nl-heading--level-1">{title}</h1>
      <p class="nl-paragraph">{`${member.username}${member.email ? ` · ${member.email}` : ''}`}</p>
      <form method="post" action={memberPath(member.userId)} class="narrow-form" novalidate>
        <CsrfField token={csrf} />
        <Choices lang={lang} id="lid-rollen" name="roles" kind="checkbox" legend={t.rolesLabel} options={grantable.map((r) => ({ value: r, label: roleLabel(t, r) }))} chosen={chosen} />
        {others.length > 0 && <p class="nl-paragraph">{fill(t.memberOther, { roles: rolesText(t, others) })}</p>}
        <button type="submit" class="utrecht-button utrecht-button--primary-action">{t.save}</button>
      </form>
      <form method="post" action={`${memberPath(member.userId)}/verwijderen`} class="narrow-form">
        <CsrfField token={csrf} />
        <p class="nl-paragraph" id="verwijderen-hint">{fill(t.removeHint, { organisation: current(request).name })}</p>
        <button type="submit" class="utrecht-button utrecht-button--secondary-action" aria-describedby="verwijderen-hint">{t.remove}</button>
      </form>
      <p class="nl-paragraph"><a class="nl-link" href={USERS}>{t.usersTitle}</a></p>
    </Frame>
  );
}

function FlowPage({ request, flow, error, notice, warning }: { request: FastifyRequest; flow: string; error?: string; notice?: string; warning?: string }) {
  const { lang } = request.management;
  const t = adminMessages[lang];
  return (
    <Frame {...frameProps(request, FLOW)} current="organisationAdmin" title={t.flowTitle}>
      <Notice text={notice} />
      <ErrorSummary lang={lang} errors={error ? [{ field: 'stroom', text: error }] : []} />
      <h1 class="nl-heading nl-heading--level-1">{t.flowTitle}</h1>
      <p class="nl-paragraph">{t.flowIntro}</p>
      {warning && <div class="utrecht-alert utrecht-alert--warning notice" role="status"><p>{warning}</p></div>}
      <form method="post" action={FLOW} class="narrow-form" novalidate>
        <CsrfField token={request.management.session?.csrfToken ?? ''} />
        <Choices
          lang={lang}
          id="stroom"
          name="flow"
          kind="radio"
          legend={t.flowLabel}
          options={FLOW_NAMES.map((f) => ({ value: f, label: t[`flow_${f}`], hint: t[`flow_${f}_hint`] }))}
          chosen={[flow]}
          error={error}
        />
        <button type="submit" class="utrecht-button utrecht-button--primary-action">{t.save}</button>
      </form>
    </Frame>
  );
}

interface ProfileForm {
  about: string;
  contact: string;
  errors: { about?: string; contact?: string };
}

function ProfilePage({ request, org, form, notice }: { request: FastifyRequest; org: Organisation; form: ProfileForm; notice?: string }) {
  const { lang } = request.management;
  const t = adminMessages[lang];
  const errors = [
    ...(form.errors.about ? [{ field: 'profiel-over', text: form.errors.about }] : []),
    ...(form.errors.contact ? [{ field: 'profiel-contact', text: form.errors.contact }] : []),
  ];
  const publicPath = `${lang === 'en' ? '/en/organisation' : '/organisatie'}/${encodeURIComponent(org.code)}`;
  return (
    <Frame {...frameProps(request, PROFILE)} current="organisationAdmin" title={t.profileTitle}>
      <Notice text={notice} />
      <ErrorSummary lang={lang} errors={errors} general={errors.length ? t.invalidSummary : undefined} />
      <h1 class="nl-heading nl-heading--level-1">{t.profileTitle}</h1>
      <p class="nl-paragraph">{fill(t.profileIntro, { tags: CURRENT_STANDARD.allowedHtmlTags.join(', ') })}</p>
      <form method="post" action={PROFILE} class="narrow-form" novalidate>
        <CsrfField token={request.management.session?.csrfToken ?? ''} />
        <TextArea lang={lang} id="profiel-over" name="about" label={t.aboutLabel} value={form.about} error={form.errors.about} />
        <TextArea lang={lang} id="profiel-contact" name="contact" label={t.contactLabel} value={form.contact} error={form.errors.contact} />
        <button type="submit" class="utrecht-button utrecht-button--primary-action">{t.save}</button>
      </form>
      <h2 class="nl-heading nl-heading--level-2">{t.preview}</h2>
      {/* Stored sanitised to the allow-list on input (setOrganisationProfile); sanitised again here, as the public page does, whatever is stored. */}
      <section class="profile-preview" aria-labelledby="preview-about">
        <h3 class="nl-heading nl-heading--level-3" id="preview-about">{t.aboutLabel}</h3>
        <div class="rich-text" dangerouslySetInnerHTML={{ __html: org.about_html ? sanitized(org.about_html) : '' }} />
        {!org.about_html && <p class="meta">{t.empty}</p>}
      </section>
      <section class="profile-preview" aria-labelledby="preview-contact">
        <h3 class="nl-heading nl-heading--level-3" id="preview-contact">{t.contactLabel}</h3>
        <div class="rich-text" dangerouslySetInnerHTML={{ __html: org.contact_html ? sanitized(org.contact_html) : '' }} />
        {!org.contact_html && <p class="meta">{t.empty}</p>}
      </section>
      <p class="nl-paragraph"><a class="nl-link" href={publicPath}>{t.publicPage}</a></p>
    </Frame>
  );
}

const sanitized = (html: string) => sanitizeRichText(html, CURRENT_STANDARD.allowedHtmlTags);

export function organisationAdminPages(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    const db = ctx.kysely;
    const config = { access: 'organisation-details' as const, management: 'administerOrganisation' as const };
    const mailer = createMailer(db, { smtpUrl: ctx.config.smtpUrl, from: ctx.config.mailFrom, log: (line) => app.log.info(line) });

    app.get('/organisatiebeheer', { config }, async (request, reply) => page(reply, 200, <Overview request={request} />));

    app.get('/organisatiebeheer/gebruikers', { config }, async (request, reply) => {
      const members = await membersOf(db, current(request).organisationId);
      return page(reply, 200, <UsersPage request={request} members={members} form={{ email: '', roles: [], errors: {} }} notice={note(request.query)} />);
    });

    app.post('/organisatiebeheer/gebruikers', { config }, async (request, reply) => {
      const { lang, person } = request.management;
      const t = adminMessages[lang];
      const org = current(request);
      const grantable = grantableMemberRoles(person!.principal);
      const form: AddForm = { email: text(request.body, 'email').trim().slice(0, 1000), roles: texts(request.body, 'roles'), errors: {} };
      if (!form.email) form.errors.email = t.emailRequired;
      else if (!EMAIL.test(form.email) || form.email.length > EMAIL_MAX) form.errors.email = t.emailInvalid;
      if (form.roles.some((r) => !(grantable as string[]).includes(r))) form.errors.roles = t.roleNotAllowed;
      if (!form.errors.email && !form.errors.roles) {
        try {
          const added = await addMember(db, { id: org.organisationId, code: org.code }, { email: form.email, roles: form.roles }, grantable, person!.principal);
          if (added.created) {
            for (const recipient of await createPasswordResets(db, added.username)) {
              const link = `${ctx.config.publicUrl}/beheer/wachtwoord-herstellen?token=${recipient.token}`;
              await mailer.send({ to: recipient.email, subject: t.inviteSubject, text: fill(t.inviteText, { organisation: org.name, username: recipient.username, link }) });
            }
          }
          return seeOther(reply, `${USERS}?melding=${encodeURIComponent(fill(added.created ? t.invited : t.added, { username: added.username }))}`);
        } catch (error) {
          if (!(error instanceof RegisterError)) throw error;
          if (error.detail === 'ALREADY_MEMBER') form.errors.email = t.alreadyMember;
          else if (error.detail === 'INVALID_EMAIL') form.errors.email = t.emailInvalid;
          else form.errors.roles = t.roleNotAllowed;
        }
      }
      const members = await membersOf(db, org.organisationId);
      return page(reply, 422, <UsersPage request={request} members={members} form={form} />);
    });

    /** The member in the current organisation by the id in the path; undefined for anyone else (answered 404). */
    const memberFromPath = async (request: FastifyRequest) => {
      const id = (request.params as { userId: string }).userId;
      return /^\d{1,12}$/.test(id) ? memberOf(db, current(request).organisationId, Number(id)) : undefined;
    };

    app.get('/organisatiebeheer/gebruikers/:userId', { config }, async (request, reply) => {
      const member = await memberFromPath(request);
      if (!member) return notFoundPage(request, reply);
      const t = adminMessages[request.management.lang];
      if (isSelf(request.management.person!.principal, member.userId)) return statusPage(request, reply, 403, t.usersTitle, [t.ownMembership]);
      return page(reply, 200, <MemberPage request={request} member={member} chosen={member.roles} />);
    });

    async function refused(request: FastifyRequest, reply: FastifyReply, member: Member, error: unknown, chosen: string[]) {
      if (!(error instanceof RegisterError)) throw error;
      const t = adminMessages[request.management.lang];
      if (error.kind === 'not_found') return notFoundPage(request, reply);
      const message = error.detail === 'OWN_MEMBERSHIP' ? t.ownMembership : error.detail.startsWith('ROLE_NOT_GRANTABLE') && chosen.length === 0 ? t.beyondLimits : t.roleNotAllowed;
      return page(reply, 403, <MemberPage request={request} member={member} chosen={chosen} error={message} />);
    }

    app.post('/organisatiebeheer/gebruikers/:userId', { config }, async (request, reply) => {
      const member = await memberFromPath(request);
      if (!member) return notFoundPage(request, reply);
      const { lang, person } = request.management;
      const chosen = texts(request.body, 'roles');
      try {
        await setMemberRoles(db, current(request).organisationId, member.userId, chosen, grantableMemberRoles(person!.principal), person!.principal);
      } catch (error) {
        return refused(request, reply, member, error, chosen);
      }
      return seeOther(reply, `${USERS}?melding=${encodeURIComponent(fill(adminMessages[lang].rolesSaved, { username: member.username }))}`);
    });

    app.post('/organisatiebeheer/gebruikers/:userId/verwijderen', { config }, async (request, reply) => {
      const member = await memberFromPath(request);
      if (!member) return notFoundPage(request, reply);
      const { lang, person } = request.management;
      try {
        await removeMember(db, current(request).organisationId, member.userId, grantableMemberRoles(person!.principal), person!.principal);
      } catch (error) {
        return refused(request, reply, member, error, []);
      }
      return seeOther(reply, `${USERS}?melding=${encodeURIComponent(fill(adminMessages[lang].removed, { username: member.username }))}`);
    });

    /** A warning when the chosen flow needs an approver and the organisation has none. */
    const approverWarning = async (request: FastifyRequest, flow: string) => {
      if (flow !== 'self_publish_two') return undefined;
      const members = await membersOf(db, current(request).organisationId);
      const hasApprover = members.some((m) => m.roles.includes('role_2') || m.accountRoles.includes('role_2'));
      return hasApprover ? undefined : adminMessages[request.management.lang].flowNoApprover;
    };

    app.get('/organisatiebeheer/publicatiestroom', { config }, async (request, reply) => {
      const org = (await findOrganisationById(db, current(request).organisationId))!;
      const notice = note(request.query) === 'opgeslagen' ? adminMessages[request.management.lang].flowSaved : undefined;
      return page(reply, 200, <FlowPage request={request} flow={org.flow} notice={notice} warning={await approverWarning(request, org.flow)} />);
    });

    app.post('/organisatiebeheer/publicatiestroom', { config }, async (request, reply) => {
      const flow = text(request.body, 'flow');
      const org = (await findOrganisationById(db, current(request).organisationId))!;
      if (!isFlowName(flow)) return page(reply, 422, <FlowPage request={request} flow={org.flow} error={adminMessages[request.management.lang].flowInvalid} />);
      if (flow !== org.flow) await setFlow(db, org, flow, request.management.person!.principal);
      return seeOther(reply, `${FLOW}?melding=opgeslagen`);
    });

    app.get('/organisatiebeheer/profiel', { config }, async (request, reply) => {
      const org = (await findOrganisationById(db, current(request).organisationId))!;
      const notice = note(request.query) === 'opgeslagen' ? adminMessages[request.management.lang].profileSaved : undefined;
      return page(reply, 200, <ProfilePage request={request} org={org} form={{ about: org.about_html ?? '', contact: org.contact_html ?? '', errors: {} }} notice={notice} />);
    });

    app.post('/organisatiebeheer/profiel', { config }, async (request, reply) => {
      const t = adminMessages[request.management.lang];
      const org = (await findOrganisationById(db, current(request).organisationId))!;
      const form: ProfileForm = { about: text(request.body, 'about'), contact: text(request.body, 'contact'), errors: {} };
      if (form.about.length > PROFILE_MAX) form.errors.about = fill(t.profileTooLong, { max: PROFILE_MAX });
      if (form.contact.length > PROFILE_MAX) form.errors.contact = fill(t.profileTooLong, { max: PROFILE_MAX });
      if (form.errors.about || form.errors.contact) return page(reply, 422, <ProfilePage request={request} org={org} form={form} />);
      await setOrganisationProfile(db, org, { aboutHtml: form.about, contactHtml: form.contact }, request.management.person!.principal);
      return seeOther(reply, `${PROFILE}?melding=opgeslagen`);
    });
  };
}
