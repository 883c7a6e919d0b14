/**
 * E-mail alerts for a search (src/register/subscriptions.ts) and the mail journal that doubles
 * as the development outbox (src/mail/mailer.ts). Tokens are stored only as their sha256.
 */
import { sql, type Kysely, type Migration } from 'kysely';
import type { Engine } from '../connect.ts';

export function subscriptions(engine: Engine): Migration {
  const idType = engine === 'postgres' ? sql`serial` : sql`integer`;
  const id = (col: any) => (engine === 'postgres' ? col.primaryKey() : col.primaryKey().autoIncrement());
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('subscriptions')
        .addColumn('id', idType, id)
        .addColumn('email', 'varchar(254)', (c) => c.notNull())
        // The search as the search page writes it (searchQueryString): '' or '?q=…&theme=…'.
        .addColumn('query', 'varchar(2000)', (c) => c.notNull())
        .addColumn('language', 'varchar(3)', (c) => c.notNull())
        .addColumn('confirm_token_hash', 'varchar(64)')
        .addColumn('unsubscribe_token_hash', 'varchar(64)', (c) => c.notNull())
        .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
        .addColumn('confirmed_at', 'varchar(40)')
        .addColumn('unsubscribed_at', 'varchar(40)')
        .addColumn('last_sent_at', 'varchar(40)')
        // The newest search_documents.published_at already considered for this subscription.
        .addColumn('last_published_seen', 'varchar(40)')
        .execute();
      // One subscription per address and search, whatever the timing of two requests.
      await db.schema.createIndex('subscriptions_email_query').on('subscriptions').columns(['email', 'query']).unique().execute();
      await db.schema.createIndex('subscriptions_confirm_token').on('subscriptions').column('confirm_token_hash').execute();
      await db.schema.createIndex('subscriptions_unsubscribe_token').on('subscriptions').column('unsubscribe_token_hash').execute();

      // Every alert mail carries its own unsubscribe link; the links of older mails keep working.
      await db.schema
        .createTable('subscription_tokens')
        .addColumn('token_hash', 'varchar(64)', (c) => c.primaryKey())
        .addColumn('subscription_id', 'integer', (c) => c.notNull().references('subscriptions.id'))
        .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('subscription_tokens_subscription').on('subscription_tokens').column('subscription_id').execute();

      await db.schema
        .createTable('outbox')
        .addColumn('id', idType, id)
        .addColumn('to', 'varchar(254)', (c) => c.notNull())
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('html', 'text')
        .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
        // Set when an SMTP server accepted the mail; stays empty in the development outbox.
        .addColumn('sent_at', 'varchar(40)')
        .addColumn('error', 'text')
        .execute();
    },
  };
}
