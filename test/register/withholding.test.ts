// What an exclusion ground in force takes from the public, on every public path and both
// engines: named fields withheld are in no page, history, download, feed or search; an algorithm
// excluded from publication is in none of them; lifting the exclusion gives it all back.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINES } from '../helpers/engines.ts';
import { startRegister, type TestRegister } from '../helpers/server.ts';
import { validRecord } from '../fixtures/records.ts';
import { importRecords } from '../../src/register/import.ts';
import { findAlgorithm, type Algorithm } from '../../src/register/algorithms.ts';
import { findOrganisation } from '../../src/register/organisations.ts';
import { SYSTEM_ACTOR } from '../../src/register/actor.ts';
import { approveExclusion, endExclusion, recordExclusion } from '../../src/compliance/index.ts';
import { search } from '../../src/search/search.ts';

const officer = { id: 'user:officer', name: 'Olga Officier' };
const approver = { id: 'user:approver', name: 'Arend Akkoord' };
const REVIEW = '2030-01-01';

for (const engine of ENGINES) {
  describe(`withheld on every public path (${engine})`, () => {
    let r: TestRegister;
    let partly: Algorithm;
    let closed: Algorithm;
    let organisationId: number;
    const text = async (path: string) => {
      const response = await fetch(r.url + path);
      assert.equal(response.status, 200, path);
      return response.text();
    };
    const everywhere = async (lars: string) =>
      [
        await text(`/algoritme/${lars}/versies`),
        await text(`/api/v1/algorithms/${lars}/versions`).catch(() => ''),
        await text('/api/v1/downloads/algorithms.csv?history=true'),
        await text('/api/v1/downloads/algorithms.json'),
        await text('/api/v1/feeds/algorithms.atom'),
      ].join('\n');

    before(async () => {
      r = await startRegister(engine);
      await r.org('gm0800', 'ictu_last', 'Gemeente Negen');
      organisationId = (await findOrganisation(r.app.ctx.kysely, 'gm0800'))!.id;
      const report = await importRecords(
        r.app.ctx.kysely,
        [
          validRecord({ name: 'Deels afgeschermd', goal: '<p>Het doel noemt het kwetsbaarwachtwoord.</p>' }),
          validRecord({ name: 'Geheel afgeschermd blauwvinvis', goal: '<p>Niets.</p>' }),
        ],
        SYSTEM_ACTOR,
        { organisation: 'gm0800', publish: true },
      );
      assert.equal(report.created, 2, JSON.stringify(report.errors));
      partly = (await findAlgorithm(r.app.ctx.kysely, report.lars[0]!))!;
      closed = (await findAlgorithm(r.app.ctx.kysely, report.lars[1]!))!;
    });
    after(() => r.close());

    it('shows everything before any exclusion', async () => {
      assert.equal((await search(r.app.ctx.kysely, { q: 'kwetsbaarwachtwoord' })).total, 1);
      assert.match(await everywhere(partly.lars), /kwetsbaarwachtwoord/);
      assert.match(await everywhere(closed.lars), /blauwvinvis/);
    });

    it('leaves withheld fields out of history, downloads, feeds and search; an excluded algorithm out of all', async () => {
      const db = r.app.ctx.kysely;
      const withhold = await recordExclusion(db, organisationId, partly.id, { ground: 'investigation_prosecution', scope: 'fields_withheld', withheldFields: ['goal'], justification: 'Het doel verraadt de werkwijze.', reviewDate: REVIEW }, officer);
      await approveExclusion(db, organisationId, withhold.id, approver);
      const exclude = await recordExclusion(db, organisationId, closed.id, { ground: 'investigation_prosecution', scope: 'not_published', justification: 'Het bestaan zelf verraadt de werkwijze.', reviewDate: REVIEW }, officer);
      await approveExclusion(db, organisationId, exclude.id, approver);

      assert.equal((await search(db, { q: 'kwetsbaarwachtwoord' })).total, 0);
      assert.equal((await search(db, { q: 'deels afgeschermd' })).total, 1);
      assert.equal((await search(db, { q: 'blauwvinvis' })).total, 0);
      const shown = await everywhere(partly.lars);
      assert.doesNotMatch(shown, /kwetsbaarwachtwoord/);
      assert.match(shown, /Deels afgeschermd/);
      assert.doesNotMatch(shown, /blauwvinvis/);
      assert.equal((await fetch(`${r.url}/api/v1/algorithms/${closed.lars}/versions`)).status, 404);

      // An import cannot publish it either: the record is refused, naming the exclusion; without
      // --publish the same record is a new draft.
      const update = { ...validRecord({ name: 'Geheel afgeschermd blauwvinvis', goal: '<p>Nieuw.</p>' }), lars: closed.lars };
      const refused = await importRecords(db, [update], SYSTEM_ACTOR, { organisation: 'gm0800', publish: true });
      assert.deepEqual([refused.updated, refused.errors.length], [0, 1]);
      assert.match(refused.errors[0]!.msg, new RegExp(`^EXCLUDED_FROM_PUBLICATION: exclusion ${exclude.id} `));
      assert.deepEqual(refused.errors[0]!.loc, ['lars']);
      const drafted = await importRecords(db, [update], SYSTEM_ACTOR, { organisation: 'gm0800' });
      assert.deepEqual([drafted.updated, drafted.errors.length], [1, 0]);
      const states = await db.selectFrom('versions').select('state').where('algorithm_id', '=', closed.id).orderBy('id').execute();
      assert.deepEqual(states.map((v) => v.state), ['PUBLISHED', 'STATE_1']);
      assert.equal((await search(db, { q: 'blauwvinvis' })).total, 0);

      // Lifted: everything back.
      await endExclusion(db, organisationId, withhold.id, 'Het onderzoek is afgerond.', approver);
      assert.equal((await search(db, { q: 'kwetsbaarwachtwoord' })).total, 1);
      assert.match(await text('/api/v1/downloads/algorithms.json'), /kwetsbaarwachtwoord/);
    });
  });
}
