// The bulk downloads over real HTTP, on each engine: CSV, JSON and XLSX of what is published
// (never drafts, retracted or removed algorithms), current or with history, filtered by
// organisation and theme; each row with its stable ids and every field of the standard; written
// as a stream, page by page; and each download re-imported into a fresh register gives the same
// algorithms, field by field (HTML, lists, groupings, unicode, null against "").
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { ENGINES, freshDatabase, type FreshDatabase } from '../helpers/engines.ts';
import { startRegister, type TestRegister } from '../helpers/server.ts';
import { openDb } from '../../src/db/connect.ts';
import { migrate } from '../../src/db/migrate.ts';
import { importRecords } from '../../src/register/import.ts';
import { changeState, findAlgorithm, removeAlgorithm } from '../../src/register/algorithms.ts';
import { SYSTEM_ACTOR } from '../../src/register/actor.ts';
import { CURRENT_STANDARD } from '../../src/standard/index.ts';
import { contentKeys } from '../../src/standard/validate.ts';
import { readRecords } from '../../src/cli/files.ts';
import { DOWNLOAD_COLUMNS } from '../../src/opendata/downloads.ts';
import { validRecord } from '../fixtures/records.ts';
import { storedAlgorithms } from '../cli/run-cli.ts';

const FORMATS = ['csv', 'json', 'xlsx'] as const;
const KEYS = contentKeys(CURRENT_STANDARD);

// What a table can lose: rich text, lists, groupings, unicode, separators, quotes, line breaks,
// text that looks like JSON or a formula, and "" next to null.
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
  organization: 'Gemeente Tweeling (Noord)',
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

/** How many algorithms the bulk organisation publishes: more than one page of the reader (500). */
const BULK = 1100;

interface Downloaded {
  status: number;
  headers: Headers;
  bytes: Buffer;
}

for (const engine of ENGINES) {
  describe(`open data: bulk downloads (${engine})`, () => {
    let register: TestRegister;
    let dir: string;
    const lars: Record<string, string> = {};
    /** The published content of each algorithm that should be in a current download. */
    let current: Map<string, { organisation: string; content: Record<string, unknown>; versionId: number; publishedAt: string }>;

    const download = async (path: string): Promise<Downloaded> => {
      const response = await fetch(register.url + path);
      return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
    };
    const json = async (path: string) => {
      const d = await download(path);
      assert.equal(d.status, 200, d.bytes.toString());
      return JSON.parse(d.bytes.toString('utf8')) as Record<string, unknown>[];
    };
    const publish = async (records: Record<string, unknown>[]) => {
      const report = await importRecords(register.app.ctx.kysely, records, SYSTEM_ACTOR, { publish: true });
      assert.deepEqual(report.errors, []);
      return report.lars;
    };

    before(async () => {
      dir = mkdtempSync(join(tmpdir(), 'ar-downloads-'));
      register = await startRegister(engine);
      const db = register.app.ctx.kysely;
      [lars.rich] = await publish([{ ...RICH, organisation_code: 'gm7001' }]);
      [lars.sparse] = await publish([{ ...SPARSE, organisation_code: 'gm7002' }]);
      // Published twice: history holds both versions, a current download the second.
      [lars.edited] = await publish([validRecord({ organisation_code: 'gm7001', name: 'Eerste versie', category: ['Werk'] })]);
      await publish([validRecord({ organisation_code: 'gm7001', lars: lars.edited, name: 'Tweede versie', category: ['Werk', 'Verkeer'] })]);
      // Published once, then retracted: only in the history.
      [lars.retracted] = await publish([validRecord({ organisation_code: 'gm7002', name: 'Teruggetrokken', category: ['Werk'] })]);
      await changeState(db, (await findAlgorithm(db, lars.retracted))!, 'ictu_last', 'retract', SYSTEM_ACTOR);
      // Never published, and published then removed: in no download at all.
      const draft = await importRecords(db, [validRecord({ organisation_code: 'gm7001', name: 'Concept' })], SYSTEM_ACTOR);
      lars.draft = draft.lars[0];
      [lars.removed] = await publish([validRecord({ organisation_code: 'gm7001', name: 'Verwijderd' })]);
      await removeAlgorithm(db, (await findAlgorithm(db, lars.removed))!, SYSTEM_ACTOR);
      // Many more than one page of the reader.
      await publish(Array.from({ length: BULK }, (_, i) => validRecord({ organisation_code: 'gm7100', name: `Bulk ${i}`, category: i % 2 ? ['Economie'] : ['Wonen'] })));

      current = new Map();
      const stored = await db
        .selectFrom('versions as v')
        .innerJoin('algorithms as a', 'a.id', 'v.algorithm_id')
        .innerJoin('organisations as o', 'o.id', 'a.organisation_id')
        .select(['a.lars', 'o.code', 'v.id', 'v.content', 'v.published_at'])
        .where('v.state', '=', 'PUBLISHED')
        .where('a.removed_at', 'is', null)
        .execute();
      for (const s of stored) current.set(s.lars, { organisation: s.code, content: JSON.parse(s.content), versionId: s.id, publishedAt: s.published_at! });
      assert.equal(current.size, BULK + 3);
    });
    after(async () => {
      await register.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('CSV: the stable ids, then every field of the standard; only what is published now; streamed as an attachment', async () => {
      const d = await download('/api/v1/downloads/algorithms.csv');
      assert.equal(d.status, 200);
      assert.match(d.headers.get('content-type') ?? '', /^text\/csv; charset=utf-8/);
      assert.match(d.headers.get('content-disposition') ?? '', /^attachment; filename="algorithms-\d{4}-\d{2}-\d{2}\.csv"$/);
      assert.equal(d.headers.get('cache-control'), 'public, max-age=300');
      // Written as it is read: no length known in advance.
      assert.equal(d.headers.get('transfer-encoding'), 'chunked');
      assert.equal(d.headers.get('content-length'), null);
      // As the command-line export: no byte-order mark.
      assert.notEqual(d.bytes[0], 0xef);

      const rows = parse(d.bytes) as string[][];
      assert.deepEqual(rows[0].slice(0, 5), ['lars', 'organisation_code', 'standard_version', 'version_date', 'state']);
      assert.deepEqual(rows[0], [...DOWNLOAD_COLUMNS]);
      assert.deepEqual(new Set(rows[0].filter((c) => KEYS.includes(c))), new Set(KEYS), 'every field of the standard');
      assert.equal(new Set(rows[0]).size, rows[0].length, 'no column twice');
      const at = (row: string[], key: string) => row[rows[0].indexOf(key)];
      const body = rows.slice(1);
      assert.equal(body.length, current.size);
      assert.deepEqual(new Set(body.map((r) => at(r, 'lars'))), new Set(current.keys()), 'each published algorithm once');
      for (const row of body) {
        const want = current.get(at(row, 'lars'))!;
        assert.equal(at(row, 'organisation_code'), want.organisation);
        assert.equal(at(row, 'state'), 'PUBLISHED');
        assert.equal(at(row, 'standard_version'), '1.0');
        assert.equal(at(row, 'version_date'), want.publishedAt);
        assert.equal(at(row, 'version_id'), String(want.versionId));
      }
      const edited = body.find((r) => at(r, 'lars') === lars.edited)!;
      assert.equal(at(edited, 'name'), 'Tweede versie');
      // The table rule: "" is a quoted empty field, null a blank one.
      const cells = parse(d.bytes, { cast: (value, context) => (value === '' && !context.quoting ? null : value) }) as (string | null)[][];
      const rich = cells.find((r) => r[0] === lars.rich)!;
      assert.deepEqual([at(rich as string[], 'website'), at(rich as string[], 'url'), at(rich as string[], 'risks'), at(rich as string[], 'goal')], ['', null, '', RICH.goal]);
    });

    it('JSON: a streamed array of records with the ids and every field', async () => {
      const d = await download('/api/v1/downloads/algorithms.json');
      assert.equal(d.status, 200);
      assert.match(d.headers.get('content-type') ?? '', /^application\/json/);
      assert.match(d.headers.get('content-disposition') ?? '', /^attachment; filename="algorithms-\d{4}-\d{2}-\d{2}\.json"$/);
      assert.equal(d.headers.get('transfer-encoding'), 'chunked');
      const records = JSON.parse(d.bytes.toString('utf8')) as Record<string, unknown>[];
      assert.equal(records.length, current.size);
      for (const record of records) {
        assert.deepEqual(Object.keys(record).slice(0, 6), ['lars', 'organisation_code', 'standard_version', 'version_date', 'state', 'version_id']);
        const want = current.get(record.lars as string)!;
        assert.ok(want, `published: ${record.lars}`);
        assert.equal(record.version_id, want.versionId);
        for (const key of KEYS) assert.deepStrictEqual(record[key], want.content[key], `${record.lars} ${key}`);
      }
    });

    it('XLSX: a workbook whose first sheet has the same header and rows', async () => {
      const d = await download('/api/v1/downloads/algorithms.xlsx');
      assert.equal(d.status, 200);
      assert.equal(d.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      assert.match(d.headers.get('content-disposition') ?? '', /^attachment; filename="algorithms-\d{4}-\d{2}-\d{2}\.xlsx"$/);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(d.bytes as unknown as ArrayBuffer);
      const sheet = workbook.worksheets[0];
      assert.deepEqual((sheet.getRow(1).values as unknown[]).slice(1), [...DOWNLOAD_COLUMNS]);
      assert.equal(sheet.actualRowCount - 1, current.size);
    });

    it('each download re-imported into a fresh register gives the same algorithms, field by field', async () => {
      for (const format of FORMATS) {
        const d = await download(`/api/v1/downloads/algorithms.${format}`);
        assert.equal(d.status, 200);
        const file = join(dir, `download.${format}`);
        writeFileSync(file, d.bytes);
        const records = await readRecords(file);
        const fresh: FreshDatabase = await freshDatabase(engine);
        const copy = openDb(fresh.url);
        try {
          await migrate(copy);
          const report = await importRecords(copy.kysely, records, SYSTEM_ACTOR);
          assert.deepEqual(report.errors, [], format);
          assert.equal(report.created, current.size, format);
          const stored = await storedAlgorithms(copy);
          assert.deepEqual([...stored.keys()].sort(), [...current.keys()].sort(), `${format}: the same LARS codes`);
          for (const [code, want] of current) {
            const got = stored.get(code)!;
            assert.equal(got.organisation, want.organisation, `${format}: organisation of ${code}`);
            const keys = new Set([...Object.keys(want.content), ...Object.keys(got.latest.content)]);
            for (const key of keys) assert.deepStrictEqual(got.latest.content[key], want.content[key], `${format}: ${code} ${key}`);
          }
          // The cases a table could blur, spelled out.
          const rich = stored.get(lars.rich)!.latest.content;
          assert.deepEqual([rich.website, rich.url, rich.risks, rich.proportionality], ['', null, '', null], format);
          assert.deepEqual(rich.category, ['Zorg en gezondheid', 'Werk'], format);
          assert.equal(rich.description_short, RICH.description_short, format);
          assert.equal(rich.tags, RICH.tags, format);
          const sparse = stored.get(lars.sparse)!.latest.content;
          assert.deepEqual([sparse.category, sparse.source_data_grouping, sparse.lawful_basis_grouping, sparse.name], [[], null, null, '[1, 2, 3]'], format);
        } finally {
          await copy.close();
          await fresh.drop();
        }
      }
    });

    it('history=true: every version ever published, superseded and retracted ones too, never drafts or removed algorithms', async () => {
      const records = await json('/api/v1/downloads/algorithms.json?history=true');
      const rows = (code: string) => records.filter((r) => r.lars === code);
      assert.deepEqual(rows(lars.edited).map((r) => [r.name, r.state]), [['Eerste versie', 'EXPIRED'], ['Tweede versie', 'PUBLISHED']]);
      assert.deepEqual(rows(lars.retracted).map((r) => r.name), ['Teruggetrokken']);
      assert.deepEqual([rows(lars.draft).length, rows(lars.removed).length], [0, 0]);
      assert.equal(records.length, current.size + 2);
      assert.ok(records.every((r) => typeof r.version_date === 'string' && typeof r.version_id === 'number'));
      assert.equal(new Set(records.map((r) => r.version_id)).size, records.length, 'each version once');

      const d = await download('/api/v1/downloads/algorithms.csv?history=true');
      assert.match(d.headers.get('content-disposition') ?? '', /filename="algorithms-history-\d{4}-\d{2}-\d{2}\.csv"/);
      assert.equal((parse(d.bytes) as string[][]).length - 1, current.size + 2);
      // history=false is the current download.
      assert.equal((await json('/api/v1/downloads/algorithms.json?history=false')).length, current.size);
    });

    it('filters by organisation and by theme, alone and together', async () => {
      const byOrg = await json('/api/v1/downloads/algorithms.json?organisation=gm7001');
      assert.deepEqual(byOrg.map((r) => r.lars).sort(), [lars.rich, lars.edited].sort());
      const work = await json('/api/v1/downloads/algorithms.json?theme=Werk');
      assert.deepEqual(work.map((r) => r.lars).sort(), [lars.rich, lars.edited].sort());
      const housing = await json(`/api/v1/downloads/algorithms.json?theme=${encodeURIComponent('Wonen')}`);
      assert.equal(housing.length, BULK / 2);
      assert.ok(housing.every((r) => (r.category as string[]).includes('Wonen')));
      const care = await json(`/api/v1/downloads/algorithms.json?theme=${encodeURIComponent('Zorg en gezondheid')}&organisation=gm7001`);
      assert.deepEqual(care.map((r) => r.lars), [lars.rich]);
      // With history the theme is that of each version: the retracted one had Werk, the first version of `edited` had no Verkeer.
      const workEver = await json('/api/v1/downloads/algorithms.json?theme=Werk&history=true&organisation=gm7002');
      assert.deepEqual(workEver.map((r) => r.lars), [lars.retracted]);
      const trafficEver = await json('/api/v1/downloads/algorithms.json?theme=Verkeer&history=true&organisation=gm7001');
      assert.deepEqual(trafficEver.map((r) => r.name), ['Tweede versie']);
      const d = await download('/api/v1/downloads/algorithms.xlsx?organisation=gm7100&theme=Economie&history=true');
      assert.match(d.headers.get('content-disposition') ?? '', /filename="algorithms-history-gm7100-economie-\d{4}-\d{2}-\d{2}\.xlsx"/);
    });

    it('an organisation that exists but publishes nothing gives an empty download, not an error', async () => {
      await register.org('gm7999');
      assert.deepEqual(await json('/api/v1/downloads/algorithms.json?organisation=gm7999'), []);
      const d = await download('/api/v1/downloads/algorithms.csv?organisation=gm7999');
      assert.deepEqual(parse(d.bytes), [[...DOWNLOAD_COLUMNS]]);
    });

    it('bad query values are a 400 or 404 naming the problem, never a 5xx', async () => {
      const cases: [string, number, RegExp][] = [
        ['history=banana', 400, /history.*banana/],
        ['history=true&history=false', 400, /history once/],
        ['history=', 400, /history/],
        ['theme=Spoorwegen', 400, /Unknown theme "Spoorwegen".*Werk/],
        ['theme=werk', 400, /Unknown theme "werk"/],
        ['organisation=gm0000', 404, /no organisation with code "gm0000"/],
        ['organisation=', 404, /no organisation/],
        [`organisation=${'x'.repeat(5000)}`, 404, /no organisation/],
        ['organisation=%27%3B%20drop%20table%20versions%3B--', 404, /no organisation/],
        ['organization=gm7001', 400, /Unknown query parameter "organization"/],
        ['theme=%00', 400, /NUL|theme/],
      ];
      for (const format of FORMATS) {
        for (const [query, status, message] of cases) {
          const { status: got, body, headers } = await register.call('GET', `/api/v1/downloads/algorithms.${format}?${query}`);
          assert.equal(got, status, `${format}?${query}: ${JSON.stringify(body)}`);
          assert.match(headers.get('content-type') ?? '', /^application\/json/);
          assert.equal(typeof body.detail, 'string');
          assert.match(body.detail, message, `${format}?${query}`);
        }
      }
    });
  });
}
