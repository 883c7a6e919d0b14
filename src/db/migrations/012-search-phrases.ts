/** What the search engine needs to find phrases without reading every candidate's text (PostgreSQL: an index of word pairs). */
import type { Kysely, Migration } from 'kysely';
import type { Engine } from '../connect.ts';
import { sqliteSearch } from '../../search/sqlite-search.ts';
import { postgresSearch } from '../../search/postgres-search.ts';

export const searchPhrases = (engine: Engine): Migration => ({
  async up(db: Kysely<any>) {
    await (engine === 'postgres' ? postgresSearch : sqliteSearch).createPhraseIndex(db);
  },
});
