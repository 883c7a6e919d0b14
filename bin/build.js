#!/usr/bin/env node
// `npm run build` (and before `npm start`): the TypeScript of src/ as JavaScript in dist/, file for
// file, with the data files beside it, so the register runs on plain Node: it starts faster and
// carries no compiler in memory (about 60 MB less at rest). The command line uses dist/ only while
// it is current (see bin/algoritmeregister.js); otherwise it runs src/ through tsx, as the tests do.
// `--out DIR` builds elsewhere. The build is made beside its place and then put there, so a
// register running from dist/ never sees half of one. `--optional` (before `npm start`): a build
// that cannot be made (a read-only install, say) is reported and the sources run instead.
import { build } from 'esbuild';
import { cpSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUILT_STAMP, sourceFiles } from './built.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SRC = join(ROOT, 'src');
const outAt = process.argv.indexOf('--out');
const DIST = outAt > 0 && process.argv[outAt + 1] ? resolve(process.argv[outAt + 1]) : join(ROOT, 'dist');
const BUILDING = `${DIST}.building-${process.pid}`;

const isCode = (file) => /\.tsx?$/.test(file) && !file.endsWith('.d.ts');

function allFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? allFiles(path) : [path];
  });
}

const optional = process.argv.includes('--optional');

async function buildAll() {
  const started = performance.now();
  rmSync(BUILDING, { recursive: true, force: true });
  // Made here first, so that a place where nothing can be written is one clear error.
  mkdirSync(dirname(BUILDING), { recursive: true });
  mkdirSync(BUILDING);
  const files = allFiles(SRC);

  // Each module on its own: every relative import stays an import, of the .js file built beside it.
  await build({
    entryPoints: files.filter(isCode),
    outdir: BUILDING,
    outbase: SRC,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    logLevel: 'warning',
    plugins: [
      {
        name: 'imports-stay-imports',
        setup(b) {
          b.onResolve({ filter: /^\.{1,2}\// }, (args) => (args.kind === 'entry-point' ? undefined : { path: args.path.replace(/\.tsx?$/, '.js'), external: true }));
        },
      },
    ],
  });

  // The data files the modules read beside themselves (assets, YAML, JSON, templates).
  for (const file of files.filter((f) => !isCode(f) && !f.endsWith('.d.ts'))) {
    const target = join(BUILDING, relative(SRC, file));
    mkdirSync(dirname(target), { recursive: true });
    cpSync(file, target);
  }

  // Written last: a build that stopped half-way is never taken for a current one.
  writeFileSync(join(BUILDING, BUILT_STAMP), `${JSON.stringify({ files: sourceFiles(SRC).length, at: new Date().toISOString() })}\n`);
  rmSync(DIST, { recursive: true, force: true });
  renameSync(BUILDING, DIST);
  console.log(`Built ${files.filter(isCode).length} modules into ${relative(process.cwd(), DIST) || '.'} in ${Math.round(performance.now() - started)} ms.`);
}

try {
  await buildAll();
} catch (error) {
  rmSync(BUILDING, { recursive: true, force: true });
  if (!optional) throw error;
  console.error(`Could not build dist/ (${error instanceof Error ? error.message : String(error)}); the register runs the sources through tsx.`);
}
