// Search through the real register on both engines: relevance set, facets, what publishing,
// retracting and removing do to the index, and the same answers on SQLite and PostgreSQL.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { sql } from 'kysely';
import { ENGINES } from '../helpers/engines.ts';
import { startRegister, type TestRegister } from '../helpers/server.ts';
import { importRecords } from '../../src/register/import.ts';
import { SYSTEM_ACTOR } from '../../src/register/actor.ts';
import { changeState, findAlgorithm, removeAlgorithm } from '../../src/register/algorithms.ts';
import { keepSearchAnswers, search } from '../../src/search/search.ts';
import { indexGeneration, rebuildSearchIndex } from '../../src/search/indexer.ts';
import { openDb } from '../../src/db/connect.ts';
import { idList, matchesOf } from '../../src/search/engine.ts';
import { parseQuery } from '../../src/search/query.ts';
import { similarAlgorithms } from '../../src/search/similar.ts';
import { editDistance } from '../../src/search/typo.ts';
import { CASES, CORPUS } from './relevance-set.ts';
import { validRecord } from '../fixtures/records.ts';
import { createOrganisation, updateOrganisation } from '../../src/register/organisations.ts';

const validRecordFor = (name: string, goal: string) => validRecord({ name, goal, organization: 'Gemeente Gelijktijd' });

const answers = new Map<string, Map<string, string[]>>();

for (const engine of ENGINES) {
  describe(`search (${engine})`, () => {
    let register: TestRegister;
    const byName = new Map<string, string>();
    before(async () => {
      register = await startRegister(engine);
      const report = await importRecords(register.app.ctx.kysely, CORPUS, SYSTEM_ACTOR, { publish: true });
      assert.equal(report.created, CORPUS.length, JSON.stringify(report.errors));
      CORPUS.forEach((record, i) => byName.set(String(record.name), report.lars[i]));
      answers.set(engine, new Map());
    });
    after(() => register.close());

    for (const c of CASES) {
      it(`finds what "${c.query}" means (${c.why})`, async () => {
        const result = await search(register.app.ctx.kysely, { q: c.query, limit: 20 });
        const names = result.results.map((h) => h.name);
        answers.get(engine)!.set(c.query, [...names].sort());
        for (const expected of c.expect) {
          const at = names.indexOf(expected);
          assert.ok(at >= 0 && at < c.top, `"${c.query}": expected "${expected}" in the first ${c.top}, got ${JSON.stringify(names)}`);
        }
      });
    }

    it('does not find what nobody wrote, and marks what it matched', async () => {
      const none = await search(register.app.ctx.kysely, { q: 'kernfusie' });
      assert.equal(none.total, 0);
      // Only a misspelt stop word: no words left, so everything, as an empty search.
      assert.equal((await search(register.app.ctx.kysely, { q: 'algoritem' })).total, CORPUS.length);
      const hit = await search(register.app.ctx.kysely, { q: 'uitkeringen' });
      const risk = hit.results.find((h) => h.name === 'Risicomodel bijstandsuitkeringen')!;
      assert.match(risk.description_html, /<mark>uitkering<\/mark>/);
    });

    it('never fails, whatever is typed', async () => {
      const token = fc.oneof(
        fc.string({ unit: 'binary', maxLength: 12 }),
        fc.constantFrom('"', '*', '"uitkering', 'parkeer*', '**', '" "', 'algoritem', 'de', 'AOW', '-', "risico's", 'ß', '𝔄', '\u0000', 'NEAR', 'OR', 'AND', ':*', '&', '|', '!', '(', ')'),
      );
      await fc.assert(
        fc.asyncProperty(fc.array(token, { maxLength: 6 }), async (tokens) => {
          const result = await search(register.app.ctx.kysely, { q: tokens.join(' '), limit: 3 });
          assert.ok(result.total >= 0);
        }),
        { numRuns: 150 },
      );
    });

    it('counts facet values among the other filters and combines values of a facet with OR', async () => {
      const all = await search(register.app.ctx.kysely, {});
      assert.equal(all.total, CORPUS.length);
      const themeCount = (r: typeof all, value: string) => r.facets.theme!.find((c) => c.value === value)?.count ?? 0;
      assert.equal(themeCount(all, 'Sociale zekerheid'), 3);
      const social = await search(register.app.ctx.kysely, { filters: { theme: ['Sociale zekerheid'] } });
      assert.equal(social.total, 3);
      // The theme facet still shows the other themes' counts (choosing one more widens the result).
      assert.equal(themeCount(social, 'Verkeer'), 1);
      const two = await search(register.app.ctx.kysely, { filters: { theme: ['Sociale zekerheid', 'Verkeer'] } });
      assert.equal(two.total, 4);
      const narrowed = await search(register.app.ctx.kysely, { filters: { theme: ['Sociale zekerheid'], status: ['In gebruik'] } });
      assert.equal(narrowed.total, 3);
      const impact = all.facets.impact_assessment!;
      assert.equal(impact.find((c) => c.value === 'Data Protection Impact Assessment (DPIA)')?.count, 1);
      assert.equal(impact.find((c) => c.value === 'none')?.count, CORPUS.length - 1);
      assert.equal(all.facets.year!.find((c) => c.value === '2019')?.count, 1);
      const byText = await search(register.app.ctx.kysely, { q: 'aanvragen', filters: { organisation: ['gemeente-rotterdam'] } });
      assert.deepEqual(byText.results.map((h) => [h.name, h.organisation_code]), [['Beoordeling aanvraag maatwerkvoorziening', 'gemeente-rotterdam']]);
    });

    it('sorts by name and by newest, pages stably', async () => {
      const byNameSort = await search(register.app.ctx.kysely, { sort: 'name', limit: 100 });
      const names = byNameSort.results.map((h) => h.name.toLowerCase());
      assert.deepEqual(names, [...names].sort((a, b) => a.localeCompare(b, 'en')));
      const pages = [];
      for (let offset = 0; offset < CORPUS.length; offset += 5) pages.push(...(await search(register.app.ctx.kysely, { sort: 'newest', limit: 5, offset })).results);
      assert.equal(new Set(pages.map((h) => h.lars)).size, CORPUS.length);
    });

    it('follows publication: a retracted or removed algorithm leaves the index, a published one enters it', async () => {
      const db = register.app.ctx.kysely;
      const lars = byName.get('Voorspelling waterpeil')!;
      const algorithm = (await findAlgorithm(db, lars))!;
      const natureCount = async () => (await search(db, {})).facets.theme!.find((c) => c.value === 'Natuur en milieu')?.count ?? 0;
      const natureBefore = await natureCount();
      await changeState(db, algorithm, 'ictu_last', 'retract', SYSTEM_ACTOR);
      assert.equal((await search(db, { q: 'waterpeil' })).total, 0);
      // The whole-index facet counts (remembered per index generation) follow at once.
      assert.equal(await natureCount(), natureBefore - 1);
      await changeState(db, algorithm, 'ictu_last', 'release', SYSTEM_ACTOR);
      await changeState(db, algorithm, 'ictu_last', 'publish', SYSTEM_ACTOR);
      assert.equal((await search(db, { q: 'waterpeil' })).total, 1);
      const other = (await findAlgorithm(db, byName.get('Handhaving vakantieverhuur')!))!;
      await removeAlgorithm(db, other, SYSTEM_ACTOR);
      assert.equal((await search(db, { q: 'vakantieverhuur' })).total, 0);
      // A rebuild gives the same index as the one kept up to date along the way.
      const before = (await search(db, { limit: 100, sort: 'name' })).results.map((h) => h.lars);
      assert.equal(await rebuildSearchIndex(db), CORPUS.length - 1);
      assert.deepEqual((await search(db, { limit: 100, sort: 'name' })).results.map((h) => h.lars), before);
    });

    it('answers a repeated search from memory until the index changes', async () => {
      const db = register.app.ctx.kysely;
      const algorithm = (await findAlgorithm(db, byName.get('Voorspelling waterpeil')!))!;
      const first = await search(db, { q: 'waterpeil' });
      assert.equal(first.total, 1);
      // The same search, however written, is the same answer.
      assert.equal(await search(db, { q: ' waterpeil ' }), first);
      const themes = { theme: ['Natuur en milieu', 'Verkeer'] };
      assert.equal(await search(db, { filters: { theme: ['Verkeer', 'Natuur en milieu'] } }), await search(db, { filters: themes }));
      assert.notEqual(await search(db, { q: 'waterpeil', sort: 'name' }), first);
      // A change to the index: a new answer, from then on.
      await changeState(db, algorithm, 'ictu_last', 'retract', SYSTEM_ACTOR);
      const retracted = await search(db, { q: 'waterpeil' });
      assert.equal(retracted.total, 0);
      assert.equal(await search(db, { q: 'waterpeil' }), retracted);
      await changeState(db, algorithm, 'ictu_last', 'release', SYSTEM_ACTOR);
      await changeState(db, algorithm, 'ictu_last', 'publish', SYSTEM_ACTOR);
      assert.equal((await search(db, { q: 'waterpeil' })).total, 1);
      // SEARCH_CACHE_ENTRIES=0: every search anew.
      keepSearchAnswers(db, 0);
      assert.notEqual(await search(db, { q: 'waterpeil' }), await search(db, { q: 'waterpeil' }));
      keepSearchAnswers(db, 1000);
    });

    it('finds a text once for all its facets, orders and pages until the index changes', async () => {
      const db = register.app.ctx.kysely;
      const q = 'waterpeil';
      assert.equal((await search(db, { q })).total, 1);
      // The document leaves the text index behind the register's back: no new index generation.
      const { algorithm_id } = await db.selectFrom('search_documents').select('algorithm_id').where('name', '=', 'Voorspelling waterpeil').executeTakeFirstOrThrow();
      const row = await db.selectFrom('search_documents').selectAll().where('algorithm_id', '=', algorithm_id).executeTakeFirstOrThrow();
      await db.deleteFrom('search_documents').where('algorithm_id', '=', algorithm_id).execute();
      try {
        // Other searches of the same text (another order, a filter, a page) use the matches found before…
        assert.equal((await search(db, { q, sort: 'name' })).total, 1);
        assert.equal((await search(db, { q: ` ${q}`, offset: 20 })).total, 1);
        // …and a search of another text finds anew.
        assert.equal((await search(db, { q: 'waterpeil*' })).total, 0);
        // SEARCH_CACHE_ENTRIES=0: found anew.
        keepSearchAnswers(db, 0);
        assert.equal((await search(db, { q, sort: 'newest' })).total, 0);
      } finally {
        keepSearchAnswers(db, 1000);
        await db.insertInto('search_documents').values(row).execute();
      }
      // Put back (and for the next searches, a new generation): found again.
      await rebuildSearchIndex(db);
      assert.equal((await search(db, { q })).total, 1);
      assert.equal((await search(db, { q, sort: 'name' })).results[0].name, 'Voorspelling waterpeil');
    });

    it("keeps an algorithm page's similar algorithms until the index changes", async () => {
      const db = register.app.ctx.kysely;
      const ids = (await db.selectFrom('search_documents').select('algorithm_id').orderBy('algorithm_id').execute()).map((d) => d.algorithm_id);
      let id = 0;
      let first: Awaited<ReturnType<typeof similarAlgorithms>> = [];
      for (const candidate of ids) {
        first = await similarAlgorithms(db, candidate);
        id = candidate;
        if (first.length > 0) break;
      }
      assert.ok(first.length > 0, 'some algorithm of the corpus has similar ones');
      assert.equal(await similarAlgorithms(db, id), first, 'the same list, kept');
      // The most similar one leaves the index behind the register's back: no new index generation.
      const gone = await db.selectFrom('search_documents').selectAll().where('lars', '=', first[0].lars).executeTakeFirstOrThrow();
      await db.deleteFrom('search_documents').where('algorithm_id', '=', gone.algorithm_id).execute();
      try {
        assert.deepEqual(await similarAlgorithms(db, id), first);
        // SEARCH_CACHE_ENTRIES=0: looked for anew.
        keepSearchAnswers(db, 0);
        assert.ok(!(await similarAlgorithms(db, id)).some((s) => s.lars === gone.lars));
      } finally {
        keepSearchAnswers(db, 1000);
        await db.insertInto('search_documents').values(gone).execute();
      }
      // A new generation: looked for anew.
      await rebuildSearchIndex(db);
      const again = await similarAlgorithms(db, id);
      assert.notEqual(again, first);
      assert.deepEqual(again, first);
    });

    it('finds a phrase only where its words stand together in one part of the text', async () => {
      const db = register.app.ctx.kysely;
      const report = await importRecords(
        db,
        [
          validRecordFor('Zwaluwstaart kolibrie pelikaan', 'Een doel.'),
          // Both pairs of the phrase, but apart.
          validRecordFor('Vogels', '<p>De zwaluwstaart kolibrie vliegt. Een kolibrie pelikaan zwemt.</p>'),
          // The phrase from the end of the name into the goal.
          validRecordFor('Over de zwaluwstaart', '<p>Kolibrie pelikaan.</p>'),
        ],
        SYSTEM_ACTOR,
        { publish: true },
      );
      assert.equal(report.created, 3, JSON.stringify(report.errors));
      const names = async (q: string) => (await search(db, { q, sort: 'name' })).results.map((h) => h.name);
      assert.deepEqual(await names('"zwaluwstaart kolibrie pelikaan"'), ['Zwaluwstaart kolibrie pelikaan']);
      assert.deepEqual(await names('"zwaluwstaart kolibrie"'), ['Vogels', 'Zwaluwstaart kolibrie pelikaan']);
      assert.deepEqual(await names('"kolibrie pelikaan"'), ['Over de zwaluwstaart', 'Vogels', 'Zwaluwstaart kolibrie pelikaan']);
      assert.deepEqual(await names('"zwaluwstaart kolibrie" vliegt'), ['Vogels']);
    });

    it('ranks a broad search by name and short description, every match still found', async () => {
      const db = register.app.ctx.kysely;
      const report = await importRecords(
        db,
        [validRecordFor('Kompasnaald in de naam', 'Een doel.'), validRecordFor('Iets anders', 'De kompasnaald staat alleen in het doel.'), validRecordFor('Kompasnaald ook hier', 'Kompasnaald kompasnaald.')],
        SYSTEM_ACTOR,
        { publish: true },
      );
      assert.equal(report.created, 3, JSON.stringify(report.errors));
      const query = parseQuery('kompasnaald');
      const full = await matchesOf(db, query);
      const broad = await matchesOf(db, query, 0);
      const idOf = async (name: string) => (await db.selectFrom('search_documents').select('algorithm_id').where('name', '=', name).executeTakeFirstOrThrow()).algorithm_id;
      const [inName, inBody, inBoth] = [await idOf('Kompasnaald in de naam'), await idOf('Iets anders'), await idOf('Kompasnaald ook hier')];
      // Ranked on all text: every match has a rank.
      assert.deepEqual([...full.ids].sort(), [inName, inBody, inBoth].sort());
      assert.deepEqual([...full.rankedIds].sort(), [...full.ids].sort());
      // Broad: every match found, only those with the word in the name ranked (so first).
      assert.deepEqual([...broad.ids].sort(), [...full.ids].sort());
      assert.deepEqual([...broad.rankedIds].sort(), [inName, inBoth].sort());
      assert.ok(broad.ranks.every((r) => r > 0));
      const names = (await search(db, { q: 'kompasnaald' })).results.map((h) => h.name);
      assert.equal(names[2], 'Iets anders');
    });

    it('ranks a broad phrase search only among its matches: a phrase does not run from the name into the short description', async () => {
      const db = register.app.ctx.kysely;
      const report = await importRecords(
        db,
        [
          validRecord({ name: 'Register van de tapir', description_short: 'Okapi en andere dieren worden geteld.', goal: 'Een doel.', organization: 'Gemeente Gelijktijd' }),
          validRecord({ name: 'Telling tapir okapi', description_short: 'Dieren worden geteld.', goal: 'Een doel.', organization: 'Gemeente Gelijktijd' }),
        ],
        SYSTEM_ACTOR,
        { publish: true },
      );
      assert.equal(report.created, 2, JSON.stringify(report.errors));
      const phrase = (await db.selectFrom('search_documents').select('algorithm_id').where('name', '=', 'Telling tapir okapi').executeTakeFirstOrThrow()).algorithm_id;
      // Ranked by name and short description alone (as a search of thousands of matches is).
      const broad = await matchesOf(db, parseQuery('"tapir okapi"'), 0);
      assert.deepEqual(broad.ids, [phrase]);
      assert.deepEqual(broad.rankedIds, [phrase]);
      assert.equal(broad.ranks.length, 1);
      assert.deepEqual((await search(db, { q: '"tapir okapi"' })).results.map((h) => h.name), ['Telling tapir okapi']);
    });

    it('keeps another app server on the same database current, also one further behind than the change log', async () => {
      const db = register.app.ctx.kysely;
      const other = openDb(register.config.databaseUrl);
      try {
        const lars = byName.get('Voorspelling waterpeil')!;
        const algorithm = (await findAlgorithm(db, lars))!;
        const natureCount = async () => (await search(other.kysely, {})).facets.theme!.find((c) => c.value === 'Natuur en milieu')?.count ?? 0;
        const before = await natureCount();
        assert.equal((await search(other.kysely, { q: 'waterpeil' })).total, 1);
        await changeState(db, algorithm, 'ictu_last', 'retract', SYSTEM_ACTOR);
        assert.equal((await search(other.kysely, { q: 'waterpeil' })).total, 0);
        assert.equal(await natureCount(), before - 1);
        // Two changes the other server has not read, and the log forgets the first: it must reload everything.
        await changeState(db, algorithm, 'ictu_last', 'release', SYSTEM_ACTOR);
        await changeState(db, algorithm, 'ictu_last', 'publish', SYSTEM_ACTOR);
        const stranger = (await findAlgorithm(db, byName.get('Controle uitwonendenbeurs')!))!;
        await changeState(db, stranger, 'ictu_last', 'retract', SYSTEM_ACTOR);
        await db.deleteFrom('search_changes').where('generation', '<', await indexGeneration(db)).execute();
        assert.equal((await search(other.kysely, {})).total, (await search(db, {})).total);
        await changeState(db, stranger, 'ictu_last', 'release', SYSTEM_ACTOR);
        await changeState(db, stranger, 'ictu_last', 'publish', SYSTEM_ACTOR);
        assert.equal(await natureCount(), before);
        assert.deepEqual(
          (await search(other.kysely, { filters: { theme: ['Natuur en milieu'] }, sort: 'name', limit: 50 })).results.map((h) => h.lars),
          (await search(db, { filters: { theme: ['Natuur en milieu'] }, sort: 'name', limit: 50 })).results.map((h) => h.lars),
        );
      } finally {
        await other.close();
      }
    });

    it('indexes concurrent publishes that share words without deadlock, and splits words at list items', async () => {
      const db = register.app.ctx.kysely;
      // The same words in a different order in each: transactions meet them in different orders.
      const shared = ['alfawoord', 'bravowoord', 'charliewoord', 'deltawoord', 'echowoord', 'foxtrotwoord', 'golfwoord', 'hotelwoord'];
      const records = Array.from({ length: 8 }, (_, i) =>
        validRecordFor(`Gelijktijdig gepubliceerd ${i}`, `<ul><li>${[...shared.slice(i), ...shared.slice(0, i)].join(' ')} uitkering</li><li>parkeren${i} afval</li></ul>`),
      );
      const report = await importRecords(db, records, SYSTEM_ACTOR);
      const algorithms = await Promise.all(report.lars.map(async (lars) => (await findAlgorithm(db, lars))!));
      await Promise.all(algorithms.map((a) => changeState(db, a, 'ictu_last', 'release', SYSTEM_ACTOR)));
      await Promise.all(algorithms.map((a) => changeState(db, a, 'ictu_last', 'publish', SYSTEM_ACTOR)));
      assert.equal((await search(db, { q: 'gelijktijdig gepubliceerd' })).total, 8);
      // "uitkering</li><li>parkeren3" must not become one word.
      assert.equal((await search(db, { q: 'parkeren3' })).total, 1);
      assert.equal((await search(db, { q: 'uitkeringparkeren3' })).total, 0);
    });

    it('answers the open-data search API with facets, and names bad filter values', async () => {
      const ok = await register.call('GET', '/api/v1/algorithms?q=uitkeringen&theme=Sociale%20zekerheid&limit=5');
      assert.equal(ok.status, 200);
      assert.equal(ok.headers.get('access-control-allow-origin'), '*');
      assert.ok(ok.body.total >= 1);
      assert.ok(ok.body.results[0].lars && ok.body.results[0].name && ok.body.results[0].organization);
      assert.equal(ok.body.facets.theme.find((c: { value: string }) => c.value === 'Sociale zekerheid').label.en, 'Social Security');
      const etag = ok.headers.get('etag')!;
      const again = await register.call('GET', '/api/v1/algorithms?q=uitkeringen&theme=Sociale%20zekerheid&limit=5', { headers: { 'if-none-match': etag } });
      assert.equal(again.status, 304);
      const bad = await register.call('GET', '/api/v1/algorithms?theme=Astrologie&limit=0');
      assert.equal(bad.status, 400);
      assert.match(bad.body.detail, /theme: "Astrologie"/);
      assert.match(bad.body.detail, /limit/);
      const suggest = await register.call('GET', '/api/v1/suggest?q=parkeerc');
      assert.deepEqual(suggest.body.map((s: { name: string }) => s.name), ['Parkeercontrole met scanauto']);
      const lars = byName.get('Controle uitwonendenbeurs')!;
      const one = await register.call('GET', `/api/v1/algorithms/${lars}`);
      assert.equal(one.status, 200);
      assert.equal(one.body.name, 'Controle uitwonendenbeurs');
      assert.equal((await register.call('GET', '/api/v1/algorithms/12345678')).status, 404);
    });
  });
}

for (const engine of ENGINES) {
  describe(`search follows a renamed organisation (${engine})`, () => {
    let register: TestRegister;
    before(async () => {
      register = await startRegister(engine);
    });
    after(() => register.close());

    it('shows, finds and counts its algorithms under the new name and type, in the same step as the change', async () => {
      const db = register.app.ctx.kysely;
      const org = await createOrganisation(db, { code: 'gm9001', name: 'Gemeente Oudenaam', type: 'gemeente' }, SYSTEM_ACTOR);
      const records = [validRecord({ name: 'Parkeerscan', organization: 'Gemeente Oudenaam' }), validRecord({ name: 'Afvalroute', organization: 'Gemeente Oudenaam' })];
      const report = await importRecords(db, records.map((r) => ({ ...r, organisation_code: 'gm9001' })), SYSTEM_ACTOR, { publish: true });
      assert.equal(report.created, 2, JSON.stringify(report.errors));
      assert.equal((await search(db, { q: 'Oudenaam' })).total, 2);

      await updateOrganisation(db, org, { name: 'Gemeente Nieuwstad', type: 'waterschap' }, SYSTEM_ACTOR);
      assert.equal((await search(db, { q: 'Oudenaam' })).total, 0, 'the old name is no longer found');
      const renamed = await search(db, { q: 'Nieuwstad' });
      assert.equal(renamed.total, 2);
      for (const hit of renamed.results) assert.deepEqual([hit.organisation_name, hit.organisation_type], ['Gemeente Nieuwstad', 'waterschap']);
      const all = await search(db, {});
      assert.deepEqual(all.facets.organisation_type, [{ value: 'waterschap', count: 2 }]);
      assert.equal((await search(db, { filters: { organisation_type: ['gemeente'] } })).total, 0);

      // A change of flow alone leaves the index as it is.
      const generation = await indexGeneration(db);
      await updateOrganisation(db, { ...org, name: 'Gemeente Nieuwstad', type: 'waterschap' }, { flow: 'self_publish_two' }, SYSTEM_ACTOR);
      assert.equal(await indexGeneration(db), generation);
    });

    it('finds, filters and counts algorithms whatever their database id (ids beyond the facet memory\'s dense range)', async () => {
      const db = register.app.ctx.kysely;
      await createOrganisation(db, { code: 'gm9002', name: 'Gemeente Grootgetal', type: 'gemeente' }, SYSTEM_ACTOR);
      const publish = async (name: string, theme: string) => {
        const report = await importRecords(db, [{ ...validRecord({ name, organization: 'Gemeente Grootgetal', category: [theme] }), organisation_code: 'gm9002' }], SYSTEM_ACTOR, { publish: true });
        assert.equal(report.created, 1, JSON.stringify(report.errors));
        return (await findAlgorithm(db, report.lars[0]))!.id;
      };
      const small = await publish('Kleinnummer kwijtschelding', 'Sociale zekerheid');
      if (engine === 'sqlite') await sql`update sqlite_sequence set seq = 20000000 where name = 'algorithms'`.execute(db);
      else await sql`select setval('algorithms_id_seq', 20000000)`.execute(db);
      const large = await publish('Grootnummer kwijtschelding', 'Wonen');
      assert.ok(small < 1 << 24 && large > 1 << 24, `ids ${small} and ${large}`);

      const found = await search(db, { q: 'kwijtschelding', filters: { organisation: ['gm9002'] } });
      assert.deepEqual(found.results.map((h) => h.algorithm_id).sort((a, b) => a - b), [small, large]);
      assert.deepEqual(found.facets.theme, [{ value: 'Sociale zekerheid', count: 1 }, { value: 'Wonen', count: 1 }]);
      const wonen = await search(db, { q: 'kwijtschelding', filters: { organisation: ['gm9002'], theme: ['Wonen'] } });
      assert.deepEqual(wonen.results.map((h) => h.name), ['Grootnummer kwijtschelding']);
      // Withdrawn, it leaves the memory too.
      await removeAlgorithm(db, (await findAlgorithm(db, wonen.results[0].lars))!, SYSTEM_ACTOR);
      assert.deepEqual((await search(db, { q: 'kwijtschelding', filters: { organisation: ['gm9002'] } })).results.map((h) => h.algorithm_id), [small]);
    });
  });
}

// With both engines in the run (always in CI), their answers must be the same.
if (ENGINES.length > 1) {
  describe('search engines agree', () => {
    it('SQLite and PostgreSQL find the same algorithms for every query of the relevance set', () => {
      for (const c of CASES) assert.deepEqual(answers.get('postgres')!.get(c.query), answers.get('sqlite')!.get(c.query), c.query);
    });
  });
}

describe('id lists from the engines', () => {
  it('reads every id of a comma-separated list, as Number would', () => {
    assert.deepEqual(idList(null), []);
    assert.deepEqual(idList('7'), [7]);
    fc.assert(fc.property(fc.array(fc.nat({ max: 2 ** 31 - 1 }), { minLength: 1, maxLength: 50 }), (ids) => assert.deepEqual(idList(ids.join(',')), ids)));
  });
});

describe('edit distance', () => {
  it('counts a swap of two letters as one edit', () => {
    assert.equal(editDistance('algoritem', 'algoritme', 2), 1);
    assert.equal(editDistance('gemeente', 'gemeente', 1), 0);
    assert.equal(editDistance('abc', 'xyz', 1), 2);
  });
});
