/**
 * Every algorithm's latest version as export rows, read page by page (keyset on the algorithm
 * id), so memory stays flat however large the register.
 */
import { bulkPageSize, bulkText, bulkTextValue } from '../db/bulk-read.ts';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { AlgorithmContent } from '../standard/types.ts';
import { LANGUAGE } from './algorithms.ts';

export interface ExportRow {
  lars: string;
  organisation_code: string;
  state: string;
  version_date: string;
  content: AlgorithmContent;
}

export async function countAlgorithms(db: Kysely<Database>, opts: { organisation?: string } = {}): Promise<number> {
  let q = db.selectFrom('algorithms').innerJoin('organisations', 'organisations.id', 'algorithms.organisation_id').where('algorithms.removed_at', 'is', null);
  if (opts.organisation) q = q.where('organisations.code', '=', opts.organisation);
  const { n } = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(n);
}

export async function* exportRows(db: Kysely<Database>, opts: { organisation?: string; pageSize?: number } = {}): AsyncGenerator<ExportRow> {
  const pageSize = opts.pageSize ?? bulkPageSize(db);
  let after = 0;
  for (;;) {
    let page = db
      .selectFrom('algorithms as a')
      .innerJoin('organisations as o', 'o.id', 'a.organisation_id')
      .select(['a.id', 'a.lars', 'o.code'])
      .where('a.removed_at', 'is', null)
      .where('a.id', '>', after)
      .orderBy('a.id')
      .limit(pageSize);
    if (opts.organisation) page = page.where('o.code', '=', opts.organisation);
    const algorithms = await page.execute();
    if (algorithms.length === 0) return;
    const ids = algorithms.map((a) => a.id);
    const latestIds = db
      .selectFrom('versions')
      .select((eb) => eb.fn.max('id').as('id'))
      .where('algorithm_id', 'in', ids)
      .where('language', '=', LANGUAGE)
      .groupBy('algorithm_id');
    const versions = await db.selectFrom('versions').select(['algorithm_id', 'state', 'create_dt', bulkText(db, 'content').as('content')]).where('id', 'in', latestIds).execute();
    const byAlgorithm = new Map(versions.map((v) => [v.algorithm_id, v]));
    for (const a of algorithms) {
      const v = byAlgorithm.get(a.id);
      if (!v) continue;
      yield { lars: a.lars, organisation_code: a.code, state: v.state, version_date: v.create_dt, content: JSON.parse(bulkTextValue(v.content)) };
    }
    after = algorithms[algorithms.length - 1].id;
  }
}
