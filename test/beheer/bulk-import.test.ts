// Bulk import and export in management over real HTTP, on both engines: the dry run reports per
// row and per field (creations, changes, errors that refuse a row, warnings) and stores nothing;
// applying stores exactly what was shown in one transaction, audited, and nothing when the
// register changed since or a write fails halfway; another organisation's algorithms are never
// touched; an upload needs the session's CSRF token before its file; the export in every format
// reads back through the same upload with nothing to change.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { ENGINES } from '../helpers/engines.ts';
import { startRegister, type TestRegister } from '../helpers/server.ts';
import { addAlgorithm, addPerson, ManagementClient, textOf } from './management-client.ts';
import { validRecord } from '../fixtures/records.ts';
import { findAlgorithm, latestVersion, publishedVersion, updateAlgorithm } from '../../src/register/algorithms.ts';
import { MAX_UPLOAD_BYTES } from '../../src/beheer/bulk-import-pages.tsx';
import type { AlgorithmContent } from '../../src/standard/types.ts';

interface Upload {
  status: number;
  location: string | null;
  html: string;
}

/** Posts a multipart form as a browser does: the fields in the order given, the file where `fileAt` says (last by default). */
async function upload(c: ManagementClient, path: string, file: { name: string; data: string | Buffer }, fields: Record<string, string> = {}, fileAt = Infinity): Promise<Upload> {
  const form = new FormData();
  const entries = Object.entries(fields);
  const blob = new Blob([typeof file.data === 'string' ? file.data : new Uint8Array(file.data)]);
  entries.forEach(([name, value], i) => {
    if (i === fileAt) form.append('bestand', blob, file.name);
    form.append(name, value);
  });
  if (fileAt >= entries.length) form.append('bestand', blob, file.name);
  const headers: Record<string, string> = {};
  if (c.cookie) headers.cookie = c.cookie;
  const response = await fetch(c.r.url + path, { method: 'POST', headers, body: form, redirect: 'manual' });
  return { status: response.status, location: response.headers.get('location'), html: await response.text() };
}

const json = (records: unknown[]) => ({ name: 'algoritmes.json', data: JSON.stringify(records) });
const fingerprintOf = (html: string) => /name="plan" value="([0-9a-f]{64})"/.exec(html)?.[1];

for (const engine of ENGINES) {
  describe(`bulk import and export in management (${engine})`, () => {
    let r: TestRegister;
    let editor: ManagementClient;
    let otherEditor: ManagementClient;
    let publisher: ManagementClient;
    let own: { lars: string; id: number };
    let foreign: { lars: string; id: number };

    /** What the tables hold: equal before and after means nothing was stored. */
    const snapshot = async () => {
      const db = r.app.ctx.kysely;
      const count = async (table: 'algorithms' | 'versions' | 'audit_events') => Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
      return { algorithms: await count('algorithms'), versions: await count('versions'), audit: await count('audit_events') };
    };
    const check = (records: unknown[], c = editor) => upload(c, '/beheer/importeren/proefdraai', json(records), { _csrf: c.csrf! });
    const apply = (records: unknown[], plan: string, c = editor) => upload(c, '/beheer/importeren/toepassen', json(records), { _csrf: c.csrf!, plan });

    before(async () => {
      r = await startRegister(engine);
      await r.org('gm0500', 'ictu_last', 'Gemeente Vijf');
      await r.org('gm0501', 'ictu_last', 'Gemeente Anders');
      own = await addAlgorithm(r, 'gm0500', 'Parkeervergunningen toetsen', 'PUBLISHED');
      foreign = await addAlgorithm(r, 'gm0501', 'Afval ophalen plannen');
      editor = new ManagementClient(r);
      await editor.signIn((await addPerson(r, { roles: ['role_1'], organisations: ['gm0500'] })).username);
      otherEditor = new ManagementClient(r);
      await otherEditor.signIn((await addPerson(r, { roles: ['role_1'], organisations: ['gm0501'] })).username);
      publisher = new ManagementClient(r);
      await publisher.signIn((await addPerson(r, { roles: ['ictu'], organisations: ['gm0500'] })).username);
      await editor.get('/beheer/importeren');
      await otherEditor.get('/beheer/importeren');
    });
    after(() => r.close());

    const mixed = () => [
      validRecord({ lars: own.lars, name: 'Parkeervergunningen toetsen', organization: 'Gemeente Vijf', description_short: 'Nieuwe korte beschrijving van het toetsen van parkeervergunningen.' }),
      validRecord({ name: 'Zaken routeren', organization: 'Gemeente Vijf', source_id: 'ZAAK-1' }),
      validRecord({ name: 'x'.repeat(120), organization: 'Gemeente Vijf', begin_date: 'ooit' }),
      validRecord({ lars: foreign.lars, name: 'Afval ophalen plannen', organization: 'Gemeente Vijf' }),
      validRecord({ name: 'Meldingen sorteren', organization: 'Andere Gemeente', kleur: 'blauw' }),
      validRecord({ name: 'Van een ander', organisation_code: 'gm0501', organization: 'Gemeente Vijf' }),
    ];

    it('shows the import page with the export links and the upload form, and refuses it to someone who may not create', async () => {
      const shown = await editor.get('/beheer/importeren');
      assert.equal(shown.status, 200);
      assert.match(shown.html, /enctype="multipart\/form-data"/);
      assert.ok(shown.html.indexOf('name="_csrf"', shown.html.indexOf('action="/beheer/importeren/proefdraai"')) < shown.html.indexOf('name="bestand"'), 'the token comes before the file');
      for (const format of ['csv', 'xlsx', 'json']) assert.match(shown.html, new RegExp(`href="/beheer/exporteren\\?formaat=${format}"`));
      assert.equal((await publisher.get('/beheer/importeren')).status, 403);
      await publisher.get('/beheer');
      assert.equal((await upload(publisher, '/beheer/importeren/proefdraai', json([validRecord()]), { _csrf: publisher.csrf! })).status, 403);
    });

    it('reports per row and per field what a dry run would do, with errors and warnings, and stores nothing', async () => {
      const before = await snapshot();
      const report = await check(mixed());
      assert.equal(report.status, 200);
      const text = textOf(report.html);
      assert.match(text, /Nieuwe algoritmes 2 /);
      assert.match(text, /Gewijzigde algoritmes \(nieuwe conceptversie\) 1 /);
      assert.match(text, /Geweigerde rijen 3 /);
      // Row 1: the organisation's own algorithm, one field changed, before and after shown.
      assert.match(text, new RegExp(`Rij 1: Parkeervergunningen toetsen Gewijzigd LARS ${own.lars}`));
      assert.match(text, /Korte omschrijving \(description_short\) Het algoritme controleert .* Nieuwe korte beschrijving/);
      // Row 3: refused, the message at each field that is wrong.
      assert.match(text, /Rij 3: x+ Geweigerd/);
      assert.match(text, /\(name\) x{120} Fout: Gebruik hoogstens 100 tekens/);
      assert.match(text, /\(begin_date\) ooit Waarschuwing: Schrijf jaar en maand als jjjj-mm/);
      // Row 4: another organisation's LARS, refused without saying whose it is.
      assert.match(text, /Rij 4: Afval ophalen plannen Geweigerd/);
      assert.match(text, /Fout: Dit is geen LARS-code van een algoritme van uw organisatie/);
      assert.doesNotMatch(text, /Gemeente Anders/);
      // Row 5: created, with warnings at the unknown column and at the other organisation's name.
      assert.match(text, /Rij 5: Meldingen sorteren Nieuw/);
      assert.match(text, /kleur Waarschuwing: Dit is geen veld van de publicatiestandaard/);
      assert.match(text, /Waarschuwing: Hier staat een andere organisatie; het algoritme komt bij Gemeente Vijf/);
      // Row 6: an explicit other organisation code.
      assert.match(text, /Fout: Deze rij hoort bij organisatie gm0501/);
      assert.match(report.html, /Importeren: 2 nieuw, 1 gewijzigd/);
      assert.ok(fingerprintOf(report.html));
      assert.deepEqual(await snapshot(), before);
    });

    it('applies exactly the dry run in one transaction, audited, and leaves other organisations alone', async () => {
      const records = mixed();
      const plan = fingerprintOf((await check(records)).html)!;
      const foreignBefore = await latestVersion(r.app.ctx.kysely, foreign.id);
      const applied = await apply(records, plan);
      assert.equal(applied.status, 303);
      assert.equal(applied.location, '/beheer/importeren?aangemaakt=2&bijgewerkt=1');
      assert.match(textOf((await editor.get(applied.location!)).html), /Geïmporteerd: 2 nieuwe algoritmes en 1 nieuwe conceptversies/);

      const db = r.app.ctx.kysely;
      const latest = await latestVersion(db, own.id);
      assert.equal(latest!.state, 'STATE_1');
      assert.equal(latest!.content.description_short, 'Nieuwe korte beschrijving van het toetsen van parkeervergunningen.');
      assert.ok(await publishedVersion(db, own.id), 'the published version stays public until a new one is approved');
      const created = await db.selectFrom('algorithms').selectAll().where('source_id', '=', 'ZAAK-1').execute();
      assert.equal(created.length, 1);
      assert.equal(created[0].organisation_id, (await findAlgorithm(db, own.lars))!.organisation_id);
      assert.deepEqual(await latestVersion(db, foreign.id), foreignBefore);
      const events = await db.selectFrom('audit_events').select(['action', 'detail', 'algorithm_id']).where('action', 'in', ['imported', 'bulk_imported']).execute();
      assert.equal(events.filter((e) => e.action === 'imported').length, 3);
      const summary = JSON.parse(events.find((e) => e.action === 'bulk_imported')!.detail!);
      assert.deepEqual([summary.created, summary.updated, summary.refused], [2, 1, 3]);
      const ownEvent = events.find((e) => e.action === 'imported' && e.algorithm_id === own.id)!;
      assert.deepEqual(Object.keys(JSON.parse(ownEvent.detail!).diff), ['description_short']);
    });

    it('matches a row without LARS by the source id the organisation already has', async () => {
      const records = [validRecord({ name: 'Zaken routeren naar het juiste team', organization: 'Gemeente Vijf', source_id: 'ZAAK-1' })];
      const report = await check(records);
      assert.match(textOf(report.html), /Rij 1: Zaken routeren naar het juiste team Gewijzigd/);
      const before = await snapshot();
      assert.equal((await apply(records, fingerprintOf(report.html)!)).status, 303);
      const after = await snapshot();
      assert.equal(after.algorithms, before.algorithms);
      assert.equal(after.versions, before.versions + 1);
    });

    it('applies nothing when the register changed since the dry run, and shows the new dry run', async () => {
      const records = [validRecord({ lars: own.lars, name: 'Parkeervergunningen toetsen', organization: 'Gemeente Vijf', goal: '<p>Sneller beslissen.</p>' })];
      const plan = fingerprintOf((await check(records)).html)!;
      const db = r.app.ctx.kysely;
      const algorithm = (await findAlgorithm(db, own.lars))!;
      const current = (await latestVersion(db, own.id))!;
      await updateAlgorithm(db, algorithm, { ...current.content, risks: '<p>Intussen aangepast.</p>' } as AlgorithmContent, { id: 'user:ander', name: 'Iemand anders' });
      const before = await snapshot();
      const refused = await apply(records, plan);
      assert.equal(refused.status, 409);
      assert.match(textOf(refused.html), /veranderd sinds de proefdraai, dus er is niets opgeslagen/);
      assert.notEqual(fingerprintOf(refused.html), plan);
      assert.deepEqual(await snapshot(), before);
      // A plan from no dry run at all is not applied either.
      const invented = await apply(records, 'a'.repeat(64));
      assert.equal(invented.status, 409);
      assert.deepEqual(await snapshot(), before);
    });

    it('changes nothing when a write fails halfway through applying', async () => {
      const db = r.app.ctx.kysely;
      if (engine === 'sqlite') {
        await sql`create trigger fail_import before insert on versions when new.content like '%FAALT%' begin select raise(abort, 'forced failure'); end`.execute(db);
      } else {
        await sql`create function fail_import() returns trigger language plpgsql as $$ begin if new.content like '%FAALT%' then raise exception 'forced failure'; end if; return new; end $$`.execute(db);
        await sql`create trigger fail_import before insert on versions for each row execute function fail_import()`.execute(db);
      }
      try {
        const records = [
          validRecord({ lars: own.lars, name: 'Parkeervergunningen toetsen', organization: 'Gemeente Vijf', description_short: 'Een wijziging die niet mag blijven staan.' }),
          validRecord({ name: 'Eerst aangemaakt', organization: 'Gemeente Vijf' }),
          validRecord({ name: 'FAALT bij opslaan', organization: 'Gemeente Vijf' }),
        ];
        const plan = fingerprintOf((await check(records)).html)!;
        const before = await snapshot();
        const latestBefore = await latestVersion(db, own.id);
        const failed = await apply(records, plan);
        assert.equal(failed.status, 500);
        assert.match(textOf(failed.html), /Het importeren is mislukt en er is niets opgeslagen/);
        assert.deepEqual(await snapshot(), before);
        assert.deepEqual(await latestVersion(db, own.id), latestBefore);
      } finally {
        await sql`drop trigger fail_import${engine === 'postgres' ? sql` on versions` : sql``}`.execute(db);
        if (engine === 'postgres') await sql`drop function fail_import()`.execute(db);
      }
    });

    it('refuses an upload without the session token before its file, and stores nothing', async () => {
      const records = [validRecord({ name: 'Zonder token', organization: 'Gemeente Vijf' })];
      const plan = fingerprintOf((await check(records)).html)!;
      const before = await snapshot();
      const wrong = editor.csrf!.replace(/.$/, (ch) => (ch === 'A' ? 'B' : 'A'));
      for (const path of ['/beheer/importeren/proefdraai', '/beheer/importeren/toepassen']) {
        const variants: [string, Record<string, string>, number?][] = [
          ['no token', { plan }],
          ['a wrong token', { _csrf: wrong, plan }],
          ["another session's token", { _csrf: otherEditor.csrf!, plan }],
          ['the right token after the file', { plan, _csrf: editor.csrf! }, 1],
        ];
        for (const [what, fields, fileAt] of variants) {
          const response = await upload(editor, path, json(records), fields, fileAt);
          assert.equal(response.status, 403, `${path} with ${what}`);
          assert.match(textOf(response.html), /Formulier niet geaccepteerd.*Er is niets gewijzigd\./);
        }
      }
      assert.deepEqual(await snapshot(), before);
    });

    it('says at the file field what is wrong with a file', async () => {
      const cases: [{ name: string; data: string | Buffer }, RegExp][] = [
        [{ name: 'algoritmes.txt', data: 'name\nx' }, /Kies een bestand dat eindigt op \.csv, \.xlsx of \.json/],
        [{ name: 'algoritmes.json', data: '{"name": "x"' }, /kan niet gelezen worden als JSON/],
        [{ name: 'algoritmes.json', data: '{"name": "x"}' }, /moet een lijst \(array\) van algoritmes zijn/],
        [{ name: 'algoritmes.xlsx', data: 'geen spreadsheet' }, /kan niet gelezen worden als XLSX/],
        [{ name: 'algoritmes.csv', data: '' }, /Het bestand bevat geen rijen/],
        [{ name: '', data: '' }, /Kies een bestand\./],
        [{ name: 'groot.json', data: Buffer.alloc(MAX_UPLOAD_BYTES + 1, 0x20) }, /Het bestand is groter dan 50 MB/],
      ];
      for (const [file, message] of cases) {
        const response = await upload(editor, '/beheer/importeren/proefdraai', file, { _csrf: editor.csrf! });
        assert.equal(response.status, 422, file.name);
        assert.match(response.html, /id="bestand-error"/);
        assert.match(response.html, /aria-invalid="true"/);
        assert.match(textOf(response.html), message);
      }
    });

    it('exports the organisation’s algorithms in every state and format, and reads each back with nothing to change', async () => {
      // A draft and a published one among them: the export has every state.
      await addAlgorithm(r, 'gm0500', 'Nog een concept');
      await addAlgorithm(r, 'gm0500', 'Al openbaar', 'PUBLISHED');
      for (const format of ['csv', 'xlsx', 'json'] as const) {
        const response = await fetch(`${r.url}/beheer/exporteren?formaat=${format}`, { headers: { cookie: editor.cookie! } });
        assert.equal(response.status, 200, format);
        assert.match(response.headers.get('content-disposition')!, new RegExp(`attachment; filename="algoritmes-gm0500-\\d{4}-\\d{2}-\\d{2}\\.${format}"`));
        const data = Buffer.from(await response.arrayBuffer());
        if (format !== 'xlsx') {
          const text = data.toString('utf8');
          assert.ok(text.includes(own.lars));
          assert.ok(!text.includes(foreign.lars), 'no algorithm of another organisation');
          assert.ok(text.includes('STATE_1') && text.includes('PUBLISHED'));
        }
        const before = await snapshot();
        const report = await upload(editor, '/beheer/importeren/proefdraai', { name: `export.${format}`, data }, { _csrf: editor.csrf! });
        assert.equal(report.status, 200, format);
        const text = textOf(report.html);
        assert.match(text, /Nieuwe algoritmes 0 Gewijzigde algoritmes \(nieuwe conceptversie\) 0 Ongewijzigd 5 Geweigerde rijen 0 /, format);
        assert.match(text, /Er is niets om toe te passen/);
        assert.deepEqual(await snapshot(), before);
      }
    });

    it('refuses every row of another organisation’s export, and touches none of its algorithms', async () => {
      const exported = Buffer.from(await (await fetch(`${r.url}/beheer/exporteren?formaat=json`, { headers: { cookie: editor.cookie! } })).arrayBuffer());
      const ownExport = JSON.parse((await (await fetch(`${r.url}/beheer/exporteren?formaat=json`, { headers: { cookie: otherEditor.cookie! } })).text())) as { lars: string }[];
      assert.deepEqual(ownExport.map((a) => a.lars), [foreign.lars]);
      const before = await snapshot();
      const report = await upload(otherEditor, '/beheer/importeren/proefdraai', { name: 'van-vijf.json', data: exported }, { _csrf: otherEditor.csrf! });
      const text = textOf(report.html);
      assert.match(text, /Nieuwe algoritmes 0 Gewijzigde algoritmes \(nieuwe conceptversie\) 0 Ongewijzigd 0 Geweigerde rijen 5 /);
      assert.match(text, /Deze rij hoort bij organisatie gm0500/);
      assert.deepEqual(await snapshot(), before);
    });

    it('speaks English when the person chose English', async () => {
      const c = new ManagementClient(r);
      await c.signIn((await addPerson(r, { roles: ['role_1'], organisations: ['gm0500'] })).username);
      await c.get('/beheer/importeren');
      await c.post('/beheer/taal', { lang: 'en', terug: '/beheer/importeren' });
      const page = await c.get('/beheer/importeren');
      assert.match(page.html, /<html lang="en"/);
      assert.match(textOf(page.html), /Import and export algorithms/);
      const report = await check([validRecord({ name: 'y'.repeat(120), organization: 'Gemeente Vijf' })], c);
      assert.match(textOf(report.html), /Refused rows 1 .*Row 2|Row 1: y+ Refused/);
      assert.match(textOf(report.html), /Error: Use at most 100 characters/);
    });
  });
}
