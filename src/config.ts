/** Configuration from the environment, read once at start. The README's table lists every variable. */
import { isIP } from 'node:net';
import { DEFAULT_DATABASE_URL } from './db/connect.ts';

export interface Config {
  port: number;
  host: string;
  databaseUrl: string;
  seedDemo: boolean;
  /** The address the register is reached at, for links it hands out (preview URLs, token issuer). */
  publicUrl: string;
  tokenTtlSeconds: number;
  /** Requests per minute per client on the delivery API and token endpoint; 0 switches the limit off. */
  rateLimitPerMinute: number;
  previewTtlSeconds: number;
  /** OAuth2 client ids accepted with the password grant (legacy clients such as AMT). */
  passwordClientIds: string[];
  oidc?: { issuer: string; jwksUrl: string; audience?: string };
  /** Sign-in to management through an external OpenID Provider, offered next to local accounts when set. */
  managementOidc?: ManagementOidcConfig;
  logLevel: string;
  /** Where mail goes (`smtp://user:pass@host:587`, `smtps://…`); without it every mail stays in the outbox table. */
  smtpUrl?: string;
  /** The sender of the register's mail. */
  mailFrom: string;
  /** A management session ends after this long without a request, and in any case after the maximum. */
  sessionIdleSeconds: number;
  sessionMaxSeconds: number;
  /**
   * Whose X-Forwarded-For the register believes, for the visitor's address (rate limits per
   * address, the audit log): `true`, `false`, a number of proxy hops, or addresses and subnets.
   */
  trustProxy: boolean | number | string;
  /** Search answers kept per process until the index changes; 0 keeps none. */
  searchCacheEntries: number;
}

export interface ManagementOidcConfig {
  issuer: string;
  clientId: string;
  clientSecret?: string;
  /** The text of the sign-in button; without it the catalogue's words. */
  label?: string;
}

function int(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative whole number, got "${value}"`);
  return n;
}

function required(env: NodeJS.ProcessEnv, name: string, because: string): string {
  const value = env[name];
  if (!value) throw new Error(`${name} is required with ${because}`);
  return value;
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname || 'localhost';
  } catch {
    return 'localhost';
  }
}

/**
 * By default only a proxy on the same machine (loopback) is believed: a visitor who reaches the
 * register directly cannot choose their own address by sending the header.
 */
function trustProxy(value: string | undefined): boolean | number | string {
  if (value === undefined || value.trim() === '') return 'loopback';
  if (value === 'true' || value === 'false') return value === 'true';
  if (/^\d+$/.test(value)) return Number(value);
  for (const entry of value.split(',').map((e) => e.trim())) {
    const [address, bits, ...rest] = entry.split('/');
    const known = ['loopback', 'linklocal', 'uniquelocal'].includes(entry) || (isIP(address!) !== 0 && rest.length === 0 && (bits === undefined || /^\d{1,3}$/.test(bits)));
    if (!known) throw new Error(`TRUST_PROXY: "${entry}" is no address, subnet (10.0.0.0/8), loopback, linklocal or uniquelocal`);
  }
  return value;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = int(env.PORT, 3000, 'PORT');
  const oidc = env.OIDC_ISSUER
    ? {
        issuer: env.OIDC_ISSUER,
        jwksUrl: env.OIDC_JWKS_URL ?? `${env.OIDC_ISSUER.replace(/\/$/, '')}/protocol/openid-connect/certs`,
        audience: env.OIDC_AUDIENCE || undefined,
      }
    : undefined;
  const managementOidc = env.MANAGEMENT_OIDC_ISSUER
    ? {
        issuer: env.MANAGEMENT_OIDC_ISSUER,
        clientId: required(env, 'MANAGEMENT_OIDC_CLIENT_ID', 'MANAGEMENT_OIDC_ISSUER'),
        clientSecret: env.MANAGEMENT_OIDC_CLIENT_SECRET || undefined,
        label: env.MANAGEMENT_OIDC_LABEL || undefined,
      }
    : undefined;
  const publicUrl = (env.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, '');
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL || DEFAULT_DATABASE_URL,
    seedDemo: env.SEED_DEMO !== '0',
    publicUrl,
    tokenTtlSeconds: int(env.TOKEN_TTL_SECONDS, 3600, 'TOKEN_TTL_SECONDS'),
    rateLimitPerMinute: int(env.RATE_LIMIT_PER_MINUTE, 600, 'RATE_LIMIT_PER_MINUTE'),
    previewTtlSeconds: int(env.PREVIEW_TTL_SECONDS, 600, 'PREVIEW_TTL_SECONDS'),
    passwordClientIds: (env.PASSWORD_CLIENT_IDS ?? 'authentication-client').split(',').map((s) => s.trim()).filter(Boolean),
    oidc,
    managementOidc,
    logLevel: env.LOG_LEVEL ?? 'info',
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM || `Algoritmeregister <noreply@${hostOf(publicUrl)}>`,
    sessionIdleSeconds: int(env.SESSION_IDLE_SECONDS, 30 * 60, 'SESSION_IDLE_SECONDS'),
    sessionMaxSeconds: int(env.SESSION_MAX_SECONDS, 12 * 60 * 60, 'SESSION_MAX_SECONDS'),
    trustProxy: trustProxy(env.TRUST_PROXY),
    searchCacheEntries: int(env.SEARCH_CACHE_ENTRIES, 1000, 'SEARCH_CACHE_ENTRIES'),
  };
}
