/**
 * The audit log of the whole register, as the platform admin reads it: newest first, filtered by
 * organisation, action and a period of days, a page at a time.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

export interface AuditFilter {
  organisationId?: number;
  action?: string;
  /** First and last day (YYYY-MM-DD, UTC), both included. */
  from?: string;
  to?: string;
}

export interface AuditLogEntry {
  id: number;
  at: string;
  action: string;
  actorName: string;
  actorId: string;
  organisationCode: string | null;
  organisationName: string | null;
  lars: string | null;
  detail: string | null;
}

/** The day after `day` (YYYY-MM-DD), so "to" includes the whole of its day whatever the time of an event. */
const dayAfter = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

export async function searchAuditLog(db: Kysely<Database>, filter: AuditFilter, page: { limit: number; offset: number }): Promise<{ total: number; events: AuditLogEntry[] }> {
  let query = db.selectFrom('audit_events');
  if (filter.organisationId !== undefined) query = query.where('audit_events.organisation_id', '=', filter.organisationId);
  if (filter.action) query = query.where('audit_events.action', '=', filter.action);
  if (filter.from) query = query.where('audit_events.at', '>=', filter.from);
  if (filter.to) query = query.where('audit_events.at', '<', dayAfter(filter.to));
  const { n } = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await query
    .leftJoin('organisations', 'organisations.id', 'audit_events.organisation_id')
    .leftJoin('algorithms', 'algorithms.id', 'audit_events.algorithm_id')
    .select([
      'audit_events.id',
      'audit_events.at',
      'audit_events.action',
      'audit_events.actor_name',
      'audit_events.actor_id',
      'audit_events.detail',
      'organisations.code',
      'organisations.name',
      'algorithms.lars',
    ])
    .orderBy('audit_events.id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return {
    total: Number(n),
    events: rows.map((r) => ({
      id: r.id,
      at: r.at,
      action: r.action,
      actorName: r.actor_name,
      actorId: r.actor_id,
      organisationCode: r.code,
      organisationName: r.name,
      lars: r.lars,
      detail: r.detail,
    })),
  };
}

/** Every action that occurs in the log, for choosing one to filter by. */
export async function auditActions(db: Kysely<Database>): Promise<string[]> {
  const rows = await db.selectFrom('audit_events').select('action').distinct().orderBy('action').execute();
  return rows.map((r) => r.action);
}
