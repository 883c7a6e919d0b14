// Whether dist/ (bin/build.js) holds the current src/: built after the last change to any file of
// src/, and from as many files as src/ has now (a file added or removed since makes it stale).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const BUILT_STAMP = 'BUILT.json';

/** Every file under `dir`. */
export function sourceFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(path) : [path];
  });
}

/** True when `dist` was built from `src` as it is now. */
export function isCurrentBuild(src, dist) {
  const stamp = join(dist, BUILT_STAMP);
  if (!existsSync(stamp)) return false;
  let built;
  try {
    built = JSON.parse(readFileSync(stamp, 'utf8'));
  } catch {
    return false;
  }
  const files = sourceFiles(src);
  if (built.files !== files.length) return false;
  const builtAt = statSync(stamp).mtimeMs;
  return files.every((file) => statSync(file).mtimeMs < builtAt);
}
