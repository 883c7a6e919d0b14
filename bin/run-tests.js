#!/usr/bin/env node
// `npm test`: makes sure the PostgreSQL the tests use is running (when this machine has one),
// then runs every test file with node's test runner, on SQLite and on PostgreSQL.
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
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-reporter=spec', ...files], {
  stdio: 'inherit',
  // Small pools: two test files run at once, each with several registers, on one PostgreSQL.
  env: { DB_POOL_SIZE: '4', ...process.env, NODE_ENV: 'test' },
});
process.exit(result.status ?? 1);
