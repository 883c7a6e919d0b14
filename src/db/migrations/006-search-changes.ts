/**
 * The search index's change log: which algorithms each index generation changed, so that a
 * process holding the index's facets in memory (src/search/facet-memory.ts) catches up by
 * reading only what changed. The generation becomes a counter. And what the engine needs to rank
 * broad searches by name and short description alone.
 */
import type { Kysely, Migration } from 'kysely';
import type { Engine } from '../connect.ts';
import { sqliteSearch } from '../../search/sqlite-search.ts';
import { postgresSearch } from '../../search/postgres-search.ts';

export const searchChanges = (engine: Engine): Migration => ({
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('search_changes')
      .addColumn('generation', 'integer', (c) => c.notNull())
      .addColumn('algorithm_id', 'integer', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('search_changes_generation').on('search_changes').columns(['generation', 'algorithm_id']).execute();
    // Generation 1 stands for "everything": a process that remembers an older one reloads it all.
    await db.deleteFrom('search_meta').where('key', '=', 'generation').execute();
    await db.insertInto('search_meta').values({ key: 'generation', value: '1' }).execute();
    await db.insertInto('search_changes').values({ generation: 1, algorithm_id: 0 }).execute();
    await (engine === 'postgres' ? postgresSearch : sqliteSearch).createNameIndex(db);
  },
});
