/**
 * The delivery API's unversioned endpoints that clients call beside v1_0: who am I, the
 * organisations, templates, the generic state action and the version list (whose ids the
 * archive endpoints need).
 */
import type { FastifyPluginAsync } from 'fastify';
import type { AppContext } from '../context.ts';
import { listOrganisations, type Organisation } from '../register/organisations.ts';
import { changeState, listVersions } from '../register/algorithms.ts';
import { eventsOfAlgorithm } from '../register/audit.ts';
import { findTemplate, templatesBySupplier } from '../register/templates.ts';
import { resolveAction } from '../register/states.ts';
import { ApiError } from './errors.ts';
import { algorithmFor, organisationFor, principalOf, requireAllowed } from './guard.ts';
import { listReports, markHandled, REPORT_STATUSES, type ListedReport, type ReportStatus } from '../register/error-reports.ts';
import { organisationToWire } from './wire.ts';
import { authorize } from '../auth/policy.ts';

interface AlgParams {
  organisation_id: string;
  algorithm_id: string;
}

function pageNumber(value: unknown, fallback: number, name: string, min: number, max: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ApiError(422, [{ type: 'int_parsing', loc: ['query', name], msg: `Input should be a whole number from ${min} to ${max}`, input: value }]);
  }
  return n;
}

/** An error report as the organisation reads it (the visitor's e-mail address only when given). */
function reportToWire(report: ListedReport) {
  return {
    id: report.id,
    lars: report.lars,
    version_id: report.version_id,
    message: report.message,
    email: report.email,
    language: report.language,
    created_at: report.created_at,
    status: report.status,
    handled_at: report.handled_at,
  };
}

export function routesBase(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    const db = ctx.kysely;
    // As the reference's Authoriser(BaseOnly): a disabled account gets 403 USER_NOT_ACTIVATED here too.
    app.addHook('preHandler', async (request) => { const d = authorize(principalOf(request), { kind: 'authenticated' }); if (!d.ok) throw new ApiError(403, d.detail); });

    app.get('/user/me', { config: { access: 'authenticated' } }, async (request) => {
      const p = principalOf(request);
      const all = p.roles.includes('admin') || p.roles.includes('all_groups');
      const orgs = all
        ? (await listOrganisations(db, { limit: 10_000 })).organisations
        : ((await db.selectFrom('organisations').selectAll().where('code', 'in', p.groups.length ? p.groups : ['']).orderBy('name').execute()) as Organisation[]);
      return {
        id: p.id,
        username: p.username,
        first_name: p.firstName ?? '',
        last_name: p.lastName ?? '',
        roles: p.roles,
        organisations: orgs.map(organisationToWire),
      };
    });

    app.get<{ Querystring: { limit?: string; skip?: string; q?: string } }>('/organisation', { config: { access: 'authenticated' } }, async (request) => {
      const p = principalOf(request);
      // As the reference: a limit of 1 to 1000 (default 1000), a search term of at most 50 characters.
      const limit = pageNumber(request.query.limit, 1000, 'limit', 1, 1000);
      const skip = pageNumber(request.query.skip, 0, 'skip', 0, 1_000_000_000);
      const q: unknown = request.query.q;
      if (q !== undefined && typeof q !== 'string') {
        throw new ApiError(422, [{ type: 'string_type', loc: ['query', 'q'], msg: 'Input should be a valid string', input: q }]);
      }
      if (q !== undefined && q.length > 50) {
        throw new ApiError(422, [{ type: 'string_too_long', loc: ['query', 'q'], msg: 'String should have at most 50 characters', input: q }]);
      }
      const { organisations, count } = await listOrganisations(db, { q, limit, skip });
      // Everyone signed in may see which organisations exist; that list is public on the site too.
      return { organisations: organisations.map(organisationToWire), count };
    });

    app.put<{ Params: AlgParams & { action_name: string }; Body: { reason?: unknown } }>(
      '/organisations/:organisation_id/algorithms/:algorithm_id/state/:action_name',
      { config: { access: 'state-change' } },
      async (request) => {
        const { org, algorithm } = await algorithmFor(db, request, request.params.organisation_id, request.params.algorithm_id, { kind: 'permission', method: 'GET' });
        const principal = principalOf(request);
        const action = resolveAction(org.flow, request.params.action_name);
        requireAllowed(principal, { kind: 'state-change', action }, org);
        const reason = request.body && typeof request.body === 'object' ? request.body.reason : undefined;
        if (reason !== undefined && typeof reason !== 'string') {
          throw new ApiError(422, [{ type: 'string_type', loc: ['body', 'reason'], msg: 'Input should be a valid string', input: reason }]);
        }
        if (action === 'reject_to_1' && !reason?.trim()) {
          throw new ApiError(422, [{ type: 'missing', loc: ['body', 'reason'], msg: 'A rejection needs a reason for the editor.', input: null }]);
        }
        await changeState(db, algorithm, org.flow, action, principal, { reason: reason?.trim() });
        return null;
      },
    );

    // Error reports from the public site reach the organisation here (and in management).
    app.get<{ Params: { organisation_id: string }; Querystring: { status?: string; limit?: string; skip?: string } }>(
      '/organisations/:organisation_id/error-reports',
      { config: { access: 'permission' } },
      async (request) => {
        const org = await organisationFor(db, request, request.params.organisation_id, { kind: 'permission', method: 'GET' });
        const status = request.query.status;
        if (status !== undefined && !(REPORT_STATUSES as readonly string[]).includes(status)) {
          throw new ApiError(422, [{ type: 'enum', loc: ['query', 'status'], msg: `Input should be ${REPORT_STATUSES.map((s) => `'${s}'`).join(' or ')}`, input: status }]);
        }
        const limit = pageNumber(request.query.limit, 100, 'limit', 1, 1000);
        const offset = pageNumber(request.query.skip, 0, 'skip', 0, 1_000_000_000);
        const reports = await listReports(db, org.id, { status: status as ReportStatus | undefined, limit, offset });
        return reports.map(reportToWire);
      },
    );

    app.put<{ Params: { organisation_id: string; report_id: string } }>(
      '/organisations/:organisation_id/error-reports/:report_id/handled',
      { config: { access: 'permission' } },
      async (request) => {
        const org = await organisationFor(db, request, request.params.organisation_id, { kind: 'permission', method: 'PUT' });
        const id = /^[1-9]\d{0,8}$/.test(request.params.report_id) ? Number(request.params.report_id) : undefined;
        if (id === undefined) throw new ApiError(404, 'Not Found');
        const report = await markHandled(db, id, principalOf(request), undefined, { organisationId: org.id });
        return { id: report.id, status: report.status, handled_at: report.handled_at };
      },
    );

    app.get<{ Params: AlgParams }>('/organisations/:organisation_id/algorithms/:algorithm_id/versions', { config: { access: 'permission' } }, async (request) => {
      const { algorithm } = await algorithmFor(db, request, request.params.organisation_id, request.params.algorithm_id, { kind: 'permission', method: 'GET' });
      const [versions, events] = await Promise.all([listVersions(db, algorithm.id), eventsOfAlgorithm(db, algorithm.id)]);
      return versions.map((v) => ({
        id: v.id,
        state: v.state,
        language: v.language,
        standard_version: v.standard_version,
        create_dt: v.create_dt,
        published_at: v.published_at,
        name: v.content.name ?? null,
        events: events.filter((e) => e.version_id === v.id).map(({ at, action, actor_name, detail }) => ({ at, action, by: actor_name, detail })),
      }));
    });

    app.get<{ Params: { standard_version: string } }>('/templates/:standard_version', { config: { access: 'authenticated' } }, async (request) => {
      const version = request.params.standard_version;
      if (!/^\d+(\.\d+)*$/.test(version) || Number(version.split('.')[0]) < 1) throw new ApiError(404, 'ONLY_VERSION_1.0_AND_HIGHER_IS_AVAILABLE');
      return templatesBySupplier(db, version);
    });

    app.get<{ Params: { standard_version: string; id: string } }>('/templates/:standard_version/:id', { config: { access: 'authenticated' } }, async (request) => {
      const version = request.params.standard_version;
      if (!/^\d+(\.\d+)*$/.test(version) || Number(version.split('.')[0]) < 1) throw new ApiError(404, 'ONLY_VERSION_1.0_AND_HIGHER_IS_AVAILABLE');
      return findTemplate(db, version, request.params.id);
    });
  };
}
