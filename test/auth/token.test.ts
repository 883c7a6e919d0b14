// The token endpoint and token verification: client credentials, the password grant with and
// without TOTP, revoked clients, and trust of an external OIDC issuer through its JWKS.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { TOTP, URI } from 'otpauth';
import { ENGINES } from '../helpers/engines.ts';
import { startRegister, type TestRegister } from '../helpers/server.ts';
import { createClient, revokeClient } from '../../src/auth/clients.ts';
import { createUser } from '../../src/auth/users.ts';
import { SYSTEM_ACTOR } from '../../src/register/actor.ts';

async function tokenRequest(r: TestRegister, form: Record<string, string>, headers: Record<string, string> = {}) {
  const response = await fetch(`${r.url}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(form),
  });
  return { status: response.status, body: (await response.json()) as Record<string, any>, headers: response.headers };
}

function claimsOf(token: string) {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
}

for (const engine of ENGINES) {
  describe(`token endpoint (${engine})`, () => {
    let r: TestRegister;
    before(async () => {
      r = await startRegister(engine);
      await r.org('gm0001');
    });
    after(() => r.close());

    it('issues a signed JWT for client credentials, in the post body or with HTTP Basic', async () => {
      const { clientId, clientSecret } = await createClient(r.app.ctx.kysely, { name: 'Leverancier X', organisation: 'gm0001', roles: ['role_1'] }, SYSTEM_ACTOR);
      const res = await tokenRequest(r, { grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret });
      assert.equal(res.status, 200);
      assert.equal(res.body.token_type, 'Bearer');
      assert.equal(res.body.expires_in, 3600);
      assert.equal(res.headers.get('cache-control'), 'no-store');
      const claims = claimsOf(res.body.access_token);
      assert.deepEqual(claims.roles, ['role_1']);
      assert.deepEqual(claims.groups, ['gm0001']);
      assert.equal(claims.preferred_username, clientId);
      assert.equal(claims.sub, `client:${clientId}`);
      const basic = Buffer.from(`${clientId}:${clientSecret}`).toString('base64');
      const viaBasic = await tokenRequest(r, { grant_type: 'client_credentials' }, { authorization: `Basic ${basic}` });
      assert.equal(viaBasic.status, 200);

      const wrong = await tokenRequest(r, { grant_type: 'client_credentials', client_id: clientId, client_secret: 'nope' });
      assert.deepEqual([wrong.status, wrong.body.error], [401, 'invalid_client']);
      await revokeClient(r.app.ctx.kysely, clientId, SYSTEM_ACTOR);
      const revoked = await tokenRequest(r, { grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret });
      assert.deepEqual([revoked.status, revoked.body.error], [401, 'invalid_client']);
    });

    it('supports the password grant as AMT sends it, with the reference claims', async () => {
      await createUser(r.app.ctx.kysely, { username: 'amt-user', password: 'een lang wachtwoord', firstName: 'Anna', lastName: 'Jansen', roles: ['role_1', 'role_2'], organisations: ['gm0001'] }, SYSTEM_ACTOR);
      const res = await tokenRequest(r, { grant_type: 'password', client_id: 'authentication-client', username: 'amt-user', password: 'een lang wachtwoord', totp: '' });
      assert.equal(res.status, 200);
      const claims = claimsOf(res.body.access_token);
      assert.equal(claims.preferred_username, 'amt-user');
      assert.equal(claims.given_name, 'Anna');
      assert.equal(claims.family_name, 'Jansen');
      assert.deepEqual(claims.roles, ['role_1', 'role_2']);
      assert.deepEqual(claims.groups, ['gm0001']);
      const me = await r.call('GET', '/aanleverapi/user/me', { token: res.body.access_token });
      assert.equal(me.body.username, 'amt-user');
      assert.deepEqual(me.body.organisations.map((o: { org_id: string }) => o.org_id), ['gm0001']);

      const wrong = await tokenRequest(r, { grant_type: 'password', client_id: 'authentication-client', username: 'amt-user', password: 'fout' });
      assert.deepEqual([wrong.status, wrong.body.error], [400, 'invalid_grant']);
      const unknownClient = await tokenRequest(r, { grant_type: 'password', client_id: 'someone-else', username: 'amt-user', password: 'een lang wachtwoord' });
      assert.deepEqual([unknownClient.status, unknownClient.body.error], [401, 'invalid_client']);
    });

    it('asks for the TOTP code when the account has a second factor', async () => {
      const { totpUri } = await createUser(r.app.ctx.kysely, { username: 'totp-user', password: 'een lang wachtwoord', roles: ['role_1'], organisations: ['gm0001'], totp: true }, SYSTEM_ACTOR);
      const totp = URI.parse(totpUri!) as TOTP;
      const base = { grant_type: 'password', client_id: 'authentication-client', username: 'totp-user', password: 'een lang wachtwoord' };
      const without = await tokenRequest(r, { ...base, totp: '' });
      assert.deepEqual([without.status, without.body.error], [400, 'invalid_grant']);
      assert.match(without.body.error_description, /totp/);
      const bad = await tokenRequest(r, { ...base, totp: '000000' === totp.generate() ? '111111' : '000000' });
      assert.equal(bad.status, 400);
      const code = totp.generate();
      const good = await tokenRequest(r, { ...base, totp: code });
      assert.equal(good.status, 200);
      // A code is accepted once: the same code again (seen over a shoulder, read from a log) is refused.
      const replayed = await tokenRequest(r, { ...base, totp: code });
      assert.deepEqual([replayed.status, replayed.body.error], [400, 'invalid_grant']);
    });

    it('rejects unknown grants and malformed requests with OAuth2 errors, never a 5xx', async () => {
      assert.equal((await tokenRequest(r, { grant_type: 'authorization_code' })).body.error, 'unsupported_grant_type');
      assert.equal((await tokenRequest(r, { grant_type: 'client_credentials' })).body.error, 'invalid_request');
      assert.equal((await tokenRequest(r, { grant_type: 'password' })).body.error, 'invalid_request');
      for (const body of ['', 'garbage', '{"grant_type":"password"}', 'grant_type=%E0%A4%A']) {
        const res = await fetch(`${r.url}/oauth/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
        assert.ok(res.status >= 400 && res.status < 500, `${body}: ${res.status}`);
      }
      const json = await fetch(`${r.url}/oauth/token`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x' });
      assert.ok(json.status >= 400 && json.status < 500);
    });

    it('publishes its keys', async () => {
      const jwks = await r.call('GET', '/oauth/jwks.json');
      assert.equal(jwks.body.keys.length, 1);
      assert.equal(jwks.body.keys[0].kty, 'RSA');
      assert.ok(!('d' in jwks.body.keys[0]), 'no private part');
    });
  });

  describe(`external OIDC issuer (${engine})`, () => {
    let jwksServer: Server;
    let issuer: string;
    let privateKey: CryptoKey;
    let r: TestRegister;
    before(async () => {
      const pair = await generateKeyPair('RS256', { extractable: true });
      privateKey = pair.privateKey as CryptoKey;
      const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'kc1', alg: 'RS256', use: 'sig' };
      jwksServer = createServer((_req, res) => res.setHeader('content-type', 'application/json').end(JSON.stringify({ keys: [jwk] })));
      await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
      const port = (jwksServer.address() as { port: number }).port;
      issuer = `http://127.0.0.1:${port}/realms/algreg`;
      r = await startRegister(engine, { OIDC_ISSUER: issuer, OIDC_JWKS_URL: `http://127.0.0.1:${port}/certs`, OIDC_AUDIENCE: 'register' });
      await r.org('gm0001');
    });
    after(async () => {
      await r.close();
      jwksServer.close();
    });

    const sign = (claims: Record<string, unknown>, opts: { iss?: string; aud?: string; exp?: string } = {}) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid: 'kc1' })
        .setIssuer(opts.iss ?? issuer)
        .setAudience(opts.aud ?? 'register')
        .setSubject('kc-user-1')
        .setIssuedAt()
        .setExpirationTime(opts.exp ?? '5m')
        .sign(privateKey);

    it('accepts its tokens with Keycloak group paths and maps the claims', async () => {
      const token = await sign({ preferred_username: 'kc', roles: ['role_1'], groups: ['/gm0001'], given_name: 'K', family_name: 'C' });
      const list = await r.call('GET', '/aanleverapi/v1_0/organizations/gm0001/algorithms', { token });
      assert.equal(list.status, 200);
      const me = await r.call('GET', '/aanleverapi/user/me', { token });
      assert.equal(me.body.id, 'kc-user-1');
      assert.equal(me.body.first_name, 'K');
    });

    it('rejects its tokens with another audience, another issuer or expired', async () => {
      for (const token of [
        await sign({ roles: ['role_1'], groups: ['gm0001'] }, { aud: 'other' }),
        await sign({ roles: ['role_1'], groups: ['gm0001'] }, { iss: 'http://evil.example/realms/algreg' }),
        await sign({ roles: ['role_1'], groups: ['gm0001'] }, { exp: '-1m' }),
      ]) {
        const res = await r.call('GET', '/aanleverapi/v1_0/organizations/gm0001/algorithms', { token });
        assert.equal(res.status, 401);
      }
    });
  });
}
