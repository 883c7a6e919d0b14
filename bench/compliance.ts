/**
 * Figure 8: the compliance side on the public database (every record published): the quality
 * checks over every algorithm, as the scheduled refresh runs them (`refreshAllQualityScores`:
 * read each latest version, run every check, store the scores), beside the bare pass that only
 * reads every latest version's content with one SQL query and parses it (what any check over all
 * contents must at least do); and the dashboard queries, one at a time: the organisation
 * dashboard of random organisations and the national dashboard, beside the bare SQL count of
 * one organisation's published algorithms.
 */
import { sql } from 'kysely';
import { openDb } from '../src/db/connect.ts';
import { nationalDashboard, organisationDashboard, refreshAllQualityScores } from '../src/compliance/index.ts';
import { random } from './data.ts';
import type { BenchDatabase } from './database.ts';

export interface Timings {
  runs: number;
  p50: number;
  p95: number;
}

export interface ComplianceFigures {
  algorithms: number;
  qualitySeconds: number;
  qualityBaselineSeconds: number;
  organisationDashboard: Timings;
  nationalDashboard: Timings;
  bareCount: Timings;
}

function timings(ms: number[]): Timings {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
  return { runs: sorted.length, p50: at(50), p95: at(95) };
}

async function timed(runs: number, once: (i: number) => Promise<unknown>): Promise<Timings> {
  await once(0); // untimed: plans and caches warm
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await once(i);
    ms.push(performance.now() - started);
  }
  return timings(ms);
}

export async function measureCompliance(database: BenchDatabase): Promise<ComplianceFigures> {
  const db = openDb(database.url);
  try {
    const kysely = db.kysely;
    const { n } = await kysely.selectFrom('algorithms').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();

    // The bare pass first (it warms the same pages the checks read).
    let started = performance.now();
    let parsed = 0;
    let after = 0;
    for (;;) {
      const rows = await sql<{ algorithm_id: number; content: string }>`select v.algorithm_id, v.content from versions v
        join (select algorithm_id, max(id) as id from versions where algorithm_id > ${after} group by algorithm_id order by algorithm_id limit 1000) m on m.id = v.id
        order by v.algorithm_id`.execute(kysely);
      if (rows.rows.length === 0) break;
      for (const row of rows.rows) if (JSON.parse(row.content)) parsed++;
      after = rows.rows[rows.rows.length - 1]!.algorithm_id;
    }
    const qualityBaselineSeconds = (performance.now() - started) / 1000;
    if (parsed !== Number(n)) throw new Error(`the bare pass read ${parsed} versions, not ${n}`);

    started = performance.now();
    const scored = await refreshAllQualityScores(kysely);
    const qualitySeconds = (performance.now() - started) / 1000;
    if (scored !== Number(n)) throw new Error(`the quality refresh scored ${scored} algorithms, not ${n}`);
    // As \`quality refresh\` ends (SQLite), and as autovacuum would (PostgreSQL, off on this machine): statistics of the scores just written.
    await db.optimize();
    if (db.engine === 'postgres') await sql`analyze`.execute(kysely);

    const organisations = (await kysely.selectFrom('organisations').select('id').execute()).map((o) => o.id);
    const pick = random(7);
    const orgAt = () => organisations[Math.floor(pick() * organisations.length)]!;
    const organisationTimings = await timed(50, () => organisationDashboard(kysely, orgAt()));
    const nationalTimings = await timed(20, () => nationalDashboard(kysely));
    const bareCount = await timed(50, () =>
      sql`select count(*) from algorithms a join versions v on v.algorithm_id = a.id where a.organisation_id = ${orgAt()} and v.state = 'PUBLISHED'`.execute(kysely),
    );
    return { algorithms: Number(n), qualitySeconds, qualityBaselineSeconds, organisationDashboard: organisationTimings, nationalDashboard: nationalTimings, bareCount };
  } finally {
    await db.close();
  }
}
