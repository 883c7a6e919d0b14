/**
 * The OAuth2 token endpoint (RFC 6749): client credentials for machine clients, the password
 * grant for legacy clients such as AMT (`client_id`, `username`, `password`, `totp`). Errors use
 * the RFC's `{error, error_description}` shape. Also publishes the signing keys.
 */
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import type { AppContext } from '../context.ts';
import { authenticateClient } from './clients.ts';
import { authenticateUser, type UserClaims } from './users.ts';

function oauthError(reply: FastifyReply, status: number, error: string, description: string) {
  reply.header('cache-control', 'no-store');
  return reply.code(status).send({ error, error_description: description });
}

/** Reads HTTP Basic client authentication (RFC 6749 §2.3.1), when given. */
function basicCredentials(header: string | undefined): { id: string; secret: string } | null {
  if (!header?.startsWith('Basic ')) return null;
  const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  return { id: decodeURIComponent(decoded.slice(0, colon)), secret: decodeURIComponent(decoded.slice(colon + 1)) };
}

export function tokenEndpoint(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    await app.register(formbody, { bodyLimit: 16 * 1024 });
    // Guessing passwords or secrets costs one request each: limit them per address.
    if (ctx.config.rateLimitPerMinute > 0) {
      await app.register(rateLimit, {
        max: ctx.config.rateLimitPerMinute,
        timeWindow: 60_000,
        errorResponseBuilder: (_request, context) => ({
          statusCode: 429,
          error: 'slow_down',
          error_description: `Rate limit exceeded: ${context.max} per 1 minute`,
        }),
      });
    }

    app.post('/oauth/token', { config: { access: 'public' } }, async (request, reply) => {
      const body = (typeof request.body === 'object' && request.body !== null ? request.body : {}) as Record<string, unknown>;
      const field = (name: string) => (typeof body[name] === 'string' ? (body[name] as string) : undefined);
      const grant = field('grant_type');
      let claims: UserClaims | null = null;

      if (grant === 'client_credentials') {
        const basic = basicCredentials(request.headers.authorization);
        const id = basic?.id ?? field('client_id');
        const secret = basic?.secret ?? field('client_secret');
        if (!id || !secret) return oauthError(reply, 400, 'invalid_request', 'client_id and client_secret are required.');
        claims = await authenticateClient(ctx.kysely, id, secret);
        if (!claims) return oauthError(reply, 401, 'invalid_client', 'Unknown client, wrong secret or revoked client.');
      } else if (grant === 'password') {
        const clientId = field('client_id');
        if (clientId && !ctx.config.passwordClientIds.includes(clientId)) {
          return oauthError(reply, 401, 'invalid_client', `Client "${clientId}" may not use the password grant.`);
        }
        const username = field('username');
        const password = field('password');
        if (!username || !password) return oauthError(reply, 400, 'invalid_request', 'username and password are required.');
        const result = await authenticateUser(ctx.kysely, username, password, field('totp') || undefined);
        if (!result.ok) {
          const text = {
            invalid_credentials: 'Invalid user credentials.',
            totp_required: 'This account has a second factor: send the current code as totp.',
            totp_invalid: 'The totp code is not valid.',
          }[result.reason];
          return oauthError(reply, 400, 'invalid_grant', text);
        }
        claims = result.claims;
      } else {
        return oauthError(reply, 400, 'unsupported_grant_type', 'grant_type must be client_credentials or password.');
      }

      const access_token = await ctx.tokens.sign({ ...claims, name: [claims.given_name, claims.family_name].filter(Boolean).join(' ') || claims.preferred_username });
      reply.header('cache-control', 'no-store');
      return { access_token, token_type: 'Bearer', expires_in: ctx.tokens.ttlSeconds };
    });

    app.get('/oauth/jwks.json', { config: { access: 'public' } }, async () => ctx.tokens.jwks());

    app.get('/.well-known/oauth-authorization-server', { config: { access: 'public' } }, async () => ({
      issuer: ctx.tokens.issuer,
      token_endpoint: `${ctx.config.publicUrl}/oauth/token`,
      jwks_uri: `${ctx.config.publicUrl}/oauth/jwks.json`,
      grant_types_supported: ['client_credentials', 'password'],
      token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic'],
    }));
  };
}
