/** Figure 9 of BENCHMARKS.md: management's bulk import (dry run and apply of 10,000 rows). */
import type { BulkImportFigures } from './bulk-import.ts';
import type { Timed } from './import.ts';
import { ENGINE_NAME, int, row } from './report-format.ts';

export interface BulkRun {
  figures: BulkImportFigures;
  /** The same rows as plain rows of a scratch table, 500 to an INSERT (the bare baseline of figure 3). */
  baseline: Timed;
}

export function renderBulk(runs: BulkRun[]): string[] {
  const out: string[] = ['## 9. Bulk import in management', ''];
  out.push(
    'Upload of 10,000 generated rows (`bench/data.ts`, given the organisation\'s code) into one organisation of a fresh database, through the domain functions ' +
      'the management pages call (`src/register/bulk-import.ts`): the dry run (`planImport`: every row read, validated and compared field by field with what is stored; ' +
      'nothing stored) and the apply (`applyImport`: the plan made again inside one transaction and checked against the dry run, then every row written with its audit ' +
      'event). Peak memory: the resident set of the benchmark process, sampled every 20 ms. Baseline: the same records as plain rows of a scratch table, 500 to an INSERT ' +
      '(as in figure 3), in a process of its own. Issue 4 names no aim figure: rows per second and peak memory are measured to follow.',
    '',
    row(['engine', 'rows', 'dry run s', 'rows/s', 'apply s', 'rows/s', 'peak RSS MiB', 'bare insert s', 'rows/s', 'apply ÷ bare (rate)']),
    row(['---', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:']),
  );
  for (const { figures: f, baseline: b } of runs) {
    out.push(
      row([
        ENGINE_NAME[f.engine], int(f.rows),
        f.dryRun.seconds.toFixed(1), int(f.dryRun.rowsPerSecond),
        f.apply.seconds.toFixed(1), int(f.apply.rowsPerSecond),
        int(f.peakRssMiB),
        b.seconds.toFixed(1), int(b.perSecond),
        `${(f.apply.rowsPerSecond / b.perSecond).toFixed(2)}×`,
      ]),
    );
  }
  out.push('');
  return out;
}

/**
 * A run of some parts only (BENCH_PARTS) replaces its own sections of the report already written
 * and keeps the others, so one figure can be measured again without the whole run. The head says
 * which sections were measured again, and when.
 */
export function mergeSections(existing: string, fresh: string, parts: readonly string[]): string {
  const split = (text: string) => {
    const parts = text.split(/^(?=## )/m);
    return { head: parts[0] ?? '', sections: parts.slice(1) };
  };
  const old = split(existing);
  const next = split(fresh);
  const title = (section: string) => section.slice(0, section.indexOf('\n'));
  // Each section ends with a blank line, also the last of a report (which the run wrote last).
  const replaced = new Map(next.sections.map((s) => [title(s), s.replace(/\n*$/, '\n\n')]));
  const kept = old.sections.map((s) => replaced.get(title(s)) ?? s);
  const added = next.sections.filter((s) => !old.sections.some((o) => title(o) === title(s))).map((s) => replaced.get(title(s))!);
  const notesAt = kept.findIndex((s) => title(s) === '## Notes');
  if (notesAt >= 0) kept.splice(notesAt, 0, ...added);
  else kept.push(...added);
  const written = /^Written by .* on (.+ UTC); the run took (\d+) min\.$/m.exec(next.head);
  const names = next.sections.map((section) => title(section).replace(/^## /, ''));
  const again =
    `Measured again by a run of \`BENCH_PARTS=${parts.join(',')}\`${written ? ` on ${written[1]} (${written[2]} min)` : ''}: ` +
    `${names.join('; ')}. The other sections are from the runs below and above.`;
  // An earlier partial run's line keeps only the sections this run did not measure again.
  const earlier = old.head.replace(/^Measured again by a run of (.*?): (.*?)\. The other sections are from the runs? (?:below and )?above\.\n/gm, (_line, run: string, list: string) => {
    const left = list.split('; ').filter((name) => !names.includes(name));
    return left.length ? `Measured again by a run of ${run}: ${left.join('; ')}. The other sections are from the runs below and above.\n` : '';
  });
  const head = earlier.replace(/^(Written by .*\n)/m, `$1${again}\n`);
  return [head, ...kept].join('');
}
