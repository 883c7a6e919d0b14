/**
 * "Forgot your password": `/beheer/wachtwoord-vergeten` asks for a username or e-mail address
 * and mails a single-use link (the same answer whether or not an account matched, so the form
 * tells nobody which accounts exist); `/beheer/wachtwoord-herstellen?token=…` sets a new
 * password with it. Mail goes through the register's mailer (the outbox in development).
 */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import { createMailer } from '../mail/mailer.ts';
import { completePasswordReset, createPasswordResets, findPasswordReset } from '../auth/password-reset.ts';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../auth/users.ts';
import { RegisterError } from '../register/errors.ts';
import { beheerMessages, fill } from './messages.ts';
import { CsrfField, describedBy, ErrorSummary, FieldError, Frame, Notice } from './layout.tsx';
import { page, seeOther } from './render.ts';
import { frameProps } from './frame-props.ts';
import { ensureSession } from './person.ts';
import type { ManagementLimits } from './rate-limits.ts';

const text = (body: unknown, key: string) => {
  const value = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[key] : undefined;
  return typeof value === 'string' ? value : '';
};
const IDENTIFIER_MAX = 254;

function ForgotForm({ request, value, error, sent }: { request: FastifyRequest; value: string; error?: string; sent?: boolean }) {
  const { lang } = request.management;
  const t = beheerMessages[lang];
  return (
    <Frame {...frameProps(request, '/beheer/wachtwoord-vergeten')} title={`${error ? t.errorTitlePrefix : ''}${t.forgotTitle}`}>
      <ErrorSummary lang={lang} errors={error ? [{ field: 'identifier', text: error }] : []} />
      <Notice text={sent ? t.forgotSent : undefined} />
      <h1 class="nl-heading nl-heading--level-1">{t.forgotTitle}</h1>
      <p class="nl-paragraph">{t.forgotIntro}</p>
      <form method="post" action="/beheer/wachtwoord-vergeten" class="narrow-form" novalidate>
        <CsrfField token={request.management.session!.csrfToken} />
        <div class={`form-group utrecht-form-field${error ? ' utrecht-form-field--invalid' : ''}`}>
          <label for="identifier" class="utrecht-form-label">{t.forgotLabel}</label>
          <FieldError lang={lang} field="identifier" text={error} />
          <input
            id="identifier"
            name="identifier"
            type="text"
            value={value}
            autocomplete="username"
            autocapitalize="none"
            spellcheck={false}
            required
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={describedBy('identifier', false, error)}
            class="utrecht-textbox utrecht-textbox--html-input"
          />
        </div>
        <button type="submit" class="utrecht-button utrecht-button--primary-action">{t.forgotButton}</button>
      </form>
      <p class="nl-paragraph">
        <a class="nl-link" href="/beheer/inloggen">{t.backToSignIn}</a>
      </p>
    </Frame>
  );
}

interface ResetState {
  token: string;
  username: string;
  errors: { password?: string; repeat?: string };
}

function ResetForm({ request, state }: { request: FastifyRequest; state: ResetState }) {
  const { lang } = request.management;
  const t = beheerMessages[lang];
  const errors = (['password', 'repeat'] as const).filter((f) => state.errors[f]).map((f) => ({ field: f, text: state.errors[f]! }));
  return (
    <Frame {...frameProps(request, '/beheer/wachtwoord-herstellen')} title={`${errors.length ? t.errorTitlePrefix : ''}${t.resetTitle}`}>
      <ErrorSummary lang={lang} errors={errors} />
      <h1 class="nl-heading nl-heading--level-1">{t.resetTitle}</h1>
      <p class="nl-paragraph">{fill(t.resetIntro, { username: state.username })}</p>
      <form method="post" action="/beheer/wachtwoord-herstellen" class="narrow-form" novalidate>
        <CsrfField token={request.management.session!.csrfToken} />
        <input type="hidden" name="token" value={state.token} />
        {/* For password managers: which account this new password belongs to. */}
        <input type="hidden" name="username" value={state.username} autocomplete="username" />
        <div class={`form-group utrecht-form-field${state.errors.password ? ' utrecht-form-field--invalid' : ''}`}>
          <label for="password" class="utrecht-form-label">{t.newPasswordLabel}</label>
          <p id="password-hint" class="hint utrecht-form-field-description">{fill(t.newPasswordHint, { min: PASSWORD_MIN_LENGTH })}</p>
          <FieldError lang={lang} field="password" text={state.errors.password} />
          <input
            id="password"
            name="password"
            type="password"
            autocomplete="new-password"
            required
            aria-invalid={state.errors.password ? 'true' : undefined}
            aria-describedby={describedBy('password', true, state.errors.password)}
            class="utrecht-textbox utrecht-textbox--html-input"
          />
        </div>
        <div class={`form-group utrecht-form-field${state.errors.repeat ? ' utrecht-form-field--invalid' : ''}`}>
          <label for="repeat" class="utrecht-form-label">{t.repeatPasswordLabel}</label>
          <FieldError lang={lang} field="repeat" text={state.errors.repeat} />
          <input
            id="repeat"
            name="repeat"
            type="password"
            autocomplete="new-password"
            required
            aria-invalid={state.errors.repeat ? 'true' : undefined}
            aria-describedby={describedBy('repeat', false, state.errors.repeat)}
            class="utrecht-textbox utrecht-textbox--html-input"
          />
        </div>
        <button type="submit" class="utrecht-button utrecht-button--primary-action">{t.resetButton}</button>
      </form>
    </Frame>
  );
}

function InvalidLink({ request }: { request: FastifyRequest }) {
  const t = beheerMessages[request.management.lang];
  return (
    <Frame {...frameProps(request, '/beheer/wachtwoord-herstellen')} title={t.resetTitle}>
      <h1 class="nl-heading nl-heading--level-1">{t.resetTitle}</h1>
      <p class="nl-paragraph">{t.resetInvalid}</p>
      <p class="nl-paragraph">
        <a class="nl-link" href="/beheer/wachtwoord-vergeten">{t.forgotTitle}</a>
      </p>
    </Frame>
  );
}

export function passwordResetPages(ctx: AppContext, limits: ManagementLimits): FastifyPluginAsync {
  return async (app) => {
    const db = ctx.kysely;
    const mailer = createMailer(db, { smtpUrl: ctx.config.smtpUrl, from: ctx.config.mailFrom, log: (line) => app.log.info(line) });

    app.get('/wachtwoord-vergeten', { config: { access: 'public' } }, async (request, reply) => {
      await ensureSession(db, ctx.config, request, reply);
      return page(reply, 200, <ForgotForm request={request} value="" />);
    });

    app.post('/wachtwoord-vergeten', { config: { access: 'public' }, onRequest: limits.forgotPassword }, async (request, reply) => {
      const { lang } = request.management;
      const t = beheerMessages[lang];
      const value = text(request.body, 'identifier').trim();
      if (!value) return page(reply, 422, <ForgotForm request={request} value={value} error={t.forgotRequired} />);
      if (value.length > IDENTIFIER_MAX) return page(reply, 422, <ForgotForm request={request} value={value} error={t.forgotTooLong} />);
      for (const recipient of await createPasswordResets(db, value)) {
        const link = `${ctx.config.publicUrl}/beheer/wachtwoord-herstellen?token=${recipient.token}`;
        await mailer.send({ to: recipient.email, subject: t.resetMailSubject, text: fill(t.resetMailText, { username: recipient.username, link }) });
      }
      return page(reply, 200, <ForgotForm request={request} value="" sent />);
    });

    app.get<{ Querystring: { token?: string } }>('/wachtwoord-herstellen', { config: { access: 'public' } }, async (request, reply) => {
      await ensureSession(db, ctx.config, request, reply);
      const token = typeof request.query.token === 'string' ? request.query.token : '';
      const reset = await findPasswordReset(db, token);
      if (!reset) return page(reply, 404, <InvalidLink request={request} />);
      return page(reply, 200, <ResetForm request={request} state={{ token, username: reset.username, errors: {} }} />);
    });

    app.post('/wachtwoord-herstellen', { config: { access: 'public' } }, async (request, reply) => {
      const t = beheerMessages[request.management.lang];
      const token = text(request.body, 'token');
      const password = text(request.body, 'password');
      const repeat = text(request.body, 'repeat');
      const reset = await findPasswordReset(db, token);
      if (!reset) return page(reply, 404, <InvalidLink request={request} />);
      const state: ResetState = { token, username: reset.username, errors: {} };
      const length = [...password].length;
      if (length < PASSWORD_MIN_LENGTH) state.errors.password = fill(t.passwordTooShort, { length, min: PASSWORD_MIN_LENGTH });
      else if (password.length > PASSWORD_MAX_LENGTH) state.errors.password = fill(t.passwordTooLong, { max: PASSWORD_MAX_LENGTH });
      else if (password !== repeat) state.errors.repeat = t.passwordsDiffer;
      if (state.errors.password || state.errors.repeat) return page(reply, 422, <ResetForm request={request} state={state} />);
      try {
        await completePasswordReset(db, token, password);
      } catch (error) {
        // Used by a request that came in between: the link is spent.
        if (error instanceof RegisterError && error.kind === 'not_found') return page(reply, 404, <InvalidLink request={request} />);
        throw error;
      }
      return seeOther(reply, '/beheer/inloggen?melding=herstel-klaar');
    });
  };
}
