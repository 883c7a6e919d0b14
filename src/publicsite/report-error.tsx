/**
 * "Report an error" on the public algorithm page: the form at `/algoritme/{lars}/fout-melden`
 * (`/en/algoritme/{lars}/report-error`), its POST, a thank-you page, and the section that the
 * algorithm page shows (`ReportErrorLink`). Works without JavaScript.
 *
 * Spam protection needs no third party and no script: a honeypot field that people never see
 * or reach, and a signed form token carrying when the form was rendered. A form sent within
 * 3 seconds of rendering, or more than 2 hours after, is refused with the form again. The token
 * is an HMAC under a key derived from the register's signing key in the database, so every
 * process behind a load balancer accepts the tokens of the others. The POST is rate limited per
 * address, over both languages together.
 */
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import type { FastifyError, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import type { Kysely } from 'kysely';
import type { AppContext } from '../context.ts';
import { createMailer } from '../mail/mailer.ts';
import { notifyErrorReport } from '../register/notifications.ts';
import type { Database } from '../db/schema.ts';
import { html, otherLang, prefix, wantsJson } from './render.ts';
import { Page } from './layout.tsx';
import { fill, messages, type Lang } from './messages.ts';
import { algorithmMessages } from './messages-algorithm.ts';
import { reportMessages, type ReportMessages } from './messages-report.ts';
import {
  countReports,
  EMAIL_MAX,
  MESSAGE_MAX,
  MESSAGE_MIN,
  reportTarget,
  submitReport,
  validateReport,
  type FieldProblem,
  type ReportCount,
  type ReportField,
  type ReportTarget,
  type ReportValues,
} from '../register/error-reports.ts';
import { findOrganisationById } from '../register/organisations.ts';
import { RegisterError } from '../register/errors.ts';

/** A form sent sooner than this after rendering was not filled in by a person. */
export const MIN_FORM_AGE_MS = 3_000;
/** A form older than this is refused (and sent again with a fresh token). */
export const MAX_FORM_AGE_MS = 2 * 60 * 60 * 1000;
/** Reports per address per window, over both languages. */
export const REPORTS_PER_WINDOW = 5;
export const REPORT_WINDOW_MS = 10 * 60 * 1000;

/** The name of the honeypot field: an address field is what form-filling robots like best. */
const HONEYPOT = 'website';

// ---------------------------------------------------------------------------------------------
// Paths

const FORM_SEGMENT: Record<Lang, string> = { nl: 'fout-melden', en: 'report-error' };
const THANKS_SEGMENT: Record<Lang, string> = { nl: 'bedankt', en: 'thank-you' };

export const algorithmPath = (lang: Lang, lars: string) => `${prefix(lang)}/algoritme/${encodeURIComponent(lars)}`;
export const reportFormPath = (lang: Lang, lars: string) => `${algorithmPath(lang, lars)}/${FORM_SEGMENT[lang]}`;
export const reportThanksPath = (lang: Lang, lars: string) => `${reportFormPath(lang, lars)}/${THANKS_SEGMENT[lang]}`;

// ---------------------------------------------------------------------------------------------
// The form token: `v1.{rendered at, ms}.{version id}.{HMAC}`, bound to the algorithm.

/** The HMAC key of form tokens, derived from the oldest signing key (the one every process uses). */
export async function formTokenKey(db: Kysely<Database>): Promise<Buffer> {
  const row = await db.selectFrom('signing_keys').select('private_jwk').orderBy('created_at').orderBy('kid').executeTakeFirst();
  if (!row) throw new Error('No signing key in the database: the token service creates it before the public site starts.');
  const secret = (JSON.parse(row.private_jwk) as { d?: string }).d;
  if (!secret) throw new Error('The signing key has no private part.');
  return Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'base64url'), 'algoritmeregister', 'report-error form token v1', 32));
}

const mac = (key: Buffer, lars: string, renderedAt: number, versionId: number) =>
  createHmac('sha256', key).update(`report-error|${lars}|${renderedAt}|${versionId}`).digest('base64url');

/** A token for the form about `lars` as rendered at `renderedAt` (ms since the epoch), showing `versionId`. */
export function signFormToken(key: Buffer, lars: string, versionId: number, renderedAt: number): string {
  return `v1.${renderedAt}.${versionId}.${mac(key, lars, renderedAt, versionId)}`;
}

export type TokenCheck = { ok: true; versionId: number } | { ok: false; reason: 'invalid' | 'too_fast' | 'expired' };

export function verifyFormToken(key: Buffer, lars: string, token: unknown, now = Date.now()): TokenCheck {
  if (typeof token !== 'string') return { ok: false, reason: 'invalid' };
  const match = /^v1\.(\d{1,15})\.(\d{1,15})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return { ok: false, reason: 'invalid' };
  const renderedAt = Number(match[1]);
  const versionId = Number(match[2]);
  const expected = Buffer.from(mac(key, lars, renderedAt, versionId));
  const given = Buffer.from(match[3]!);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'invalid' };
  const age = now - renderedAt;
  if (age < MIN_FORM_AGE_MS) return { ok: false, reason: 'too_fast' };
  if (age > MAX_FORM_AGE_MS) return { ok: false, reason: 'expired' };
  return { ok: true, versionId };
}

// ---------------------------------------------------------------------------------------------
// The section on the algorithm page

/** How many reports are open, for the page: a number, or what `countReports` answers. */
const openOf = (count: number | ReportCount) => (typeof count === 'number' ? count : count.open);

/** A short section for the algorithm page: heading, one sentence with the open reports, and the link to the form. */
export function ReportErrorLink({ lang, lars, count }: { lang: Lang; lars: string; count: number | ReportCount }) {
  const r = reportMessages[lang];
  const open = openOf(count);
  const sentence = open === 0 ? r.sectionTextNone : open === 1 ? r.sectionTextOne : fill(r.sectionTextMany, { count: open });
  return (
    <section aria-labelledby="report-error">
      <h2 id="report-error" class="nl-heading nl-heading--level-2">{r.sectionTitle}</h2>
      <p>{sentence}</p>
      <p>
        <a href={reportFormPath(lang, lars)}>{r.sectionLink}</a>
      </p>
    </section>
  );
}

// ---------------------------------------------------------------------------------------------
// The form page

/** What went wrong with a submission as a whole (not with one field). */
type FormProblem = 'too_fast' | 'expired' | 'invalid_token' | 'honeypot' | 'rate_limited';

interface FormState {
  values: ReportValues;
  fieldErrors: Partial<Record<ReportField, { problem: FieldProblem; length: number }>>;
  problem?: { kind: FormProblem; minutes?: number };
}

function fieldErrorText(r: ReportMessages, field: ReportField, error: { problem: FieldProblem; length: number }): string {
  const values = { min: MESSAGE_MIN, max: field === 'message' ? MESSAGE_MAX : EMAIL_MAX, length: error.length };
  if (field === 'message') {
    if (error.problem === 'required') return r.messageRequired;
    if (error.problem === 'too_short') return fill(r.messageTooShort, values);
    return fill(r.messageTooLong, values);
  }
  return error.problem === 'too_long' ? fill(r.emailTooLong, values) : r.emailInvalid;
}

function problemText(r: ReportMessages, problem: NonNullable<FormState['problem']>): string {
  switch (problem.kind) {
    case 'too_fast':
      return r.tooFast;
    case 'expired':
      return r.expired;
    case 'invalid_token':
      return r.invalidToken;
    case 'honeypot':
      return r.honeypotFilled;
    case 'rate_limited':
      return fill(r.rateLimited, { minutes: problem.minutes ?? 10 });
  }
}

const openSentence = (r: ReportMessages, open: number) => (open === 0 ? r.openNone : open === 1 ? r.openOne : fill(r.openMany, { count: open }));

interface FormPageProps {
  lang: Lang;
  target: ReportTarget;
  organisation?: string;
  open: number;
  token: string;
  state: FormState;
}

function FormPage({ lang, target, organisation, open, token, state }: FormPageProps) {
  const r = reportMessages[lang];
  const { values, fieldErrors, problem } = state;
  const hasErrors = problem !== undefined || Object.keys(fieldErrors).length > 0;
  const title = `${hasErrors ? r.errorTitlePrefix : ''}${fill(r.titleWithName, { name: target.name })}`;
  const describedBy = (field: ReportField) => [`${field}-hint`, fieldErrors[field] && `${field}-error`].filter(Boolean).join(' ');
  const errorLine = (field: ReportField) =>
    fieldErrors[field] && (
      <p id={`${field}-error`} class="field-error utrecht-form-field-error-message">
        <span class="visually-hidden">{r.errorPrefix} </span>
        {fieldErrorText(r, field, fieldErrors[field]!)}
      </p>
    );
  return (
    <Page lang={lang} title={title} alternate={reportFormPath(otherLang(lang), target.lars)}>
      {/* First in main, where the skip link lands: the problems, each linked to its field. */}
      {hasErrors && (
        <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex={-1}>
          <h2 id="error-summary-title" class="nl-heading nl-heading--level-2">{r.summaryTitle}</h2>
          <ul>
            {problem && <li>{problemText(r, problem)}</li>}
            {(['message', 'email'] as const).map(
              (field) =>
                fieldErrors[field] && (
                  <li>
                    <a href={`#${field}`}>{fieldErrorText(r, field, fieldErrors[field]!)}</a>
                  </li>
                ),
            )}
          </ul>
        </div>
      )}
      <nav class="breadcrumb utrecht-breadcrumb-nav" aria-label={algorithmMessages[lang].breadcrumb}>
        <a href={lang === 'nl' ? '/' : '/en/'}>{algorithmMessages[lang].home}</a>
        {' › '}
        <a href={algorithmPath(lang, target.lars)}>{target.name}</a>
      </nav>
      <h1 class="nl-heading nl-heading--level-1">{r.title}</h1>
      <p class="lead nl-paragraph nl-paragraph--lead">{fill(organisation ? r.intro : r.introNoOrganisation, { name: target.name, organisation: organisation ?? '' })}</p>
      <p>
        {r.notPublished} {openSentence(r, open)}
      </p>
      <form class="report-form" method="post" action={reportFormPath(lang, target.lars)} novalidate>
        <input type="hidden" name="token" value={token} />
        <div class={`form-group utrecht-form-field utrecht-form-field--textarea${fieldErrors.message ? ' form-group-error utrecht-form-field--invalid' : ''}`}>
          <label for="message" class="utrecht-form-label">{r.messageLabel}</label>
          <p id="message-hint" class="hint utrecht-form-field-description">
            {fill(r.messageHint, { min: MESSAGE_MIN, max: MESSAGE_MAX })}
          </p>
          {errorLine('message')}
          <textarea
            id="message"
            name="message"
            rows={8}
            value={values.message}
            aria-describedby={describedBy('message')}
            aria-invalid={fieldErrors.message ? 'true' : undefined}
            class={`utrecht-textarea utrecht-textarea--html-textarea${fieldErrors.message ? ' utrecht-textarea--invalid' : ''}`}
          />
        </div>
        <fieldset class="form-fieldset utrecht-form-fieldset">
          <legend class="utrecht-form-fieldset__legend">{r.contactLegend}</legend>
          <div class={`form-group utrecht-form-field utrecht-form-field--text${fieldErrors.email ? ' form-group-error utrecht-form-field--invalid' : ''}`}>
            <label for="email" class="utrecht-form-label">
              {r.emailLabel}
            </label>
            <p id="email-hint" class="hint utrecht-form-field-description">
              {r.emailHint}
            </p>
            {errorLine('email')}
            <input
              type="email"
              id="email"
              name="email"
              value={values.email}
              autocomplete="email"
              spellcheck={false}
              aria-describedby={describedBy('email')}
              aria-invalid={fieldErrors.email ? 'true' : undefined}
              class={`utrecht-textbox utrecht-textbox--html-input${fieldErrors.email ? ' utrecht-textbox--invalid' : ''}`}
            />
          </div>
        </fieldset>
        {/* The honeypot: out of sight and out of the tab order; people leave it empty, robots fill it. */}
        <div class="visually-hidden">
          <label for={HONEYPOT}>{r.honeypotLabel}</label>
          <input type="text" id={HONEYPOT} name={HONEYPOT} value="" tabindex={-1} autocomplete="off" />
        </div>
        <button type="submit" class="utrecht-button utrecht-button--primary-action">{r.submit}</button>
      </form>
      <p>
        <a href={algorithmPath(lang, target.lars)}>{fill(r.backTo, { name: target.name })}</a>
      </p>
    </Page>
  );
}

/** Form styles the site stylesheet does not have yet: error summary, hints, the text area's size and focus. */


// ---------------------------------------------------------------------------------------------
// The plugin

type Route = { Params: { lars: string }; Querystring: { format?: string } };

/** Thrown by the rate limiter; the error handler answers it with the form again. */
class RateLimited extends Error {
  readonly statusCode = 429;
  constructor(readonly retryAfterMs: number) {
    super('Too many reports from this address');
  }
}

export function reportError(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    const db = ctx.kysely;
    const mailer = createMailer(db, { smtpUrl: ctx.config.smtpUrl, from: ctx.config.mailFrom, log: (line) => app.log.info(line) });
    const key = await formTokenKey(db);

    // Forms post url-encoded bodies; another part of the site may already parse them.
    if (!app.hasContentTypeParser('application/x-www-form-urlencoded')) await app.register(formbody, { bodyLimit: 64 * 1024 });
    const errorResponseBuilder = (_request: FastifyRequest, context: { ttl: number }) => new RateLimited(context.ttl);
    await app.register(rateLimit, { global: false, errorResponseBuilder });
    // One limiter for both languages' POST: a robot cannot double its quota by switching language.
    const limit = app.rateLimit({ max: REPORTS_PER_WINDOW, timeWindow: REPORT_WINDOW_MS, errorResponseBuilder });

    async function context(lars: string) {
      const target = await reportTarget(db, lars);
      if (!target) return undefined;
      const [organisation, count] = await Promise.all([findOrganisationById(db, target.organisationId), countReports(db, target.algorithmId)]);
      return { target, organisation: organisation?.name, open: count.open };
    }

    function notFound(reply: FastifyReply, lang: Lang, lars: string) {
      const t = messages[lang];
      return html(
        reply,
        404,
        <Page lang={lang} title={t.notFound} alternate={reportFormPath(otherLang(lang), lars)}>
          <h1 class="nl-heading nl-heading--level-1">{t.notFound}</h1>
          <p>{reportMessages[lang].notFoundText}</p>
        </Page>,
      );
    }

    async function showForm(reply: FastifyReply, lang: Lang, lars: string, status: number, state: FormState, versionId?: number) {
      const found = await context(lars);
      if (!found) return notFound(reply, lang, lars);
      // The token records the version on screen; a form shown again keeps the version first seen.
      const token = signFormToken(key, found.target.lars, versionId ?? found.target.versionId, Date.now());
      reply.header('cache-control', 'no-store');
      return html(reply, status, <FormPage lang={lang} {...found} token={token} state={state} />);
    }

    function formValues(body: unknown): Record<string, unknown> {
      return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
    }

    async function getForm(request: FastifyRequest<Route>, reply: FastifyReply, lang: Lang) {
      const { lars } = request.params;
      if (wantsJson(request)) {
        const found = await context(lars);
        if (!found) return reply.code(404).send({ detail: `No published algorithm with LARS ${lars}.` });
        return { lars: found.target.lars, name: found.target.name, open_reports: found.open };
      }
      return showForm(reply, lang, lars, 200, { values: { message: '', email: '' }, fieldErrors: {} });
    }

    async function postForm(request: FastifyRequest<Route>, reply: FastifyReply, lang: Lang) {
      const { lars } = request.params;
      const body = formValues(request.body);
      const checked = validateReport(body);
      const state: FormState = { values: checked.values, fieldErrors: checked.ok ? {} : checked.errors };
      const target = await reportTarget(db, lars);
      if (!target) return notFound(reply, lang, lars);

      const honeypot = Array.isArray(body[HONEYPOT]) ? (body[HONEYPOT] as unknown[])[0] : body[HONEYPOT];
      if (typeof honeypot === 'string' && honeypot.trim() !== '') return showForm(reply, lang, lars, 400, { ...state, problem: { kind: 'honeypot' } });
      const token = verifyFormToken(key, target.lars, Array.isArray(body.token) ? body.token[0] : body.token);
      if (!token.ok) {
        const kind = token.reason === 'invalid' ? 'invalid_token' : token.reason;
        return showForm(reply, lang, lars, 400, { ...state, problem: { kind } });
      }
      if (!checked.ok) return showForm(reply, lang, lars, 400, state, token.versionId);

      try {
        const result = await submitReport(db, { lars: target.lars, versionId: token.versionId, message: body.message, email: body.email, language: lang });
        if (!result.ok) return showForm(reply, lang, lars, 400, { values: result.values, fieldErrors: result.errors }, token.versionId);
        // The organisation hears of it; the visitor's report stands whatever the mail does.
        const organisation = await findOrganisationById(db, target.organisationId);
        if (organisation) {
          await notifyErrorReport(db, mailer, ctx.config.publicUrl, { organisation, algorithmName: target.name, message: result.report.message }).catch((error: Error) =>
            request.log.warn(`notifying the error report about ${target.lars} failed: ${error.message}`),
          );
        }
      } catch (error) {
        // Retracted between the check above and now.
        if (error instanceof RegisterError && error.kind === 'not_found') return notFound(reply, lang, lars);
        throw error;
      }
      return reply.redirect(reportThanksPath(lang, target.lars), 303);
    }

    async function thanks(request: FastifyRequest<Route>, reply: FastifyReply, lang: Lang) {
      const { lars } = request.params;
      const found = await context(lars);
      if (!found) return notFound(reply, lang, lars);
      if (wantsJson(request)) return { lars: found.target.lars, name: found.target.name, open_reports: found.open };
      const r = reportMessages[lang];
      const { target, organisation } = found;
      return html(
        reply,
        200,
        <Page lang={lang} title={r.thanksTitle} alternate={reportThanksPath(otherLang(lang), target.lars)}>
          <div class="notice utrecht-alert utrecht-alert--ok" role="status">
            <h1 class="nl-heading nl-heading--level-1">{r.thanksTitle}</h1>
            <p>{fill(organisation ? r.thanksText : r.thanksTextNoOrganisation, { name: target.name, organisation: organisation ?? '' })}</p>
          </div>
          <p>{r.thanksNext}</p>
          <p>
            <a href={algorithmPath(lang, target.lars)}>{fill(r.backTo, { name: target.name })}</a>
          </p>
        </Page>,
      );
    }

    // Errors of this plugin's routes as pages: the rate limit with the form and the visitor's
    // text, anything else a client sent wrong (a body too large, an odd content type) as a 4xx page.
    app.setErrorHandler(async (error: FastifyError | RateLimited, request, reply) => {
      const lang: Lang = request.url.startsWith('/en/') ? 'en' : 'nl';
      const lars = (request.params as { lars?: string } | undefined)?.lars ?? '';
      const r = reportMessages[lang];
      if (error instanceof RateLimited) {
        const minutes = Math.max(1, Math.ceil(error.retryAfterMs / 60_000));
        const values = validateReport(formValues(request.body)).values;
        const found = lars ? await context(lars) : undefined;
        if (found) return showForm(reply, lang, lars, 429, { values, fieldErrors: {}, problem: { kind: 'rate_limited', minutes } });
        return html(
          reply,
          429,
          <Page lang={lang} title={r.rateLimitedTitle} alternate={reportFormPath(otherLang(lang), lars)}>
            <h1 class="nl-heading nl-heading--level-1">{r.rateLimitedTitle}</h1>
            <p>{fill(r.rateLimited, { minutes })}</p>
          </Page>,
        );
      }
      const status = error.statusCode ?? 500;
      if (status >= 500) throw error;
      return html(
        reply,
        status,
        <Page lang={lang} title={r.badRequestTitle} alternate={reportFormPath(otherLang(lang), lars)}>
          <h1 class="nl-heading nl-heading--level-1">{r.badRequestTitle}</h1>
          <p>{r.badRequest}</p>
          {lars && (
            <p>
              <a href={reportFormPath(lang, lars)}>{r.title}</a>
            </p>
          )}
        </Page>,
      );
    });

    for (const lang of ['nl', 'en'] as const) {
      const form = `${prefix(lang)}/algoritme/:lars/${FORM_SEGMENT[lang]}`;
      app.get<Route>(form, { config: { access: 'public' } }, (request, reply) => getForm(request, reply, lang));
      app.post<Route>(form, { config: { access: 'public' }, preHandler: limit }, (request, reply) => postForm(request, reply, lang));
      app.get<Route>(`${form}/${THANKS_SEGMENT[lang]}`, { config: { access: 'public' } }, (request, reply) => thanks(request, reply, lang));
    }
  };
}
