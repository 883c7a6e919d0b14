/**
 * The link checker: visits URLs (HEAD, and GET when a server refuses or mishandles HEAD), follows up to 5
 * redirects itself so it can count them and pace every hop, gives up after a timeout, and stores per URL the
 * final status code, where it ended and when it was checked. Run on a schedule over `dueLinks`.
 *
 * Addresses that name this machine or a private network are not visited unless allowed: descriptions are
 * written by many organisations, and a link to an internal address must not make the register probe its own
 * network. (Only literal hosts are refused; a public name that resolves inward is the network's to block.)
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { HostPacer } from './host-pacer.ts';

export const MAX_REDIRECTS = 5;

export interface LinkCheckOptions {
  /** Per request. */
  timeoutMs?: number;
  /** The least time between two requests to one host. */
  perHostIntervalMs?: number;
  /** How many URLs are checked at the same time. */
  concurrency?: number;
  allowPrivateHosts?: boolean;
  userAgent?: string;
  now?: () => Date;
}

export interface LinkResult {
  url: string;
  host: string;
  /** The final response's status; null when none came. */
  statusCode: number | null;
  ok: boolean;
  error: string | null;
  finalUrl: string | null;
  redirects: number;
  checkedAt: string;
}

const DEFAULTS = { timeoutMs: 10_000, perHostIntervalMs: 1_000, concurrency: 8, allowPrivateHosts: false, userAgent: 'Algoritmeregister-linkcontrole/1.0' };

/** Whether a host is this machine or a private, link-local or unique-local network, written literally. */
export function isPrivateHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host.endsWith('.localhost') || host === '::1' || host === '::' || host === '0.0.0.0') return true;
  const v4 = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(host);
  if (v4) {
    const [a, b] = [Number(v4[1]), Number(v4[2])];
    return a === 127 || a === 10 || a === 0 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254) || (a === 100 && b >= 64 && b <= 127);
  }
  return /^f[cd][0-9a-f]{2}:/.test(host) || /^fe80:/.test(host) || host.startsWith('::ffff:');
}

type Hop = { kind: 'response'; status: number; location: string | null } | { kind: 'failure'; error: string };

async function request(url: string, method: 'HEAD' | 'GET', options: Required<Omit<LinkCheckOptions, 'now'>>): Promise<Hop> {
  try {
    const response = await fetch(url, {
      method,
      redirect: 'manual',
      signal: AbortSignal.timeout(options.timeoutMs),
      headers: { 'user-agent': options.userAgent, accept: '*/*' },
    });
    // Only the status matters: the body is never read, and dropping it frees the connection.
    await response.body?.cancel().catch(() => {});
    return { kind: 'response', status: response.status, location: response.headers.get('location') };
  } catch (error) {
    const name = (error as Error).name;
    if (name === 'TimeoutError' || name === 'AbortError') return { kind: 'failure', error: `timeout after ${options.timeoutMs} ms` };
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return { kind: 'failure', error: cause?.code ?? cause?.message ?? (error as Error).message };
  }
}

/** Checks one URL. Never throws: every problem is part of the result. */
export async function checkUrl(url: string, opts: LinkCheckOptions = {}, pacer = new HostPacer(opts.perHostIntervalMs ?? DEFAULTS.perHostIntervalMs)): Promise<LinkResult> {
  const options = { ...DEFAULTS, ...opts };
  const checkedAt = () => (opts.now?.() ?? new Date()).toISOString();
  let host = '';
  const fail = (error: string, redirects: number, finalUrl: string | null, statusCode: number | null = null): LinkResult => ({
    url, host, statusCode, ok: false, error, finalUrl, redirects, checkedAt: checkedAt(),
  });
  let current: URL;
  try {
    current = new URL(url);
    host = current.hostname.toLowerCase();
  } catch {
    return fail('not a web address', 0, null);
  }
  for (let redirects = 0; ; redirects++) {
    if (current.protocol !== 'https:' && current.protocol !== 'http:') return fail(`not a web address (${current.protocol})`, redirects, current.href);
    if (!options.allowPrivateHosts && isPrivateHost(current.hostname)) return fail('private address not visited', redirects, current.href);
    await pacer.wait(current.hostname.toLowerCase());
    let hop = await request(current.href, 'HEAD', options);
    // Many servers answer HEAD with 403, 404, 405 or 501, or drop it, while GET works.
    if (hop.kind === 'failure' ? !hop.error.startsWith('timeout') : hop.status >= 400) {
      await pacer.wait(current.hostname.toLowerCase());
      hop = await request(current.href, 'GET', options);
    }
    if (hop.kind === 'failure') return fail(hop.error, redirects, current.href);
    if (hop.status >= 300 && hop.status < 400 && hop.location !== null) {
      if (redirects === MAX_REDIRECTS) return fail(`more than ${MAX_REDIRECTS} redirects`, redirects, current.href, hop.status);
      try {
        current = new URL(hop.location, current);
      } catch {
        return fail('redirect to an invalid address', redirects, current.href, hop.status);
      }
      continue;
    }
    const ok = hop.status >= 200 && hop.status < 300;
    return { url, host, statusCode: hop.status, ok, error: ok ? null : `HTTP ${hop.status}`, finalUrl: current.href, redirects, checkedAt: checkedAt() };
  }
}

/** Checks the URLs, several at a time with the per-host pace, and stores each result as the URL's last check. */
export async function checkLinks(db: Kysely<Database>, urls: readonly string[], opts: LinkCheckOptions = {}): Promise<LinkResult[]> {
  const options = { ...DEFAULTS, ...opts };
  const pacer = new HostPacer(options.perHostIntervalMs);
  const unique = [...new Set(urls)];
  const results: LinkResult[] = new Array(unique.length);
  let nextIndex = 0;
  const worker = async () => {
    while (nextIndex < unique.length) {
      const index = nextIndex++;
      const result = await checkUrl(unique[index], options, pacer);
      await storeResult(db, result);
      results[index] = result;
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency, unique.length) }, worker));
  return results;
}

async function storeResult(db: Kysely<Database>, result: LinkResult): Promise<void> {
  const values = {
    host: result.host.slice(0, 300),
    status_code: result.statusCode,
    ok: result.ok ? 1 : 0,
    error: result.error,
    final_url: result.finalUrl?.slice(0, 2000) ?? null,
    redirects: result.redirects,
    checked_at: result.checkedAt,
  };
  await db
    .insertInto('link_checks')
    .values({ url: result.url, ...values })
    .onConflict((oc) => oc.column('url').doUpdateSet(values))
    .execute();
}
