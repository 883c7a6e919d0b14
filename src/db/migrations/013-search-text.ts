/** The text index apart from the documents' other columns, so that a broad match reads little besides the index (PostgreSQL: narrow tables). */
import type { Kysely, Migration } from 'kysely';
import type { Engine } from '../connect.ts';
import { sqliteSearch } from '../../search/sqlite-search.ts';
import { postgresSearch } from '../../search/postgres-search.ts';

export const searchText = (engine: Engine): Migration => ({
  async up(db: Kysely<any>) {
    await (engine === 'postgres' ? postgresSearch : sqliteSearch).separateTextIndex(db);
  },
});
