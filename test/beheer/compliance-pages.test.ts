// Management's compliance pages over real HTTP, on both engines: the publication-duty questionnaire (one
// question at a time, the outcome stored with who and when, the suggested category taken into the draft,
// asked again when the status changes), the AI Act decision aid (one question per page, back, the profile
// stored with the tree version, the requirements diff), requirement statuses, exclusion grounds with four
// eyes, the refusal to publish a fully excluded algorithm, EU registration facts, the edit page's summary,
// the organisation dashboard, and that another organisation finds none of it.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINES } from '../helpers/engines.ts';
import { startRegister, type TestRegister } from '../helpers/server.ts';
import { addAlgorithm, addPerson, ManagementClient, textOf } from './management-client.ts';
import { changeState, createAlgorithm, latestVersion, updateAlgorithm, type Algorithm } from '../../src/register/algorithms.ts';
import { findOrganisation } from '../../src/register/organisations.ts';
import { validRecord } from '../fixtures/records.ts';
import type { AlgorithmContent } from '../../src/standard/types.ts';

const base = (lars: string) => `/beheer/algoritme/${lars}`;

for (const engine of ENGINES) {
  describe(`compliance pages in management (${engine})`, () => {
    let r: TestRegister;
    let eva: ManagementClient;
    let erik: ManagementClient;
    let piet: ManagementClient;
    let other: ManagementClient;
    before(async () => {
      r = await startRegister(engine);
      await r.org('gm0800', 'ictu_last', 'Gemeente Negen');
      await r.org('gm0801', 'ictu_last', 'Gemeente Tien');
      const sign = async (roles: string[], org: string) => {
        const client = new ManagementClient(r);
        const res = await client.signIn((await addPerson(r, { roles, organisations: [org] })).username);
        assert.equal(res.status, 303);
        return client;
      };
      eva = await sign(['role_1'], 'gm0800');
      erik = await sign(['role_1'], 'gm0800');
      piet = await sign(['ictu'], 'gm0800');
      other = await sign(['role_1'], 'gm0801');
    });
    after(() => r.close());

    async function algorithmWith(name: string, overrides: Record<string, unknown> = {}): Promise<Algorithm> {
      const org = (await findOrganisation(r.app.ctx.kysely, 'gm0800'))!;
      const { algorithm } = await createAlgorithm(r.app.ctx.kysely, org, validRecord({ name, organization: org.name, ...overrides }) as AlgorithmContent, { id: 'user:x', name: 'X' });
      return algorithm;
    }

    /** Answers the duty questions through the GET form, question by question, and records the outcome. */
    async function assess(client: ManagementClient, lars: string, answers: [string, string][]) {
      let query = '';
      for (const [id, answer] of answers) {
        const step = await client.get(`${base(lars)}/publicatieplicht${query ? `?${query}` : ''}`);
        assert.equal(step.status, 200, textOf(step.html));
        assert.match(step.html, new RegExp(`name="${id}"`));
        query = `${query ? `${query}&` : ''}${id}=${answer}`;
      }
      const outcome = await client.get(`${base(lars)}/publicatieplicht?${query}`);
      assert.equal(outcome.status, 200);
      const stored = await client.post(`${base(lars)}/publicatieplicht`, Object.fromEntries(answers));
      assert.equal(stored.status, 303);
      assert.equal(stored.location, `${base(lars)}/verantwoording?melding=plicht`);
      return outcome;
    }

    it('asks the duty questions one at a time, stores the outcome with who and when, and takes the category into the draft', async () => {
      const algorithm = await algorithmWith('Parkeerboetes innen', { publication_category: 'Overige algoritmes' });
      const lars = algorithm.lars;
      const empty = textOf((await eva.get(`${base(lars)}/verantwoording`)).html);
      assert.match(empty, /De vragen over de publicatieplicht zijn nog niet beantwoord/);

      const first = await eva.get(`${base(lars)}/publicatieplicht`);
      assert.equal(first.status, 200);
      assert.match(textOf(first.html), /Gaat het om een algoritme dat uw organisatie gebruikt/);
      assert.ok(!/Heeft het algoritme invloed op een proces met rechtsgevolgen/.test(textOf(first.html)), 'one question at a time');
      const unanswered = await eva.get(`${base(lars)}/publicatieplicht?verder=1`);
      assert.equal(unanswered.status, 422);
      assert.match(textOf(unanswered.html), /Kies een antwoord/);

      const outcome = await assess(eva, lars, [
        ['algorithm-in-scope', 'yes'],
        ['high-risk-ai', 'no'],
        ['legal-effects', 'yes'],
      ]);
      assert.match(textOf(outcome.html), /Publiceren verplicht, als impactvol algoritme \(categorie B\)/);
      assert.match(outcome.html, /href="\/beheer\/algoritme\/\d{8}\/publicatieplicht\?algorithm-in-scope=yes&amp;high-risk-ai=no"/, 'a way back to the previous question');

      const overview = textOf((await eva.get(`${base(lars)}/verantwoording?melding=plicht`)).html);
      assert.match(overview, /De uitkomst van de publicatieplicht is vastgelegd/);
      assert.match(overview, /Publiceren verplicht, als impactvol algoritme \(categorie B\)/);
      assert.match(overview, /De publicatieplicht geldt nu/);
      assert.match(overview, /Vastgelegd door /);
      assert.match(overview, /Voorgestelde publicatiecategorie: Impactvolle algoritmes/);
      const row = await r.app.ctx.kysely.selectFrom('duty_assessments').selectAll().where('algorithm_id', '=', algorithm.id).executeTakeFirstOrThrow();
      assert.equal(row.outcome, 'must-publish-b');
      assert.deepEqual(JSON.parse(row.answers), { 'algorithm-in-scope': 'yes', 'high-risk-ai': 'no', 'legal-effects': 'yes' });

      const taken = await eva.post(`${base(lars)}/publicatieplicht/categorie`, { basis: '0' });
      assert.equal(taken.status, 303);
      assert.equal(taken.location, `${base(lars)}/verantwoording?melding=categorie`);
      assert.equal((await latestVersion(r.app.ctx.kysely, algorithm.id))!.content.publication_category, 'Impactvolle algoritmes');
      const after = textOf((await eva.get(`${base(lars)}/verantwoording`)).html);
      assert.ok(!after.includes('Beantwoord de vragen opnieuw Het veld'), 'taking the suggestion is no reason to ask again');
      assert.ok(!after.includes('Neem de categorie over'), after);

      // The status changes: the answers may no longer hold.
      const latest = (await latestVersion(r.app.ctx.kysely, algorithm.id))!;
      await updateAlgorithm(r.app.ctx.kysely, algorithm, { ...latest.content, status: 'Buiten gebruik' }, { id: 'user:x', name: 'X' });
      const changed = textOf((await eva.get(`${base(lars)}/verantwoording`)).html);
      assert.match(changed, /Het veld "Status" is veranderd sinds de vragen zijn beantwoord \(In gebruik → Buiten gebruik\)/);
    });

    it('treats doubt as impactful, and defers the duty of an algorithm in development', async () => {
      const algorithm = await algorithmWith('Chatbot in ontwikkeling', { status: 'In ontwikkeling' });
      const outcome = await assess(eva, algorithm.lars, [
        ['algorithm-in-scope', 'yes'],
        ['high-risk-ai', 'no'],
        // Doubt once the high-risk question is answered: no later answer can change the outcome, so none is asked.
        ['legal-effects', 'unsure'],
      ]);
      const text = textOf(outcome.html);
      assert.match(text, /Publiceren verplicht, als impactvol algoritme \(categorie B\)/);
      assert.match(text, /bij twijfel geldt het algoritme als impactvol/);
      assert.match(text, /De publicatieplicht wacht: Het algoritme is nog in ontwikkeling/);
      const dashboard = textOf((await eva.get('/beheer/dashboard')).html);
      assert.ok(!dashboard.includes('Chatbot in ontwikkeling'), 'a deferred duty is not overdue');
    });

    it('walks the AI Act decision aid one question per page with a way back, and stores the profile with the tree version', async () => {
      const algorithm = await algorithmWith('Beeldherkenning containers');
      const lars = algorithm.lars;
      const path = `${base(lars)}/ai-verordening`;
      const start = await eva.get(path);
      assert.equal(start.status, 200);
      assert.match(textOf(start.html), /Bevat de \(beoogde\) toepassing een algoritme\?/);
      const missing = await eva.get(`${path}?vraag=1.1`);
      assert.equal(missing.status, 422);
      assert.match(textOf(missing.html), /Kies een antwoord/);

      // Always the first answer: the tree is sound, so this ends at a conclusion.
      let location = path;
      let html = start.html;
      let steps = 0;
      while (/name="vraag" value="([^"]+)"/.test(html)) {
        const question = /name="vraag" value="([^"]+)"/.exec(html)![1]!;
        const sep = location.includes('?') ? '&' : '?';
        const answered = await eva.get(`${location}${sep}vraag=${encodeURIComponent(question)}&keuze=0`);
        assert.equal(answered.status, 303, `question ${question}`);
        location = answered.location!;
        const next = await eva.get(location);
        assert.equal(next.status, 200);
        html = next.html;
        assert.ok(++steps < 80, 'the walk ends');
      }
      assert.match(textOf(html), /Conclusie .* Profiel/);
      assert.match(html, /Indeling vastleggen/);
      const back = /href="([^"]+)">Vorige vraag/.exec(html)![1]!.replace(/&amp;/g, '&');
      const previous = await eva.get(back);
      assert.equal(previous.status, 200);
      assert.match(previous.html, /name="vraag"/, 'back is the last question again');

      const answers = new URL(location, r.url).searchParams.getAll('a');
      const stored = await eva.post(path, Object.fromEntries([]) as Record<string, string>);
      assert.equal(stored.status, 422, 'no answers is not a classification');
      const body = new URLSearchParams(answers.map((a) => ['a', a]));
      body.set('_csrf', eva.csrf!);
      const ok = await fetch(`${r.url}${path}`, { method: 'POST', headers: { cookie: eva.cookie!, 'content-type': 'application/x-www-form-urlencoded' }, body, redirect: 'manual' });
      assert.equal(ok.status, 303);
      const overview = textOf((await eva.get(`${base(lars)}/verantwoording`)).html);
      assert.match(overview, /Ingedeeld door .* met Beslishulp AI-verordening versie 1\.0\.0/);
      const row = await r.app.ctx.kysely.selectFrom('ai_act_classifications').selectAll().where('algorithm_id', '=', algorithm.id).executeTakeFirstOrThrow();
      assert.equal(row.tree_version, '1.0.0');

      // A second classification ("no algorithm" at the first question) shows what changes in the requirements.
      const again = await eva.get(`${path}?vraag=1.1&keuze=1`);
      assert.equal(again.status, 303);
      const second = new URLSearchParams([['a', '1.1:1'], ['_csrf', eva.csrf!]]);
      assert.equal((await fetch(`${r.url}${path}`, { method: 'POST', headers: { cookie: eva.cookie!, 'content-type': 'application/x-www-form-urlencoded' }, body: second, redirect: 'manual' })).status, 303);
      const diff = textOf((await eva.get(`${base(lars)}/verantwoording`)).html);
      assert.match(diff, /Wat veranderde met de laatste indeling/);
      assert.match(diff, /Geldt niet meer/);
    });

    it('keeps a status per applicable requirement, with the message at the field and the values kept', async () => {
      const algorithm = await algorithmWith('Toeslagen berekenen');
      await assess(eva, algorithm.lars, [
        ['algorithm-in-scope', 'yes'],
        ['high-risk-ai', 'no'],
        ['legal-effects', 'yes'],
      ]);
      const overview = await eva.get(`${base(algorithm.lars)}/verantwoording`);
      assert.match(overview.html, /value="urn:nl:ak:ver:bzk-01"/);
      const refused = await eva.post(`${base(algorithm.lars)}/verantwoording/vereiste`, { vereiste: 'urn:nl:ak:ver:bzk-01', status: 'not_applicable', toelichting: '' });
      assert.equal(refused.status, 422);
      assert.match(textOf(refused.html), /Leg uit waarom dit vereiste niet van toepassing is/);
      assert.match(refused.html, /<option value="not_applicable" selected/);
      const saved = await eva.post(`${base(algorithm.lars)}/verantwoording/vereiste`, { vereiste: 'urn:nl:ak:ver:bzk-01', status: 'done', toelichting: 'Gepubliceerd in maart' });
      assert.equal(saved.status, 303);
      const after = await eva.get(`${base(algorithm.lars)}/verantwoording`);
      assert.match(after.html, /<option value="done" selected/);
      assert.match(after.html, /Gepubliceerd in maart/);
    });

    it('records a partial exclusion, refuses what is wrong at the field, and needs a second person to approve it', async () => {
      const algorithm = await algorithmWith('Fraudesignalen');
      const lars = algorithm.lars;
      const form = await eva.get(`${base(lars)}/uitsluiting`);
      assert.equal(form.status, 200);
      assert.match(form.html, /name="withheldFields" value="goal"/);
      assert.ok(!/name="withheldFields" value="name"/.test(form.html), 'the name is never withheld');
      const refused = await eva.post(`${base(lars)}/uitsluiting`, { ground: 'enforcement_supervision', scope: 'fields_withheld', justification: 'Zou controle omzeilbaar maken.', reviewDate: '2999-01-01' });
      assert.equal(refused.status, 422);
      assert.match(textOf(refused.html), /Kies bij "onderdelen niet openbaar" minstens één onderdeel/);
      assert.match(refused.html, /Zou controle omzeilbaar maken\./);
      assert.match(refused.html, /value="enforcement_supervision" checked/);
      const pastDate = await eva.post(`${base(lars)}/uitsluiting`, { ground: 'enforcement_supervision', scope: 'fields_withheld', withheldFields: 'goal', justification: 'x', reviewDate: '2000-01-01' });
      assert.equal(pastDate.status, 422);
      assert.match(textOf(pastDate.html), /Vul een datum in de toekomst in/);

      const recorded = await eva.post(`${base(lars)}/uitsluiting`, { ground: 'enforcement_supervision', scope: 'fields_withheld', withheldFields: 'goal', justification: 'Zou controle omzeilbaar maken.', reviewDate: '2999-01-01' });
      assert.equal(recorded.status, 303);
      const pending = await eva.get(`${base(lars)}/verantwoording`);
      assert.match(textOf(pending.html), /Handhaving en toezicht – Wacht op goedkeuring/);
      const id = /action="\/beheer\/algoritme\/\d{8}\/uitsluiting\/(\d+)"/.exec(pending.html)![1]!;

      const self = await eva.post(`${base(lars)}/uitsluiting/${id}`, { handeling: 'goedkeuren' });
      assert.equal(self.status, 303);
      assert.match(self.location!, /melding=vier-ogen/);
      assert.match(textOf((await eva.get(self.location!)).html), /U legde deze uitsluitingsgrond zelf vast/);

      await erik.get(`${base(lars)}/verantwoording`);
      const approved = await erik.post(`${base(lars)}/uitsluiting/${id}`, { handeling: 'goedkeuren' });
      assert.match(approved.location!, /melding=uitsluiting-goedgekeurd/);
      const active = textOf((await erik.get(`${base(lars)}/verantwoording`)).html);
      assert.match(active, /Handhaving en toezicht – Van kracht/);
      assert.match(active, /Gepubliceerd, met onderdelen niet openbaar: Doel en impact/);
    });

    it('refuses to publish an algorithm excluded from publication, with a clear message', async () => {
      const algorithm = await addAlgorithm(r, 'gm0800', 'Inlichtingen koppelen', 'STATE_2');
      const lars = algorithm.lars;
      await eva.get(`${base(lars)}/uitsluiting`);
      assert.equal((await eva.post(`${base(lars)}/uitsluiting`, { ground: 'defence_national_security', scope: 'not_published', justification: 'Staatsgeheim.', reviewDate: '2999-01-01' })).status, 303);
      const id = /action="\/beheer\/algoritme\/\d{8}\/uitsluiting\/(\d+)"/.exec((await erik.get(`${base(lars)}/verantwoording`)).html)![1]!;
      assert.match((await erik.post(`${base(lars)}/uitsluiting/${id}`, { handeling: 'goedkeuren' })).location!, /goedgekeurd/);

      const edit = await piet.get(base(lars));
      const basis = /name="basis" value="(\d+)"/.exec(edit.html)![1]!;
      const refused = await piet.post(`${base(lars)}/stap`, { stap: 'publish', basis });
      assert.equal(refused.status, 303);
      assert.equal(refused.location, `${base(lars)}/verantwoording?melding=publicatie-geweigerd`);
      assert.match(textOf((await piet.get(refused.location!)).html), /Publiceren kan niet: voor dit algoritme geldt een uitsluitingsgrond "niet gepubliceerd"/);
      assert.equal((await latestVersion(r.app.ctx.kysely, algorithm.id))!.state, 'STATE_2');
      // The domain refuses whoever publishes.
      await assert.rejects(changeState(r.app.ctx.kysely, algorithm, 'ictu_last', 'publish', { id: 'user:p', name: 'P' }), /EXCLUDED_FROM_PUBLICATION/);
      assert.equal((await r.call('GET', `/api/v1/algorithms/${lars}`)).status, 404);
    });

    it('keeps the EU registration facts of a high-risk system only, values kept when refused', async () => {
      const highRisk = await algorithmWith('Risicoprofiel uitkeringen');
      await assess(eva, highRisk.lars, [
        ['algorithm-in-scope', 'yes'],
        ['high-risk-ai', 'yes'],
      ]);
      const overview = textOf((await eva.get(`${base(highRisk.lars)}/verantwoording`)).html);
      assert.match(overview, /Publiceren verplicht, als hoog-risico AI-systeem \(categorie A\)/);
      assert.match(overview, /Registratie in de EU-databank/);
      const form = await eva.get(`${base(highRisk.lars)}/eu-registratie`);
      assert.equal(form.status, 200);
      const tooLong = await eva.post(`${base(highRisk.lars)}/eu-registratie`, { euDatabaseReference: 'x'.repeat(201), friaSummary: 'Grondrechten bekeken.', dpiaSummary: '' });
      assert.equal(tooLong.status, 422);
      assert.match(textOf(tooLong.html), /Dit is te lang \(hoogstens 200 tekens\)/);
      assert.match(tooLong.html, /Grondrechten bekeken\./);
      const saved = await eva.post(`${base(highRisk.lars)}/eu-registratie`, { euDatabaseReference: 'EU-DB-2025-0042', friaSummary: 'Grondrechten bekeken.', dpiaSummary: 'DPIA gedaan.' });
      assert.equal(saved.status, 303);
      assert.match(textOf((await eva.get(`${base(highRisk.lars)}/verantwoording`)).html), /EU-DB-2025-0042/);

      const ordinary = await algorithmWith('Afvalroutes', { publication_category: 'Overige algoritmes' });
      await eva.get(`${base(ordinary.lars)}/eu-registratie`);
      const refused = await eva.post(`${base(ordinary.lars)}/eu-registratie`, { euDatabaseReference: 'EU-1', friaSummary: '', dpiaSummary: '' });
      assert.equal(refused.status, 409);
      assert.match(textOf(refused.html), /Alleen voor een hoog-risico AI-systeem/);
    });

    it('shows the quality findings on the edit page and the accountability page', async () => {
      const algorithm = await algorithmWith('Kwaliteit bekijken', { contact_email: 'jan.jansen@gemeente.nl' });
      const edit = textOf((await eva.get(base(algorithm.lars))).html);
      assert.match(edit, /Kwaliteit: \d+ van 100 \(\d+ fouten, \d+ aandachtspunten\)/);
      assert.match((await eva.get(base(algorithm.lars))).html, new RegExp(`href="/beheer/algoritme/${algorithm.lars}/verantwoording"`));
      const overview = textOf((await eva.get(`${base(algorithm.lars)}/verantwoording`)).html);
      assert.match(overview, /Kwaliteit van de beschrijving \d+ Score: \d+ van 100/);
      assert.match(overview, /lijkt het adres van één persoon/);
    });

    it('lists an overdue algorithm on the organisation dashboard until it is published', async () => {
      const algorithm = await addAlgorithm(r, 'gm0800', 'Wachtlijst woningen', 'STATE_2');
      await assess(eva, algorithm.lars, [
        ['algorithm-in-scope', 'yes'],
        ['high-risk-ai', 'no'],
        ['legal-effects', 'yes'],
      ]);
      const before = await eva.get('/beheer/dashboard');
      assert.equal(before.status, 200);
      assert.match(textOf(before.html), /Moet gepubliceerd worden en is het niet \(\d+\).*Wachtlijst woningen/);
      assert.ok(!textOf((await other.get('/beheer/dashboard')).html).includes('Wachtlijst woningen'), "another organisation's dashboard does not show it");
      await changeState(r.app.ctx.kysely, algorithm, 'ictu_last', 'publish', { id: 'user:p', name: 'P' });
      assert.ok(!textOf((await eva.get('/beheer/dashboard')).html).includes('Wachtlijst woningen'));
    });

    it("finds no algorithm of another organisation on any compliance route", async () => {
      const algorithm = await addAlgorithm(r, 'gm0800', 'Alleen van Negen');
      const lars = algorithm.lars;
      await eva.get(`${base(lars)}/uitsluiting`);
      await eva.post(`${base(lars)}/uitsluiting`, { ground: 'investigation_prosecution', scope: 'fields_withheld', withheldFields: 'goal', justification: 'Opsporing.', reviewDate: '2999-01-01' });
      const id = /action="\/beheer\/algoritme\/\d{8}\/uitsluiting\/(\d+)"/.exec((await eva.get(`${base(lars)}/verantwoording`)).html)![1]!;
      for (const path of ['verantwoording', 'publicatieplicht', 'publicatieplicht?algorithm-in-scope=yes&high-risk-ai=yes', 'ai-verordening', 'ai-verordening?a=1.1:0', 'uitsluiting', 'eu-registratie']) {
        assert.equal((await other.get(`${base(lars)}/${path}`)).status, 404, path);
      }
      await other.get('/beheer/dashboard');
      const posts: [string, Record<string, string>][] = [
        ['publicatieplicht', { 'algorithm-in-scope': 'yes', 'high-risk-ai': 'yes' }],
        ['publicatieplicht/categorie', {}],
        ['ai-verordening', { a: '1.1:1' }],
        ['verantwoording/vereiste', { vereiste: 'urn:nl:ak:ver:bzk-01', status: 'done' }],
        ['uitsluiting', { ground: 'investigation_prosecution', scope: 'not_published', justification: 'x', reviewDate: '2999-01-01' }],
        [`uitsluiting/${id}`, { handeling: 'goedkeuren' }],
        [`uitsluiting/${id}`, { handeling: 'beeindigen', reden: 'weg' }],
        ['eu-registratie', { euDatabaseReference: 'x' }],
      ];
      for (const [path, form] of posts) assert.equal((await other.post(`${base(lars)}/${path}`, form).then((res) => res.status)), 404, path);
      const db = r.app.ctx.kysely;
      assert.equal((await db.selectFrom('duty_assessments').select('id').where('algorithm_id', '=', algorithm.id).execute()).length, 0);
      assert.equal((await db.selectFrom('exclusions').select('state').where('algorithm_id', '=', algorithm.id).executeTakeFirstOrThrow()).state, 'pending');
      // An exclusion id of another algorithm of the same organisation is not found under this one either.
      const second = await addAlgorithm(r, 'gm0800', 'Ander algoritme van Negen');
      await erik.get(`${base(second.lars)}/verantwoording`);
      assert.equal((await erik.post(`${base(second.lars)}/uitsluiting/${id}`, { handeling: 'goedkeuren' })).status, 404);
    });
  });
}
