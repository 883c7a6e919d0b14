/**
 * An organisation's algorithms as management lists them: every live algorithm in whatever state
 * its latest version is, with its last change (who and when, from the audit trail) and how many
 * public error reports about it are still open. Filtered by state and by words in the name or LARS.
 */
import { CURRENT_STANDARD } from '../standard/index.ts';
import { completeness } from '../standard/completeness.ts';
import type { AlgorithmContent } from '../standard/types.ts';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { ownedAlgorithms } from './algorithms.ts';
import { STATES, type State } from './states.ts';

export interface OrganisationAlgorithm {
  lars: string;
  name: string | null;
  /** The state of the latest version. */
  state: State;
  /** Whether some version is public now (the latest may be a newer draft). */
  published: boolean;
  lastChangeAt: string;
  lastChangeBy: string | null;
  openReports: number;
  /** Weighted completeness of the latest version, 0–100 (src/standard/completeness.ts). */
  completeness: number;
}

export interface AlgorithmFilter {
  /** The latest version's state; PUBLISHED also finds algorithms with a newer draft over their public version. */
  state?: State;
  /** Words that must all occur in the name or LARS, in any case. */
  text?: string;
}

export const isState = (value: unknown): value is State => typeof value === 'string' && (STATES as readonly string[]).includes(value);

/** Audit actions that are not changes of the description itself. */
const NOT_CHANGES = ['error_report_submitted', 'error_report_handled', 'preview_activated'];

const fold = (text: string) => text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();

/** The organisation's live algorithms, most recently changed first. */
export async function listOrganisationAlgorithms(db: Kysely<Database>, organisationId: number): Promise<OrganisationAlgorithm[]> {
  const { owned, latestIds } = ownedAlgorithms(db, organisationId);
  const [latest, published, lastEvents, reports] = await Promise.all([
    db
      .selectFrom('versions as v')
      .innerJoin(latestIds.as('m'), 'm.id', 'v.id')
      .innerJoin('algorithms as a', 'a.id', 'v.algorithm_id')
      .select(['a.id as algorithmId', 'a.lars', 'v.state', 'v.content', 'v.create_dt'])
      .execute(),
    db.selectFrom('versions').select('algorithm_id').distinct().where('state', '=', 'PUBLISHED').where('algorithm_id', 'in', owned).execute(),
    db
      .selectFrom('audit_events as e')
      .innerJoin(
        db
          .selectFrom('audit_events')
          .select((eb) => ['algorithm_id', eb.fn.max('id').as('id')])
          .where('organisation_id', '=', organisationId)
          .where('action', 'not in', NOT_CHANGES)
          .groupBy('algorithm_id')
          .as('last'),
        'last.id',
        'e.id',
      )
      .select(['e.algorithm_id', 'e.at', 'e.actor_name'])
      .execute(),
    db
      .selectFrom('error_reports')
      .select(['algorithm_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('organisation_id', '=', organisationId)
      .where('status', '=', 'new')
      .groupBy('algorithm_id')
      .execute(),
  ]);
  const isPublished = new Set(published.map((p) => p.algorithm_id));
  const lastChange = new Map(lastEvents.map((e) => [e.algorithm_id, e]));
  const open = new Map(reports.map((r) => [r.algorithm_id, Number(r.n)]));

  return latest
    .map((row): OrganisationAlgorithm & { id: number } => {
      const content = JSON.parse(row.content) as AlgorithmContent;
      const name = content.name;
      const event = lastChange.get(row.algorithmId);
      // The audit trail says who; a version without its event (older imports) still says when.
      const eventIsNewer = event && event.at >= row.create_dt;
      return {
        id: row.algorithmId,
        lars: row.lars,
        name: typeof name === 'string' && name ? name : null,
        state: row.state as State,
        published: isPublished.has(row.algorithmId),
        lastChangeAt: eventIsNewer ? event.at : row.create_dt,
        lastChangeBy: event?.actor_name ?? null,
        openReports: open.get(row.algorithmId) ?? 0,
        completeness: completeness(CURRENT_STANDARD, content).percent,
      };
    })
    // Changes in the same millisecond: the newer algorithm first.
    .sort((a, b) => b.lastChangeAt.localeCompare(a.lastChangeAt) || b.id - a.id)
    .map(({ id: _id, ...algorithm }) => algorithm);
}

/** The algorithms that pass `filter`, in the same order. */
export function filterAlgorithms(algorithms: OrganisationAlgorithm[], filter: AlgorithmFilter): OrganisationAlgorithm[] {
  const words = fold(filter.text ?? '').split(/\s+/).filter(Boolean);
  return algorithms
    .filter((a) => !filter.state || a.state === filter.state || (filter.state === 'PUBLISHED' && a.published))
    .filter((a) => words.every((w) => fold(`${a.name ?? ''} ${a.lars}`).includes(w)));
}
