/**
 * Counting stored quality scores in bands, in one aggregate query: the distribution an organisation's and the
 * national dashboard show.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { SCORE_BANDS } from './quality/registry.ts';

export interface QualityDistribution {
  /** Published algorithms with a stored score. */
  scored: number;
  /** Mean score, rounded; null when nothing is scored. */
  average: number | null;
  /** Count per band key of SCORE_BANDS, every band present. */
  bands: Record<string, number>;
}

export async function qualityDistribution(db: Kysely<Database>, organisationId?: number): Promise<QualityDistribution> {
  let query = db
    .selectFrom('quality_scores')
    .select((eb) => [
      eb.fn.countAll<number>().as('scored'),
      eb.fn.avg<number | string | null>('score').as('average'),
      ...SCORE_BANDS.map((band) => sql<number | string | null>`sum(case when score between ${band.min} and ${band.max} then 1 else 0 end)`.as(`band_${band.min}`)),
    ]);
  if (organisationId !== undefined) query = query.where('organisation_id', '=', organisationId);
  const row = (await query.executeTakeFirstOrThrow()) as Record<string, number | string | null>;
  const scored = Number(row.scored);
  return {
    scored,
    average: scored === 0 || row.average === null ? null : Math.round(Number(row.average)),
    bands: Object.fromEntries(SCORE_BANDS.map((band) => [band.key, Number(row[`band_${band.min}`] ?? 0)])),
  };
}
