/**
 * A real OpenID Provider for tests (oidc-provider, by openid-client's author), on 127.0.0.1 with
 * one registered client. Its login step signs in whoever the test chose with `signInAs` (or
 * cancels with `deny`) without a form; consent is given for the client at once. A browser-like
 * cookie jar (`fetch`) walks its redirects, which set and read the provider's own cookies.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import Provider, { type KoaContextWithOIDC } from 'oidc-provider';
import { exportJWK, generateKeyPair } from 'jose';

export interface ProviderPerson {
  sub: string;
  email?: string;
  email_verified?: boolean;
  name?: string;
}

export class TestProvider {
  readonly clientId = 'algoritmeregister-test';
  readonly clientSecret = randomBytes(24).toString('base64url');
  private people = new Map<string, ProviderPerson>();
  private next: { sub: string } | { deny: true } | undefined;
  private provider?: Provider;
  private cookies = new Map<string, string>();

  private constructor(
    private readonly server: Server,
    readonly issuer: string,
  ) {}

  /** Listens first, so that the register can be configured with the issuer before the client's redirect URI is known. */
  static async listen(): Promise<TestProvider> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const op = new TestProvider(server, `http://127.0.0.1:${port}`);
    server.on('request', (req, res) => {
      if (!op.provider) return res.writeHead(503).end();
      if (req.url?.startsWith('/interaction/')) return void op.interaction(req, res);
      return op.provider.callback()(req, res);
    });
    return op;
  }

  /** Registers the client, whose one redirect URI is the register's callback. */
  async start(redirectUri: string): Promise<void> {
    const { privateKey } = await generateKeyPair('RS256', { extractable: true });
    const jwk = { ...(await exportJWK(privateKey)), alg: 'RS256', use: 'sig', kid: 'test' };
    this.provider = new Provider(this.issuer, {
      clients: [{ client_id: this.clientId, client_secret: this.clientSecret, redirect_uris: [redirectUri], grant_types: ['authorization_code'], response_types: ['code'] }],
      jwks: { keys: [jwk as never] },
      cookies: { keys: [randomBytes(32).toString('hex')] },
      claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
      features: { devInteractions: { enabled: false } },
      ttl: { Interaction: 600, Grant: 600, Session: 600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
      interactions: { url: (_ctx: KoaContextWithOIDC, interaction) => `/interaction/${interaction.uid}` },
      findAccount: (_ctx, sub) => {
        const person = this.people.get(sub);
        return person ? { accountId: sub, claims: () => ({ ...person }) } : undefined;
      },
      // Consent is not what these tests are about: the client gets what it asks for.
      loadExistingGrant: async (ctx) => {
        const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session!.grantIdFor(ctx.oidc.client!.clientId);
        if (grantId) return ctx.oidc.provider.Grant.find(grantId);
        const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId });
        grant.addOIDCScope('openid email profile');
        await grant.save();
        return grant;
      },
    });
  }

  addPerson(person: ProviderPerson): void {
    this.people.set(person.sub, person);
  }

  /** Who the next login step signs in. */
  signInAs(sub: string): void {
    this.next = { sub };
  }

  /** The next login step is cancelled by the person. */
  deny(): void {
    this.next = { deny: true };
  }

  /** A new browser at the provider (no session there yet). */
  forget(): void {
    this.cookies.clear();
  }

  private async interaction(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) {
    const provider = this.provider!;
    try {
      const details = await provider.interactionDetails(req, res);
      const next = this.next;
      if (!next || details.prompt.name !== 'login') throw new Error(`unexpected interaction ${details.prompt.name}`);
      if ('deny' in next) {
        await provider.interactionFinished(req, res, { error: 'access_denied', error_description: 'The person cancelled signing in.' }, { mergeWithLastSubmission: false });
      } else {
        await provider.interactionFinished(req, res, { login: { accountId: next.sub } }, { mergeWithLastSubmission: false });
      }
    } catch (error) {
      res.writeHead(500, { 'content-type': 'text/plain' }).end(String(error));
    }
  }

  /** A GET at the provider as a browser does it, with its cookies; redirects are not followed. */
  async fetch(url: string): Promise<Response> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const response = await fetch(url, { headers: cookie ? { cookie } : {}, redirect: 'manual' });
    for (const header of response.headers.getSetCookie()) {
      const [pair, ...attributes] = header.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      const expired = attributes.some((a) => /^\s*expires=Thu, 01 Jan 1970/i.test(a)) || value === '';
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
