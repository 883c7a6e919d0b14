// `npm run build` and the command line's choice between dist/ and the sources: the built register
// serves and imports as the sources do, and a build is used only while it is current.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ENGINES, freshDatabase, type FreshDatabase } from '../helpers/engines.ts';
import { validRecord } from '../fixtures/records.ts';
import { ROOT } from './run-cli.ts';
// @ts-expect-error: plain JavaScript of the command line, without types.
import { BUILT_STAMP, isCurrentBuild } from '../../bin/built.js';

const current = isCurrentBuild as (src: string, dist: string) => boolean;

describe('build: a build is used only while it is current', () => {
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), 'ar-build-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('is current when built after every source file, from as many files as there are now', () => {
    const src = join(dir, 'src');
    const dist = join(dir, 'dist');
    mkdirSync(join(src, 'a'), { recursive: true });
    writeFileSync(join(src, 'a', 'one.ts'), 'export const one = 1;\n');
    writeFileSync(join(src, 'two.ts'), 'export const two = 2;\n');
    assert.equal(current(src, dist), false, 'never built');
    const past = new Date(Date.now() - 60_000);
    for (const file of [join(src, 'a', 'one.ts'), join(src, 'two.ts')]) utimesSync(file, past, past);
    mkdirSync(dist);
    writeFileSync(join(dist, BUILT_STAMP), '{ "files": 2 }\n');
    assert.equal(current(src, dist), true);
    // A source changed after the build.
    utimesSync(join(src, 'two.ts'), new Date(Date.now() + 60_000), new Date(Date.now() + 60_000));
    assert.equal(current(src, dist), false, 'changed since');
    utimesSync(join(src, 'two.ts'), past, past);
    // A source added with an old time (a copied file keeps its time).
    writeFileSync(join(src, 'three.ts'), 'export const three = 3;\n');
    utimesSync(join(src, 'three.ts'), past, past);
    assert.equal(current(src, dist), false, 'a file added');
    rmSync(join(src, 'three.ts'));
    assert.equal(current(src, dist), true);
    writeFileSync(join(dist, BUILT_STAMP), 'half a stamp');
    assert.equal(current(src, dist), false, 'an unreadable stamp');
  });
});

describe('build: a build that cannot be made', () => {
  it('fails, or with --optional (before npm start) says so and leaves the sources to run', () => {
    // Nothing can be made in /proc.
    const failed = spawnSync(process.execPath, ['bin/build.js', '--out', '/proc/no-build-here'], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    assert.notEqual(failed.status, 0);
    const optional = spawnSync(process.execPath, ['bin/build.js', '--optional', '--out', '/proc/no-build-here'], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    assert.equal(optional.status, 0, optional.stderr);
    assert.match(optional.stderr, /^Could not build dist\/ \(.*no-build-here.*\); the register runs the sources through tsx\.$/m);
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

for (const engine of ENGINES) {
  describe(`build: the built register (${engine})`, () => {
    let database: FreshDatabase;
    let out: string;
    before(async () => {
      database = await freshDatabase(engine);
      // Beside the project, so that the built modules find its node_modules as dist/ does.
      mkdirSync(join(ROOT, '.tmp'), { recursive: true });
      out = mkdtempSync(join(ROOT, '.tmp', 'build-'));
    });
    after(async () => {
      rmSync(out, { recursive: true, force: true });
      await database.drop();
    });

    it('builds, imports and serves on plain Node (no TypeScript loader: a module of src/ would not load)', async () => {
      const build = spawnSync(process.execPath, ['bin/build.js', '--out', out], { cwd: ROOT, encoding: 'utf8' });
      assert.equal(build.status, 0, build.stderr);
      assert.match(build.stdout, /^Built \d+ modules into /);
      assert.equal(current(join(ROOT, 'src'), out), true);

      const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: database.url, SEED_DEMO: '0', LOG_LEVEL: 'warn' };
      delete env.NODE_TEST_CONTEXT;
      delete env.NODE_OPTIONS;
      const records = join(out, 'records.json');
      writeFileSync(records, JSON.stringify([validRecord({ name: 'Zwerfafval herkennen', organization: 'Gemeente Gebouwd' })]));
      const imported = spawnSync(process.execPath, [join(out, 'cli', 'main.js'), 'import', records, '--publish'], { cwd: ROOT, env, encoding: 'utf8' });
      assert.equal(imported.status, 0, imported.stderr);
      assert.match(imported.stdout, /Imported 1 new/);

      const port = await freePort();
      const server = spawn(process.execPath, [join(out, 'cli', 'main.js'), 'serve'], { cwd: ROOT, env: { ...env, HOST: '127.0.0.1', PORT: String(port) }, stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      server.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      const exited = new Promise((resolve) => server.once('exit', resolve));
      try {
        let answer: Response | undefined;
        for (let i = 0; i < 200 && !answer; i++) {
          answer = await fetch(`http://127.0.0.1:${port}/api/v1/algorithms?q=zwerfafval`).catch(() => undefined);
          if (!answer) await new Promise((resolve) => setTimeout(resolve, 100));
        }
        assert.ok(answer, `the built register did not answer: ${stderr}`);
        assert.equal(answer.status, 200);
        const body = (await answer.json()) as { total: number; results: { name: string }[] };
        assert.deepEqual(body.results.map((r) => r.name), ['Zwerfafval herkennen']);
        const page = await fetch(`http://127.0.0.1:${port}/algoritmes?q=zwerfafval`);
        assert.equal(page.status, 200);
        assert.match(await page.text(), /<mark>Zwerfafval<\/mark> herkennen/);
      } finally {
        server.kill('SIGTERM');
        await exited;
      }
    });
  });
}
