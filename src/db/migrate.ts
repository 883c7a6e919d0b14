/** Runs the migration set (the same set on both engines) up to the newest. */
import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import type { Db } from './connect.ts';
import { initial } from './migrations/001-initial.ts';
import { search } from './migrations/002-search.ts';
import { errorReports } from './migrations/003-error-reports.ts';
import { subscriptions } from './migrations/004-subscriptions.ts';
import { searchTermCounts } from './migrations/005-search-term-counts.ts';
import { searchChanges } from './migrations/006-search-changes.ts';
import { sessions } from './migrations/007-sessions.ts';
import { compliance } from './migrations/008-compliance.ts';
import { templateSharing } from './migrations/009-template-sharing.ts';
import { externalIdentities } from './migrations/010-external-identities.ts';
import { totpLastStep } from './migrations/011-totp-last-step.ts';
import { searchPhrases } from './migrations/012-search-phrases.ts';
import { searchText } from './migrations/013-search-text.ts';

function provider(db: Db): MigrationProvider {
  return {
    async getMigrations(): Promise<Record<string, Migration>> {
      return { '001-initial': initial(db.engine), '002-search': search(db.engine), '003-error-reports': errorReports(db.engine), '004-subscriptions': subscriptions(db.engine),
        '005-search-term-counts': searchTermCounts,
        '006-search-changes': searchChanges(db.engine),
        '007-sessions': sessions(db.engine),
        '008-compliance': compliance(db.engine),
        '009-template-sharing': templateSharing,
        '010-external-identities': externalIdentities,
        '011-totp-last-step': totpLastStep,
        '012-search-phrases': searchPhrases(db.engine),
        '013-search-text': searchText(db.engine),
      };
    },
  };
}

/** Brings the database to the latest schema (or to the migration `to`, as an upgrade test starts from); the names of those applied. */
export async function migrate(db: Db, to?: string): Promise<string[]> {
  const migrator = new Migrator({ db: db.kysely, provider: provider(db) });
  const { error, results } = to === undefined ? await migrator.migrateToLatest() : await migrator.migrateTo(to);
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
