/** The search index: documents, their facet values, the vocabulary for typo tolerance, and the engine's text index. */
import type { Kysely, Migration } from 'kysely';
import type { Engine } from '../connect.ts';
import { sqliteSearch } from '../../search/sqlite-search.ts';
import { postgresSearch } from '../../search/postgres-search.ts';

export function search(engine: Engine): Migration {
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('search_documents')
        .addColumn('algorithm_id', 'integer', (c) => c.primaryKey())
        .addColumn('version_id', 'integer', (c) => c.notNull())
        .addColumn('lars', 'varchar(8)', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('description_short', 'text', (c) => c.notNull())
        .addColumn('organisation_code', 'varchar(100)', (c) => c.notNull())
        .addColumn('organisation_name', 'text', (c) => c.notNull())
        .addColumn('organisation_type', 'varchar(100)', (c) => c.notNull())
        .addColumn('published_at', 'varchar(40)', (c) => c.notNull())
        .addColumn('sort_name', 'text', (c) => c.notNull())
        .addColumn('title_terms', 'text', (c) => c.notNull())
        .addColumn('summary_terms', 'text', (c) => c.notNull())
        .addColumn('organisation_terms', 'text', (c) => c.notNull())
        .addColumn('body_terms', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('search_documents_newest').on('search_documents').columns(['published_at', 'algorithm_id']).execute();
      await db.schema.createIndex('search_documents_name').on('search_documents').columns(['sort_name', 'algorithm_id']).execute();
      await db.schema
        .createTable('search_facets')
        .addColumn('algorithm_id', 'integer', (c) => c.notNull())
        .addColumn('facet', 'varchar(40)', (c) => c.notNull())
        .addColumn('value', 'varchar(200)', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('search_facets_value').on('search_facets').columns(['facet', 'value', 'algorithm_id']).execute();
      await db.schema.createIndex('search_facets_algorithm').on('search_facets').columns(['algorithm_id']).execute();
      await db.schema.createTable('search_terms').addColumn('term', 'varchar(100)', (c) => c.primaryKey()).execute();
      await db.schema
        .createTable('search_meta')
        .addColumn('key', 'varchar(40)', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .execute();
      await (engine === 'postgres' ? postgresSearch : sqliteSearch).createTextIndex(db);
    },
  };
}
