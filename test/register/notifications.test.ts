// Who hears what by e-mail, on both engines: approvers on release (of that organisation only),
// authors on reject and publish, handlers on a public error report, editors reminded of stale
// descriptions once per period; nobody of their own step.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINES } from '../helpers/engines.ts';
import { startRegister, type TestRegister } from '../helpers/server.ts';
import { validRecord } from '../fixtures/records.ts';
import { createUser } from '../../src/auth/users.ts';
import { SYSTEM_ACTOR } from '../../src/register/actor.ts';
import { changeState, createAlgorithm } from '../../src/register/algorithms.ts';
import { findOrganisation, type Organisation } from '../../src/register/organisations.ts';
import { notifyErrorReport, notifyFlowStep, sendReviewReminders } from '../../src/register/notifications.ts';
import { createMailer, type Mailer } from '../../src/mail/mailer.ts';
import type { AlgorithmContent } from '../../src/standard/types.ts';

const DAY = 86_400_000;

for (const engine of ENGINES) {
  describe(`notifications (${engine})`, () => {
    let r: TestRegister;
    let mailer: Mailer;
    let org: Organisation;
    const actors: Record<string, { id: string; name: string }> = {};
    const mailsTo = async (address: string) => (await r.app.ctx.kysely.selectFrom('outbox').select(['subject', 'text']).where('to', '=', address).orderBy('id').execute());
    before(async () => {
      r = await startRegister(engine);
      await r.org('gm0400', 'ictu_last', 'Gemeente Vier');
      await r.org('gm0401', 'ictu_last', 'Gemeente Elders');
      org = (await findOrganisation(r.app.ctx.kysely, 'gm0400'))!;
      mailer = createMailer(r.app.ctx.kysely, { from: 'register@example.nl' });
      const add = async (key: string, roles: string[], organisations: string[], email?: string) => {
        const { id } = await createUser(r.app.ctx.kysely, { username: key, password: 'correct horse battery staple', roles, organisations, email }, SYSTEM_ACTOR);
        actors[key] = { id: `user:${id}`, name: key };
      };
      await add('eva', ['role_1'], ['gm0400'], 'eva@vier.nl');
      await add('piet', ['ictu'], ['gm0400'], 'piet@vier.nl');
      await add('quinten', ['ictu'], ['gm0401'], 'quinten@elders.nl');
      await add('zonder', ['ictu'], ['gm0400']);
    });
    after(() => r.close());

    it('mails the approvers of the organisation on release, the authors on reject and publish', async () => {
      const db = r.app.ctx.kysely;
      const { algorithm, version } = await createAlgorithm(db, org, validRecord({ name: 'Meldingen sorteren' }) as AlgorithmContent, actors.eva);
      const step = async (action: string, actor: { id: string; name: string }, reason?: string) => {
        const v = await changeState(db, algorithm, 'ictu_last', action, actor, { reason });
        return notifyFlowStep(db, mailer, 'https://register.example.nl', { algorithm, organisation: org, action, version: v, actor, reason });
      };
      assert.equal(await step('release', actors.eva), 1);
      const [released] = await mailsTo('piet@vier.nl');
      assert.match(released.subject, /Ter goedkeuring: Meldingen sorteren/);
      assert.match(released.text, new RegExp(`https://register.example.nl/beheer/algoritme/${algorithm.lars}`));
      assert.equal((await mailsTo('quinten@elders.nl')).length, 0, 'not another organisation');
      assert.equal((await mailsTo('eva@vier.nl')).length, 0, 'not of their own step');

      assert.equal(await step('reject_to_1', actors.piet, 'Noem de grondslag.'), 1);
      const [rejected] = await mailsTo('eva@vier.nl');
      assert.match(rejected.subject, /Afgewezen/);
      assert.match(rejected.text, /Noem de grondslag\./);
      await step('release', actors.eva);
      assert.equal(await step('publish', actors.piet), 1);
      assert.match((await mailsTo('eva@vier.nl')).at(-1)!.subject, /Gepubliceerd: Meldingen sorteren/);
      assert.equal(version.created_by, actors.eva.id);
    });

    it('mails those who handle error reports about a new one', async () => {
      const before = (await mailsTo('piet@vier.nl')).length;
      assert.equal(await notifyErrorReport(r.app.ctx.kysely, mailer, 'https://register.example.nl', { organisation: org, algorithmName: 'Meldingen sorteren', message: 'De contactgegevens kloppen niet.' }), 2);
      assert.match((await mailsTo('piet@vier.nl')).at(-1)!.text, /De contactgegevens kloppen niet\./);
      assert.equal((await mailsTo('piet@vier.nl')).length, before + 1);
      assert.equal((await mailsTo('quinten@elders.nl')).length, 0);
    });

    it('reminds the editors of a published description not updated for long, once per period', async () => {
      const db = r.app.ctx.kysely;
      const { algorithm } = await createAlgorithm(db, org, validRecord({ name: 'Oude beschrijving' }) as AlgorithmContent, actors.eva);
      await changeState(db, algorithm, 'ictu_last', 'release', actors.eva);
      await changeState(db, algorithm, 'ictu_last', 'publish', actors.piet);
      const twoYearsAgo = new Date(Date.now() - 730 * DAY).toISOString();
      await db.updateTable('versions').set({ create_dt: twoYearsAgo }).where('algorithm_id', '=', algorithm.id).execute();
      const remind = (now: Date) => sendReviewReminders(db, mailer, 'https://register.example.nl', { maxAgeDays: 365, everyDays: 30, now });
      const editorMails = async () => (await mailsTo('eva@vier.nl')).filter((m) => m.subject.includes('Oude beschrijving')).length;
      assert.equal(await remind(new Date()), 1);
      assert.equal(await editorMails(), 1);
      assert.equal(await remind(new Date(Date.now() + 10 * DAY)), 0);
      assert.equal(await remind(new Date(Date.now() + 31 * DAY)), 1);
      assert.equal(await editorMails(), 2);
      // The recently published one is not stale.
      assert.equal((await mailsTo('eva@vier.nl')).filter((m) => m.subject.includes('Meldingen sorteren') && m.subject.includes('Tijd om')).length, 0);
    });
  });
}
