/**
 * Publication duty and compliance (src/compliance/): per algorithm the duty assessment and the AI Act
 * classification (every one kept; the current one has no `superseded_at`), the status the organisation keeps
 * per applicable requirement, exclusion grounds with their four-eyes approval, the AI Act registration facts
 * of high-risk systems, explicit reviews, the stored quality score, and the link checker's inventory and
 * results. Rows carry the organisation id beside the algorithm id, so that the dashboards count per
 * organisation from one table without a join over 100k algorithms.
 */
import { sql, type Kysely, type Migration } from 'kysely';
import type { Engine } from '../connect.ts';

export function compliance(engine: Engine): Migration {
  const idType = engine === 'postgres' ? sql`serial` : sql`integer`;
  const id = (col: any) => (engine === 'postgres' ? col.primaryKey() : col.primaryKey().autoIncrement());
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('duty_assessments')
        .addColumn('id', idType, id)
        .addColumn('algorithm_id', 'integer', (c) => c.notNull().references('algorithms.id'))
        .addColumn('organisation_id', 'integer', (c) => c.notNull().references('organisations.id'))
        .addColumn('questions_version', 'varchar(20)', (c) => c.notNull())
        // JSON: the answers per question id, and the content fields (status, publication_category) they rested on.
        .addColumn('answers', 'text', (c) => c.notNull())
        .addColumn('basis', 'text', (c) => c.notNull())
        .addColumn('outcome', 'varchar(20)', (c) => c.notNull())
        .addColumn('publication_category', 'varchar(100)')
        .addColumn('duty_applies', 'integer', (c) => c.notNull())
        .addColumn('by_doubt', 'integer', (c) => c.notNull())
        .addColumn('assessed_by', 'text', (c) => c.notNull())
        .addColumn('assessed_by_name', 'text', (c) => c.notNull())
        .addColumn('assessed_at', 'varchar(40)', (c) => c.notNull())
        .addColumn('superseded_at', 'varchar(40)')
        .execute();
      await db.schema.createIndex('duty_assessments_one_current').on('duty_assessments').column('algorithm_id').unique().where(sql.ref('superseded_at'), 'is', null).execute();
      await db.schema.createIndex('duty_assessments_history').on('duty_assessments').columns(['algorithm_id', 'id']).execute();
      // The overdue list: current assessments of an organisation whose duty applies.
      await db.schema
        .createIndex('duty_assessments_organisation')
        .on('duty_assessments')
        .columns(['organisation_id', 'duty_applies'])
        .where(sql.ref('superseded_at'), 'is', null)
        .execute();

      await db.schema
        .createTable('ai_act_classifications')
        .addColumn('id', idType, id)
        .addColumn('algorithm_id', 'integer', (c) => c.notNull().references('algorithms.id'))
        .addColumn('organisation_id', 'integer', (c) => c.notNull().references('organisations.id'))
        .addColumn('tree_name', 'varchar(200)', (c) => c.notNull())
        .addColumn('tree_version', 'varchar(40)', (c) => c.notNull())
        // JSON: the chosen answers (question id, index, text), and the profile they ended at.
        .addColumn('answers', 'text', (c) => c.notNull())
        .addColumn('profile', 'text', (c) => c.notNull())
        .addColumn('conclusion_id', 'varchar(40)', (c) => c.notNull())
        .addColumn('classified_by', 'text', (c) => c.notNull())
        .addColumn('classified_by_name', 'text', (c) => c.notNull())
        .addColumn('classified_at', 'varchar(40)', (c) => c.notNull())
        .addColumn('superseded_at', 'varchar(40)')
        .execute();
      await db.schema
        .createIndex('ai_act_classifications_one_current')
        .on('ai_act_classifications')
        .column('algorithm_id')
        .unique()
        .where(sql.ref('superseded_at'), 'is', null)
        .execute();
      await db.schema.createIndex('ai_act_classifications_history').on('ai_act_classifications').columns(['algorithm_id', 'id']).execute();

      await db.schema
        .createTable('requirement_statuses')
        .addColumn('algorithm_id', 'integer', (c) => c.notNull().references('algorithms.id'))
        .addColumn('requirement_id', 'varchar(100)', (c) => c.notNull())
        .addColumn('organisation_id', 'integer', (c) => c.notNull().references('organisations.id'))
        .addColumn('status', 'varchar(20)', (c) => c.notNull())
        .addColumn('note', 'text')
        .addColumn('updated_by', 'text', (c) => c.notNull())
        .addColumn('updated_by_name', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(40)', (c) => c.notNull())
        .addPrimaryKeyConstraint('requirement_statuses_pk', ['algorithm_id', 'requirement_id'])
        .addCheckConstraint('requirement_statuses_status', sql`status in ('open', 'in_progress', 'done', 'not_applicable')`)
        .execute();

      await db.schema
        .createTable('exclusions')
        .addColumn('id', idType, id)
        .addColumn('algorithm_id', 'integer', (c) => c.notNull().references('algorithms.id'))
        .addColumn('organisation_id', 'integer', (c) => c.notNull().references('organisations.id'))
        .addColumn('ground', 'varchar(40)', (c) => c.notNull())
        // The Open Government Act ground in words, for the ground "another ground of the Woo".
        .addColumn('ground_text', 'text')
        .addColumn('scope', 'varchar(20)', (c) => c.notNull())
        // JSON array of field keys of the standard that are withheld (scope fields_withheld).
        .addColumn('withheld_fields', 'text', (c) => c.notNull())
        .addColumn('justification', 'text', (c) => c.notNull())
        .addColumn('review_date', 'varchar(10)', (c) => c.notNull())
        // pending (recorded, awaiting a second person), active (approved), ended (withdrawn, replaced or ended).
        .addColumn('state', 'varchar(10)', (c) => c.notNull())
        .addColumn('recorded_by', 'text', (c) => c.notNull())
        .addColumn('recorded_by_name', 'text', (c) => c.notNull())
        .addColumn('recorded_at', 'varchar(40)', (c) => c.notNull())
        .addColumn('approved_by', 'text')
        .addColumn('approved_by_name', 'text')
        .addColumn('approved_at', 'varchar(40)')
        .addColumn('ended_by', 'text')
        .addColumn('ended_at', 'varchar(40)')
        .addColumn('end_reason', 'text')
        .addCheckConstraint('exclusions_state', sql`state in ('pending', 'active', 'ended')`)
        .addCheckConstraint('exclusions_scope', sql`scope in ('not_published', 'fields_withheld')`)
        .execute();
      // At most one exclusion awaiting approval and one in force per algorithm, whatever the code does.
      await db.schema
        .createIndex('exclusions_one_per_state')
        .on('exclusions')
        .columns(['algorithm_id', 'state'])
        .unique()
        .where(sql.ref('state'), '<>', 'ended')
        .execute();
      await db.schema.createIndex('exclusions_organisation').on('exclusions').columns(['organisation_id', 'state']).execute();
      // The overdue list asks per algorithm whether an exclusion in force says "not published".
      await db.schema.createIndex('exclusions_algorithm').on('exclusions').columns(['algorithm_id', 'state']).execute();

      await db.schema
        .createTable('eu_registrations')
        .addColumn('algorithm_id', 'integer', (c) => c.primaryKey().references('algorithms.id'))
        .addColumn('organisation_id', 'integer', (c) => c.notNull().references('organisations.id'))
        .addColumn('eu_database_reference', 'varchar(200)')
        .addColumn('fria_summary', 'text')
        .addColumn('dpia_summary', 'text')
        .addColumn('updated_by', 'text', (c) => c.notNull())
        .addColumn('updated_by_name', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(40)', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('compliance_reviews')
        .addColumn('algorithm_id', 'integer', (c) => c.primaryKey().references('algorithms.id'))
        .addColumn('organisation_id', 'integer', (c) => c.notNull().references('organisations.id'))
        .addColumn('reviewed_at', 'varchar(40)', (c) => c.notNull())
        .addColumn('reviewed_by', 'text', (c) => c.notNull())
        .addColumn('reviewed_by_name', 'text', (c) => c.notNull())
        .addColumn('note', 'text')
        .execute();

      await db.schema
        .createTable('quality_scores')
        .addColumn('algorithm_id', 'integer', (c) => c.primaryKey().references('algorithms.id'))
        .addColumn('organisation_id', 'integer', (c) => c.notNull().references('organisations.id'))
        .addColumn('version_id', 'integer', (c) => c.notNull().references('versions.id'))
        .addColumn('score', 'integer', (c) => c.notNull())
        .addColumn('errors', 'integer', (c) => c.notNull())
        .addColumn('warnings', 'integer', (c) => c.notNull())
        .addColumn('computed_at', 'varchar(40)', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('quality_scores_organisation').on('quality_scores').columns(['organisation_id', 'score']).execute();

      // The links of published descriptions, per algorithm and field: what the checker visits.
      await db.schema
        .createTable('link_uses')
        .addColumn('algorithm_id', 'integer', (c) => c.notNull().references('algorithms.id'))
        .addColumn('field', 'varchar(60)', (c) => c.notNull())
        .addColumn('url', 'varchar(2000)', (c) => c.notNull())
        .addColumn('organisation_id', 'integer', (c) => c.notNull().references('organisations.id'))
        .addPrimaryKeyConstraint('link_uses_pk', ['algorithm_id', 'field', 'url'])
        .execute();
      await db.schema.createIndex('link_uses_url').on('link_uses').column('url').execute();
      await db.schema.createIndex('link_uses_organisation').on('link_uses').columns(['organisation_id', 'url']).execute();

      await db.schema
        .createTable('link_checks')
        .addColumn('url', 'varchar(2000)', (c) => c.primaryKey())
        .addColumn('host', 'varchar(300)', (c) => c.notNull())
        // The final response's status; null when no response came (timeout, refused, bad address).
        .addColumn('status_code', 'integer')
        .addColumn('ok', 'integer', (c) => c.notNull())
        .addColumn('error', 'text')
        .addColumn('final_url', 'varchar(2000)')
        .addColumn('redirects', 'integer', (c) => c.notNull())
        .addColumn('checked_at', 'varchar(40)', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('link_checks_due').on('link_checks').column('checked_at').execute();
    },
  };
}
