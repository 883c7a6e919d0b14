// The command line as a user runs it: every command's --help, unknown commands, and the
// administration commands (migrate, seed, org, user, client) against a real database on each
// engine, with the accounts and clients they print then used on a running register.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { URI } from 'otpauth';
import type { FastifyInstance } from 'fastify';
import { ENGINES, freshDatabase, type FreshDatabase } from '../helpers/engines.ts';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { openDb, type Db } from '../../src/db/connect.ts';
import { runCli, runAll, assertOk, assertFails, assertNoStackTrace, type CliResult } from './run-cli.ts';

/** The command names a help text lists under "Commands:" (without commander's own `help`). */
function listedCommands(help: string): string[] {
  const section = help.split(/^Commands:$/m)[1];
  if (!section) return [];
  return [...section.matchAll(/^ {2}(\S+)/gm)].map((m) => m[1]).filter((name) => name !== 'help');
}

/** What each command must at least say about itself (its help is the user's documentation). */
const DESCRIBES: Record<string, RegExp> = {
  '': /algorithm register/i,
  serve: /Serve the register on PORT/,
  migrate: /schema and the search index up to date/,
  seed: /demo data[\s\S]*--force/,
  org: /Organisations/,
  'org add': /Add an organisation[\s\S]*--type <type>[\s\S]*--flow <flow>[\s\S]*--parent <code>/,
  'org list': /List the organisations/,
  user: /People who sign in/,
  'user add': /Add an account[\s\S]*--role <role>[\s\S]*--org <code>[\s\S]*--password[\s\S]*--totp/,
  client: /API clients/,
  'client add': /client id and secret[\s\S]*--org <code>[\s\S]*--role <role>/,
  'client revoke': /Revoke an API client/,
  import: /Import standard-1\.0 records[\s\S]*--org <code>[\s\S]*--publish[\s\S]*--templates/,
  export: /Export every algorithm[\s\S]*--format <format>[\s\S]*json[\s\S]*csv[\s\S]*xlsx[\s\S]*--output <file>/,
  mail: /mail the register sent/,
  'mail outbox': /List the newest mails[\s\S]*--limit <n>[\s\S]*--full/,
  alerts: /E-mail alerts/,
  'alerts send': /Mail every confirmed alert[\s\S]*cron/,
  reminders: /Reminders to organisations/,
  'reminders send': /Mail the editors[\s\S]*--months <n>[\s\S]*--every-days <n>/,
  quality: /Quality checks/,
  'quality refresh': /every quality check on every algorithm/,
  'quality links': /links of published descriptions[\s\S]*--limit <n>/,
  search: /search index/,
  'search reindex': /Rebuild the search index/,
};

describe('command line: help and unknown commands', () => {
  // A database that must never be made: help and parse errors do not touch the database.
  const untouched = join(tmpdir(), `ar-cli-help-${process.pid}`, 'never.db');
  after(() => assert.equal(existsSync(dirname(untouched)), false, 'help opened the database'));

  it('answers --help for the program and every command and subcommand, describing it', async () => {
    // Walk the command tree as the help texts list it, so a new command without help fails here.
    const seen = new Map<string, CliResult>();
    let level: string[][] = [[]];
    while (level.length) {
      const results = await runAll(level.map((path) => [...path, '--help']), untouched);
      const next: string[][] = [];
      results.forEach((r, i) => {
        const path = level[i];
        seen.set(path.join(' '), r);
        for (const name of listedCommands(r.stdout)) next.push([...path, name]);
      });
      level = next;
    }
    assert.deepEqual([...seen.keys()].sort(), Object.keys(DESCRIBES).sort(), 'the commands listed in the help texts');
    for (const [path, r] of seen) {
      assertOk(r);
      assert.equal(r.stderr, '', `${path} --help writes nothing to stderr`);
      assert.match(r.stdout, new RegExp(`^Usage: algoritmeregister${path ? ` ${path}` : ''} `), `${path} --help starts with its usage`);
      // A description line follows the usage line.
      const description = r.stdout.split('\n\n')[1] ?? '';
      assert.ok(description.trim().length > 10, `${path} --help describes the command: ${JSON.stringify(r.stdout)}`);
      assert.match(r.stdout, DESCRIBES[path], `${path} --help`);
    }
  });

  it('fails on an unknown command, subcommand or option with a message', async () => {
    const [command, subcommand, option, missing] = await runAll([['frobnicate'], ['org', 'remove', 'x'], ['org', 'list', '--colour'], ['client', 'add']], untouched);
    assertFails(command, /unknown command 'frobnicate'/);
    assertFails(subcommand, /unknown command 'remove'/);
    assertFails(option, /unknown option '--colour'/);
    assertFails(missing, /required option '--org <code>' not specified/);
  });
});

for (const engine of ENGINES) {
  describe(`command line: administration (${engine})`, () => {
    let database: FreshDatabase;
    let db: Db;
    let app: FastifyInstance | undefined;
    before(async () => {
      database = await freshDatabase(engine);
    });
    after(async () => {
      await app?.close();
      await db?.close();
      await database.drop();
    });

    const cli = (...args: string[]) => runCli(args, database.url);
    const token = async (form: Record<string, string>) => {
      const res = await app!.inject({ method: 'POST', url: '/oauth/token', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(form).toString() });
      return { status: res.statusCode, body: res.json() as Record<string, any> };
    };
    const claims = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString());

    it('migrates, and says so when there is nothing to do', async () => {
      const first = await cli('migrate');
      assertOk(first);
      assert.match(first.stdout, /^Applied: 001-initial/);
      const again = await cli('migrate');
      assertOk(again);
      assert.equal(again.stdout.trim(), 'The database is up to date.');
      db = openDb(database.url);
    });

    it('seeds the demo data and prints the counts; a second seed without --force refuses', async () => {
      const seed = await cli('seed');
      assertOk(seed);
      const m = /^Loaded (\d+) organisations, (\d+) templates and (\d+) algorithms\.$/m.exec(seed.stdout);
      assert.ok(m, seed.stdout);
      const count = async (table: 'organisations' | 'templates' | 'algorithms' | 'versions' | 'users') =>
        Number((await db.kysely.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
      assert.deepEqual([Number(m[1]), Number(m[2]), Number(m[3])], [await count('organisations'), await count('templates'), await count('algorithms')]);
      assert.ok(Number(m[1]) > 0 && Number(m[2]) > 0 && Number(m[3]) > 0, seed.stdout);
      const before = [await count('organisations'), await count('algorithms'), await count('versions'), await count('users')];

      const again = await cli('seed');
      assertOk(again);
      assert.match(again.stdout, /already holds data; use --force/);
      assert.deepEqual([await count('organisations'), await count('algorithms'), await count('versions'), await count('users')], before);
    });

    it('rebuilds the search index from what is published', async () => {
      const published = Number((await db.kysely.selectFrom('versions').where('state', '=', 'PUBLISHED').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
      await db.kysely.deleteFrom('search_facets').execute();
      await db.kysely.deleteFrom('search_documents').execute();
      const reindex = await cli('search', 'reindex');
      assertOk(reindex);
      assert.match(reindex.stdout, new RegExp(`^Indexed ${published} published algorithm\\(s\\)\\.$`, 'm'));
      const indexed = Number((await db.kysely.selectFrom('search_documents').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
      assert.equal(indexed, published);
    });

    it('adds organisations, and rejects a bad code, an unknown type, a duplicate or a missing parent clearly', async () => {
      const added = await cli('org', 'add', 'gm9001', 'Gemeente Proefdorp', '--type', 'gemeente', '--flow', 'self_publish_two', '--parent', 'gm0363');
      assertOk(added);
      assert.match(added.stdout, /Added gm9001 \(Gemeente Proefdorp\), flow self_publish_two/);
      const row = await db.kysely.selectFrom('organisations').selectAll().where('code', '=', 'gm9001').executeTakeFirstOrThrow();
      assert.deepEqual([row.name, row.type, row.flow, row.parent_code], ['Gemeente Proefdorp', 'gemeente', 'self_publish_two', 'gm0363']);

      const before = await db.kysely.selectFrom('organisations').selectAll().orderBy('id').execute();
      const [badCode, badType, duplicate, noParent] = await runAll(
        [
          ['org', 'add', 'gm 9002', 'Spatie'],
          ['org', 'add', 'gm9003', 'Onbekend type', '--type', 'kasteel'],
          ['org', 'add', 'gm9001', 'Nog eens'],
          ['org', 'add', 'gm9004', 'Wees', '--parent', 'gm0000'],
        ],
        database.url,
      );
      assertFails(badCode, /error: Organisation code "gm 9002" may hold only letters, digits/);
      assertFails(badType, /argument 'kasteel' is invalid\. Allowed choices are .*gemeente/);
      assertFails(duplicate, /error: ORG_ALREADY_EXISTS: gm9001/);
      assertFails(noParent, /error: ORG_NOT_FOUND: parent gm0000/);
      assert.deepEqual(await db.kysely.selectFrom('organisations').selectAll().orderBy('id').execute(), before, 'nothing was added or changed');
    });

    it('lists the organisations', async () => {
      const list = await cli('org', 'list');
      assertOk(list);
      const lines = list.stdout.trim().split('\n');
      const total = Number((await db.kysely.selectFrom('organisations').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
      assert.equal(lines.at(-1), `${total} organisation(s).`);
      assert.equal(lines.length, total + 1);
      assert.ok(lines.includes('gm9001\tgemeente\tself_publish_two\tGemeente Proefdorp'), list.stdout);
      for (const o of await db.kysely.selectFrom('organisations').selectAll().execute()) {
        assert.ok(lines.includes(`${o.code}\t${o.type}\t${o.flow}\t${o.name}`), `${o.code} listed`);
      }
    });

    let clientId = '';
    let clientSecret = '';
    let password = '';
    let totpUri = '';
    let totpPassword = '';
    let givenPassword: CliResult;
    it('adds accounts and clients and prints their secrets once', async () => {
      const [user, totpUser, client, withPassword, badUser] = await runAll(
        [
          ['user', 'add', 'redacteur.proef', '--role', 'role_1', '--org', 'gm9001', '--first-name', 'Ria'],
          ['user', 'add', 'tweestaps', '--role', 'role_1', '--role', 'role_2', '--org', 'gm9001', '--totp'],
          ['client', 'add', '--org', 'gm9001', '--role', 'role_1', '--name', 'Leverancier Proef'],
          ['user', 'add', 'eigen.wachtwoord', '--role', 'role_2', '--org', 'gm9001', '--password', 'een eigen lang wachtwoord'],
          ['user', 'add', 'niemand', '--role', 'role_1', '--org', 'gm0000'],
        ],
        database.url,
      );
      assertOk(user);
      assert.match(user.stdout, /Added redacteur\.proef with roles role_1\./);
      password = /^password: (\S+)$/m.exec(user.stdout)?.[1] ?? '';
      assert.ok(password.length >= 12, user.stdout);
      assert.doesNotMatch(user.stdout, /totp:/);

      assertOk(totpUser);
      assert.match(totpUser.stdout, /with roles role_1, role_2\./);
      totpUri = /^totp: (otpauth:\/\/totp\/\S+)$/m.exec(totpUser.stdout)?.[1] ?? '';
      assert.ok(totpUri, totpUser.stdout);
      assert.match(totpUri, /secret=[A-Z2-7]+/);
      assert.match(totpUri, /issuer=Algoritmeregister/);
      totpPassword = /^password: (\S+)$/m.exec(totpUser.stdout)?.[1] ?? '';
      assert.ok(totpPassword, totpUser.stdout);

      assertOk(client);
      clientId = /^client_id: (\S+)$/m.exec(client.stdout)?.[1] ?? '';
      clientSecret = /^client_secret: (\S+)$/m.exec(client.stdout)?.[1] ?? '';
      assert.ok(clientId && clientSecret, client.stdout);

      assertOk(withPassword);
      assert.doesNotMatch(withPassword.stdout, /password:/, 'a given password is not printed');
      givenPassword = withPassword;

      assertFails(badUser, /error: ORG_NOT_FOUND: gm0000/);
      assert.equal(await db.kysely.selectFrom('users').select('id').where('username', '=', 'niemand').executeTakeFirst(), undefined);
    });

    it('the printed password, TOTP URI and client secret work on a running register', async () => {
      assertOk(givenPassword);
      app = await buildApp(loadConfig({ DATABASE_URL: database.url, SEED_DEMO: '0' }));

      const byPassword = await token({ grant_type: 'password', client_id: 'authentication-client', username: 'redacteur.proef', password, totp: '' });
      assert.equal(byPassword.status, 200, JSON.stringify(byPassword.body));
      const userClaims = claims(byPassword.body.access_token);
      assert.deepEqual([userClaims.preferred_username, userClaims.given_name, userClaims.roles, userClaims.groups], ['redacteur.proef', 'Ria', ['role_1'], ['gm9001']]);
      const wrong = await token({ grant_type: 'password', client_id: 'authentication-client', username: 'redacteur.proef', password: `${password}x`, totp: '' });
      assert.equal(wrong.status, 400);
      const own = await token({ grant_type: 'password', client_id: 'authentication-client', username: 'eigen.wachtwoord', password: 'een eigen lang wachtwoord' });
      assert.equal(own.status, 200, JSON.stringify(own.body));

      // The TOTP account: the printed password alone is not enough; with the code from the printed URI it is.
      const totpForm = { grant_type: 'password', client_id: 'authentication-client', username: 'tweestaps', password: totpPassword };
      const withoutCode = await token({ ...totpForm, totp: '' });
      assert.equal(withoutCode.status, 400);
      assert.match(JSON.stringify(withoutCode.body), /totp/i);
      const withCode = await token({ ...totpForm, totp: URI.parse(totpUri).generate() });
      assert.equal(withCode.status, 200, JSON.stringify(withCode.body));
      assert.deepEqual(claims(withCode.body.access_token).roles, ['role_1', 'role_2']);

      const byClient = await token({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret });
      assert.equal(byClient.status, 200, JSON.stringify(byClient.body));
      const clientClaims = claims(byClient.body.access_token);
      assert.deepEqual([clientClaims.preferred_username, clientClaims.roles, clientClaims.groups], [clientId, ['role_1'], ['gm9001']]);
      const list = await app.inject({ method: 'GET', url: '/aanleverapi/v1_0/organizations/gm9001/algorithms', headers: { authorization: `Bearer ${byClient.body.access_token}` } });
      assert.equal(list.statusCode, 200, list.body);
    });

    it('client revoke makes the client fail on the token endpoint; an unknown id is an error', async () => {
      const [revoke, unknown] = await runAll([['client', 'revoke', clientId], ['client', 'revoke', 'ar-nobody-000000']], database.url);
      assertOk(revoke);
      assert.match(revoke.stdout, new RegExp(`Revoked ${clientId}\\.`));
      assertNoStackTrace(revoke);
      assertFails(unknown, /error: CLIENT_NOT_FOUND: ar-nobody-000000/);
      const after = await token({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret });
      assert.deepEqual([after.status, after.body.error], [401, 'invalid_client']);
    });
  });
}
