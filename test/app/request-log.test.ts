// The request log: one line per answered request, and never the secrets an address carries
// (password-reset and subscription tokens from e-mails, preview links, a sign-in's code).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { loggedUrl } from '../../src/request-log.ts';
import { ENGINES, freshDatabase } from '../helpers/engines.ts';

describe('an address as logged', () => {
  it('keeps everything but the values of secret parameters', () => {
    assert.equal(loggedUrl('/algoritmes?q=parkeren&theme=Wonen'), '/algoritmes?q=parkeren&theme=Wonen');
    assert.equal(loggedUrl('/algoritme/C123?preview=abc.def'), '/algoritme/C123?preview=[redacted]');
    assert.equal(loggedUrl('/abonneren/bevestigen?token=s3cret&x=1'), '/abonneren/bevestigen?token=[redacted]&x=1');
    assert.equal(loggedUrl('/beheer/oidc/terug?code=c0de&state=st4te'), '/beheer/oidc/terug?code=[redacted]&state=[redacted]');
    assert.equal(loggedUrl('/x?TOKEN=a&%74oken=b&token'), '/x?TOKEN=[redacted]&%74oken=[redacted]&token=[redacted]');
    assert.equal(loggedUrl('/x?%zz=1&q=a'), '/x?%zz=1&q=a');
    assert.equal(loggedUrl('/plain'), '/plain');
  });
});

for (const engine of ENGINES) {
  describe(`the request log (${engine})`, () => {
    it('writes one line per request with status and time, and no token', async () => {
      const database = await freshDatabase(engine);
      const lines: Record<string, unknown>[] = [];
      const stream = new Writable({
        write(chunk: Buffer, _encoding, done) {
          for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) lines.push(JSON.parse(line));
          done();
        },
      });
      try {
        const app = await buildApp(loadConfig({ DATABASE_URL: database.url, SEED_DEMO: '0', LOG_LEVEL: 'info' }), { logger: true, logStream: stream });
        try {
          const paths = ['/abonneren/bevestigen?token=very-secret-token', '/algoritme/C12345678?preview=secret-preview', '/beheer/wachtwoord-herstellen?token=reset-secret', '/health'];
          for (const url of paths) await app.inject({ url });
          const answered = lines.filter((line) => line.msg === 'answered');
          assert.equal(answered.length, paths.length);
          assert.deepEqual(
            answered.map((line) => line.url),
            ['/abonneren/bevestigen?token=[redacted]', '/algoritme/C12345678?preview=[redacted]', '/beheer/wachtwoord-herstellen?token=[redacted]', '/health'],
          );
          for (const line of answered) {
            assert.equal(line.method, 'GET');
            assert.equal(typeof line.status, 'number');
            assert.equal(typeof line.ms, 'number');
          }
          assert.equal(answered[3].status, 200);
          const everything = lines.map((line) => JSON.stringify(line)).join('\n');
          for (const secret of ['very-secret-token', 'secret-preview', 'reset-secret']) assert.ok(!everything.includes(secret), `${secret} in the log`);
        } finally {
          await app.close();
        }
      } finally {
        await database.drop();
      }
    });
  });
}
