/**
 * `algoritmeregister <command>`: serve, migrate, seed, org, user, client, import, export,
 * templates, mail, alerts, search. Every command has --help; long work shows a progress bar on a terminal.
 */
import { userInfo } from 'node:os';
import { basename } from 'node:path';
import { Command, Option } from 'commander';
import type { Db } from '../db/connect.ts';
import type { Actor } from '../register/actor.ts';
import { RegisterError } from '../register/errors.ts';
import { ORG_TYPES } from '../register/organisations.ts';
import { FLOW_NAMES, type FlowName } from '../register/states.ts';
import { ROLES } from '../auth/policy.ts';
import { EXPORT_FORMATS, type ExportFormat } from './files.ts';

// Everything heavy (the database drivers, Kysely, the spreadsheet library, the application) is
// loaded by the command that needs it, so `--help` and light commands start quickly.
const loadConfig = async () => (await import('../config.ts')).loadConfig();

const actor: Actor = { id: `cli:${userInfo().username}`, name: `command line (${userInfo().username})` };

/**
 * Opens the configured database for one command, migrated, and closes it after. With
 * `searchIndex` (the commands that publish), the search index of a new database is first recorded
 * as one of the current analysis (`startNewSearchIndex`): what they publish then needs no
 * indexing again when `serve` starts.
 */
async function withDb<T>(work: (db: Db) => Promise<T>, opts: { searchIndex?: boolean } = {}): Promise<T> {
  const [{ openDb }, { migrate }, { startNewSearchIndex }] = await Promise.all([import('../db/connect.ts'), import('../db/migrate.ts'), import('../search/indexer.ts')]);
  const db = openDb((await loadConfig()).databaseUrl);
  try {
    await migrate(db);
    if (opts.searchIndex) await startNewSearchIndex(db.kysely);
    return await work(db);
  } finally {
    await db.close();
  }
}

const collect = (value: string, previous: string[]) => [...previous, value];

const program = new Command()
  .name('algoritmeregister')
  .description('The algorithm register: serve it and manage its data. Configuration comes from the environment (see README).')
  .showHelpAfterError();

program
  .command('serve')
  .description('Serve the register on PORT (migrates, and loads demo data into an empty database unless SEED_DEMO=0).')
  .action(async () => {
    const { startServer } = await import('../server.ts');
    await startServer(await loadConfig());
  });

program
  .command('migrate')
  .description('Bring the database schema and the search index up to date.')
  .action(async () => {
    const [{ openDb }, { migrate }, { ensureSearchIndex }] = await Promise.all([import('../db/connect.ts'), import('../db/migrate.ts'), import('../search/indexer.ts')]);
    const db = openDb((await loadConfig()).databaseUrl);
    try {
      const applied = await migrate(db);
      await ensureSearchIndex(db.kysely);
      console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'The database is up to date.');
    } finally {
      await db.close();
    }
  });

program
  .command('seed')
  .description('Load the demo data: organisations, templates, published and draft algorithms, demo accounts.')
  .option('--force', 'load even when the database already holds data')
  .action(async (opts: { force?: boolean }) =>
    withDb(async (db) => {
      const { isEmpty, seedDemo } = await import('../register/demo-data.ts');
      if (!opts.force && !(await isEmpty(db.kysely))) {
        console.log('The database already holds data; use --force to add the demo data anyway.');
        return;
      }
      const counts = await seedDemo(db.kysely);
      console.log(`Loaded ${counts.organisations} organisations, ${counts.templates} templates and ${counts.algorithms} algorithms.`);
    }, { searchIndex: true }),
  );

const org = program.command('org').description('Organisations.');
org
  .command('add <code> <name>')
  .description('Add an organisation, e.g. `org add gm0363 "Gemeente Amsterdam" --type gemeente`.')
  .addOption(new Option('--type <type>', 'organisation type').choices([...ORG_TYPES]).default('overig'))
  .addOption(new Option('--flow <flow>', 'publication flow').choices([...FLOW_NAMES]).default('ictu_last'))
  .option('--parent <code>', 'code of the parent organisation')
  .action(async (code: string, name: string, opts: { type: string; flow: FlowName; parent?: string }) =>
    withDb(async (db) => {
      const { createOrganisation } = await import('../register/organisations.ts');
      const created = await createOrganisation(db.kysely, { code, name, type: opts.type, flow: opts.flow, parentCode: opts.parent }, actor);
      console.log(`Added ${created.code} (${created.name}), flow ${created.flow}.`);
    }),
  );
org
  .command('list')
  .description('List the organisations.')
  .option('--q <text>', 'search in code and name')
  .action(async (opts: { q?: string }) =>
    withDb(async (db) => {
      const { listOrganisations } = await import('../register/organisations.ts');
      const { organisations, count } = await listOrganisations(db.kysely, { q: opts.q, limit: 10_000 });
      for (const o of organisations) console.log(`${o.code}\t${o.type}\t${o.flow}\t${o.name}`);
      console.log(`${count} organisation(s).`);
    }),
  );

program
  .command('user')
  .description('People who sign in.')
  .command('add <username>')
  .description('Add an account. Without --password a strong one is generated and printed once.')
  .addOption(new Option('--role <role>', 'a role (repeat for more)').choices([...ROLES]).argParser(collect).default([]))
  .option('--org <code>', 'an organisation the user belongs to (repeat for more)', collect, [])
  .option('--org-role <code=roles>', 'roles in one organisation only, e.g. gm0363=role_1,role_2 (repeat for more; joins the organisation)', collect, [])
  .option('--password <password>', 'the password (at least 12 characters)')
  .option('--first-name <name>')
  .option('--last-name <name>')
  .option('--email <email>')
  .option('--totp', 'require a TOTP second factor; prints the provisioning URI')
  .action(async (username: string, opts: { role: string[]; org: string[]; orgRole: string[]; password?: string; firstName?: string; lastName?: string; email?: string; totp?: boolean }) =>
    withDb(async (db) => {
      const [{ createUser }, { newSecret }] = await Promise.all([import('../auth/users.ts'), import('../auth/secrets.ts')]);
      const organisationRoles: Record<string, string[]> = {};
      for (const pair of opts.orgRole) {
        const match = /^([^=\s]+)=([\w,]+)$/.exec(pair.trim());
        if (!match) throw new RegisterError('invalid', `--org-role ${pair}: write it as CODE=ROLE[,ROLE…], e.g. gm0363=role_1`);
        organisationRoles[match[1]!] = [...(organisationRoles[match[1]!] ?? []), ...match[2]!.split(',').filter(Boolean)];
      }
      const password = opts.password ?? newSecret(18);
      const { totpUri } = await createUser(
        db.kysely,
        { username, password, roles: opts.role, organisations: opts.org, organisationRoles, firstName: opts.firstName, lastName: opts.lastName, email: opts.email, totp: opts.totp },
        actor,
      );
      console.log(`Added ${username} with roles ${opts.role.join(', ') || '(none)'}.`);
      for (const [code, roles] of Object.entries(organisationRoles)) console.log(`In ${code}: ${roles.join(', ')}.`);
      if (!opts.password) console.log(`password: ${password}`);
      if (totpUri) console.log(`totp: ${totpUri}`);
    }),
  );

const client = program.command('client').description('API clients for the delivery API (OAuth2 client credentials).');
client
  .command('add')
  .description('Add an API client; prints its client id and secret (the secret is shown only now).')
  .requiredOption('--org <code>', 'the organisation the client works for')
  .addOption(new Option('--role <role>', 'a role (repeat for more)').choices([...ROLES]).argParser(collect).default([]))
  .option('--name <name>', 'what the client is', 'API client')
  .action(async (opts: { org: string; role: string[]; name: string }) =>
    withDb(async (db) => {
      const { createClient } = await import('../auth/clients.ts');
      const roles = opts.role.length ? opts.role : ['role_1'];
      const { clientId, clientSecret } = await createClient(db.kysely, { name: opts.name, organisation: opts.org, roles }, actor);
      console.log(`client_id: ${clientId}`);
      console.log(`client_secret: ${clientSecret}`);
    }),
  );
client
  .command('revoke <client_id>')
  .description('Revoke an API client: its tokens are no longer issued.')
  .action(async (clientId: string) =>
    withDb(async (db) => {
      const { revokeClient } = await import('../auth/clients.ts');
      await revokeClient(db.kysely, clientId, actor);
      console.log(`Revoked ${clientId}.`);
    }),
  );

program
  .command('import <file>')
  .description('Import standard-1.0 records (JSON array, or CSV/XLSX as `export` writes them). Records of 0.4 and with template keys are mapped. Invalid records are reported by index and field; the valid ones are imported.')
  .option('--org <code>', 'put every record in this organisation')
  .option('--publish', 'publish each record at once (audited as an import)')
  .option('--templates', 'the file holds supplier templates: store them as templates, named after the file')
  .action(async (file: string, opts: { org?: string; publish?: boolean; templates?: boolean }) =>
    withDb(async (db) => {
      if (opts.templates) {
        const { readTemplateFile, upsertTemplates } = await import('../register/templates.ts');
        const n = await upsertTemplates(db.kysely, readTemplateFile(file, basename(file).replace(/\.json$/i, '')));
        console.log(`Stored ${n} template(s).`);
        return;
      }
      const [{ readRecords }, { importRecords }, { progressBar }] = await Promise.all([import('./files.ts'), import('../register/import.ts'), import('./progress.ts')]);
      const records = await readRecords(file);
      const bar = progressBar('Importing', records.length);
      const report = await importRecords(db.kysely, records, actor, { organisation: opts.org, publish: opts.publish, onProgress: (done) => bar.update(done) });
      await db.optimize();
      bar.stop();
      for (const e of report.errors.slice(0, 200)) console.error(`record ${e.index}: ${e.loc.join('.') || '(record)'}: ${e.msg}`);
      if (report.errors.length > 200) console.error(`… and ${report.errors.length - 200} more problems.`);
      const rejected = new Set(report.errors.map((e) => e.index)).size;
      console.log(`Imported ${report.created} new, ${report.updated} changed, ${report.unchanged} unchanged; ${rejected} rejected; ${report.warnings} warning(s).`);
      if (rejected > 0) process.exitCode = 1;
    }, { searchIndex: true }),
  );

program
  .command('export')
  .description('Export every algorithm (latest version, any state) with its lars, organisation code, state, version date and all fields; re-importable.')
  .addOption(new Option('--format <format>', 'file format').choices([...EXPORT_FORMATS]).default('json'))
  .option('--org <code>', 'only this organisation')
  .option('--output <file>', 'write to this file instead of standard output')
  .action(async (opts: { format: ExportFormat; org?: string; output?: string }) =>
    withDb(async (db) => {
      const { writeExport } = await import('./files.ts');
      const n = await writeExport(db.kysely, opts.format, { organisation: opts.org, output: opts.output });
      if (opts.output) console.error(`Exported ${n} algorithm(s) to ${opts.output}.`);
    }),
  );

program
  .command('mail')
  .description('The mail the register sent (or, without SMTP_URL, only stored in the development outbox).')
  .command('outbox')
  .description('List the newest mails: when, to whom, subject, and whether the SMTP server took them.')
  .option('--limit <n>', 'how many', (v: string) => Math.max(1, Math.min(1000, Number.parseInt(v, 10) || 20)), 20)
  .option('--full', 'also print each mail\'s text (with its links)')
  .action(async (opts: { limit: number; full?: boolean }) =>
    withDb(async (db) => {
      const { listOutbox } = await import('../mail/mailer.ts');
      const mails = await listOutbox(db.kysely, opts.limit);
      for (const m of mails) {
        const status = m.error ? `failed: ${m.error}` : m.sent_at ? `sent ${m.sent_at}` : 'outbox only';
        console.log(`#${m.id}\t${m.created_at}\t${m.to}\t${m.subject}\t(${status})`);
        if (opts.full) console.log(`${m.text}\n`);
      }
      console.log(`${mails.length} mail(s) shown, newest first.`);
    }),
  );

program
  .command('alerts')
  .description('E-mail alerts for searches.')
  .command('send')
  .description('Mail every confirmed alert the algorithms published since its last run that match its search (one mail each; none when nothing is new). Run it from cron, e.g. hourly or daily.')
  .action(async () =>
    withDb(async (db) => {
      const config = await loadConfig();
      const [{ createMailer }, { sendAlerts }] = await Promise.all([import('../mail/mailer.ts'), import('../register/subscriptions.ts')]);
      const log = (line: string) => console.error(line);
      const mailer = createMailer(db.kysely, { smtpUrl: config.smtpUrl, from: config.mailFrom, log });
      const run = await sendAlerts(db.kysely, mailer, { publicUrl: config.publicUrl, log });
      console.log(`Looked at ${run.subscriptions} alert(s); sent ${run.mails} mail(s)${run.failed ? `; ${run.failed} failed (tried again next run)` : ''}${mailer.kind === 'outbox' ? ' to the development outbox (no SMTP_URL)' : ''}.`);
      if (run.failed > 0) process.exitCode = 1;
    }),
  );

program
  .command('reminders')
  .description('Reminders to organisations.')
  .command('send')
  .description('Mail the editors of each organisation about every published description not updated for --months (at most once per --every-days per description). Run it from cron, e.g. daily.')
  .option('--months <n>', 'how old the latest version of a published description may become', '12')
  .option('--every-days <n>', 'how long to wait before reminding of the same description again', '30')
  .action(async (opts: { months: string; everyDays: string }) =>
    withDb(async (db) => {
      const months = Number(opts.months);
      const everyDays = Number(opts.everyDays);
      if (!Number.isInteger(months) || months < 1 || !Number.isInteger(everyDays) || everyDays < 1) {
        console.error('--months and --every-days must be whole numbers of at least 1.');
        process.exitCode = 2;
        return;
      }
      const config = await loadConfig();
      const [{ createMailer }, { sendReviewReminders }] = await Promise.all([import('../mail/mailer.ts'), import('../register/notifications.ts')]);
      const mailer = createMailer(db.kysely, { smtpUrl: config.smtpUrl, from: config.mailFrom, log: (line: string) => console.error(line) });
      const reminded = await sendReviewReminders(db.kysely, mailer, config.publicUrl, { maxAgeDays: Math.round(months * 30.44), everyDays });
      console.log(`Reminded of ${reminded} description(s) not updated for ${months} month(s)${mailer.kind === 'outbox' ? ' (mail in the development outbox: no SMTP_URL)' : ''}.`);
    }),
  );

const quality = program.command('quality').description('Quality checks of the descriptions (scores shown to editors and on the dashboards).');
quality
  .command('refresh')
  .description('Run every quality check on every algorithm and store the scores. Run it from cron, e.g. nightly; editors see fresh findings at once anyway.')
  .action(async () =>
    withDb(async (db) => {
      const { refreshAllQualityScores } = await import('../compliance/index.ts');
      const scored = await refreshAllQualityScores(db.kysely);
      await db.optimize();
      console.log(`Scored ${scored} algorithm(s).`);
    }),
  );
quality
  .command('links')
  .description('Check the links of published descriptions that are due (broken ones after a day, working ones after a week), paced per host; rescore the algorithms whose links changed. Run it from cron, e.g. hourly.')
  .option('--limit <n>', 'check at most this many links this run', '500')
  .action(async (opts: { limit: string }) =>
    withDb(async (db) => {
      const limit = Number(opts.limit);
      if (!Number.isInteger(limit) || limit < 1) {
        console.error('--limit must be a whole number of at least 1.');
        process.exitCode = 2;
        return;
      }
      const { linkCheckRound } = await import('../compliance/index.ts');
      const round = await linkCheckRound(db.kysely, { limit });
      console.log(`${round.linksInUse} link(s) in use; checked ${round.checked}, ${round.broken} broken; rescored ${round.rescored} algorithm(s).`);
    }),
  );

program
  .command('search')
  .description('The search index of what is published.')
  .command('reindex')
  .description('Rebuild the search index from the published versions (it is kept up to date by itself; use this after restoring a backup or editing the index by hand).')
  .action(async () =>
    withDb(async (db) => {
      const [{ rebuildSearchIndex }, { progressBar }] = await Promise.all([import('../search/indexer.ts'), import('./progress.ts')]);
      const { n } = await db.kysely
        .selectFrom('versions')
        .where('state', '=', 'PUBLISHED')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      const bar = progressBar('Indexing', Number(n));
      const done = await rebuildSearchIndex(db.kysely, (count) => bar.update(count));
      bar.stop();
      console.log(`Indexed ${done} published algorithm(s).`);
    }),
  );

program.parseAsync().catch((error: unknown) => {
  if (error instanceof RegisterError) console.error(`error: ${error.detail}`);
  else console.error(error instanceof Error ? `error: ${error.message}` : error);
  process.exitCode = process.exitCode || 2;
});
