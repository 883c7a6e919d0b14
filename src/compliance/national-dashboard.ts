/**
 * The national, public compliance view: organisations that publish nothing, coverage per organisation type
 * (organisations that publish at least one algorithm, of all organisations of that type), and the quality
 * distribution of published descriptions. Nothing here is confidential: it counts only what is public, plus
 * the list of organisations (which is public too).
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { LANGUAGE } from '../register/algorithms.ts';
import { qualityDistribution, type QualityDistribution } from './score-bands.ts';

export interface TypeCoverage {
  type: string;
  organisations: number;
  publishing: number;
  /** publishing / organisations, 0 to 1. */
  share: number;
}

export interface NationalDashboard {
  publishingNothing: { count: number; items: { code: string; name: string; type: string }[] };
  coverage: TypeCoverage[];
  quality: QualityDistribution;
}

export async function nationalDashboard(db: Kysely<Database>, opts: { listLimit?: number } = {}): Promise<NationalDashboard> {
  const publishes = sql<boolean>`exists (select 1 from algorithms a inner join versions v on v.algorithm_id = a.id
    where a.organisation_id = o.id and a.removed_at is null and v.state = 'PUBLISHED' and v.language = ${LANGUAGE})`;
  const nothingQuery = db.selectFrom('organisations as o').where(sql<boolean>`not ${publishes}`);
  const [nothingCount, nothingRows, coverageRows, quality] = await Promise.all([
    nothingQuery.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
    nothingQuery.select(['o.code', 'o.name', 'o.type']).orderBy('o.name').orderBy('o.code').limit(opts.listLimit ?? 100).execute(),
    db
      .selectFrom('organisations as o')
      .select((eb) => ['o.type', eb.fn.countAll<number>().as('organisations'), sql<number | string>`sum(case when ${publishes} then 1 else 0 end)`.as('publishing')])
      .groupBy('o.type')
      .orderBy('o.type')
      .execute(),
    qualityDistribution(db),
  ]);
  return {
    publishingNothing: { count: Number(nothingCount?.n ?? 0), items: nothingRows },
    coverage: coverageRows.map((r) => {
      const organisations = Number(r.organisations);
      const publishing = Number(r.publishing);
      return { type: r.type, organisations, publishing, share: organisations === 0 ? 0 : publishing / organisations };
    }),
    quality,
  };
}
