/**
 * Management sign-in: server-side sessions (in the database, so that every app server behind a
 * load balancer knows every session), failed sign-in attempts for the lockout, single-use
 * password reset tokens, and roles per organisation. Session ids and reset tokens are stored
 * only as their sha256: a copy of the database hands out no live session or reset link.
 */
import { sql, type Kysely, type Migration } from 'kysely';
import type { Engine } from '../connect.ts';

export function sessions(engine: Engine): Migration {
  const idType = engine === 'postgres' ? sql`serial` : sql`integer`;
  const id = (col: any) => (engine === 'postgres' ? col.primaryKey() : col.primaryKey().autoIncrement());
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('sessions')
        .addColumn('id_hash', 'varchar(64)', (c) => c.primaryKey())
        // Signed in: the account. Empty before sign-in (the session then only carries the CSRF token).
        .addColumn('user_id', 'integer', (c) => c.references('users.id'))
        // The password was right and the account's TOTP code is awaited.
        .addColumn('pending_user_id', 'integer', (c) => c.references('users.id'))
        .addColumn('csrf_token', 'varchar(64)', (c) => c.notNull())
        .addColumn('organisation_id', 'integer', (c) => c.references('organisations.id'))
        .addColumn('language', 'varchar(3)', (c) => c.notNull())
        .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
        .addColumn('last_seen_at', 'varchar(40)', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();
      await db.schema.createIndex('sessions_last_seen').on('sessions').column('last_seen_at').execute();

      await db.schema
        .createTable('sign_in_failures')
        .addColumn('id', idType, id)
        // As typed (lower case): unknown names count too, so the lockout tells nobody which accounts exist.
        .addColumn('username', 'varchar(200)', (c) => c.notNull())
        .addColumn('at', 'varchar(40)', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('sign_in_failures_username').on('sign_in_failures').columns(['username', 'at']).execute();

      await db.schema
        .createTable('password_resets')
        .addColumn('token_hash', 'varchar(64)', (c) => c.primaryKey())
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
        .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
        .addColumn('expires_at', 'varchar(40)', (c) => c.notNull())
        .addColumn('used_at', 'varchar(40)')
        .execute();
      await db.schema.createIndex('password_resets_user').on('password_resets').column('user_id').execute();

      // Roles that hold in this organisation only, on top of the account's own roles (JSON array).
      await db.schema.alterTable('user_organisations').addColumn('roles', 'text', (c) => c.notNull().defaultTo('[]')).execute();
    },
  };
}
