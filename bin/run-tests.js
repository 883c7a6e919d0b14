#!/usr/bin/env node
// `npm test`: builds dist/, makes sure the PostgreSQL the tests use is running (when this machine has one) and
// that Debian's chromium is installed for the browser tests, then runs every test file with
// node's test runner, on SQLite and on PostgreSQL.
import { execSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function postgresReachable() {
  try {
    execSync('pg_isready -h 127.0.0.1 -p 5432 -q', { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

if (!process.env.TEST_DATABASE_URL && !postgresReachable() && existsSync('/etc/postgresql')) {
  for (const version of readdirSync('/etc/postgresql')) {
    spawnSync('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'start'], { stdio: 'inherit' });
  }
  for (let i = 0; i < 30 && !postgresReachable(); i++) execSync('sleep 1');
}

function testFiles(dir) {
  return readdirSync(dir)
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return testFiles(path);
      return name.endsWith('.test.ts') ? [path] : [];
    })
    .sort();
}

const only = process.argv.slice(2);
const files = only.length ? only : testFiles('test');

// The browser tests drive Debian's chromium through playwright-core, never a downloaded browser:
// install it when it is missing and this machine has apt (as root, or through sudo without a password).
const CHROMIUM = '/usr/bin/chromium';
if (files.some((file) => file.split(/[\\/]/).includes('e2e')) && !existsSync(CHROMIUM) && existsSync('/usr/bin/apt-get')) {
  const asRoot = process.getuid?.() === 0 ? [] : ['sudo', '-n'];
  const apt = (...args) => {
    const command = [...asRoot, 'apt-get', ...args];
    spawnSync(command[0], command.slice(1), { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  };
  console.log(`${CHROMIUM} is missing: installing Debian's chromium for the browser tests.`);
  apt('update');
  apt('install', '-y', 'chromium');
  if (!existsSync(CHROMIUM)) console.error(`Could not install chromium; the browser tests (test/e2e) will fail until ${CHROMIUM} exists.`);
}
// The command line runs dist/ while it is current (bin/algoritmeregister.js): built first, the tests
// that start the command line run what `npm start` runs; the tests in this process run the sources.
const built = spawnSync(process.execPath, ['bin/build.js'], { stdio: 'inherit' });
if (built.status !== 0) process.exit(built.status ?? 1);
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-reporter=spec', ...files], {
  stdio: 'inherit',
  // Small pools: two test files run at once, each with several registers, on one PostgreSQL.
  env: { DB_POOL_SIZE: '4', ...process.env, NODE_ENV: 'test' },
});
process.exit(result.status ?? 1);
