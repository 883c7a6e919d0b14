// The public effects of compliance, on both engines over real HTTP: a partly withheld description shows
// which fields are withheld and on what ground and hides them (page, JSON twin, open-data API), an
// algorithm excluded from publication after it was published is no longer found (nor its LARS listed), a high-risk system's EU
// registration facts are in open data, and the national dashboard with its JSON twin.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINES } from '../helpers/engines.ts';
import { startRegister, type TestRegister } from '../helpers/server.ts';
import { addAlgorithm, textOf } from '../beheer/management-client.ts';
import { findOrganisation } from '../../src/register/organisations.ts';
import { approveExclusion, recordDutyAssessment, recordExclusion, refreshAllQualityScores, setEuRegistration } from '../../src/compliance/index.ts';

const eva = { id: 'user:eva', name: 'Eva Editor' };
const erik = { id: 'user:erik', name: 'Erik Editor' };

for (const engine of ENGINES) {
  describe(`compliance on the public site and in open data (${engine})`, () => {
    let r: TestRegister;
    let partly: string;
    before(async () => {
      r = await startRegister(engine);
      await r.org('gm0900', 'ictu_last', 'Gemeente Elf');
      await r.org('gm0901', 'ictu_last', 'Gemeente Twaalf');
      const db = r.app.ctx.kysely;
      const org = (await findOrganisation(db, 'gm0900'))!;
      const algorithm = await addAlgorithm(r, 'gm0900', 'Toezicht op horeca', 'PUBLISHED');
      partly = algorithm.lars;
      const exclusion = await recordExclusion(
        db,
        org.id,
        algorithm.id,
        { ground: 'other_woo_ground', groundText: 'art. 5.1 lid 2 onder d Woo', scope: 'fields_withheld', withheldFields: ['goal'], justification: 'Inspecties blijven onvoorspelbaar.', reviewDate: '2999-01-01' },
        eva,
      );
      await approveExclusion(db, org.id, exclusion.id, erik);
    });
    after(() => r.close());

    it('shows which fields are withheld and on what ground, and hides them', async () => {
      for (const [path, title, ground] of [
        [`/algoritme/${partly}`, /Niet alles is openbaar/, /op grond van: Een andere grond uit de Wet open overheid \(art\. 5\.1 lid 2 onder d Woo\)/],
        [`/en/algoritme/${partly}`, /Not everything is public/, /on the ground of: Another ground of the Open Government Act \(Woo\) \(art\. 5\.1 lid 2 onder d Woo\)/],
      ] as const) {
        const page = await fetch(`${r.url}${path}`);
        assert.equal(page.status, 200);
        const text = textOf(await page.text());
        assert.match(text, title);
        assert.match(text, ground);
        assert.ok(!text.includes('Aanvragen sneller afhandelen'), 'the withheld goal is not shown');
      }
      const nl = textOf(await (await fetch(`${r.url}/algoritme/${partly}`)).text());
      assert.match(nl, /Niet openbaar zijn: Doel en impact/);
      assert.match(nl, /Doel en impact Niet openbaar \(Een andere grond/);
    });

    it('leaves withheld fields out of open data and names them', async () => {
      for (const path of [`/api/v1/algorithms/${partly}`, `/algoritme/${partly}?format=json`]) {
        const answer = await r.call('GET', path);
        assert.equal(answer.status, 200, path);
        assert.ok(!('goal' in answer.body), path);
        assert.equal(answer.body.name, 'Toezicht op horeca');
        assert.deepEqual(answer.body.withheld.fields, ['goal']);
        assert.equal(answer.body.withheld.ground, 'other_woo_ground');
        assert.equal(answer.body.withheld.ground_text, 'art. 5.1 lid 2 onder d Woo');
      }
      const versions = await r.call('GET', `/api/v1/algorithms/${partly}/versions`);
      const version = await r.call('GET', `/api/v1/algorithms/${partly}/versions/${versions.body[0].version_id}`);
      assert.ok(!('goal' in version.body));
    });

    it('no longer shows an algorithm excluded from publication after it was published', async () => {
      const db = r.app.ctx.kysely;
      const org = (await findOrganisation(db, 'gm0900'))!;
      const algorithm = await addAlgorithm(r, 'gm0900', 'Geheime analyse', 'PUBLISHED');
      assert.equal((await fetch(`${r.url}/algoritme/${algorithm.lars}`)).status, 200);
      const exclusion = await recordExclusion(db, org.id, algorithm.id, { ground: 'intelligence_security_services', scope: 'not_published', justification: 'Staatsveiligheid.', reviewDate: '2999-01-01' }, eva);
      // Listed before, by its LARS, in the sitemap, the download and on its organisation's page.
      const sitemap = async () => (await fetch(`${r.url}/sitemaps/algorithms-1.xml`)).text();
      const download = async () => (await fetch(`${r.url}/api/v1/downloads/algorithms.csv`)).text();
      const organisationPage = async () => (await fetch(`${r.url}/organisatie/gm0900`)).text();
      assert.match(await sitemap(), new RegExp(`/algoritme/${algorithm.lars}<`));
      assert.match(await download(), new RegExp(`^${algorithm.lars},`, 'm'));
      assert.match(await organisationPage(), /Geheime analyse/);
      const counted = async () => ((await (await fetch(`${r.url}/statistieken?format=json`)).json()) as { published_algorithms: number }).published_algorithms;
      const before = await counted();
      await approveExclusion(db, org.id, exclusion.id, erik);
      assert.equal((await fetch(`${r.url}/algoritme/${algorithm.lars}`)).status, 404);
      assert.equal((await r.call('GET', `/api/v1/algorithms/${algorithm.lars}`)).status, 404);
      // Not even its LARS or name is public any more: not in the sitemap, a download or its organisation's page.
      assert.doesNotMatch(await sitemap(), new RegExp(algorithm.lars));
      assert.doesNotMatch(await download(), new RegExp(algorithm.lars));
      const page = await organisationPage();
      assert.doesNotMatch(page, /Geheime analyse/);
      assert.doesNotMatch(page, new RegExp(algorithm.lars));
      // No error can be reported on it (the form would name it).
      assert.equal((await fetch(`${r.url}/algoritme/${algorithm.lars}/fout-melden`)).status, 404);
      // Nor is it counted in the statistics.
      assert.equal(await counted(), before - 1);
    });

    it("includes a high-risk system's EU registration facts in open data", async () => {
      const db = r.app.ctx.kysely;
      const org = (await findOrganisation(db, 'gm0900'))!;
      const algorithm = await addAlgorithm(r, 'gm0900', 'Risicoscore bijstand', 'PUBLISHED');
      await recordDutyAssessment(db, org.id, algorithm.id, { 'algorithm-in-scope': 'yes', 'high-risk-ai': 'yes' }, eva);
      await setEuRegistration(db, org.id, algorithm.id, { euDatabaseReference: 'EU-DB-7', friaSummary: 'FRIA gedaan.', dpiaSummary: 'DPIA gedaan.' }, eva);
      const answer = await r.call('GET', `/api/v1/algorithms/${algorithm.lars}`);
      assert.deepEqual(answer.body.eu_registration, { eu_database_reference: 'EU-DB-7', fria_summary: 'FRIA gedaan.', dpia_summary: 'DPIA gedaan.' });
      assert.equal((await r.call('GET', `/api/v1/algorithms/${partly}`)).body.eu_registration, undefined, 'only where there are facts');
    });

    it('shows the national dashboard in both languages, with its JSON twin', async () => {
      await refreshAllQualityScores(r.app.ctx.kysely);
      const nl = await fetch(`${r.url}/dashboard`);
      assert.equal(nl.status, 200);
      const text = textOf(await nl.text());
      assert.match(text, /Dashboard publicatieplicht/);
      assert.match(text, /Organisaties die niets publiceren .*Gemeente Twaalf/);
      assert.ok(!/Organisaties die niets publiceren [^]*Gemeente Elf[^]*Dekking/.test(text), 'an organisation that publishes is not listed');
      assert.match(text, /Dekking per soort organisatie/);
      assert.match(text, /Gemiddelde score: \d+ van 100/);
      const en = await fetch(`${r.url}/en/dashboard`);
      assert.equal(en.status, 200);
      assert.match(textOf(await en.text()), /Organisations that publish nothing/);
      const json = await r.call('GET', '/dashboard?format=json');
      assert.equal(json.status, 200);
      assert.ok(json.body.publishing_nothing.organisations.some((o: { code: string }) => o.code === 'gm0901'));
      assert.ok(!json.body.publishing_nothing.organisations.some((o: { code: string }) => o.code === 'gm0900'));
      const coverage = json.body.coverage.reduce((sum: number, c: { organisations: number }) => sum + c.organisations, 0);
      assert.ok(coverage >= 2);
      assert.ok(json.body.quality.scored >= 2);
    });
  });
}
