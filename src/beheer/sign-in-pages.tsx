/**
 * Signing in and out of management: `/beheer/inloggen` (username and password), then, for an
 * account with TOTP, `/beheer/inloggen/code`; `POST /beheer/uitloggen` ends the session on the
 * server. Each step that changes who is signed in replaces the session by a new one (new id,
 * new CSRF token). Failures count towards the lockout, with the same answer for unknown names
 * and wrong passwords.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import type { Lang } from '../publicsite/messages.ts';
import { verifyUserPassword, verifyUserTotp, findAccount, membershipsOf, type Account } from '../auth/users.ts';
import { renewSession, endSession, type Session } from '../auth/sessions.ts';
import { clearFailures, lockedUntil, recordFailure } from '../auth/lockout.ts';
import { authorize, reachesAllOrganisations } from '../auth/policy.ts';
import { recordEvent } from '../register/audit.ts';
import { beheerMessages, fill } from './messages.ts';
import { CsrfField, describedBy, ErrorSummary, FieldError, Frame, Notice } from './layout.tsx';
import { page, seeOther } from './render.ts';
import { frameProps } from './frame-props.ts';
import type { ManagementLimits } from './rate-limits.ts';
import { clearSessionCookie, ensureSession, principalOf, returnPath, setSessionCookie } from './person.ts';
import { OidcSignInLink } from './oidc-sign-in-pages.tsx';

type Body = Record<string, unknown>;
const text = (body: unknown, key: string) => {
  const value = typeof body === 'object' && body !== null ? (body as Body)[key] : undefined;
  return typeof value === 'string' ? value : '';
};

/** Notices the sign-in page shows after a redirect (`?melding=`). */
const NOTICES = { uitgelogd: 'signedOut', 'herstel-klaar': 'resetDone', verlopen: 'sessionEnded' } as const;

const timeOf = (date: Date, lang: Lang) =>
  new Intl.DateTimeFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Amsterdam' }).format(date);

interface SignInState {
  username: string;
  terug: string;
  errors: { username?: string; password?: string };
  general?: string;
  notice?: string;
}

function SignInForm({ request, state }: { request: FastifyRequest; state: SignInState }) {
  const { lang } = request.management;
  const t = beheerMessages[lang];
  const { errors } = state;
  const fieldErrors = (['username', 'password'] as const).filter((f) => errors[f]).map((f) => ({ field: f, text: errors[f]! }));
  const failed = fieldErrors.length > 0 || state.general !== undefined;
  return (
    <Frame {...frameProps(request, '/beheer/inloggen')} title={`${failed ? t.errorTitlePrefix : ''}${t.signInTitle}`}>
      <ErrorSummary lang={lang} errors={fieldErrors} general={state.general} />
      <Notice text={state.notice} />
      <h1 class="nl-heading nl-heading--level-1">{t.signInTitle}</h1>
      <p class="nl-paragraph">{t.signInIntro}</p>
      <OidcSignInLink request={request} terug={state.terug} />
      <form method="post" action="/beheer/inloggen" class="sign-in-form" novalidate>
        <CsrfField token={request.management.session!.csrfToken} />
        <input type="hidden" name="terug" value={state.terug} />
        <div class={`form-group utrecht-form-field${errors.username ? ' utrecht-form-field--invalid' : ''}`}>
          <label for="username" class="utrecht-form-label">{t.usernameLabel}</label>
          <FieldError lang={lang} field="username" text={errors.username} />
          <input
            id="username"
            name="username"
            type="text"
            value={state.username}
            autocomplete="username"
            autocapitalize="none"
            spellcheck={false}
            required
            aria-invalid={errors.username ? 'true' : undefined}
            aria-describedby={describedBy('username', false, errors.username)}
            class="utrecht-textbox utrecht-textbox--html-input"
          />
        </div>
        <div class={`form-group utrecht-form-field${errors.password ? ' utrecht-form-field--invalid' : ''}`}>
          <label for="password" class="utrecht-form-label">{t.passwordLabel}</label>
          <FieldError lang={lang} field="password" text={errors.password} />
          <input
            id="password"
            name="password"
            type="password"
            autocomplete="current-password"
            required
            aria-invalid={errors.password ? 'true' : undefined}
            aria-describedby={describedBy('password', false, errors.password)}
            class="utrecht-textbox utrecht-textbox--html-input"
          />
        </div>
        <button type="submit" class="utrecht-button utrecht-button--primary-action">{t.signInButton}</button>
      </form>
      <p class="nl-paragraph">
        <a class="nl-link" href="/beheer/wachtwoord-vergeten">{t.forgotPassword}</a>
      </p>
    </Frame>
  );
}

interface TotpState {
  terug: string;
  error?: string;
  general?: string;
}

function TotpForm({ request, state }: { request: FastifyRequest; state: TotpState }) {
  const { lang } = request.management;
  const t = beheerMessages[lang];
  const failed = state.error !== undefined || state.general !== undefined;
  return (
    <Frame {...frameProps(request, '/beheer/inloggen/code')} title={`${failed ? t.errorTitlePrefix : ''}${t.totpTitle}`}>
      <ErrorSummary lang={lang} errors={state.error ? [{ field: 'code', text: state.error }] : []} general={state.general} />
      <h1 class="nl-heading nl-heading--level-1">{t.totpTitle}</h1>
      <p class="nl-paragraph">{t.totpIntro}</p>
      <form method="post" action="/beheer/inloggen/code" class="sign-in-form" novalidate>
        <CsrfField token={request.management.session!.csrfToken} />
        <input type="hidden" name="terug" value={state.terug} />
        <div class={`form-group utrecht-form-field${state.error ? ' utrecht-form-field--invalid' : ''}`}>
          <label for="code" class="utrecht-form-label">{t.totpLabel}</label>
          <p id="code-hint" class="hint utrecht-form-field-description">{t.totpHint}</p>
          <FieldError lang={lang} field="code" text={state.error} />
          <input
            id="code"
            name="code"
            type="text"
            inputmode="numeric"
            autocomplete="one-time-code"
            maxLength={20}
            required
            aria-invalid={state.error ? 'true' : undefined}
            aria-describedby={describedBy('code', true, state.error)}
            class="utrecht-textbox utrecht-textbox--html-input"
          />
        </div>
        <button type="submit" class="utrecht-button utrecht-button--primary-action">{t.totpButton}</button>
      </form>
      <p class="nl-paragraph">
        <a class="nl-link" href="/beheer/inloggen">{t.totpStartAgain}</a>
      </p>
    </Frame>
  );
}

export function signInPages(ctx: AppContext, limits: ManagementLimits): FastifyPluginAsync {
  return async (app) => {
    const db = ctx.kysely;

    /** The last step: a new session for the account, in its first organisation, and back to where they were going. */
    async function complete(request: FastifyRequest, reply: FastifyReply, session: Session, account: Account, terug: string, secondFactor: boolean) {
      await clearFailures(db, account.username);
      const [first] = await membershipsOf(db, account, reachesAllOrganisations(account.roles));
      const renewed = await renewSession(db, session, { userId: account.id, pendingUserId: null, organisationId: first?.organisationId ?? null });
      setSessionCookie(reply, ctx.config, renewed);
      await recordEvent(db, { action: 'signed_in', actor: { id: `user:${account.id}`, name: account.username }, detail: { username: account.username, second_factor: secondFactor } });
      return seeOther(reply, returnPath(terug));
    }

    const lockedText = (lang: Lang, until: Date) => fill(beheerMessages[lang].lockedOut, { time: timeOf(until, lang) });

    app.get<{ Querystring: { terug?: string; melding?: string } }>('/inloggen', { config: { access: 'public' } }, async (request, reply) => {
      if (request.management.person) return seeOther(reply, returnPath(request.query.terug));
      await ensureSession(db, ctx.config, request, reply);
      const t = beheerMessages[request.management.lang];
      const noticeKey = NOTICES[request.query.melding as keyof typeof NOTICES];
      const state: SignInState = { username: '', terug: returnPath(request.query.terug), errors: {}, notice: noticeKey && t[noticeKey] };
      return page(reply, 200, <SignInForm request={request} state={state} />);
    });

    app.post('/inloggen', { config: { access: 'public' }, onRequest: limits.signIn }, async (request, reply) => {
      const { lang } = request.management;
      const session = request.management.session!;
      const t = beheerMessages[lang];
      const username = text(request.body, 'username').trim();
      const password = text(request.body, 'password');
      const state: SignInState = { username, terug: returnPath(text(request.body, 'terug')), errors: {} };
      if (!username) state.errors.username = t.usernameRequired;
      if (!password) state.errors.password = t.passwordRequired;
      if (state.errors.username || state.errors.password) return page(reply, 422, <SignInForm request={request} state={state} />);

      const locked = await lockedUntil(db, username);
      if (locked) return page(reply, 429, <SignInForm request={request} state={{ ...state, general: lockedText(lang, locked) }} />);
      const account = username.length <= 200 && password.length <= 1000 ? await verifyUserPassword(db, username, password) : undefined;
      if (!account) {
        const nowLocked = await recordFailure(db, username);
        const general = nowLocked ? lockedText(lang, nowLocked) : t.invalidCredentials;
        return page(reply, nowLocked ? 429 : 401, <SignInForm request={request} state={{ ...state, general }} />);
      }
      // A blocked account learns so only with its right password; the policy says which are blocked.
      if (!authorize(principalOf(account, []), { kind: 'authenticated' }).ok) {
        return page(reply, 403, <SignInForm request={request} state={{ ...state, general: t.accountBlocked }} />);
      }
      if (!account.hasTotp) return complete(request, reply, session, account, state.terug, false);
      // The password was right; the session now waits for the code, under a new id.
      const pending = await renewSession(db, session, { userId: null, pendingUserId: account.id });
      setSessionCookie(reply, ctx.config, pending);
      return seeOther(reply, `/beheer/inloggen/code?terug=${encodeURIComponent(state.terug)}`);
    });

    app.get<{ Querystring: { terug?: string } }>('/inloggen/code', { config: { access: 'public' } }, async (request, reply) => {
      if (!request.management.session?.pendingUserId) return seeOther(reply, '/beheer/inloggen');
      return page(reply, 200, <TotpForm request={request} state={{ terug: returnPath(request.query.terug) }} />);
    });

    app.post('/inloggen/code', { config: { access: 'public' }, onRequest: limits.signIn }, async (request, reply) => {
      const { lang } = request.management;
      const session = request.management.session!;
      const t = beheerMessages[lang];
      const account = session.pendingUserId ? await findAccount(db, session.pendingUserId) : undefined;
      if (!account) return seeOther(reply, '/beheer/inloggen?melding=verlopen');
      const terug = returnPath(text(request.body, 'terug'));
      const code = text(request.body, 'code').replace(/\s/g, '');
      if (!code) return page(reply, 422, <TotpForm request={request} state={{ terug, error: t.totpRequired }} />);
      if (!/^\d{6}$/.test(code)) return page(reply, 422, <TotpForm request={request} state={{ terug, error: t.totpFormat }} />);
      const locked = await lockedUntil(db, account.username);
      if (locked) return page(reply, 429, <TotpForm request={request} state={{ terug, general: lockedText(lang, locked) }} />);
      if (!(await verifyUserTotp(db, account.id, code))) {
        const nowLocked = await recordFailure(db, account.username);
        if (nowLocked) return page(reply, 429, <TotpForm request={request} state={{ terug, general: lockedText(lang, nowLocked) }} />);
        return page(reply, 401, <TotpForm request={request} state={{ terug, error: t.totpInvalid }} />);
      }
      return complete(request, reply, session, account, terug, true);
    });

    app.post('/uitloggen', { config: { access: 'public' } }, async (request, reply) => {
      const { session, person } = request.management;
      if (session) await endSession(db, session.id);
      clearSessionCookie(reply, ctx.config);
      if (person) {
        await recordEvent(db, { action: 'signed_out', actor: { id: person.principal.id, name: person.account.username }, detail: { username: person.account.username } });
      }
      return seeOther(reply, '/beheer/inloggen?melding=uitgelogd');
    });
  };
}
