/**
 * Sign-in to management through an external OpenID Provider: which provider identity (issuer
 * and subject) belongs to which account, and the sign-ins under way (state, nonce and PKCE
 * verifier kept on the server against the pre-sign-in session, never in a cookie the browser
 * could change). Session ids are stored only as their sha256, as in `sessions`.
 */
import type { Kysely, Migration } from 'kysely';

export const externalIdentities: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('external_identities')
      .addColumn('issuer', 'varchar(500)', (c) => c.notNull())
      .addColumn('subject', 'varchar(255)', (c) => c.notNull())
      .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
      .addPrimaryKeyConstraint('external_identities_pk', ['issuer', 'subject'])
      .execute();
    await db.schema.createIndex('external_identities_user').on('external_identities').column('user_id').execute();

    await db.schema
      .createTable('external_sign_ins')
      .addColumn('session_hash', 'varchar(64)', (c) => c.primaryKey())
      .addColumn('state', 'varchar(100)', (c) => c.notNull())
      .addColumn('nonce', 'varchar(100)', (c) => c.notNull())
      .addColumn('code_verifier', 'varchar(200)', (c) => c.notNull())
      .addColumn('return_path', 'varchar(2000)', (c) => c.notNull())
      .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('external_sign_ins_created').on('external_sign_ins').column('created_at').execute();
  },
};
