/** The names of algorithms for dashboard lists: from each one's latest version, in one query. */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { LANGUAGE } from '../register/algorithms.ts';

export async function algorithmNames(db: Kysely<Database>, algorithmIds: readonly number[]): Promise<Map<number, string>> {
  const names = new Map<number, string>();
  if (algorithmIds.length === 0) return names;
  const latest = db
    .selectFrom('versions')
    .select((eb) => eb.fn.max('id').as('id'))
    .where('algorithm_id', 'in', [...new Set(algorithmIds)])
    .where('language', '=', LANGUAGE)
    .groupBy('algorithm_id');
  const rows = await db.selectFrom('versions').select(['algorithm_id', 'content']).where('id', 'in', latest).execute();
  for (const row of rows) {
    const name = (JSON.parse(row.content) as { name?: unknown }).name;
    names.set(row.algorithm_id, typeof name === 'string' ? name : '');
  }
  return names;
}
