// The import, property-style: records with random junk never crash it, and every record is
// either imported or reported. And the table rule of src/standard/tabular.ts: null is a blank
// cell, "" an empty string cell, in CSV and XLSX, including files a spreadsheet program wrote.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import ExcelJS from 'exceljs';
import { ENGINES, freshDatabase, type FreshDatabase } from '../helpers/engines.ts';
import { openDb, type Db } from '../../src/db/connect.ts';
import { migrate } from '../../src/db/migrate.ts';
import { importRecords } from '../../src/register/import.ts';
import { removeAlgorithm } from '../../src/register/algorithms.ts';
import { isValidLars } from '../../src/register/lars.ts';
import { SYSTEM_ACTOR } from '../../src/register/actor.ts';
import { CURRENT_STANDARD } from '../../src/standard/index.ts';
import { columns, fromCells, rowCells, toCell } from '../../src/standard/tabular.ts';
import { readRecords } from '../../src/cli/files.ts';
import { readRecordsFrom } from '../../src/standard/tabular-read.ts';
import { csvChunks, csvRecord, utf8Chunks } from '../../src/standard/tabular-stream.ts';
import { validRecord } from '../fixtures/records.ts';
import { junkRecords } from '../cli/junk-records.ts';

for (const engine of ENGINES) {
  describe(`import of junk records (${engine})`, () => {
    let database: FreshDatabase;
    let db: Db;
    before(async () => {
      database = await freshDatabase(engine);
      db = openDb(database.url);
      await migrate(db);
    });
    after(async () => {
      await db.close();
      await database.drop();
    });

    it('never throws; every record is imported or reported, by its index', async () => {
      let imported = 0;
      let rejected = 0;
      await fc.assert(
        fc.asyncProperty(junkRecords, fc.boolean(), async (records, publish) => {
          const report = await importRecords(db.kysely, records, SYSTEM_ACTOR, { publish, batchSize: 3 });
          const reported = new Set(report.errors.map((e) => e.index));
          const done = report.created + report.updated + report.unchanged;
          assert.equal(done + reported.size, records.length, JSON.stringify(report.errors));
          for (const e of report.errors) {
            assert.ok(Number.isInteger(e.index) && e.index >= 0 && e.index < records.length, `index ${e.index}`);
            assert.ok(Array.isArray(e.loc) && e.loc.every((p) => typeof p === 'string' || typeof p === 'number'));
            assert.ok(typeof e.msg === 'string' && e.msg.length > 0);
          }
          assert.equal(report.lars.length, done);
          assert.ok(report.lars.every(isValidLars));
          const stored = await db.kysely.selectFrom('algorithms').select('lars').where('lars', 'in', report.lars.length ? report.lars : ['-']).execute();
          assert.equal(new Set(stored.map((s) => s.lars)).size, new Set(report.lars).size, 'every imported LARS is stored');
          imported += done;
          rejected += reported.size;
        }),
        { numRuns: 200 },
      );
      assert.ok(imported > 0 && rejected > 0, `the runs held both kinds (${imported} imported, ${rejected} rejected)`);
    });

    it('organisation codes and names that cannot be used are reported, never thrown', async () => {
      const report = await importRecords(
        db.kysely,
        [
          validRecord({ organisation_code: 'bad code' }),
          validRecord({ organisation_code: 'x'.repeat(101) }),
          validRecord({ organization: 'Gemeente Zelfde-Naam' }),
          validRecord({ organization: 'Gemeente Zelfde Naam' }), // the same code when made from the name
          validRecord({ organization: 'gemeente zelfde naam' }),
        ],
        SYSTEM_ACTOR,
      );
      assert.deepEqual(report.errors.map((e) => [e.index, e.loc]), [[0, ['organisation_code']], [1, ['organisation_code']]]);
      assert.equal(report.created, 3);
      const orgs = await db.kysely.selectFrom('organisations').select(['code', 'name']).where('name', 'like', '%emeente %elfde%').orderBy('code').execute();
      assert.deepEqual(orgs, [
        { code: 'gemeente-zelfde-naam', name: 'Gemeente Zelfde-Naam' },
        { code: 'gemeente-zelfde-naam-2', name: 'Gemeente Zelfde Naam' },
        { code: 'gemeente-zelfde-naam-3', name: 'gemeente zelfde naam' },
      ]);
    });

    it('a LARS of another organisation or of a removed algorithm is reported, not taken over', async () => {
      const first = await importRecords(db.kysely, [validRecord({ organisation_code: 'gm5001' }), validRecord({ organisation_code: 'gm5001', name: 'Weg' })], SYSTEM_ACTOR);
      const [kept, removed] = first.lars;
      const algorithm = await db.kysely.selectFrom('algorithms').selectAll().where('lars', '=', removed).executeTakeFirstOrThrow();
      await removeAlgorithm(db.kysely, algorithm, SYSTEM_ACTOR);
      const report = await importRecords(
        db.kysely,
        [
          validRecord({ organisation_code: 'gm5002', lars: kept }),
          validRecord({ organisation_code: 'gm5001', lars: removed, name: 'Terug' }),
          validRecord({ organisation_code: 'gm5001', lars: kept, name: 'Nieuwe naam' }),
        ],
        SYSTEM_ACTOR,
      );
      assert.deepEqual(
        report.errors.map((e) => [e.index, e.loc, e.msg]),
        [
          [0, ['lars'], `LARS ${kept} belongs to another organisation.`],
          [1, ['lars'], `LARS ${removed} was removed; it is not used again.`],
        ],
      );
      assert.deepEqual([report.created, report.updated], [0, 1]);
    });
  });
}

describe('tables: null is a blank cell, "" an empty string cell', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'ar-tabular-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('writes null as null and lists as JSON', () => {
    assert.equal(toCell(null), null);
    assert.equal(toCell(''), '');
    assert.equal(toCell([]), '[]');
    assert.equal(toCell([{ title: 'a', link: null }]), '[{"title":"a","link":null}]');
    const cells = rowCells(CURRENT_STANDARD, { lars: '12345674', organisation_code: 'gm1', state: 'STATE_1', version_date: 'd' }, { name: 'n', website: '', url: null, category: [] });
    const at = (key: string) => cells[columns(CURRENT_STANDARD).indexOf(key)];
    assert.deepEqual([at('lars'), at('name'), at('website'), at('url'), at('category'), at('goal')], ['12345674', 'n', '', null, '[]', null]);
  });

  it('reads a blank cell as null, an empty string cell as "", except where the field decides', () => {
    const record = fromCells(CURRENT_STANDARD, {
      lars: null,
      name: 'Naam',
      description_short: null, // required text: never null, so a blank is ""
      website: '',
      url: null,
      category: '', // a list is never "": null
      lawful_basis_grouping: '[]',
      impacttoetsen_grouping: null,
      status: '', // a closed list is never "": null
      provider: '[1]', // text that looks like JSON stays text
    });
    assert.deepEqual(record, {
      lars: null,
      name: 'Naam',
      description_short: '',
      website: '',
      url: null,
      category: null,
      lawful_basis_grouping: [],
      impacttoetsen_grouping: null,
      status: null,
      provider: '[1]',
    });
  });

  it('writes CSV as RFC 4180: only what must be is quoted, and every cell reads back as written', async () => {
    assert.equal(csvRecord(['a', null, '', 'x,y', 'zeg "hoi"', 'twee\nregels', 'cr\r', 'é ü']), 'a,,"","x,y","zeg ""hoi""","twee\nregels","cr\r",é ü\n');
    const cell = fc.option(fc.stringMatching(/^[a-z ,"\r\né]{0,12}$/), { nil: null });
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(cell, cell, cell), { minLength: 1, maxLength: 6 }), async (rows) => {
        async function* cells() {
          yield* rows;
        }
        const chunks: Buffer[] = [];
        for await (const chunk of csvChunks(['provider', 'website', 'url'], cells())) chunks.push(chunk);
        const records = await readRecordsFrom(Buffer.concat(chunks), 'csv');
        assert.deepEqual(records, rows.map(([provider, website, url]) => ({ provider, website, url })));
      }),
      { numRuns: 300 },
    );
  });

  it('writes text as UTF-8 chunks that are together exactly the text, however the pieces fall across chunks', async () => {
    // Pieces of every size up to beyond a chunk (256 KB), in every plane of Unicode.
    const piece = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 40 }),
      fc.tuple(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 4 }), fc.integer({ min: 1, max: 120_000 })).map(([s, n]) => s.repeat(n)),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { maxLength: 12 }), async (pieces) => {
        const chunks: Buffer[] = [];
        for await (const chunk of utf8Chunks(pieces)) chunks.push(chunk);
        assert.ok(chunks.every((c) => c.length > 0));
        assert.ok(Buffer.concat(chunks).equals(Buffer.from(pieces.join(''), 'utf8')));
      }),
      { numRuns: 60 },
    );
  });

  it('reads a CSV file: a quoted empty field is "", an unquoted one null', async () => {
    const file = join(dir, 'hand.csv');
    // As a person or another program might write it: a BOM, CRLF line ends, fewer columns.
    writeFileSync(file, '\ufeffname,description_short,website,url,category,provider\r\n"Naam, met komma",,"",,"[""Werk""]",\r\nTweede\r\n');
    const records = (await readRecords(file)) as Record<string, unknown>[];
    assert.deepEqual(records, [
      { name: 'Naam, met komma', description_short: '', website: '', url: null, category: ['Werk'], provider: null },
      { name: 'Tweede' },
    ]);
  });

  it('reads an XLSX file a spreadsheet program wrote: shared strings, rich text, links, numbers and blanks', async () => {
    const file = join(dir, 'hand.xlsx');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('algoritmes');
    sheet.addRow(['name', 'description_short', 'website', 'url', 'source_id', 'lars', 'tags']);
    sheet.addRow([
      { richText: [{ text: 'Rijke ', font: { bold: true } }, { text: 'tekst' }] },
      null,
      { text: 'https://example.nl', hyperlink: 'https://example.nl' },
      null,
      12345,
      12345674,
      'regel 1_x000D_\nregel 2',
    ]);
    await workbook.xlsx.writeFile(file);
    const records = (await readRecords(file)) as Record<string, unknown>[];
    assert.deepEqual(records, [
      { name: 'Rijke tekst', description_short: '', website: 'https://example.nl', url: null, source_id: '12345', lars: '12345674', tags: 'regel 1\r\nregel 2' },
    ]);
  });
});
