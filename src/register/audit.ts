/** The audit trail: every create, edit, state change, preview, archive and removal, never updated or deleted. */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Actor } from './actor.ts';

export interface AuditEntry {
  action: string;
  actor: Actor;
  organisationId?: number | null;
  algorithmId?: number | null;
  versionId?: number | null;
  detail?: unknown;
}

export async function recordEvent(db: Kysely<Database>, entry: AuditEntry, at = new Date().toISOString()): Promise<void> {
  await db
    .insertInto('audit_events')
    .values({
      at,
      action: entry.action,
      actor_id: entry.actor.id,
      actor_name: entry.actor.name,
      organisation_id: entry.organisationId ?? null,
      algorithm_id: entry.algorithmId ?? null,
      version_id: entry.versionId ?? null,
      detail: entry.detail === undefined ? null : JSON.stringify(entry.detail),
    })
    .execute();
}

export interface AuditEvent {
  id: number;
  at: string;
  action: string;
  actor_id: string;
  actor_name: string;
  version_id: number | null;
  detail: unknown;
}

export async function eventsOfAlgorithm(db: Kysely<Database>, algorithmId: number): Promise<AuditEvent[]> {
  const rows = await db
    .selectFrom('audit_events')
    .select(['id', 'at', 'action', 'actor_id', 'actor_name', 'version_id', 'detail'])
    .where('algorithm_id', '=', algorithmId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ ...r, detail: r.detail === null ? null : JSON.parse(r.detail) }));
}
