/** Figure 8 of BENCHMARKS.md: the compliance side (quality checks over every algorithm, dashboard queries). */
import type { PublicFigures } from './public.ts';
import { ENGINE_NAME, int, ms, row } from './report-format.ts';

export function renderCompliance(sides: PublicFigures[]): string[] {
  const out: string[] = ['## 8. Compliance: quality checks and dashboards', ''];
  out.push(
    'On the public database of figures 4–7 (every record published), in the benchmark process through the same functions the register uses. ' +
      'Quality checks: `refreshAllQualityScores` (src/compliance/quality-scores.ts), as the scheduled refresh runs it: for every algorithm its latest version is read, ' +
      'every check of the registry run (completeness, lawful basis linked to a law, impact assessments, team contact, B1 language hints, end date, review age, links) ' +
      'and the score stored. Baseline: one SQL pass that reads every latest version\'s content, 1,000 at a time, and parses it, nothing else (what any check over all ' +
      'contents must at least do). Dashboards, one at a time after one untimed run: `organisationDashboard` of a random organisation (50 runs) and `nationalDashboard` ' +
      '(20 runs); baseline: the bare SQL count of a random organisation\'s published algorithms (50 runs). Issue 5 names no aim figure: these are measured to follow.',
    '',
  );
  out.push(
    row(['engine', 'algorithms', 'quality checks s', 'algorithms/s', 'bare read s', 'ratio', 'organisation dashboard p50 / p95 ms', 'national dashboard p50 / p95 ms', 'bare count p50 / p95 ms']),
    row(['---', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:']),
  );
  for (const side of sides) {
    const c = side.compliance;
    out.push(
      row([
        ENGINE_NAME[side.engine], int(c.algorithms),
        c.qualitySeconds.toFixed(1), int(c.algorithms / c.qualitySeconds), c.qualityBaselineSeconds.toFixed(1), `${(c.qualityBaselineSeconds / c.qualitySeconds).toFixed(2)}×`,
        `${ms(c.organisationDashboard.p50)} / ${ms(c.organisationDashboard.p95)}`,
        `${ms(c.nationalDashboard.p50)} / ${ms(c.nationalDashboard.p95)}`,
        `${ms(c.bareCount.p50)} / ${ms(c.bareCount.p95)}`,
      ]),
    );
  }
  out.push('', 'Ratio: bare read ÷ quality checks (below 1 the checks take longer than reading alone).', '');
  return out;
}
