/**
 * Algorithms and their immutable versions: create, edit (a new version each time), state
 * changes along the organisation's flow, archive, preview and soft removal. Every change is an
 * audit event in the same transaction. No HTTP here: callers map RegisterError kinds.
 */
import { withholding, withholdingsOf } from './publication-exclusion.ts';
import { randomBytes } from 'node:crypto';
import { sql, type Kysely, type Selectable } from 'kysely';
import type { AlgorithmTable, Database, VersionTable } from '../db/schema.ts';
import type { AlgorithmContent } from '../standard/types.ts';
import { diffContent } from '../standard/diff.ts';
import { generateLars } from './lars.ts';
import { RegisterError } from './errors.ts';
import { FLOWS, type FlowName, type State } from './states.ts';
import { recordEvent } from './audit.ts';
import { reindexAlgorithms } from '../search/indexer.ts';
import type { Actor } from './actor.ts';
import type { Organisation } from './organisations.ts';
import { refuseIfExcludedFromPublication } from './publication-exclusion.ts';

export type Algorithm = Selectable<AlgorithmTable>;
export type Version = Omit<Selectable<VersionTable>, 'content' | 'state'> & { state: State; content: AlgorithmContent };

/** Versions made through the delivery API are Dutch; translations would be other languages. */
export const LANGUAGE = 'NLD';
const MAX_LARS_TRIES = 1000;

const now = () => new Date().toISOString();

function toVersion(row: Selectable<VersionTable>): Version {
  return { ...row, state: row.state as State, content: JSON.parse(row.content) as AlgorithmContent };
}

/** The keys compared to decide whether an edit changes anything. */
function comparedKeys(a: AlgorithmContent, b: AlgorithmContent): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])];
}

export async function findAlgorithm(db: Kysely<Database>, lars: string): Promise<Algorithm | undefined> {
  return db.selectFrom('algorithms').selectAll().where('lars', '=', lars).where('removed_at', 'is', null).executeTakeFirst();
}

const ORGANISATION_COLUMNS = ['id', 'code', 'name', 'type', 'parent_code', 'flow', 'show_page', 'about_html', 'contact_html', 'created_at'] as const;
const ALGORITHM_COLUMNS = ['id', 'lars', 'organisation_id', 'source_id', 'created_at', 'removed_at', 'removed_by'] as const;
const VERSION_COLUMNS = [
  'id', 'algorithm_id', 'language', 'state', 'state_before_archive', 'standard_version', 'content',
  'create_dt', 'created_by', 'published_at', 'preview_token', 'preview_expires_at',
] as const;

function unprefix<T>(row: Record<string, unknown>, prefix: string, columns: readonly string[]): T | undefined {
  if (row[`${prefix}id`] === null) return undefined;
  return Object.fromEntries(columns.map((c) => [c, row[`${prefix}${c}`]])) as T;
}

export interface Located {
  org?: Organisation;
  /** The algorithm with this LARS, whichever organisation owns it; absent when unknown or removed. */
  algorithm?: Algorithm;
  latest?: Version;
}

/**
 * The organisation with `code`, the live algorithm with `lars` and that algorithm's latest version,
 * in one query: what every delivery-API request about one algorithm needs before it can decide
 * anything. The caller checks that the algorithm belongs to the organisation.
 */
const LOCATE_COLUMNS = sql.raw(
  [
    ...ORGANISATION_COLUMNS.map((c) => `o.${c} as o_${c}`),
    ...ALGORITHM_COLUMNS.map((c) => `a.${c} as a_${c}`),
    ...VERSION_COLUMNS.map((c) => `v.${c} as v_${c}`),
  ].join(', '),
);

export async function locateAlgorithm(db: Kysely<Database>, code: string, lars: string): Promise<Located> {
  // Plain SQL: this runs on every delivery-API request about one algorithm, and building it with
  // the query builder costs more than the three lookups it replaces.
  const { rows } = await sql<Record<string, unknown>>`
    select ${LOCATE_COLUMNS}
    from organisations o
    left join algorithms a on a.lars = ${lars} and a.removed_at is null
    left join versions v on v.id = (select max(l.id) from versions l where l.algorithm_id = a.id and l.language = ${LANGUAGE})
    where o.code = ${code}`.execute(db);
  const row = rows[0];
  if (!row) return {};
  const version = unprefix<Selectable<VersionTable>>(row, 'v_', VERSION_COLUMNS);
  return {
    org: unprefix<Organisation>(row, 'o_', ORGANISATION_COLUMNS),
    algorithm: unprefix<Algorithm>(row, 'a_', ALGORITHM_COLUMNS),
    latest: version && toVersion(version),
  };
}

export async function findAlgorithmBySourceId(db: Kysely<Database>, organisationId: number, sourceId: string): Promise<Algorithm | undefined> {
  return db
    .selectFrom('algorithms')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('source_id', '=', sourceId)
    .where('removed_at', 'is', null)
    .orderBy('id')
    .executeTakeFirst();
}

/** "Latest" as the national register defines it: the newest version in the language, whatever its state. */
export async function latestVersion(db: Kysely<Database>, algorithmId: number): Promise<Version | undefined> {
  const row = await db
    .selectFrom('versions')
    .selectAll()
    .where('algorithm_id', '=', algorithmId)
    .where('language', '=', LANGUAGE)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row && toVersion(row);
}

export async function publishedVersion(db: Kysely<Database>, algorithmId: number): Promise<Version | undefined> {
  const row = await db
    .selectFrom('versions')
    .selectAll()
    .where('algorithm_id', '=', algorithmId)
    .where('language', '=', LANGUAGE)
    .where('state', '=', 'PUBLISHED')
    .executeTakeFirst();
  return row && toVersion(row);
}

/**
 * Every version that was ever public (published now, or published once and since superseded or
 * retracted), oldest first, as the public may see them now: none under an exclusion from
 * publication, and without the fields an exclusion in force withholds (in old versions too).
 */
export async function publicHistory(db: Kysely<Database>, algorithmId: number): Promise<Version[]> {
  const withheld = (await withholdingsOf(db, [algorithmId])).get(algorithmId);
  if (withheld?.notPublished) return [];
  const rows = await db
    .selectFrom('versions')
    .selectAll()
    .where('algorithm_id', '=', algorithmId)
    .where('language', '=', LANGUAGE)
    .where('published_at', 'is not', null)
    .orderBy('published_at')
    .orderBy('id')
    .execute();
  return rows.map(toVersion).map((v) => ({ ...v, content: withholding(v.content, withheld) }));
}

/**
 * How many versions of the algorithm were ever published: `publicHistory(…).length` without
 * reading them, for a caller that has already found the algorithm public (not excluded).
 */
export async function publishedVersionCount(db: Kysely<Database>, algorithmId: number): Promise<number> {
  const row = await db
    .selectFrom('versions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('algorithm_id', '=', algorithmId)
    .where('language', '=', LANGUAGE)
    .where('published_at', 'is not', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function listVersions(db: Kysely<Database>, algorithmId: number): Promise<Version[]> {
  const rows = await db.selectFrom('versions').selectAll().where('algorithm_id', '=', algorithmId).orderBy('id').execute();
  return rows.map(toVersion);
}

async function insertVersion(db: Kysely<Database>, algorithmId: number, content: AlgorithmContent, actor: Actor): Promise<Version> {
  const row = await db
    .insertInto('versions')
    .values({
      algorithm_id: algorithmId,
      language: LANGUAGE,
      state: 'STATE_1',
      state_before_archive: null,
      standard_version: typeof content.standard_version === 'string' ? content.standard_version : null,
      content: JSON.stringify(content),
      create_dt: now(),
      created_by: actor.id,
      published_at: null,
      preview_token: null,
      preview_expires_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toVersion(row);
}

async function unusedLars(db: Kysely<Database>): Promise<string> {
  for (let i = 0; i < MAX_LARS_TRIES; i++) {
    const lars = generateLars();
    const taken = await db.selectFrom('algorithms').select('id').where('lars', '=', lars).executeTakeFirst();
    if (!taken) return lars;
  }
  throw new Error('No unused LARS code found');
}

export interface Created {
  algorithm: Algorithm;
  version: Version;
}

/** A new algorithm with its first version (STATE_1), owned by `org`. */
export async function createAlgorithm(
  db: Kysely<Database>,
  org: Organisation,
  content: AlgorithmContent,
  actor: Actor,
  opts: { auditAction?: string } = {},
): Promise<Created> {
  return db.transaction().execute(async (trx) => {
    const algorithm = await trx
      .insertInto('algorithms')
      .values({
        lars: await unusedLars(trx),
        organisation_id: org.id,
        source_id: typeof content.source_id === 'string' && content.source_id !== '' ? content.source_id : null,
        created_at: now(),
        removed_at: null,
        removed_by: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const version = await insertVersion(trx, algorithm.id, content, actor);
    await recordEvent(trx, {
      action: opts.auditAction ?? 'created',
      actor,
      organisationId: org.id,
      algorithmId: algorithm.id,
      versionId: version.id,
      detail: { diff: diffContent(null, content, Object.keys(content)) },
    });
    return { algorithm, version };
  });
}

export type UpdateResult = { changed: false; version: Version } | { changed: true; version: Version };

/**
 * An edit: a new version in STATE_1 when the content differs from the latest. A draft it replaces
 * is expired; a published version stays live until the next publish. `expectedVersionId` guards
 * against lost updates (If-Match).
 */
export async function updateAlgorithm(
  db: Kysely<Database>,
  algorithm: Algorithm,
  content: AlgorithmContent,
  actor: Actor,
  opts: { expectedVersionId?: number; auditAction?: string } = {},
): Promise<UpdateResult> {
  return db.transaction().execute(async (trx) => {
    const latest = await latestVersion(trx, algorithm.id);
    if (!latest) throw new RegisterError('not_found', `Er is geen algoritme met LARS-code: ${algorithm.lars}.`);
    if (opts.expectedVersionId !== undefined && opts.expectedVersionId !== latest.id) {
      throw new RegisterError('precondition_failed', `VERSION_CHANGED: the latest version is ${latest.id}, not ${opts.expectedVersionId}`);
    }
    const diff = diffContent(latest.content, content, comparedKeys(latest.content, content));
    if (Object.keys(diff).length === 0) return { changed: false as const, version: latest };

    if (latest.state === 'STATE_1' || latest.state === 'STATE_2') {
      await trx.updateTable('versions').set({ state: 'EXPIRED' }).where('id', '=', latest.id).execute();
      await recordEvent(trx, {
        action: 'superseded',
        actor,
        organisationId: algorithm.organisation_id,
        algorithmId: algorithm.id,
        versionId: latest.id,
        detail: { from: latest.state, to: 'EXPIRED' },
      });
    }
    const version = await insertVersion(trx, algorithm.id, content, actor);
    const sourceId = typeof content.source_id === 'string' && content.source_id !== '' ? content.source_id : null;
    if (sourceId !== algorithm.source_id) {
      await trx.updateTable('algorithms').set({ source_id: sourceId }).where('id', '=', algorithm.id).execute();
    }
    await recordEvent(trx, {
      action: opts.auditAction ?? 'new_version',
      actor,
      organisationId: algorithm.organisation_id,
      algorithmId: algorithm.id,
      versionId: version.id,
      detail: { diff },
    });
    return { changed: true as const, version };
  });
}

/** Moves a version along the organisation's flow. Rights are checked by the caller's policy. */
export async function changeState(
  db: Kysely<Database>,
  algorithm: Algorithm,
  flow: FlowName,
  action: string,
  actor: Actor,
  opts: { reason?: string } = {},
): Promise<Version> {
  const transition = FLOWS[flow][action];
  if (!transition) throw new RegisterError('not_found', `UNKNOWN_ACTION: ${action} is not an action of flow ${flow}`);
  return db.transaction().execute(async (trx) => {
    const latest = await latestVersion(trx, algorithm.id);
    if (!latest) throw new RegisterError('not_found', `Er is geen algoritme met LARS-code: ${algorithm.lars}.`);
    const audit = (versionId: number, act: string, detail: Record<string, unknown>) =>
      recordEvent(trx, { action: act, actor, organisationId: algorithm.organisation_id, algorithmId: algorithm.id, versionId, detail });

    if (transition.from === 'PUBLISHED') {
      const published = await publishedVersion(trx, algorithm.id);
      if (!published) throw new RegisterError('conflict', `INVALID ORIGIN_STATE, CURRENT STATE: ${latest.state}`);
      // The live version leaves the public register. If it is also the newest, it goes back into
      // the flow; if a newer draft exists, that draft is the work in progress and the old one expires.
      const to: State = published.id === latest.id ? transition.to : 'EXPIRED';
      await trx.updateTable('versions').set({ state: to }).where('id', '=', published.id).execute();
      await audit(published.id, transition.audit, { from: 'PUBLISHED', to, reason: opts.reason ?? null });
      await reindexAlgorithms(trx, [algorithm.id]);
      return { ...published, state: to };
    }

    if (latest.state !== transition.from) {
      throw new RegisterError('conflict', `INVALID ORIGIN_STATE, CURRENT STATE: ${latest.state}`);
    }
    const at = now();
    if (transition.to === 'PUBLISHED') {
      await refuseIfExcludedFromPublication(trx, algorithm.id);
      const previous = await publishedVersion(trx, algorithm.id);
      if (previous) {
        await trx.updateTable('versions').set({ state: 'EXPIRED' }).where('id', '=', previous.id).execute();
        await audit(previous.id, 'superseded', { from: 'PUBLISHED', to: 'EXPIRED' });
      }
    }
    await trx
      .updateTable('versions')
      .set({ state: transition.to, ...(transition.to === 'PUBLISHED' ? { published_at: at } : {}) })
      .where('id', '=', latest.id)
      .execute();
    await audit(latest.id, transition.audit, { from: latest.state, to: transition.to, reason: opts.reason ?? null });
    if (transition.to === 'PUBLISHED') await reindexAlgorithms(trx, [algorithm.id]);
    return { ...latest, state: transition.to, published_at: transition.to === 'PUBLISHED' ? at : latest.published_at };
  });
}

/**
 * Row ids are positive integers that fit PostgreSQL's `serial` (int4), on both engines. A version
 * id a client sends outside that range names no version: answer not_found here rather than let
 * PostgreSQL fail the query with "out of range for type integer" (a 500 on the API).
 */
const MAX_ROW_ID = 2_147_483_647;
const isRowId = (id: number) => Number.isInteger(id) && id >= 1 && id <= MAX_ROW_ID;

async function versionOf(db: Kysely<Database>, algorithm: Algorithm, versionId: number): Promise<Version> {
  if (!isRowId(versionId)) throw new RegisterError('not_found', `Er is geen algoritmeversie gevonden met ID: (${versionId})`);
  const row = await db
    .selectFrom('versions')
    .selectAll()
    .where('id', '=', versionId)
    .where('algorithm_id', '=', algorithm.id)
    .executeTakeFirst();
  if (!row) throw new RegisterError('not_found', `Er is geen algoritmeversie gevonden met ID: (${versionId})`);
  return toVersion(row);
}

/** Hides a version of this algorithm. A published version must be retracted first. */
export async function archiveVersion(db: Kysely<Database>, algorithm: Algorithm, versionId: number, actor: Actor): Promise<Version> {
  return db.transaction().execute(async (trx) => {
    const version = await versionOf(trx, algorithm, versionId);
    if (version.state === 'ARCHIVED') throw new RegisterError('conflict', 'VERSION_ALREADY_ARCHIVED');
    if (version.state === 'PUBLISHED') throw new RegisterError('conflict', 'PUBLISHED_VERSION_CANNOT_BE_ARCHIVED: retract it first');
    await trx.updateTable('versions').set({ state: 'ARCHIVED', state_before_archive: version.state }).where('id', '=', version.id).execute();
    await recordEvent(trx, {
      action: 'archived',
      actor,
      organisationId: algorithm.organisation_id,
      algorithmId: algorithm.id,
      versionId: version.id,
      detail: { from: version.state, to: 'ARCHIVED' },
    });
    return { ...version, state: 'ARCHIVED', state_before_archive: version.state };
  });
}

/** Brings an archived version back in the state it had before. */
export async function unarchiveVersion(db: Kysely<Database>, algorithm: Algorithm, versionId: number, actor: Actor): Promise<Version> {
  return db.transaction().execute(async (trx) => {
    const version = await versionOf(trx, algorithm, versionId);
    if (version.state !== 'ARCHIVED') throw new RegisterError('conflict', `VERSION_NOT_ARCHIVED, CURRENT STATE: ${version.state}`);
    const restored = (version.state_before_archive ?? 'STATE_1') as State;
    await trx.updateTable('versions').set({ state: restored, state_before_archive: null }).where('id', '=', version.id).execute();
    await recordEvent(trx, {
      action: 'unarchived',
      actor,
      organisationId: algorithm.organisation_id,
      algorithmId: algorithm.id,
      versionId: version.id,
      detail: { from: 'ARCHIVED', to: restored },
    });
    return { ...version, state: restored, state_before_archive: null };
  });
}

/** The admin removal: a soft delete, audited; versions and history stay. */
export async function removeAlgorithm(db: Kysely<Database>, algorithm: Algorithm, actor: Actor): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('algorithms')
      .set({ removed_at: now(), removed_by: actor.id })
      .where('id', '=', algorithm.id)
      .where('removed_at', 'is', null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw new RegisterError('not_found', 'Not Found');
    await recordEvent(trx, { action: 'removed', actor, organisationId: algorithm.organisation_id, algorithmId: algorithm.id });
    await reindexAlgorithms(trx, [algorithm.id]);
  });
}

export interface Preview {
  token: string;
  versionId: number;
  expiresAt: string;
}

/** A preview of the latest version behind an unguessable token that expires. */
export async function activatePreview(db: Kysely<Database>, algorithm: Algorithm, actor: Actor, ttlSeconds: number): Promise<Preview> {
  return db.transaction().execute(async (trx) => {
    const latest = await latestVersion(trx, algorithm.id);
    if (!latest) throw new RegisterError('not_found', `Er is geen algoritme met LARS-code: ${algorithm.lars}.`);
    const token = randomBytes(24).toString('base64url');
    const expiresAt = new Date(Date.now() + ttlSeconds * 1000).toISOString();
    await trx.updateTable('versions').set({ preview_token: token, preview_expires_at: expiresAt }).where('id', '=', latest.id).execute();
    await recordEvent(trx, {
      action: 'preview_activated',
      actor,
      organisationId: algorithm.organisation_id,
      algorithmId: algorithm.id,
      versionId: latest.id,
      detail: { expires_at: expiresAt },
    });
    return { token, versionId: latest.id, expiresAt };
  });
}

/** The version behind a live preview token, or undefined when unknown or expired. */
export async function versionForPreview(db: Kysely<Database>, lars: string, token: string): Promise<Version | undefined> {
  const row = await db
    .selectFrom('versions')
    .innerJoin('algorithms', 'algorithms.id', 'versions.algorithm_id')
    .selectAll('versions')
    .where('algorithms.lars', '=', lars)
    .where('algorithms.removed_at', 'is', null)
    .where('versions.preview_token', '=', token)
    .where('versions.preview_expires_at', '>', now())
    .executeTakeFirst();
  return row && toVersion(row);
}

export interface AlgorithmSummary {
  name: string | null;
  schema_version: string | null;
  last_update_dt: string;
  lars: string;
  source_id: string | null;
  published: boolean;
  current_version_released: boolean;
  current_version_published: boolean;
  last_update_by: string | null;
}

const UPDATE_ACTIONS = ['created', 'new_version', 'released', 'retracted', 'imported', 'published', 'rejected'];

/** One summary per algorithm of the organisation, from its latest version, newest change first. */
/**
 * An organisation's live algorithms as subqueries: `owned`, their ids; `latestIds`, each one's
 * latest version (`algorithm_id`, `id`), to join `versions` on.
 */
export function ownedAlgorithms(db: Kysely<Database>, organisationId: number) {
  const owned = db.selectFrom('algorithms').select('id').where('organisation_id', '=', organisationId).where('removed_at', 'is', null);
  const latestIds = db
    .selectFrom('versions')
    .select((eb) => ['algorithm_id', eb.fn.max('id').as('id')])
    .where('language', '=', LANGUAGE)
    .where('algorithm_id', 'in', owned)
    .groupBy('algorithm_id');
  return { owned, latestIds };
}

export async function listSummaries(db: Kysely<Database>, organisationId: number): Promise<AlgorithmSummary[]> {
  const { owned, latestIds } = ownedAlgorithms(db, organisationId);
  const rows = await db
    .selectFrom('versions as v')
    .innerJoin(latestIds.as('m'), 'm.id', 'v.id')
    .innerJoin('algorithms as a', 'a.id', 'v.algorithm_id')
    .select(['v.id', 'v.state', 'v.content', 'v.create_dt', 'v.standard_version', 'a.lars', 'a.source_id', 'a.id as algorithm_id'])
    .orderBy('v.create_dt', 'desc')
    .orderBy('v.id', 'desc')
    .execute();
  if (rows.length === 0) return [];

  const published = new Set(
    (
      await db
        .selectFrom('versions')
        .select('algorithm_id')
        .where('state', '=', 'PUBLISHED')
        .where('language', '=', LANGUAGE)
        .where('algorithm_id', 'in', owned)
        .execute()
    ).map((r) => r.algorithm_id),
  );
  const lastBy = new Map<number, string>();
  const events = await db
    .selectFrom('audit_events')
    .select(['version_id', 'actor_name'])
    .where('organisation_id', '=', organisationId)
    .where('action', 'in', UPDATE_ACTIONS)
    .where('version_id', 'in', rows.map((r) => r.id))
    .orderBy('id', 'desc')
    .execute();
  for (const e of events) if (e.version_id !== null && !lastBy.has(e.version_id)) lastBy.set(e.version_id, e.actor_name);

  return rows.map((r) => {
    const content = JSON.parse(r.content) as AlgorithmContent;
    return {
      name: typeof content.name === 'string' ? content.name : null,
      schema_version: r.standard_version,
      last_update_dt: r.create_dt,
      lars: r.lars,
      source_id: r.source_id,
      published: published.has(r.algorithm_id),
      current_version_released: r.state === 'STATE_2',
      current_version_published: r.state === 'PUBLISHED',
      last_update_by: lastBy.get(r.id) ?? 'Onbekend',
    };
  });
}
