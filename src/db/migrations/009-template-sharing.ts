/**
 * Templates maintained in the application: an organisation's own template is visible to it
 * alone until it shares it with all organisations. (Bundled suppliers' templates have no
 * organisation and are visible to all.)
 */
import type { Kysely, Migration } from 'kysely';

export const templateSharing: Migration = {
  async up(db: Kysely<any>) {
    await db.schema.alterTable('templates').addColumn('shared', 'integer', (c) => c.notNull().defaultTo(0)).execute();
    await db.schema.createIndex('templates_organisation').on('templates').columns(['organisation_id']).execute();
  },
};
