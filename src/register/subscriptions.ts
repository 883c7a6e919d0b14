/**
 * E-mail alerts for a search, with double opt-in: `subscribe` stores an unconfirmed alert and
 * mails a confirmation link; `confirm` (within 7 days) switches it on; `sendAlerts` (run by
 * cron through the CLI) mails each confirmed alert the algorithms published since its last run
 * that match its search; `unsubscribe` switches it off with one click, from any alert mail.
 *
 * Tokens are 32 random bytes, handed out once in a link and stored only as their sha256, so a
 * copy of the database confirms or cancels nothing. Every alert mail has its own unsubscribe
 * token (kept in subscription_tokens), so the link in an older mail keeps working.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Mailer } from '../mail/mailer.ts';
import { fillIn, mailMessages, type MailLang } from '../mail/messages-mail.ts';
import { search, type Hit } from '../search/search.ts';
import { parseSearchQuery, searchQueryString } from '../search/params.ts';
import { enumLabel, FACETS, IMPACT_NONE, IMPACT_OTHER, type Facet } from '../search/facets.ts';
import { isEmail } from '../standard/formats.ts';
import { orgTypeLabel } from './organisation-directory.ts';

export const CONFIRM_DAYS = 7;
/** Algorithms listed in one alert mail; beyond that the mail links to the search. */
export const ALERT_LIST_MAX = 50;
const MAX_QUERY_LENGTH = 2000;

/** Where the links in the mails point (the public pages in src/publicsite/subscribe-pages.tsx). */
export const SUBSCRIPTION_PATHS = {
  nl: { subscribe: '/abonneren', confirm: '/abonneren/bevestigen', unsubscribe: '/abonneren/afmelden', search: '/algoritmes', algorithm: '/algoritme' },
  en: { subscribe: '/en/subscribe', confirm: '/en/subscribe/confirm', unsubscribe: '/en/subscribe/unsubscribe', search: '/en/algorithms', algorithm: '/en/algoritme' },
} as const;

export type SubscriptionProblem = 'email_missing' | 'email_invalid' | 'query_too_long';

export type SubscribeResult = { ok: true } | { ok: false; field: 'email' | 'query'; problem: SubscriptionProblem };
export type ConfirmResult = 'confirmed' | 'already_confirmed' | 'expired' | 'unknown';
export type UnsubscribeResult = 'unsubscribed' | 'already_unsubscribed' | 'unknown';

const newToken = () => randomBytes(32).toString('base64url');
export const hashToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');
/** A token as we hand them out; anything else is not looked up at all. */
const looksLikeToken = (token: unknown): token is string => typeof token === 'string' && /^[A-Za-z0-9_-]{43}$/.test(token);

const lang = (value: string): MailLang => (value === 'en' ? 'en' : 'nl');

/** The search of a query string (`?q=…&theme=…`, with or without `?`) in the form the search page writes it. */
export function normaliseSearchQuery(text: string): string {
  const query: Record<string, string[]> = {};
  for (const [key, value] of new URLSearchParams(text.replace(/^\?/, ''))) (query[key] ??= []).push(value);
  const { params } = parseSearchQuery(query, { defaultLimit: 1, maxLimit: 1 });
  return searchQueryString({ q: params.q, filters: params.filters });
}

export function normaliseEmail(text: string): string {
  return text.trim().toLowerCase();
}

/** What is wrong with an address, or null. Deliverability is checked by the confirmation itself. */
export function emailProblem(email: string): SubscriptionProblem | null {
  if (email === '') return 'email_missing';
  if (email.length > 254 || !isEmail(email)) return 'email_invalid';
  return null;
}

/** A search in words, e.g. `met de woorden “parkeren”; thema: Verkeer of Wonen`. */
export async function describeSearch(db: Kysely<Database>, queryString: string, language: MailLang): Promise<string> {
  const t = mailMessages[language];
  const query: Record<string, string[]> = {};
  for (const [key, value] of new URLSearchParams(queryString.replace(/^\?/, ''))) (query[key] ??= []).push(value);
  const { params } = parseSearchQuery(query, { defaultLimit: 1, maxLimit: 1 });
  const parts: string[] = [];
  if (params.q) parts.push(fillIn(t.words, { q: params.q }));
  const codes = params.filters.organisation ?? [];
  const names = new Map(
    codes.length ? (await db.selectFrom('organisations').select(['code', 'name']).where('code', 'in', codes).execute()).map((o) => [o.code, o.name]) : [],
  );
  const label = (facet: Facet, value: string): string => {
    if (facet === 'organisation') return names.get(value) ?? value;
    if (facet === 'organisation_type') return orgTypeLabel(value, language);
    if (facet === 'impact_assessment' && value === IMPACT_OTHER) return t.impactOther;
    if (facet === 'impact_assessment' && value === IMPACT_NONE) return t.impactNone;
    return enumLabel(facet, value, language) ?? value;
  };
  for (const facet of FACETS) {
    const values = params.filters[facet] ?? [];
    if (values.length) parts.push(`${t[`facet_${facet}`]}: ${values.map((v) => label(facet, v)).join(t.facetJoin)}`);
  }
  return parts.length ? parts.join('; ') : t.allAlgorithms;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
/** Plain text with its links as a small HTML mail: paragraphs, links clickable. */
function textToHtml(text: string): string {
  const paragraphs = text.split(/\n{2,}/).map((p) =>
    escapeHtml(p)
      .replace(/https?:\/\/[^\s<]+/g, (url) => `<a href="${url}">${url}</a>`)
      .replace(/\n/g, '<br>'),
  );
  return `<!doctype html><html><body>${paragraphs.map((p) => `<p>${p}</p>`).join('')}</body></html>`;
}

/**
 * Asks for an alert. The same answer whether or not the address was known: an unconfirmed or
 * cancelled alert gets a fresh confirmation mail, a live one a note that it exists already.
 */
export async function subscribe(
  db: Kysely<Database>,
  mailer: Mailer,
  input: { email: string; query: string; language: string },
  opts: { publicUrl: string; now?: Date },
): Promise<SubscribeResult> {
  const email = normaliseEmail(input.email);
  const problem = emailProblem(email);
  if (problem) return { ok: false, field: 'email', problem };
  const query = normaliseSearchQuery(input.query);
  if (query.length > MAX_QUERY_LENGTH) return { ok: false, field: 'query', problem: 'query_too_long' };
  const language = lang(input.language);
  const at = (opts.now ?? new Date()).toISOString();
  const confirmToken = newToken();
  const fresh = { confirm_token_hash: hashToken(confirmToken), unsubscribe_token_hash: hashToken(newToken()), created_at: at, language };

  // Insert-or-nothing first, so two requests at once never make two rows.
  await db
    .insertInto('subscriptions')
    .values({ email, query, ...fresh, confirmed_at: null, unsubscribed_at: null, last_sent_at: null, last_published_seen: null })
    .onConflict((oc) => oc.columns(['email', 'query']).doNothing())
    .execute();
  const row = await db.selectFrom('subscriptions').selectAll().where('email', '=', email).where('query', '=', query).executeTakeFirstOrThrow();

  const t = mailMessages[language];
  const searchWords = await describeSearch(db, query, language);
  if (row.confirmed_at && !row.unsubscribed_at) {
    const text = fillIn(t.alreadyText, { search: searchWords });
    await mailer.send({ to: email, subject: t.alreadySubject, text, html: textToHtml(text) });
    return { ok: true };
  }
  if (row.confirm_token_hash !== fresh.confirm_token_hash) {
    // Known but not live (never confirmed, or cancelled): start the opt-in again with new tokens.
    await db
      .updateTable('subscriptions')
      .set({ ...fresh, confirmed_at: null, unsubscribed_at: null, last_published_seen: null })
      .where('id', '=', row.id)
      .execute();
  }
  const link = `${opts.publicUrl}${SUBSCRIPTION_PATHS[language].confirm}?token=${confirmToken}`;
  const text = fillIn(t.confirmText, { search: searchWords, link });
  await mailer.send({ to: email, subject: t.confirmSubject, text, html: textToHtml(text) });
  return { ok: true };
}

/**
 * Switches an alert on. From now on, what is published is news to it. A confirmation also
 * hands out an unsubscribe token (for the page that confirms); until then the stored hash is
 * of a token nobody has.
 */
export async function confirm(
  db: Kysely<Database>,
  token: unknown,
  opts: { now?: Date } = {},
): Promise<{ result: ConfirmResult; query?: string; language?: MailLang; unsubscribeToken?: string }> {
  if (!looksLikeToken(token)) return { result: 'unknown' };
  const row = await db.selectFrom('subscriptions').selectAll().where('confirm_token_hash', '=', hashToken(token)).executeTakeFirst();
  if (!row || row.unsubscribed_at) return { result: 'unknown' };
  const found = { query: row.query, language: lang(row.language) };
  if (row.confirmed_at) return { result: 'already_confirmed', ...found };
  const now = opts.now ?? new Date();
  if (now.getTime() - Date.parse(row.created_at) > CONFIRM_DAYS * 24 * 3600 * 1000) return { result: 'expired', ...found };
  const at = now.toISOString();
  const unsubscribeToken = newToken();
  const updated = await db
    .updateTable('subscriptions')
    .set({ confirmed_at: at, last_published_seen: at, unsubscribe_token_hash: hashToken(unsubscribeToken) })
    .where('id', '=', row.id)
    .where('confirmed_at', 'is', null)
    .executeTakeFirst();
  // Two clicks at once: the second finds it confirmed already.
  if (Number(updated.numUpdatedRows) === 0) return { result: 'already_confirmed', ...found };
  return { result: 'confirmed', ...found, unsubscribeToken };
}

/** The alert an unsubscribe token belongs to (for the page that asks "unsubscribe?"). */
export async function findByUnsubscribeToken(db: Kysely<Database>, token: unknown) {
  if (!looksLikeToken(token)) return undefined;
  const hash = hashToken(token);
  return db
    .selectFrom('subscriptions')
    .select(['id', 'query', 'language', 'unsubscribed_at'])
    .where((eb) =>
      eb.or([
        eb('unsubscribe_token_hash', '=', hash),
        eb('id', 'in', eb.selectFrom('subscription_tokens').select('subscription_id').where('token_hash', '=', hash)),
      ]),
    )
    .executeTakeFirst();
}

/** Switches an alert off. Clicking twice is fine. */
export async function unsubscribe(db: Kysely<Database>, token: unknown, opts: { now?: Date } = {}): Promise<{ result: UnsubscribeResult; query?: string; language?: MailLang }> {
  const row = await findByUnsubscribeToken(db, token);
  if (!row) return { result: 'unknown' };
  const found = { query: row.query, language: lang(row.language) };
  if (row.unsubscribed_at) return { result: 'already_unsubscribed', ...found };
  await db
    .updateTable('subscriptions')
    .set({ unsubscribed_at: (opts.now ?? new Date()).toISOString() })
    .where('id', '=', row.id)
    .where('unsubscribed_at', 'is', null)
    .execute();
  return { result: 'unsubscribed', ...found };
}

/** The algorithms matching `query` published after `since`, newest first (at most ALERT_LIST_MAX + 1, to know there are more). */
async function publishedSince(db: Kysely<Database>, query: string, since: string): Promise<Hit[]> {
  const parsed: Record<string, string[]> = {};
  for (const [key, value] of new URLSearchParams(query.replace(/^\?/, ''))) (parsed[key] ??= []).push(value);
  const { params } = parseSearchQuery(parsed, { defaultLimit: 1, maxLimit: 1 });
  const found: Hit[] = [];
  const page = 20;
  for (let offset = 0; found.length <= ALERT_LIST_MAX; offset += page) {
    const { results } = await search(db, { q: params.q, filters: params.filters, sort: 'newest', limit: page, offset, withoutFacets: true });
    for (const hit of results) {
      if (hit.published_at <= since) return found;
      found.push(hit);
    }
    if (results.length < page) break;
  }
  return found;
}

export interface AlertRun {
  /** Confirmed, live alerts looked at. */
  subscriptions: number;
  mails: number;
  /** Mails the transport refused; those alerts try again next run. */
  failed: number;
}

/**
 * One run of the alerts: each confirmed, live alert gets one mail listing what was published
 * since its last run and matches its search, or nothing when nothing is new.
 */
export async function sendAlerts(db: Kysely<Database>, mailer: Mailer, opts: { publicUrl: string; now?: Date; log?: (line: string) => void }): Promise<AlertRun> {
  const run: AlertRun = { subscriptions: 0, mails: 0, failed: 0 };
  const at = (opts.now ?? new Date()).toISOString();
  let after = 0;
  for (;;) {
    const batch = await db
      .selectFrom('subscriptions')
      .selectAll()
      .where('id', '>', after)
      .where('confirmed_at', 'is not', null)
      .where('unsubscribed_at', 'is', null)
      .orderBy('id')
      .limit(100)
      .execute();
    if (batch.length === 0) break;
    after = batch[batch.length - 1].id;
    for (const sub of batch) {
      run.subscriptions++;
      const since = sub.last_published_seen ?? sub.confirmed_at ?? '';
      const hits = await publishedSince(db, sub.query, since);
      if (hits.length === 0) continue;
      try {
        await sendAlert(db, mailer, sub, hits, { publicUrl: opts.publicUrl, at });
        await db.updateTable('subscriptions').set({ last_sent_at: at, last_published_seen: hits[0].published_at }).where('id', '=', sub.id).execute();
        run.mails++;
      } catch (error) {
        run.failed++;
        opts.log?.(`alert ${sub.id}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
  return run;
}

async function sendAlert(
  db: Kysely<Database>,
  mailer: Mailer,
  sub: { id: number; email: string; query: string; language: string },
  hits: Hit[],
  opts: { publicUrl: string; at: string },
) {
  const language = lang(sub.language);
  const t = mailMessages[language];
  const paths = SUBSCRIPTION_PATHS[language];
  const token = newToken();
  await db.insertInto('subscription_tokens').values({ token_hash: hashToken(token), subscription_id: sub.id, created_at: opts.at }).execute();
  const unsubscribeUrl = `${opts.publicUrl}${paths.unsubscribe}?token=${token}`;
  const searchUrl = `${opts.publicUrl}${paths.search}${sub.query ? `${sub.query}&sort=newest` : '?sort=newest'}`;
  const listed = hits.slice(0, ALERT_LIST_MAX);
  const words = await describeSearch(db, sub.query, language);
  const subject = listed.length === 1 && hits.length === 1 ? t.alertSubjectOne : fillIn(t.alertSubjectMany, { count: hits.length > ALERT_LIST_MAX ? `${ALERT_LIST_MAX}+` : hits.length });
  const link = (hit: Hit) => `${opts.publicUrl}${paths.algorithm}/${hit.lars}`;
  const text = [
    fillIn(t.alertIntro, { search: words }),
    listed.map((hit) => `- ${hit.name} (${hit.organisation_name})\n  ${link(hit)}`).join('\n'),
    hits.length > listed.length ? fillIn(t.alertMore, { link: searchUrl }) : fillIn(t.alertSearch, { link: searchUrl }),
    fillIn(t.alertUnsubscribe, { link: unsubscribeUrl }),
  ].join('\n\n');
  const html = `<!doctype html><html lang="${language}"><body><p>${escapeHtml(fillIn(t.alertIntro, { search: words }))}</p><ul>${listed
    .map((hit) => `<li><a href="${escapeHtml(link(hit))}">${escapeHtml(hit.name)}</a> (${escapeHtml(hit.organisation_name)})</li>`)
    .join('')}</ul><p>${
    hits.length > listed.length ? escapeHtml(fillIn(t.alertMore, { link: '' })) : escapeHtml(fillIn(t.alertSearch, { link: '' }))
  }<a href="${escapeHtml(searchUrl)}">${escapeHtml(searchUrl)}</a></p><p><a href="${escapeHtml(unsubscribeUrl)}">${escapeHtml(t.unsubscribeLink)}</a></p></body></html>`;
  await mailer.send({ to: sub.email, subject, text, html, unsubscribeUrl });
}
