// `algoritmeregister export` as a user runs it, on each engine: JSON, CSV and XLSX hold every
// algorithm with lars, organisation_code, state, version_date and all fields; each export
// re-imported into a fresh database gives the same algorithms, organisations and content, field
// by field (HTML, groupings, themes, unicode, null against the empty string); re-imported into
// the same database it changes nothing.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { ENGINES, freshDatabase, type FreshDatabase } from '../helpers/engines.ts';
import { openDb, type Db } from '../../src/db/connect.ts';
import { migrate } from '../../src/db/migrate.ts';
import { createOrganisation } from '../../src/register/organisations.ts';
import { importRecords } from '../../src/register/import.ts';
import { seedDemo } from '../../src/register/demo-data.ts';
import { SYSTEM_ACTOR } from '../../src/register/actor.ts';
import { CURRENT_STANDARD } from '../../src/standard/index.ts';
import { columns } from '../../src/standard/tabular.ts';
import { contentKeys } from '../../src/standard/validate.ts';
import { validRecord } from '../fixtures/records.ts';
import { runAll, runCli, assertOk, storedAlgorithms, type StoredAlgorithm } from './run-cli.ts';

const FORMATS = ['json', 'csv', 'xlsx'] as const;

// Records that test what a table can lose: rich text, lists, groupings, unicode, separators,
// quotes and line breaks, text that looks like JSON or a formula, and "" next to null.
const RICH = validRecord({
  name: 'Zorgtoewijzing – “één” loket 🙂 👩‍💻',
  description_short: 'Regel één,\nregel "twee"; en dan\r\nregel drie, met é (e + accent) en مرحبا.',
  organization: 'Gemeente Tweeling',
  category: ['Zorg en gezondheid', 'Werk'],
  website: '',
  url: null,
  goal: '<p>Eerste alinea, met "aanhalingstekens" &amp; een ampersand.</p><ul><li>één</li><li>twee, drie</li></ul><p>Tweede<br>regel</p>',
  proportionality: null,
  risks: '',
  lawful_basis: '<ol><li>Wmo 2015</li></ol>',
  lawful_basis_grouping: [
    { title: 'Wet maatschappelijke ondersteuning 2015', link: 'https://wetten.overheid.nl/BWBR0035362' },
    { title: 'Algemene wet bestuursrecht, "Awb"', link: 'https://wetten.overheid.nl/BWBR0005537' },
  ],
  impacttoetsen_grouping: [{ title: 'IAMA', link: null }, { title: 'DPIA 2024', link: 'https://example.nl/dpia.pdf' }],
  source_data: '<div><p>Gegevens uit het zorgdossier.</p></div>',
  source_data_grouping: [],
  provider: 'Ærø Systems 株式会社',
  tags: '=SUM(A1), zorg; wmo, _x000D_ letterlijk',
  source_id: 'SRC-001',
});
const SPARSE = validRecord({
  name: '[1, 2, 3]',
  description_short: '',
  organization: 'Gemeente Tweeling',
  category: [],
  begin_date: null,
  contact_email: '',
  website: null,
  goal: null,
  human_intervention: '',
  lawful_basis_grouping: null,
  impacttoetsen_grouping: null,
  provider: '{"niet": "een object"}',
  source_id: null,
  methods_and_models: `<p>${'Een lange uitleg met tekens als ; , " en \' erin. '.repeat(90)}</p>`,
});

function assertSameRegister(actual: Map<string, StoredAlgorithm>, expected: Map<string, StoredAlgorithm>, label: string) {
  assert.deepEqual([...actual.keys()].sort(), [...expected.keys()].sort(), `${label}: the same algorithms (by lars)`);
  for (const [lars, want] of expected) {
    const got = actual.get(lars)!;
    assert.equal(got.organisation, want.organisation, `${label}: organisation of ${lars}`);
    assert.equal(got.sourceId, want.sourceId, `${label}: source_id of ${lars}`);
    const keys = new Set([...Object.keys(want.latest.content), ...Object.keys(got.latest.content)]);
    for (const key of keys) assert.deepStrictEqual(got.latest.content[key], want.latest.content[key], `${label}: ${lars} ${key}`);
  }
}

const count = async (db: Db, table: 'versions' | 'audit_events' | 'organisations' | 'algorithms') =>
  Number((await db.kysely.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

for (const engine of ENGINES) {
  describe(`command line: export and re-import (${engine})`, () => {
    let source: FreshDatabase;
    const fresh: Partial<Record<(typeof FORMATS)[number], FreshDatabase>> = {};
    let db: Db;
    let dir: string;
    let expected: Map<string, StoredAlgorithm>;
    const output = (format: string) => join(dir, `export.${format}`);

    before(async () => {
      dir = mkdtempSync(join(tmpdir(), 'ar-export-'));
      source = await freshDatabase(engine);
      for (const format of FORMATS) fresh[format] = await freshDatabase(engine);
      db = openDb(source.url);
      await migrate(db);
      await seedDemo(db.kysely);
      // Two organisations whose algorithms name the same `organization`: the code must decide.
      await createOrganisation(db.kysely, { code: 'gm7001', name: 'Gemeente Tweeling', type: 'gemeente' }, SYSTEM_ACTOR);
      await createOrganisation(db.kysely, { code: 'gm7002', name: 'Gemeente Tweeling (Noord)', type: 'gemeente' }, SYSTEM_ACTOR);
      const rich = await importRecords(db.kysely, [RICH], SYSTEM_ACTOR, { organisation: 'gm7001', publish: true });
      const sparse = await importRecords(db.kysely, [SPARSE], SYSTEM_ACTOR, { organisation: 'gm7002' });
      assert.deepEqual([rich.errors, sparse.errors], [[], []]);
      // A later version of the rich record: the export holds the latest.
      const edited = await importRecords(db.kysely, [{ ...RICH, lars: rich.lars[0], goal: '<p>Nieuw doel, “bijgewerkt”.</p>' }], SYSTEM_ACTOR, { organisation: 'gm7001' });
      assert.equal(edited.updated, 1);
      expected = await storedAlgorithms(db);
      assert.ok(expected.size > 20);
    });
    after(async () => {
      await db.close();
      await source.drop();
      for (const database of Object.values(fresh)) await database.drop();
      rmSync(dir, { recursive: true, force: true });
    });

    it('exports every algorithm with lars, organisation_code, state, version_date and all fields', async () => {
      const results = await runAll([...FORMATS.map((format) => ['export', '--format', format, '--output', output(format)]), ['export', '--org', 'gm7002']], source.url);
      for (const [i, format] of FORMATS.entries()) {
        assertOk(results[i]);
        assert.match(results[i].stderr, new RegExp(`Exported ${expected.size} algorithm\\(s\\) to .*export\\.${format}`));
      }
      const header = columns(CURRENT_STANDARD);
      assert.deepEqual(header.slice(0, 4), ['lars', 'organisation_code', 'state', 'version_date']);
      assert.deepEqual(new Set(header.slice(4)), new Set(contentKeys(CURRENT_STANDARD)));
      assert.ok(header.includes('source_id'));

      const json = JSON.parse(readFileSync(output('json'), 'utf8')) as Record<string, unknown>[];
      assert.equal(json.length, expected.size);
      for (const record of json) {
        assert.deepEqual(Object.keys(record).sort(), [...header].sort());
        const want = expected.get(record.lars as string)!;
        assert.ok(want, `exported ${record.lars}`);
        assert.equal(record.organisation_code, want.organisation);
        assert.equal(record.state, want.latest.state);
        assert.equal(record.version_date, want.latest.createdAt);
        for (const key of contentKeys(CURRENT_STANDARD)) assert.deepStrictEqual(record[key], want.latest.content[key], `${record.lars} ${key}`);
      }
      const rich = json.find((r) => r.source_id === 'SRC-001')!;
      assert.deepEqual([rich.organisation_code, rich.state, rich.goal], ['gm7001', 'STATE_1', '<p>Nieuw doel, “bijgewerkt”.</p>']);

      const csv = parse(readFileSync(output('csv')), { bom: true }) as string[][];
      assert.deepEqual(csv[0], header);
      assert.equal(csv.length - 1, expected.size);
      // The documented rule: "" is a quoted empty field, null a blank one.
      const csvText = readFileSync(output('csv'), 'utf8');
      assert.match(csvText, /,"",/);

      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(output('xlsx'));
      const sheet = workbook.worksheets[0];
      assert.deepEqual((sheet.getRow(1).values as unknown[]).slice(1), header);
      assert.equal(sheet.actualRowCount - 1, expected.size);

      // --org, to standard output.
      const onlyNorth = JSON.parse(results[3].stdout) as Record<string, unknown>[];
      assert.deepEqual(onlyNorth.map((r) => [r.organisation_code, r.name]), [['gm7002', '[1, 2, 3]']]);
    });

    it('each export re-imported into a fresh database gives the same algorithms, organisations and content', async () => {
      const results = await Promise.all(FORMATS.map((format) => runCli(['import', output(format)], fresh[format]!.url)));
      const orgCodes = async (d: Db) => (await d.kysely.selectFrom('organisations').select('code').orderBy('code').execute()).map((o) => o.code);
      const sourceCodes = new Set([...expected.values()].map((a) => a.organisation));
      for (const [i, format] of FORMATS.entries()) {
        assertOk(results[i]);
        assert.match(results[i].stdout, new RegExp(`^Imported ${expected.size} new, 0 changed, 0 unchanged; 0 rejected;`, 'm'));
        const copy = openDb(fresh[format]!.url);
        try {
          assertSameRegister(await storedAlgorithms(copy), expected, format);
          assert.deepEqual(await orgCodes(copy), [...sourceCodes].sort(), `${format}: the same organisation codes`);
        } finally {
          await copy.close();
        }
      }
    });

    it('each export re-imported into the same database changes nothing', async () => {
      const before = [await count(db, 'versions'), await count(db, 'audit_events'), await count(db, 'organisations'), await count(db, 'algorithms')];
      const results = await runAll(FORMATS.map((format) => ['import', output(format)]), source.url);
      for (const [i, format] of FORMATS.entries()) {
        assertOk(results[i]);
        assert.match(results[i].stdout, new RegExp(`^Imported 0 new, 0 changed, ${expected.size} unchanged; 0 rejected;`, 'm'), format);
      }
      assert.deepEqual([await count(db, 'versions'), await count(db, 'audit_events'), await count(db, 'organisations'), await count(db, 'algorithms')], before);
      assertSameRegister(await storedAlgorithms(db), expected, 'same database');
    });
  });
}
