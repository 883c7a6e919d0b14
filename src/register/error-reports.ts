/**
 * Error reports: a visitor of the public register tells the organisation that something in a
 * published algorithm description is wrong. A report is tied to the published version the
 * visitor saw, reaches the organisation that owns the algorithm, and is counted per algorithm
 * (all of them, and those still open). Submitting and handling are audit events; reports are
 * never deleted. No HTTP here: spam protection and rate limits belong to the surface.
 */
import type { Kysely, Selectable } from 'kysely';
import type { Database, ErrorReportTable } from '../db/schema.ts';
import type { Actor } from './actor.ts';
import { recordEvent } from './audit.ts';
import { RegisterError } from './errors.ts';
import { publishedVersions } from './published.ts';

export type ErrorReport = Selectable<ErrorReportTable>;
export type ReportStatus = ErrorReport['status'];
export const REPORT_STATUSES: readonly ReportStatus[] = ['new', 'handled'];

export const MESSAGE_MIN = 10;
export const MESSAGE_MAX = 2000;
export const EMAIL_MAX = 200;
/** The page languages a report can come from. */
export const REPORT_LANGUAGES = ['nl', 'en'] as const;

/** Who submits: nobody signs in to report an error. */
export const VISITOR: Actor = { id: 'anonymous', name: 'anonymous website visitor' };

export type ReportField = 'message' | 'email';
export type FieldProblem = 'required' | 'too_short' | 'too_long' | 'invalid';

export interface ReportInput {
  lars: string;
  /** The published version the visitor saw; the current published version when absent. */
  versionId?: number;
  message: unknown;
  email?: unknown;
  language: string;
}

export interface ReportValues {
  message: string;
  /** Empty when not given. */
  email: string;
}

export type ValidationResult =
  | { ok: true; values: ReportValues }
  | { ok: false; values: ReportValues; errors: Partial<Record<ReportField, { problem: FieldProblem; length: number }>> };

export type SubmitResult = { ok: true; report: ErrorReport } | Extract<ValidationResult, { ok: false }>;

// Control characters other than tab and line breaks carry no meaning in a message, and
// PostgreSQL cannot store NUL at all.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
// Deliberately loose: something@something.tld without spaces. The only real check is a reply.
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

/** Characters as people count them (a single emoji is one). */
const length = (text: string) => [...text].length;

function text(value: unknown): string {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first.replace(CONTROL, '').replace(/\r\n?/g, '\n').trim() : '';
}

/** Checks and normalises what a visitor wrote; pure, so a form can show every problem at once. */
export function validateReport(input: { message?: unknown; email?: unknown }): ValidationResult {
  const values: ReportValues = { message: text(input.message), email: text(input.email) };
  const errors: Extract<ValidationResult, { ok: false }>['errors'] = {};
  const messageLength = length(values.message);
  if (messageLength === 0) errors.message = { problem: 'required', length: 0 };
  else if (messageLength < MESSAGE_MIN) errors.message = { problem: 'too_short', length: messageLength };
  else if (messageLength > MESSAGE_MAX) errors.message = { problem: 'too_long', length: messageLength };
  const emailLength = length(values.email);
  if (emailLength > EMAIL_MAX) errors.email = { problem: 'too_long', length: emailLength };
  else if (emailLength > 0 && !EMAIL.test(values.email)) errors.email = { problem: 'invalid', length: emailLength };
  return Object.keys(errors).length > 0 ? { ok: false, values, errors } : { ok: true, values };
}

export interface ReportTarget {
  algorithmId: number;
  organisationId: number;
  lars: string;
  /** The current published version. */
  versionId: number;
  name: string;
}

/**
 * The algorithm a report can be made about: one with a published version. Undefined for an
 * unknown, removed, draft-only or retracted algorithm.
 */
export async function reportTarget(db: Kysely<Database>, lars: string): Promise<ReportTarget | undefined> {
  // A published version the public may know of: none of an algorithm excluded from publication.
  const version = await publishedVersions(db, {})
    .select(['a.id as algorithm_id', 'a.organisation_id', 'a.lars', 'v.id', 'v.content'])
    .where('a.lars', '=', lars)
    .executeTakeFirst();
  if (!version) return undefined;
  const content = JSON.parse(version.content) as { name?: unknown };
  const name = typeof content.name === 'string' && content.name ? content.name : version.lars;
  return { algorithmId: version.algorithm_id, organisationId: version.organisation_id, lars: version.lars, versionId: version.id, name };
}

/**
 * Stores a report about an algorithm with a published version. Invalid input is answered with
 * every problem and the normalised values; an algorithm that cannot be reported on is a
 * `not_found` RegisterError. The version the visitor saw must be one that was once public for
 * this algorithm; otherwise the current published version is recorded.
 */
export async function submitReport(db: Kysely<Database>, input: ReportInput, at = new Date().toISOString()): Promise<SubmitResult> {
  const target = await reportTarget(db, input.lars);
  if (!target) throw new RegisterError('not_found', `No published algorithm with LARS ${input.lars}.`);
  if (!(REPORT_LANGUAGES as readonly string[]).includes(input.language)) throw new RegisterError('invalid', `Unknown language ${input.language}.`);
  const checked = validateReport(input);
  if (!checked.ok) return checked;

  let versionId = target.versionId;
  if (input.versionId !== undefined && input.versionId !== target.versionId && Number.isSafeInteger(input.versionId)) {
    const seen = await db
      .selectFrom('versions')
      .select('id')
      .where('id', '=', input.versionId)
      .where('algorithm_id', '=', target.algorithmId)
      .where('published_at', 'is not', null)
      .executeTakeFirst();
    if (seen) versionId = seen.id;
  }

  const report = await db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('error_reports')
      .values({
        algorithm_id: target.algorithmId,
        organisation_id: target.organisationId,
        version_id: versionId,
        message: checked.values.message,
        email: checked.values.email || null,
        language: input.language,
        created_at: at,
        status: 'new',
        handled_at: null,
        handled_by: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    // The message and address stay in the report itself; the trail records that it came.
    await recordEvent(
      trx,
      {
        action: 'error_report_submitted',
        actor: VISITOR,
        organisationId: target.organisationId,
        algorithmId: target.algorithmId,
        versionId,
        detail: { report_id: row.id, language: input.language, with_email: row.email !== null },
      },
      at,
    );
    return row;
  });
  return { ok: true, report };
}

export interface ListedReport extends ErrorReport {
  lars: string;
}

/** An organisation's reports, newest first; only those with `status` when given. */
export async function listReports(
  db: Kysely<Database>,
  organisationId: number,
  opts: { status?: ReportStatus; limit?: number; offset?: number } = {},
): Promise<ListedReport[]> {
  let query = db
    .selectFrom('error_reports')
    .innerJoin('algorithms', 'algorithms.id', 'error_reports.algorithm_id')
    .selectAll('error_reports')
    .select('algorithms.lars')
    .where('error_reports.organisation_id', '=', organisationId);
  if (opts.status) query = query.where('error_reports.status', '=', opts.status);
  return query
    .orderBy('error_reports.id', 'desc')
    .limit(opts.limit ?? 100)
    .offset(opts.offset ?? 0)
    .execute();
}

export interface ReportCount {
  total: number;
  /** Not yet handled. */
  open: number;
}

export async function countReports(db: Kysely<Database>, algorithmId: number): Promise<ReportCount> {
  const rows = await db
    .selectFrom('error_reports')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('algorithm_id', '=', algorithmId)
    .groupBy('status')
    .execute();
  let total = 0;
  let open = 0;
  for (const row of rows) {
    total += Number(row.n);
    if (row.status === 'new') open += Number(row.n);
  }
  return { total, open };
}

/**
 * Marks a report handled. Unknown (or, with `organisationId`, another organisation's): `not_found`;
 * already handled: `conflict` (the first handler stays on record).
 */
export async function markHandled(db: Kysely<Database>, id: number, actor: Actor, at = new Date().toISOString(), scope: { organisationId?: number } = {}): Promise<ErrorReport> {
  return db.transaction().execute(async (trx) => {
    const report = await trx.selectFrom('error_reports').selectAll().where('id', '=', id).executeTakeFirst();
    if (!report || (scope.organisationId !== undefined && report.organisation_id !== scope.organisationId)) throw new RegisterError('not_found', `No error report ${id}.`);
    const updated = await trx
      .updateTable('error_reports')
      .set({ status: 'handled', handled_at: at, handled_by: actor.id })
      .where('id', '=', id)
      .where('status', '=', 'new')
      .returningAll()
      .executeTakeFirst();
    if (!updated) throw new RegisterError('conflict', `Error report ${id} was already handled.`);
    await recordEvent(
      trx,
      {
        action: 'error_report_handled',
        actor,
        organisationId: report.organisation_id,
        algorithmId: report.algorithm_id,
        versionId: report.version_id,
        detail: { report_id: id, status: { from: 'new', to: 'handled' } },
      },
      at,
    );
    return updated;
  });
}
