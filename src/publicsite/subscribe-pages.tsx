/**
 * E-mail alerts for a search, the public side: `/abonneren?{search}` (`/en/subscribe?…`) asks
 * for an address, `/abonneren/bevestigen?token=…` confirms, `/abonneren/afmelden?token=…`
 * asks "unsubscribe?" and its POST does it (also as the RFC 8058 one-click POST that mail
 * programs send from the List-Unsubscribe header). The domain lives in
 * src/register/subscriptions.ts; these pages only ask and answer. The answer to a subscription
 * is the same whether or not the address was known, and a bad link gets a page that says so.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ComponentChildren, VNode } from 'preact';
import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import type { AppContext } from '../context.ts';
import { createMailer } from '../mail/mailer.ts';
import { parseSearchQuery, searchQueryString } from '../search/params.ts';
import {
  CONFIRM_DAYS,
  SUBSCRIPTION_PATHS,
  confirm,
  describeSearch,
  findByUnsubscribeToken,
  subscribe,
  unsubscribe,
  type SubscriptionProblem,
} from '../register/subscriptions.ts';
import { html, otherLang } from './render.ts';
import { Page } from './layout.tsx';
import { fill, type Lang } from './messages.ts';
import { subscribeMessages } from './messages-subscribe.ts';

/** Subscription requests per address: enough for a person, too few to mail-bomb someone. */
const SUBSCRIBE_LIMIT = { max: 10, timeWindow: '10 minutes' };

const home = (lang: Lang) => (lang === 'nl' ? '/' : '/en/');
const langOf = (url: string): Lang => (url === '/en' || url.startsWith('/en/') ? 'en' : 'nl');
const text = (value: unknown): string => (typeof value === 'string' ? value : Array.isArray(value) && typeof value[0] === 'string' ? value[0] : '');
const bodyOf = (request: FastifyRequest) => (typeof request.body === 'object' && request.body !== null ? (request.body as Record<string, unknown>) : {});

/** The search of a URL query or posted value, as the search page writes it. */
function searchOf(query: Record<string, unknown>) {
  const { params, problems } = parseSearchQuery(query, { defaultLimit: 1, maxLimit: 1 });
  return { query: searchQueryString({ q: params.q, filters: params.filters }), problems: problems.map((p) => p.message) };
}

function queryObject(queryString: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [key, value] of new URLSearchParams(queryString.replace(/^\?/, ''))) (out[key] ??= []).push(value);
  return out;
}

function SearchInWords({ lang, words, query }: { lang: Lang; words: string; query: string }) {
  const t = subscribeMessages[lang];
  return (
    <dl class="fields utrecht-data-list">
      <div class="field utrecht-data-list__item">
        <dt>{t.search}</dt>
        <dd>
          {words} (<a href={`${SUBSCRIPTION_PATHS[lang].search}${query}`}>{t.backToSearch}</a>)
        </dd>
      </div>
    </dl>
  );
}

function SubscribeForm({ lang, query, words, email, problem, queryProblems }: { lang: Lang; query: string; words: string; email: string; problem?: SubscriptionProblem; queryProblems: string[] }) {
  const t = subscribeMessages[lang];
  const emailError = problem === 'email_missing' || problem === 'email_invalid' ? problem : undefined;
  return (
    <>
      <h1 class="nl-heading nl-heading--level-1">{t.title}</h1>
      <p class="nl-paragraph">{t.intro}</p>
      <SearchInWords lang={lang} words={words} query={query} />
      {queryProblems.length > 0 && (
        <div class="notice utrecht-alert utrecht-alert--warning">
          <p>{t.badQuery}</p>
          <ul>
            {queryProblems.map((p) => (
              <li>{p}</li>
            ))}
          </ul>
        </div>
      )}
      {problem && (
        <div class="notice utrecht-alert utrecht-alert--error" role="alert">
          <p>{problem === 'query_too_long' ? t.query_too_long : t.errorSummary}</p>
          {emailError && (
            <ul>
              <li>
                <a href="#email">{t[emailError]}</a>
              </li>
            </ul>
          )}
        </div>
      )}
      <form method="post" action={SUBSCRIPTION_PATHS[lang].subscribe} class="subscribe-form" novalidate>
        <input type="hidden" name="query" value={query} />
        <div class={`form-field utrecht-form-field utrecht-form-field--text${emailError ? ' form-field-error utrecht-form-field--invalid' : ''}`}>
          <label for="email" class="utrecht-form-label">
            {t.emailLabel}
          </label>
          <p class="hint utrecht-form-field-description" id="email-hint">
            {t.emailHint}
          </p>
          {emailError && (
            <p class="field-error utrecht-form-field-error-message" id="email-error">
              {t[emailError]}
            </p>
          )}
          <input
            type="email"
            id="email"
            name="email"
            value={email}
            autocomplete="email"
            required
            maxLength={254}
            aria-invalid={emailError ? 'true' : undefined}
            aria-describedby={emailError ? 'email-error email-hint' : 'email-hint'}
            class={`utrecht-textbox utrecht-textbox--html-input${emailError ? ' utrecht-textbox--invalid' : ''}`}
          />
        </div>
        <p>
          <button type="submit" class="utrecht-button utrecht-button--primary-action">{t.submit}</button>
        </p>
      </form>
    </>
  );
}

/** A page that only says something: a title, a few paragraphs, links onward. */
function Message({ title, paragraphs, children }: { title: string; paragraphs: string[]; children?: ComponentChildren }) {
  return (
    <>
      <h1 class="nl-heading nl-heading--level-1">{title}</h1>
      {paragraphs.map((p) => (
        <p>{p}</p>
      ))}
      {children}
    </>
  );
}

export function subscribePages(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    await app.register(formbody, { bodyLimit: 16 * 1024 });
    // RFC 8058 allows the one-click POST as multipart/form-data; its body carries nothing we need.
    app.addContentTypeParser('multipart/form-data', { parseAs: 'string', bodyLimit: 16 * 1024 }, (_request, _body, done) => done(null, {}));
    if (!app.hasDecorator('rateLimit')) await app.register(rateLimit, { global: false });

    const mailer = createMailer(ctx.kysely, { smtpUrl: ctx.config.smtpUrl, from: ctx.config.mailFrom, log: (line) => app.log.info(line) });

    const page = (reply: FastifyReply, status: number, lang: Lang, title: string, alternate: string, body: VNode) =>
      html(
        reply,
        status,
        <Page lang={lang} title={title} alternate={alternate}>
          {body}
        </Page>,
      );

    // Whatever a client sends that we cannot take (a body too large, a type we do not read, too
    // many requests) gets a page in its language with the 4xx, never a 500.
    app.setErrorHandler(async (error: { statusCode?: number }, request, reply) => {
      const status = error.statusCode ?? 500;
      if (status >= 500) throw error;
      const lang = langOf(request.url);
      const t = subscribeMessages[lang];
      const [title, paragraph] = status === 429 ? [t.tooManyTitle, t.tooManyText] : [t.badRequestTitle, t.badRequestText];
      return page(reply, status, lang, title, home(otherLang(lang)), <Message title={title} paragraphs={[paragraph]} />);
    });

    async function form(reply: FastifyReply, lang: Lang, status: number, values: { query: string; email: string; problem?: SubscriptionProblem; queryProblems: string[] }) {
      const t = subscribeMessages[lang];
      const words = await describeSearch(ctx.kysely, values.query, lang);
      return page(
        reply,
        status,
        lang,
        values.problem ? `${t.errorSummary} ${t.title}` : t.title,
        `${SUBSCRIPTION_PATHS[otherLang(lang)].subscribe}${values.query}`,
        <SubscribeForm lang={lang} query={values.query} words={words} email={values.email} problem={values.problem} queryProblems={values.queryProblems} />,
      );
    }

    async function submit(request: FastifyRequest, reply: FastifyReply, lang: Lang) {
      const t = subscribeMessages[lang];
      const body = bodyOf(request);
      const email = text(body.email).slice(0, 1000);
      const { query, problems } = searchOf(queryObject(text(body.query)));
      let result;
      try {
        result = await subscribe(ctx.kysely, mailer, { email, query, language: lang }, { publicUrl: ctx.config.publicUrl });
      } catch (error) {
        // The mail server refused or is away: not the visitor's doing, and they may try again.
        request.log.error(error, 'subscription mail not sent');
        return page(reply, 503, lang, t.mailFailedTitle, home(otherLang(lang)), <Message title={t.mailFailedTitle} paragraphs={[t.mailFailedText]} />);
      }
      if (!result.ok) return form(reply, lang, 400, { query, email, problem: result.problem, queryProblems: problems });
      return page(
        reply,
        200,
        lang,
        t.checkTitle,
        home(otherLang(lang)),
        <Message title={t.checkTitle} paragraphs={[fill(t.checkText, { days: CONFIRM_DAYS }), t.checkSpam]}>
          <p>
            <a href={`${SUBSCRIPTION_PATHS[lang].search}${query}`}>{t.backToSearch}</a>
          </p>
        </Message>,
      );
    }

    async function confirmPage(request: FastifyRequest, reply: FastifyReply, lang: Lang) {
      const t = subscribeMessages[lang];
      const outcome = await confirm(ctx.kysely, text((request.query as Record<string, unknown>).token));
      const alternate = home(otherLang(lang));
      if (outcome.result === 'unknown') {
        return page(reply, 404, lang, t.unknownConfirmTitle, alternate, <Message title={t.unknownConfirmTitle} paragraphs={[t.unknownConfirmText]} />);
      }
      const query = outcome.query ?? '';
      const words = await describeSearch(ctx.kysely, query, lang);
      if (outcome.result === 'expired') {
        return page(
          reply,
          410,
          lang,
          t.expiredTitle,
          alternate,
          <Message title={t.expiredTitle} paragraphs={[fill(t.expiredText, { days: CONFIRM_DAYS })]}>
            <SearchInWords lang={lang} words={words} query={query} />
            <p>
              <a href={`${SUBSCRIPTION_PATHS[lang].subscribe}${query}`}>{t.subscribeLink}</a>
            </p>
          </Message>,
        );
      }
      const [title, paragraph] = outcome.result === 'confirmed' ? [t.confirmedTitle, t.confirmedText] : [t.alreadyConfirmedTitle, t.alreadyConfirmedText];
      return page(
        reply,
        200,
        lang,
        title,
        alternate,
        <Message title={title} paragraphs={[paragraph]}>
          <SearchInWords lang={lang} words={words} query={query} />
          {outcome.unsubscribeToken && (
            <p>
              <a href={`${SUBSCRIPTION_PATHS[lang].unsubscribe}?token=${outcome.unsubscribeToken}`}>{t.stopNow}</a>
            </p>
          )}
        </Message>,
      );
    }

    const unknownUnsubscribe = (reply: FastifyReply, lang: Lang) => {
      const t = subscribeMessages[lang];
      return page(
        reply,
        404,
        lang,
        t.unknownUnsubscribeTitle,
        home(otherLang(lang)),
        <Message title={t.unknownUnsubscribeTitle} paragraphs={[t.unknownUnsubscribeText]}>
          <p>
            <a href={SUBSCRIPTION_PATHS[lang].search}>{t.newSearch}</a>
          </p>
        </Message>,
      );
    };

    async function unsubscribeQuestion(request: FastifyRequest, reply: FastifyReply, lang: Lang) {
      const t = subscribeMessages[lang];
      const token = text((request.query as Record<string, unknown>).token);
      const found = await findByUnsubscribeToken(ctx.kysely, token);
      if (!found) return unknownUnsubscribe(reply, lang);
      const words = await describeSearch(ctx.kysely, found.query, lang);
      const alternate = `${SUBSCRIPTION_PATHS[otherLang(lang)].unsubscribe}?token=${encodeURIComponent(token)}`;
      if (found.unsubscribed_at) {
        return page(
          reply,
          200,
          lang,
          t.alreadyUnsubscribedTitle,
          alternate,
          <Message title={t.alreadyUnsubscribedTitle} paragraphs={[t.unsubscribedText]}>
            <SearchInWords lang={lang} words={words} query={found.query} />
          </Message>,
        );
      }
      return page(
        reply,
        200,
        lang,
        t.unsubscribeTitle,
        alternate,
        <Message title={t.unsubscribeTitle} paragraphs={[t.unsubscribeQuestion]}>
          <SearchInWords lang={lang} words={words} query={found.query} />
          <form method="post" action={SUBSCRIPTION_PATHS[lang].unsubscribe}>
            <input type="hidden" name="token" value={token} />
            <button type="submit" class="utrecht-button utrecht-button--primary-action">{t.unsubscribeButton}</button>
          </form>
        </Message>,
      );
    }

    async function unsubscribeNow(request: FastifyRequest, reply: FastifyReply, lang: Lang) {
      const t = subscribeMessages[lang];
      // The page's button posts the token in the body; a one-click POST (RFC 8058) keeps it in the URL.
      const token = text(bodyOf(request).token) || text((request.query as Record<string, unknown>).token);
      const outcome = await unsubscribe(ctx.kysely, token);
      if (outcome.result === 'unknown') return unknownUnsubscribe(reply, lang);
      const query = outcome.query ?? '';
      const words = await describeSearch(ctx.kysely, query, lang);
      const title = outcome.result === 'unsubscribed' ? t.unsubscribedTitle : t.alreadyUnsubscribedTitle;
      return page(
        reply,
        200,
        lang,
        title,
        home(otherLang(lang)),
        <Message title={title} paragraphs={[t.unsubscribedText]}>
          <SearchInWords lang={lang} words={words} query={query} />
        </Message>,
      );
    }

    for (const lang of ['nl', 'en'] as const) {
      const paths = SUBSCRIPTION_PATHS[lang];
      app.get(paths.subscribe, { config: { access: 'public' } }, async (request, reply) => {
        const { query, problems } = searchOf((request.query ?? {}) as Record<string, unknown>);
        return form(reply, lang, 200, { query, email: '', queryProblems: problems });
      });
      app.post(paths.subscribe, { config: { access: 'public', rateLimit: SUBSCRIBE_LIMIT } }, (request, reply) => submit(request, reply, lang));
      app.get(paths.confirm, { config: { access: 'public' } }, (request, reply) => confirmPage(request, reply, lang));
      app.get(paths.unsubscribe, { config: { access: 'public' } }, (request, reply) => unsubscribeQuestion(request, reply, lang));
      app.post(paths.unsubscribe, { config: { access: 'public' } }, (request, reply) => unsubscribeNow(request, reply, lang));
    }
  };
}

/** The link to subscribe to a search (`query` as searchQueryString writes it), for the search page. */
export const subscribeHref = (lang: Lang, query: string) => `${SUBSCRIPTION_PATHS[lang].subscribe}${query}`;
