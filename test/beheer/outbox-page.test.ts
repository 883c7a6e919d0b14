// The mail the register sent, for platform admins (the development outbox without SMTP_URL), on both engines.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINES } from '../helpers/engines.ts';
import { startRegister, type TestRegister } from '../helpers/server.ts';
import { addPerson, ManagementClient, textOf } from './management-client.ts';
import { createMailer } from '../../src/mail/mailer.ts';

for (const engine of ENGINES) {
  describe(`outbox page (${engine})`, () => {
    let r: TestRegister;
    before(async () => {
      r = await startRegister(engine);
      await r.org('gm0900', 'ictu_last', 'Gemeente Tien');
    });
    after(() => r.close());

    it('shows a platform admin every mail, newest first, and nobody else', async () => {
      const mailer = createMailer(r.app.ctx.kysely, { from: 'register@example.nl' });
      await mailer.send({ to: 'eerste@example.nl', subject: 'Eerste bericht', text: 'Hallo <b>eerste</b>.' });
      await mailer.send({ to: 'tweede@example.nl', subject: 'Tweede bericht', text: 'Link: https://example.nl/x?token=abc' });
      const admin = new ManagementClient(r);
      await admin.signIn((await addPerson(r, { roles: ['admin'] })).username);
      const outbox = await admin.get('/beheer/platform/mail');
      assert.equal(outbox.status, 200);
      const text = textOf(outbox.html);
      assert.match(text, /geen SMTP-server ingesteld/);
      assert.ok(text.indexOf('Tweede bericht') < text.indexOf('Eerste bericht'), 'newest first');
      assert.match(text, /token=abc/);
      assert.ok(!outbox.html.includes('<b>eerste</b>'), 'mail text is shown as text');
      const editor = new ManagementClient(r);
      await editor.signIn((await addPerson(r, { roles: ['role_1'], organisations: ['gm0900'] })).username);
      assert.equal((await editor.get('/beheer/platform/mail')).status, 403);
    });
  });
}
