#!/usr/bin/env node
// The command-line entry. It runs the JavaScript that `npm run build` made in dist/ while that is
// current (plain Node: quicker to start, lighter at rest), and otherwise the TypeScript sources
// through tsx, so a changed source never runs stale.
import { fileURLToPath } from 'node:url';
import { isCurrentBuild } from './built.js';

const root = new URL('../', import.meta.url);
if (isCurrentBuild(fileURLToPath(new URL('src', root)), fileURLToPath(new URL('dist', root)))) {
  await import('../dist/cli/main.js');
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
