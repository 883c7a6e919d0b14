/** Each stem of the search vocabulary with its number of documents (filled by the index rebuild this version triggers). */
import type { Kysely, Migration } from 'kysely';

export const searchTermCounts: Migration = {
  async up(db: Kysely<any>) {
    await db.schema.alterTable('search_terms').addColumn('documents', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  },
};
