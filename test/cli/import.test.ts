// `algoritmeregister import` as a user runs it, on each engine: a file mixing valid and invalid
// records (the invalid ones reported by index and field, the valid ones imported), organisations
// from --org, from `organisation_code` or from `organization`, --publish, supplier templates with
// --templates, records of standard 0.4, and a file of junk that must never crash the import.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { ENGINES, freshDatabase, type FreshDatabase } from '../helpers/engines.ts';
import { openDb, type Db } from '../../src/db/connect.ts';
import { migrate } from '../../src/db/migrate.ts';
import { createOrganisation } from '../../src/register/organisations.ts';
import { SYSTEM_ACTOR } from '../../src/register/actor.ts';
import { CURRENT_STANDARD } from '../../src/standard/index.ts';
import { contentKeys, validateRecord } from '../../src/standard/validate.ts';
import { validRecord } from '../fixtures/records.ts';
import { runAll, runCli, assertOk, assertFails, assertNoStackTrace, storedAlgorithms, ROOT } from './run-cli.ts';
import { junkRecords } from './junk-records.ts';
import { ensureSearchIndex } from '../../src/search/indexer.ts';
import { search } from '../../src/search/search.ts';

/** The content the register stores for a valid 1.0 record: the validator's normalised value. */
function normalised(record: Record<string, unknown>) {
  const result = validateRecord(CURRENT_STANDARD, record, []);
  assert.ok(result.ok, JSON.stringify(!result.ok && result.errors));
  return result.value;
}

/** Every content key of the standard, null unless given. */
function content(values: Record<string, unknown>) {
  return { ...Object.fromEntries(contentKeys(CURRENT_STANDARD).map((k) => [k, null])), ...values };
}

const SUMMARY = /^Imported (\d+) new, (\d+) changed, (\d+) unchanged; (\d+) rejected; (\d+) warning\(s\)\.$/m;

function summary(stdout: string) {
  const m = SUMMARY.exec(stdout);
  assert.ok(m, `no summary in ${JSON.stringify(stdout)}`);
  const [created, changed, unchanged, rejected] = m.slice(1, 5).map(Number);
  return { created, changed, unchanged, rejected };
}

// A file mixing valid and invalid records; the comments say what is wrong.
const MIXED: unknown[] = [
  validRecord({ name: 'Parkeervergunningen toetsen', organization: 'Gemeente Proefstad', source_id: 'PV-1' }),
  validRecord({ name: undefined }), // 1: name missing
  validRecord({ name: 'Bijstand signaleren', organization: 'Gemeente Proefstad', category: ['Werk', 'Sociale zekerheid'] }),
  validRecord({ status: 'Misschien' }), // 3: not a status
  validRecord({ category: ['Verkeer', 'Ruimtevaart'] }), // 4: the second theme does not exist
  validRecord({ lawful_basis_grouping: [{ title: 'Wet zonder link' }] }), // 5: a grouping item without its link
  'geen record', // 6: not an object
  validRecord({ name: 'Peilbeheer voorspellen', organization: 'Waterschap Nieuwland', goal: '<ul><li>Droge voeten</li></ul>' }),
  validRecord({ name: 'n'.repeat(101) }), // 8: too long
  validRecord({ name: 'In bestaande organisatie', organization: 'Gemeente Bestaand' }),
  validRecord({ name: 'Met organisatiecode', organization: 'Gemeente Proefstad', organisation_code: 'gm7777' }),
  validRecord({ name: 'Slechte organisatiecode', organisation_code: 'gm 7777' }), // 11: not a code
];

// A record as standard 0.4 wrote it.
const RECORD_0_4 = {
  name: 'Verkeerslichten Ringweg',
  organization: 'Gemeente Noorderhaaks',
  description_short: 'Dit algoritme zorgt ervoor dat het verkeer op de ringweg zo makkelijk mogelijk doorstroomt.',
  type: 'Nee',
  category: ['Verkeer', 'Financiën', 'Landbouw'],
  website: 'https://noorderhaaks.example.nl/vri',
  status: 'In gebruik',
  begin_date: '2023-01',
  end_date: null,
  goal: 'Het verkeer laten doorstromen.',
  proportionality: '<p>De voordelen zijn bewezen.</p>',
  provider: 'Haaks softwarebedrijf',
  lawful_basis: '',
  lawful_basis_link: 'https://wetten.overheid.nl/BWBR0006622/2023-01-01 ',
  impacttoetsen: ['Impact Assessment Mensenrechten en Algoritmes (IAMA)', 'DPIA'],
  iama_description: 'https://noorderhaaks.example.nl/iama.pdf',
  url: 'https://algoritmes.noorderhaaks.example.nl/vri',
  contact_email: 'algoritmes@noorderhaaks.example.nl',
  lang: 'NLD',
  standard_version: '0.4',
  uuid: '7f6d0c1e-8a43-4c2b-9c1f-0d7e1a2b3c4d',
  source_id: 'VRI-01',
  tags: 'Verkeer, Mobiliteit, VRI',
  source_data: 'Sensordata van de verkeersregelinstallaties.',
  source_data_link: 'https://data.noorderhaaks.example.nl/vri',
  methods_and_models: 'Een eenvoudige beslisboom.',
  publiccode: 'https://github.com/example/vri',
  human_intervention: 'Een medewerker kan de regeling handmatig overnemen.',
  risks: '',
};
// 0.4 allowed a 500-character link; 1.0 allows only 100 characters for the title it becomes.
const LONG_LINK = 'https://wetten.overheid.nl/BWBR0005537/2024-01-01/0#Hoofdstuk4_Titeldeel4.1_Afdeling4.1.1_Artikel4:1_Lid2_Onderdeela';
const RECORD_0_4_SPARSE = {
  name: 'Afvalinzameling plannen',
  organization: 'Gemeente Noorderhaaks',
  type: 'Ja',
  category: ['Dienstverlening', 'Bestuur'],
  status: 'In ontwikkeling',
  lawful_basis_link: LONG_LINK,
  impacttoetsen: [],
  iama_description: 'DPIA uitgevoerd in 2022',
  lang: 'NLD',
  standard_version: '0.4',
  uuid: 'n.v.t.',
};

for (const engine of ENGINES) {
  describe(`command line: import (${engine})`, () => {
    let database: FreshDatabase;
    let junkDatabase: FreshDatabase;
    let db: Db;
    let dir: string;
    const file = (name: string, data: unknown) => {
      const path = join(dir, name);
      writeFileSync(path, JSON.stringify(data));
      return path;
    };

    before(async () => {
      dir = mkdtempSync(join(tmpdir(), 'ar-import-'));
      database = await freshDatabase(engine);
      junkDatabase = await freshDatabase(engine);
      db = openDb(database.url);
      await migrate(db);
      await createOrganisation(db.kysely, { code: 'gm9100', name: 'Gemeente Bestaand', type: 'gemeente' }, SYSTEM_ACTOR);
      await createOrganisation(db.kysely, { code: 'gm9002', name: 'Gemeente Publicatie', type: 'gemeente' }, SYSTEM_ACTOR);
    });
    after(async () => {
      await db.close();
      await database.drop();
      await junkDatabase.drop();
      rmSync(dir, { recursive: true, force: true });
    });

    it('imports the valid records of a mixed file and reports the others by index and field', async () => {
      const r = await runCli(['import', file('mixed.json', MIXED)], database.url);
      assert.equal(r.code, 1, 'some records were rejected');
      assertNoStackTrace(r);
      assert.deepEqual(summary(r.stdout), { created: 5, changed: 0, unchanged: 0, rejected: 7 });
      const problems = r.stderr.trim().split('\n');
      const expected = [
        /^record 1: name: Field required$/,
        /^record 3: status: Input should be 'In ontwikkeling', 'In gebruik' or 'Buiten gebruik'$/,
        /^record 4: category\.1: Input should be .*'Werk'/,
        /^record 5: lawful_basis_grouping\.0\.link: Field required$/,
        /^record 6: \(record\): Input should be a valid dictionary/,
        /^record 8: name: Value error, name exceeds the maximum length of 100 characters\.$/,
        /^record 11: organisation_code: Organisation code "gm 7777" may hold only/,
      ];
      for (const pattern of expected) assert.ok(problems.some((line) => pattern.test(line)), `stderr has ${pattern}:\n${r.stderr}`);
      const reported = new Set(problems.map((line) => Number(/^record (\d+):/.exec(line)?.[1])));
      assert.deepEqual([...reported].sort((a, b) => a - b), [1, 3, 4, 5, 6, 8, 11], r.stderr);

      const stored = [...(await storedAlgorithms(db)).values()];
      const byName = new Map(stored.map((a) => [a.latest.content.name, a]));
      assert.deepEqual(
        [...byName.keys()].sort(),
        ['Bijstand signaleren', 'In bestaande organisatie', 'Met organisatiecode', 'Parkeervergunningen toetsen', 'Peilbeheer voorspellen'],
      );
      // Without --org: the organisation named `organization`, created when missing (once), or
      // the one `organisation_code` names, created with that code. Rejected records create none.
      const organisations = await db.kysely.selectFrom('organisations').select(['code', 'name']).orderBy('code').execute();
      assert.deepEqual(organisations, [
        { code: 'gemeente-proefstad', name: 'Gemeente Proefstad' },
        { code: 'gm7777', name: 'Gemeente Proefstad' },
        { code: 'gm9002', name: 'Gemeente Publicatie' },
        { code: 'gm9100', name: 'Gemeente Bestaand' },
        { code: 'waterschap-nieuwland', name: 'Waterschap Nieuwland' },
      ]);
      assert.equal(byName.get('Parkeervergunningen toetsen')!.organisation, 'gemeente-proefstad');
      assert.equal(byName.get('Bijstand signaleren')!.organisation, 'gemeente-proefstad');
      assert.equal(byName.get('Peilbeheer voorspellen')!.organisation, 'waterschap-nieuwland');
      assert.equal(byName.get('In bestaande organisatie')!.organisation, 'gm9100');
      assert.equal(byName.get('Met organisatiecode')!.organisation, 'gm7777', 'organisation_code wins over a same-named organisation');
      // Stored as validated, one draft version each, source_id kept on the algorithm.
      for (const index of [0, 2, 7, 9]) {
        const record = MIXED[index] as Record<string, unknown>;
        const a = byName.get(record.name)!;
        assert.deepEqual(a.latest.content, normalised(record), `record ${index}`);
        assert.deepEqual(a.versions.map((v) => v.state), ['STATE_1']);
      }
      assert.equal(byName.get('Parkeervergunningen toetsen')!.sourceId, 'PV-1');
    });

    it('--org, --publish, --templates and 0.4 records; an unknown --org is an error', async () => {
      const first = [...(await storedAlgorithms(db)).values()].find((a) => a.latest.content.name === 'Parkeervergunningen toetsen')!;
      const toPublish = [
        validRecord({ name: 'Subsidies beoordelen', organization: 'Een heel andere naam' }),
        validRecord({ name: 'Meldingen sorteren', organization: 'Gemeente Proefstad', category: [] }),
        // A LARS of another organisation is not taken over.
        validRecord({ name: 'Overname', lars: first.lars }),
      ];
      const update = [{ ...validRecord({ name: 'Parkeervergunningen toetsen', organization: 'Gemeente Proefstad', source_id: 'PV-1', goal: '<p>Nieuw doel.</p>' }), lars: first.lars, organisation_code: 'gemeente-proefstad' }];
      const templates = join(ROOT, 'src/standard/templates-1.0/Nelen - Schuurmans.json');
      const [published, updated, unknownOrg, stored, legacy] = await runAll(
        [
          ['import', file('publish.json', toPublish), '--org', 'gm9002', '--publish'],
          ['import', file('update.json', update), '--publish'],
          ['import', file('other.json', [validRecord()]), '--org', 'gm0000'],
          ['import', templates, '--templates'],
          ['import', file('legacy.json', [RECORD_0_4, RECORD_0_4_SPARSE]), '--org', 'gm9002'],
        ],
        database.url,
      );
      const after = await storedAlgorithms(db);
      const byName = new Map([...after.values()].map((a) => [a.latest.content.name, a]));

      // --org puts every record in that organisation, whatever its `organization` says; --publish publishes.
      assert.equal(published.code, 1);
      assertNoStackTrace(published);
      assert.deepEqual(summary(published.stdout), { created: 2, changed: 0, unchanged: 0, rejected: 1 });
      assert.match(published.stderr, new RegExp(`^record 2: lars: LARS ${first.lars} belongs to another organisation\\.$`, 'm'));
      for (const name of ['Subsidies beoordelen', 'Meldingen sorteren']) {
        const a = byName.get(name)!;
        assert.equal(a.organisation, 'gm9002', name);
        assert.deepEqual(a.versions.map((v) => v.state), ['PUBLISHED'], name);
        assert.ok(a.latest.publishedAt, name);
      }
      assert.equal(await db.kysely.selectFrom('organisations').select('id').where('name', '=', 'Een heel andere naam').executeTakeFirst(), undefined);
      const events = await db.kysely.selectFrom('audit_events').select(['action', 'detail']).where('algorithm_id', 'in', db.kysely.selectFrom('algorithms').select('id').where('lars', '=', byName.get('Subsidies beoordelen')!.lars)).execute();
      assert.deepEqual(events.map((e) => [e.action, JSON.parse(e.detail ?? 'null')?.published]), [['imported', true]]);

      // A record with the LARS of an algorithm of its organisation is a new version of it, published with --publish.
      assertOk(updated);
      assert.deepEqual(summary(updated.stdout), { created: 0, changed: 1, unchanged: 0, rejected: 0 });
      const edited = after.get(first.lars)!;
      assert.deepEqual(edited.versions.map((v) => v.state), ['EXPIRED', 'PUBLISHED']);
      assert.equal(edited.latest.content.goal, '<p>Nieuw doel.</p>');

      assertFails(unknownOrg, /^error: ORG_NOT_FOUND: gm0000$/m);
      assert.equal(byName.get('Toeslagcontrole parkeervergunningen'), undefined, 'nothing of the failed import was stored');

      // --templates stores the supplier's templates, named after the file; no algorithms.
      assertOk(stored);
      const entries = JSON.parse(readFileSync(templates, 'utf8')) as Record<string, unknown>[];
      assert.equal(stored.stdout.trim(), `Stored ${entries.length} template(s).`);
      const rows = await db.kysely.selectFrom('templates').selectAll().orderBy('template_id').execute();
      assert.equal(rows.length, entries.length);
      for (const entry of entries) {
        const row = rows.find((t) => t.template_id === entry.id);
        assert.ok(row, `template ${entry.id}`);
        assert.equal(row.supplier, 'Nelen - Schuurmans');
        assert.equal(row.name, entry.name);
        assert.equal(row.standard_version, '1.0');
        const stored = JSON.parse(row.content);
        assert.equal(stored.description_short, entry.description_short);
        assert.equal(stored.lang, 'nld');
        assert.ok(!('type' in stored) && !('uuid' in stored), 'legacy keys are not kept');
      }
      assert.ok(![...after.values()].some((a) => entries.some((e) => e.name === a.latest.content.name)), 'templates are not algorithms');

      // Records of standard 0.4 are mapped onto 1.0.
      assertOk(legacy);
      assert.deepEqual(summary(legacy.stdout), { created: 2, changed: 0, unchanged: 0, rejected: 0 });
      const full = byName.get('Verkeerslichten Ringweg')!;
      assert.equal(full.organisation, 'gm9002');
      assert.equal(full.sourceId, 'VRI-01');
      assert.deepEqual(
        full.latest.content,
        content({
          name: 'Verkeerslichten Ringweg',
          description_short: RECORD_0_4.description_short,
          organization: 'Gemeente Noorderhaaks',
          category: ['Verkeer', 'Overheidsfinanciën', 'Natuur en milieu'],
          status: 'In gebruik',
          begin_date: '2023-01',
          contact_email: 'algoritmes@noorderhaaks.example.nl',
          website: 'https://noorderhaaks.example.nl/vri',
          publication_category: 'Impactvolle algoritmes',
          url: 'https://algoritmes.noorderhaaks.example.nl/vri',
          goal: 'Het verkeer laten doorstromen.',
          proportionality: '<p>De voordelen zijn bewezen.</p>',
          human_intervention: 'Een medewerker kan de regeling handmatig overnemen.',
          risks: '',
          lawful_basis: '',
          lawful_basis_grouping: [{ title: 'https://wetten.overheid.nl/BWBR0006622/2023-01-01', link: 'https://wetten.overheid.nl/BWBR0006622/2023-01-01' }],
          impacttoetsen_grouping: [
            { title: 'Impact Assessment Mensenrechten en Algoritmes (IAMA)', link: null },
            { title: 'DPIA', link: null },
            { title: 'Impacttoets', link: 'https://noorderhaaks.example.nl/iama.pdf' },
          ],
          impacttoetsen: null,
          source_data: 'Sensordata van de verkeersregelinstallaties.',
          source_data_grouping: [{ title: 'https://data.noorderhaaks.example.nl/vri', link: 'https://data.noorderhaaks.example.nl/vri' }],
          methods_and_models: 'Een eenvoudige beslisboom.',
          provider: 'Haaks softwarebedrijf',
          publiccode: 'https://github.com/example/vri',
          lang: 'nld',
          standard_version: '1.0',
          source_id: 'VRI-01',
          tags: 'Verkeer, Mobiliteit, VRI',
        }),
      );
      const sparse = byName.get('Afvalinzameling plannen')!.latest.content;
      assert.deepEqual(sparse.category, ['Organisatie en bedrijfsvoering']);
      assert.equal(sparse.description_short, '', 'required since 1.0: imported empty, to be completed');
      assert.equal(sparse.contact_email, '');
      const [lawful] = sparse.lawful_basis_grouping as { title: string; link: string }[];
      assert.equal(lawful.link, LONG_LINK);
      assert.equal([...lawful.title].length, 100);
      assert.ok(lawful.title.endsWith('…') && LONG_LINK.startsWith(lawful.title.slice(0, -1)), lawful.title);
      assert.deepEqual(sparse.impacttoetsen_grouping, [{ title: 'DPIA uitgevoerd in 2022', link: null }]);
      assert.ok(!Object.keys(sparse).some((k) => ['type', 'uuid', 'lawful_basis_link', 'source_data_link', 'iama_description'].includes(k)));
    });

    it('`migrate` then `import --publish` on a new database leaves an index that `serve` need not build again', async () => {
      const fresh = await freshDatabase(engine);
      const freshDb = openDb(fresh.url);
      try {
        const migrated = await runCli(['migrate'], fresh.url);
        const imported = await runCli(['import', file('fresh.json', [validRecord({ name: 'Zwerfafval herkennen', organization: 'Gemeente Vers' })]), '--publish'], fresh.url);
        assertOk(migrated);
        assertOk(imported);
        // What `serve` does at start: the index is current, so nothing is indexed anew.
        assert.equal(await ensureSearchIndex(freshDb.kysely), false);
        const found = await search(freshDb.kysely, { q: 'zwerfafval' });
        assert.deepEqual(found.results.map((hit) => hit.name), ['Zwerfafval herkennen']);
      } finally {
        await freshDb.close();
        await fresh.drop();
      }
    });

    it('a file of junk records never crashes: each record is imported or reported', async () => {
      const records = fc.sample(junkRecords, { numRuns: 12, seed: 20240601 }).flat();
      const r = await runCli(['import', file('junk.json', records)], junkDatabase.url);
      assertNoStackTrace(r);
      assert.doesNotMatch(r.stderr, /^error:/m, r.stderr);
      const s = summary(r.stdout);
      // Every record once: imported (new, changed or unchanged) or rejected.
      assert.equal(s.created + s.changed + s.unchanged + s.rejected, records.length, r.stdout);
      assert.equal(r.code, s.rejected > 0 ? 1 : 0);
      assert.ok(s.created > 0 && s.rejected > 0, `the sample holds both kinds: ${r.stdout}`);
      const reported = new Set(r.stderr.split('\n').filter(Boolean).map((line) => Number(/^record (\d+): /.exec(line)?.[1])));
      assert.ok(![...reported].some((i) => Number.isNaN(i) || i < 0 || i >= records.length), r.stderr);
      assert.equal(reported.size, s.rejected);
    });
  });
}
