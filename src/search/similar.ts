/**
 * "Similar algorithms": the published algorithms that share the most telling words with this
 * one's name and short description (words few other algorithms use), ranked by the engine as
 * any search is. Works the moment a version is published, because it reads the same index;
 * rare words keep the work small however large the register. A page's list is kept until the index
 * changes (any publication, change or withdrawal), with the search answers (search.ts): a page
 * read again (the register's most visited ones) does not look for its similar algorithms again.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { searchEngineOf } from './engine.ts';
import { indexGeneration } from './indexer.ts';
import { searchCachesOf } from './search.ts';
import type { ParsedQuery } from './query.ts';

/** At most this many documents per telling word, so the work stays small however large the register. */
const RARE = 250;

export interface SimilarAlgorithm {
  lars: string;
  name: string;
  organisation_name: string;
}

export async function similarAlgorithms(db: Kysely<Database>, algorithmId: number, limit = 5): Promise<SimilarAlgorithm[]> {
  // The generation before the search: a list is never kept under a generation newer than what it was found in.
  const generation = await indexGeneration(db);
  const lists = searchCachesOf(db).similar;
  const key = `${algorithmId}:${limit}`;
  const known = lists.get(generation, key);
  if (known) return known;
  const found = await findSimilar(db, algorithmId, limit);
  lists.set(generation, key, found);
  return found;
}

async function findSimilar(db: Kysely<Database>, algorithmId: number, limit: number): Promise<SimilarAlgorithm[]> {
  const doc = await db.selectFrom('search_documents').select(['title_terms', 'summary_terms']).where('algorithm_id', '=', algorithmId).executeTakeFirst();
  if (!doc) return [];
  const candidates = [...new Set(`${doc.title_terms} ${doc.summary_terms}`.split(' '))].filter((s) => s.length >= 4 && !/^[0-9]+$/.test(s)).slice(0, 40);
  if (candidates.length === 0) return [];
  // The telling words: those that a few other documents share. A word in more than RARE documents
  // says little about this one, and searching it would cost as much as a common search.
  const counts = await db.selectFrom('search_terms').select(['term', 'documents']).where('term', 'in', candidates).where('documents', '>', 1).where('documents', '<=', RARE).execute();
  const stems = counts
    .sort((a, b) => a.documents - b.documents || (a.term < b.term ? -1 : 1))
    .slice(0, 8)
    .map((c) => c.term);
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
