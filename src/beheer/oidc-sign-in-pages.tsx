/**
 * Sign-in to management through an external OpenID Provider (authorization code flow with PKCE,
 * openid-client), offered when `MANAGEMENT_OIDC_ISSUER` is set:
 *
 * - `GET /beheer/inloggen/oidc?terug=…` keeps a new state, nonce and PKCE verifier on the server
 *   against the pre-sign-in session (the browser holds only the session id) and sends the person
 *   to the provider.
 * - `GET /beheer/inloggen/oidc/terug` takes that attempt out (once), checks the state, exchanges
 *   the code (the library checks the ID token, its nonce and the PKCE verifier), finds the
 *   account of the identity (see `auth/external-identities.ts`: never a new account), and signs
 *   in as a local sign-in does: a new session with a new id and CSRF token, back to the page the
 *   person asked for.
 *
 * The provider's sign-in stands in for password and TOTP: the second factor, if any, is the
 * provider's. Every failure (cancelled, stale or foreign attempt, unknown person) is a page that
 * says what happened, never a 5xx; only an unreachable provider is a 503.
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import * as client from 'openid-client';
import type { AppContext } from '../context.ts';
import type { ManagementOidcConfig } from '../config.ts';
import { membershipsOf } from '../auth/users.ts';
import { renewSession } from '../auth/sessions.ts';
import { authorize, reachesAllOrganisations } from '../auth/policy.ts';
import { accountForIdentity, savePendingSignIn, takePendingSignIn, type IdentityMatch } from '../auth/external-identities.ts';
import { recordEvent } from '../register/audit.ts';
import { beheerMessages, fill } from './messages.ts';
import { oidcMessages } from './messages-oidc.ts';
import { Frame } from './layout.tsx';
import { page, seeOther } from './render.ts';
import { frameProps } from './frame-props.ts';
import { ensureSession, principalOf, returnPath, setSessionCookie } from './person.ts';

export const OIDC_START_PATH = '/beheer/inloggen/oidc';
export const OIDC_CALLBACK_PATH = '/beheer/inloggen/oidc/terug';

type Failure = Exclude<keyof (typeof oidcMessages)['nl'], 'button' | 'failedTitle' | 'tryAgain'>;

const STATUS: Record<Failure, number> = {
  denied: 401,
  expired: 400,
  wrongState: 400,
  invalidResponse: 400,
  unavailable: 503,
  unknown: 403,
  unknownNoEmail: 403,
  unverified: 403,
  ambiguous: 403,
  linkedToOther: 403,
  blocked: 403,
};

/** The link on the sign-in page, when a provider is configured. */
export function OidcSignInLink({ request, terug }: { request: FastifyRequest; terug: string }) {
  const settings = request.server.ctx.config.managementOidc;
  if (!settings) return null;
  const label = settings.label ?? oidcMessages[request.management.lang].button;
  return (
    <p class="nl-paragraph">
      <a class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action" href={`${OIDC_START_PATH}?terug=${encodeURIComponent(terug)}`}>
        {label}
      </a>
    </p>
  );
}

function failurePage(request: FastifyRequest, reply: FastifyReply, failure: Failure, who?: string) {
  const t = oidcMessages[request.management.lang];
  const title = t.failedTitle;
  return page(
    reply,
    STATUS[failure],
    <Frame {...frameProps(request, '/beheer/inloggen')} title={`${beheerMessages[request.management.lang].errorTitlePrefix}${title}`}>
      <h1 class="nl-heading nl-heading--level-1">{title}</h1>
      <p class="nl-paragraph" role="alert">
        {fill(t[failure], { who: who ?? '' })}
      </p>
      <p class="nl-paragraph">
        <a class="nl-link" href="/beheer/inloggen">{t.tryAgain}</a>
      </p>
    </Frame>,
  );
}

const REFUSALS: Record<Exclude<IdentityMatch, { ok: true }>['reason'], Failure> = {
  unknown: 'unknown',
  unverified: 'unverified',
  ambiguous: 'ambiguous',
  'linked-to-other': 'linkedToOther',
};

const sameText = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** The provider's metadata, found once per process (and again after a failure). Plain HTTP only for a provider on this machine. */
function discoverer(settings: ManagementOidcConfig) {
  let found: Promise<client.Configuration> | undefined;
  return () => {
    found ??= (async () => {
      const issuer = new URL(settings.issuer);
      const insecure = issuer.protocol === 'http:' && LOOPBACK.has(issuer.hostname);
      const auth = settings.clientSecret ? client.ClientSecretBasic(settings.clientSecret) : client.None();
      return client.discovery(issuer, settings.clientId, undefined, auth, { timeout: 10, execute: insecure ? [client.allowInsecureRequests] : [] });
    })();
    found.catch(() => (found = undefined));
    return found;
  };
}

/** A wrong answer from the provider (a client could cause it), rather than a provider that cannot be reached. */
const isProtocolError = (error: unknown) =>
  error instanceof client.AuthorizationResponseError ||
  error instanceof client.ResponseBodyError ||
  (error instanceof client.ClientError && typeof error.code === 'string' && error.code.startsWith('OAUTH_'));

const emailVerified = (value: unknown) => value === true || value === 'true';

export function oidcSignInPages(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    const settings = ctx.config.managementOidc;
    if (!settings) return;
    const db = ctx.kysely;
    const configuration = discoverer(settings);
    // The register's own address is read per request: it may be known only once the server listens.
    const redirectUri = () => `${ctx.config.publicUrl}${OIDC_CALLBACK_PATH}`;

    app.get<{ Querystring: { terug?: string } }>('/inloggen/oidc', { config: { access: 'public' } }, async (request, reply) => {
      const terug = returnPath(request.query.terug);
      if (request.management.person) return seeOther(reply, terug);
      let config: client.Configuration;
      try {
        config = await configuration();
      } catch (error) {
        request.log.warn({ err: error }, 'management sign-in: the OpenID Provider cannot be reached');
        return failurePage(request, reply, 'unavailable');
      }
      const session = await ensureSession(db, ctx.config, request, reply);
      const codeVerifier = client.randomPKCECodeVerifier();
      const pending = { state: client.randomState(), nonce: client.randomNonce(), codeVerifier, returnPath: terug };
      await savePendingSignIn(db, session.id, pending);
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri(),
        scope: 'openid email profile',
        state: pending.state,
        nonce: pending.nonce,
        code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
        ui_locales: request.management.lang,
      });
      return seeOther(reply, url.href);
    });

    app.get<{ Querystring: Record<string, string | string[] | undefined> }>('/inloggen/oidc/terug', { config: { access: 'public' } }, async (request, reply) => {
      // Signed in already (a reload of this address, say): the attempt was used, nothing to do.
      if (request.management.person) return seeOther(reply, '/beheer');
      const session = request.management.session;
      const pending = session ? await takePendingSignIn(db, session.id) : undefined;
      if (!session || !pending) return failurePage(request, reply, 'expired');
      const { state, error } = request.query;
      if (typeof state !== 'string' || !sameText(state, pending.state)) {
        request.log.info('management sign-in refused: the state does not belong to this session');
        return failurePage(request, reply, 'wrongState');
      }
      if (error !== undefined) return failurePage(request, reply, error === 'access_denied' ? 'denied' : 'invalidResponse');

      let identity: { subject: string; email?: string; emailVerified: boolean };
      let config: client.Configuration;
      try {
        config = await configuration();
        const tokens = await client.authorizationCodeGrant(config, new URL(request.url, ctx.config.publicUrl), {
          pkceCodeVerifier: pending.codeVerifier,
          expectedState: pending.state,
          expectedNonce: pending.nonce,
          idTokenExpected: true,
        });
        const claims = tokens.claims()!;
        identity = { subject: claims.sub, email: typeof claims.email === 'string' ? claims.email : undefined, emailVerified: emailVerified(claims.email_verified) };
        // Many providers put the e-mail address only in the userinfo answer.
        if (identity.email === undefined && tokens.access_token && config.serverMetadata().userinfo_endpoint) {
          const info = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
          if (typeof info.email === 'string') identity = { ...identity, email: info.email, emailVerified: emailVerified(info.email_verified) };
        }
      } catch (error) {
        const protocol = isProtocolError(error);
        request.log.warn({ err: error }, protocol ? 'management sign-in refused: the provider’s answer did not verify' : 'management sign-in: the OpenID Provider cannot be reached');
        return failurePage(request, reply, protocol ? 'invalidResponse' : 'unavailable');
      }

      const issuer = config.serverMetadata().issuer;
      const match = await accountForIdentity(db, { issuer, ...identity });
      if (!match.ok) {
        request.log.info({ issuer, subject: identity.subject, reason: match.reason }, 'management sign-in refused: no account for this identity');
        const failure = match.reason === 'unknown' && !identity.email ? 'unknownNoEmail' : REFUSALS[match.reason];
        return failurePage(request, reply, failure, identity.email);
      }
      const { account } = match;
      if (!authorize(principalOf(account, []), { kind: 'authenticated' }).ok) return failurePage(request, reply, 'blocked');

      // As a local sign-in: a new session (new id, new CSRF token) in the account's first organisation.
      const [first] = await membershipsOf(db, account, reachesAllOrganisations(account.roles));
      const renewed = await renewSession(db, session, { userId: account.id, pendingUserId: null, organisationId: first?.organisationId ?? null });
      setSessionCookie(reply, ctx.config, renewed);
      await recordEvent(db, {
        action: 'signed_in',
        actor: { id: `user:${account.id}`, name: account.username },
        detail: { username: account.username, method: 'oidc', issuer, subject: identity.subject, linked_now: match.linkedNow },
      });
      return seeOther(reply, returnPath(pending.returnPath));
    });
  };
}
