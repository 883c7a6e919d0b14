/**
 * Error reports from visitors of the public algorithm page: what they saw (the published
 * version), what they wrote, and whether the organisation has handled it. Rows are never deleted.
 */
import { sql, type Kysely, type Migration } from 'kysely';
import type { Engine } from '../connect.ts';

export function errorReports(engine: Engine): Migration {
  const idType = engine === 'postgres' ? sql`serial` : sql`integer`;
  const id = (col: any) => (engine === 'postgres' ? col.primaryKey() : col.primaryKey().autoIncrement());
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('error_reports')
        .addColumn('id', idType, id)
        .addColumn('algorithm_id', 'integer', (c) => c.notNull().references('algorithms.id'))
        .addColumn('organisation_id', 'integer', (c) => c.notNull().references('organisations.id'))
        .addColumn('version_id', 'integer', (c) => c.notNull().references('versions.id'))
        .addColumn('message', 'text', (c) => c.notNull())
        .addColumn('email', 'varchar(200)')
        .addColumn('language', 'varchar(3)', (c) => c.notNull())
        .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
        .addColumn('status', 'varchar(10)', (c) => c.notNull().defaultTo('new'))
        .addColumn('handled_at', 'varchar(40)')
        .addColumn('handled_by', 'text')
        .addCheckConstraint('error_reports_status', sql`status in ('new', 'handled')`)
        .execute();
      // Counting per algorithm on its public page; listing per organisation in management.
      await db.schema.createIndex('error_reports_algorithm').on('error_reports').columns(['algorithm_id', 'status']).execute();
      await db.schema.createIndex('error_reports_organisation').on('error_reports').columns(['organisation_id', 'status', 'id']).execute();
    },
  };
}
