/** The register's tables. Written once for both engines; only the id column type differs. */
import { sql, type Kysely, type Migration } from 'kysely';
import type { Engine } from '../connect.ts';

export function initial(engine: Engine): Migration {
  const idType = engine === 'postgres' ? sql`serial` : sql`integer`;
  const id = (col: any) => (engine === 'postgres' ? col.primaryKey() : col.primaryKey().autoIncrement());

  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('organisations')
        .addColumn('id', idType, id)
        .addColumn('code', 'varchar(100)', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('type', 'varchar(100)', (c) => c.notNull())
        .addColumn('parent_code', 'varchar(100)')
        .addColumn('flow', 'varchar(40)', (c) => c.notNull())
        .addColumn('show_page', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('about_html', 'text')
        .addColumn('contact_html', 'text')
        .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('algorithms')
        .addColumn('id', idType, id)
        .addColumn('lars', 'varchar(8)', (c) => c.notNull().unique())
        .addColumn('organisation_id', 'integer', (c) => c.notNull().references('organisations.id'))
        .addColumn('source_id', 'text')
        .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
        .addColumn('removed_at', 'varchar(40)')
        .addColumn('removed_by', 'text')
        .execute();
      await db.schema.createIndex('algorithms_org').on('algorithms').columns(['organisation_id', 'source_id']).execute();

      await db.schema
        .createTable('versions')
        .addColumn('id', idType, id)
        .addColumn('algorithm_id', 'integer', (c) => c.notNull().references('algorithms.id'))
        .addColumn('language', 'varchar(3)', (c) => c.notNull())
        .addColumn('state', 'varchar(20)', (c) => c.notNull())
        .addColumn('state_before_archive', 'varchar(20)')
        .addColumn('standard_version', 'varchar(10)')
        .addColumn('content', 'text', (c) => c.notNull())
        .addColumn('create_dt', 'varchar(40)', (c) => c.notNull())
        .addColumn('created_by', 'text')
        .addColumn('published_at', 'varchar(40)')
        .addColumn('preview_token', 'varchar(100)')
        .addColumn('preview_expires_at', 'varchar(40)')
        .execute();
      await db.schema.createIndex('versions_algorithm').on('versions').columns(['algorithm_id', 'language', 'id']).execute();
      await db.schema.createIndex('versions_state').on('versions').columns(['state', 'language']).execute();
      // At most one published version per algorithm and language, whatever the code does.
      await db.schema
        .createIndex('versions_one_published')
        .on('versions')
        .columns(['algorithm_id', 'language'])
        .unique()
        .where(sql.ref('state'), '=', 'PUBLISHED')
        .execute();

      await db.schema
        .createTable('audit_events')
        .addColumn('id', idType, id)
        .addColumn('at', 'varchar(40)', (c) => c.notNull())
        .addColumn('organisation_id', 'integer')
        .addColumn('algorithm_id', 'integer')
        .addColumn('version_id', 'integer')
        .addColumn('action', 'varchar(40)', (c) => c.notNull())
        .addColumn('actor_id', 'text', (c) => c.notNull())
        .addColumn('actor_name', 'text', (c) => c.notNull())
        .addColumn('detail', 'text')
        .execute();
      await db.schema.createIndex('audit_algorithm').on('audit_events').columns(['algorithm_id', 'id']).execute();
      await db.schema.createIndex('audit_organisation').on('audit_events').columns(['organisation_id', 'id']).execute();

      await db.schema
        .createTable('users')
        .addColumn('id', idType, id)
        .addColumn('username', 'varchar(200)', (c) => c.notNull().unique())
        .addColumn('first_name', 'text')
        .addColumn('last_name', 'text')
        .addColumn('email', 'text')
        .addColumn('password_hash', 'text')
        .addColumn('totp_secret', 'text')
        .addColumn('roles', 'text', (c) => c.notNull())
        .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('user_organisations')
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
        .addColumn('organisation_id', 'integer', (c) => c.notNull().references('organisations.id'))
        .addPrimaryKeyConstraint('user_organisations_pk', ['user_id', 'organisation_id'])
        .execute();

      await db.schema
        .createTable('api_clients')
        .addColumn('id', idType, id)
        .addColumn('client_id', 'varchar(100)', (c) => c.notNull().unique())
        .addColumn('secret_hash', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('organisation_id', 'integer', (c) => c.references('organisations.id'))
        .addColumn('roles', 'text', (c) => c.notNull())
        .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
        .addColumn('revoked_at', 'varchar(40)')
        .execute();

      await db.schema
        .createTable('signing_keys')
        .addColumn('kid', 'varchar(100)', (c) => c.primaryKey())
        .addColumn('private_jwk', 'text', (c) => c.notNull())
        .addColumn('public_jwk', 'text', (c) => c.notNull())
        .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('templates')
        .addColumn('id', idType, id)
        .addColumn('template_id', 'varchar(200)', (c) => c.notNull().unique())
        .addColumn('supplier', 'text', (c) => c.notNull())
        .addColumn('standard_version', 'varchar(10)', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('content', 'text', (c) => c.notNull())
        .addColumn('organisation_id', 'integer', (c) => c.references('organisations.id'))
        .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(40)', (c) => c.notNull())
        .execute();
    },
  };
}
