/**
 * "Similar algorithms": the published algorithms that share the most meaningful words with
 * this one's name and short description, ranked by the engine as any search is. Works the
 * moment a version is published, because it reads the same index.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { searchEngineOf } from './engine.ts';
import type { ParsedQuery } from './query.ts';

export interface SimilarAlgorithm {
  lars: string;
  name: string;
  organisation_name: string;
}

export async function similarAlgorithms(db: Kysely<Database>, algorithmId: number, limit = 5): Promise<SimilarAlgorithm[]> {
  const doc = await db.selectFrom('search_documents').select(['title_terms', 'summary_terms']).where('algorithm_id', '=', algorithmId).executeTakeFirst();
  if (!doc) return [];
  const stems = [...new Set(`${doc.title_terms} ${doc.summary_terms}`.split(' '))].filter((s) => s.length >= 4 && !/^[0-9]+$/.test(s)).slice(0, 16);
  if (stems.length === 0) return [];
  // One clause, every stem an alternative: any shared word counts, more shared words rank higher.
  const query: ParsedQuery = { clauses: [{ alternatives: stems.map((s) => ({ stems: [s], prefix: false })), correctable: false }], highlight: new Set() };
  return db
    .selectFrom('search_documents as d')
    .innerJoin(sql<{ algorithm_id: number; rank: number }>`(${searchEngineOf(db).matching(query)})`.as('m'), (join) => join.onRef('m.algorithm_id', '=', 'd.algorithm_id'))
    .select(['d.lars', 'd.name', 'd.organisation_name'])
    .where('d.algorithm_id', '!=', algorithmId)
    .orderBy(sql`m.rank`, 'desc')
    .orderBy('d.published_at', 'desc')
    .orderBy('d.algorithm_id', 'desc')
    .limit(limit)
    .execute();
}
