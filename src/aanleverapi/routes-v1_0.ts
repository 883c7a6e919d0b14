/**
 * The delivery API v1_0 (`/aanleverapi/v1_0`): the national register's endpoints with its paths,
 * bodies and status codes, plus the hidden `publish` and `remove`, ETag/If-Match on edits and an
 * idempotent upsert by `source_id`.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { AppContext } from '../context.ts';
import { CURRENT_STANDARD } from '../standard/index.ts';
import { validateRecord } from '../standard/validate.ts';
import {
  activatePreview,
  archiveVersion,
  changeState,
  createAlgorithm,
  findAlgorithmBySourceId,
  listSummaries,
  publishedVersion,
  removeAlgorithm,
  unarchiveVersion,
  updateAlgorithm,
  type Algorithm,
} from '../register/algorithms.ts';
import { resolveAction } from '../register/states.ts';
import type { Organisation } from '../register/organisations.ts';
import type { Principal } from '../auth/principal.ts';
import { ApiError, validationError } from './errors.ts';
import { algorithmFor, organisationFor, ownedAlgorithm, principalOf, requireAllowed } from './guard.ts';
import { ifMatchVersion, versionEtag, versionToWire } from './wire.ts';
import { findOrganisation } from '../register/organisations.ts';
import { authorize } from '../auth/policy.ts';

interface OrgParams {
  organisation_id: string;
}
interface AlgParams extends OrgParams {
  algorithm_id: string;
}

export function routesV1_0(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    const db = ctx.kysely;

    function validBody(body: unknown) {
      const result = validateRecord(CURRENT_STANDARD, body);
      if (!result.ok) throw validationError(result.errors);
      return result.value;
    }

    async function stateAction(principal: Principal, org: Organisation, algorithm: Algorithm, legacyAction: string) {
      const action = resolveAction(org.flow, legacyAction);
      requireAllowed(principal, { kind: 'state-change', action }, org);
      await changeState(db, algorithm, org.flow, action, principal);
      return null;
    }

    /** Organisation and owned algorithm for a path, the rights checked in the reference's order. */
    async function target(request: import('fastify').FastifyRequest, params: AlgParams, method: 'GET' | 'PUT') {
      const located = await algorithmFor(db, request, params.organisation_id, params.algorithm_id, { kind: 'permission', method });
      return { ...located, principal: principalOf(request) };
    }

    app.get<{ Params: OrgParams }>('/organizations/:organisation_id/algorithms', { config: { access: 'member' } }, async (request) => {
      const principal = principalOf(request);
      const code = request.params.organisation_id;
      const org = await findOrganisation(db, code);
      const decision = authorize(principal, { kind: 'member' }, { code, flow: org?.flow ?? 'ictu_last' });
      if (!decision.ok) throw new ApiError(403, decision.detail);
      return org ? listSummaries(db, org.id) : [];
    });

    app.post<{ Params: OrgParams }>('/organizations/:organisation_id/algorithms', { config: { access: 'permission' } }, async (request) => {
      const org = await organisationFor(db, request, request.params.organisation_id, { kind: 'permission', method: 'POST' });
      const content = validBody(request.body);
      const { algorithm } = await createAlgorithm(db, org, content, principalOf(request));
      return { lars_code: algorithm.lars };
    });

    app.get<{ Params: AlgParams }>('/organizations/:organisation_id/algorithms/:algorithm_id', { config: { access: 'permission' } }, async (request, reply) => {
      const { algorithm, latest: version } = await target(request, request.params, 'GET');
      if (!version) throw new ApiError(404, `Er is geen algoritme met LARS-code: ${algorithm.lars}.`);
      reply.header('etag', versionEtag(version));
      return versionToWire(algorithm, version);
    });

    app.put<{ Params: AlgParams }>('/organizations/:organisation_id/algorithms/:algorithm_id', { config: { access: 'permission' } }, async (request) => {
      const { algorithm, principal } = await target(request, request.params, 'PUT');
      const expected = ifMatchVersion(request.headers['if-match']);
      if (Number.isNaN(expected)) throw new ApiError(412, 'If-Match must be the ETag of GET one, for example "v12".');
      const content = validBody(request.body);
      const result = await updateAlgorithm(db, algorithm, content, principal, { expectedVersionId: expected });
      return result.changed ? null : { message: 'NO_CHANGES' };
    });

    for (const op of ['archive_version', 'unarchive_version'] as const) {
      app.put<{ Params: AlgParams }>(`/organizations/:organisation_id/algorithms/:algorithm_id/${op}`, { config: { access: 'permission' } }, async (request) => {
        const { algorithm, principal } = await target(request, request.params, 'PUT');
        const body = request.body as Record<string, unknown> | undefined;
        const id = body?.algorithm_version_id;
        if (typeof id !== 'number' || !Number.isInteger(id)) {
          throw validationError([
            id === undefined
              ? { type: 'missing', loc: ['body', 'algorithm_version_id'], msg: 'Field required', input: body ?? null }
              : { type: 'int_type', loc: ['body', 'algorithm_version_id'], msg: 'Input should be a valid integer', input: id },
          ]);
        }
        await (op === 'archive_version' ? archiveVersion : unarchiveVersion)(db, algorithm, id, principal);
        return null;
      });
    }

    app.get<{ Params: AlgParams }>('/organizations/:organisation_id/published-algorithms/:algorithm_id', { config: { access: 'permission' } }, async (request) => {
      const { algorithm } = await target(request, request.params, 'GET');
      const version = await publishedVersion(db, algorithm.id);
      if (!version) throw new ApiError(404, `Er is geen gepubliceerd algoritme met LARS-code: ${algorithm.lars}.`);
      return versionToWire(algorithm, version, { withPublicationDt: true });
    });

    app.get<{ Params: AlgParams }>('/organizations/:organisation_id/algorithms/:algorithm_id/preview', { config: { access: 'permission' } }, async (request) => {
      const { algorithm, principal } = await target(request, request.params, 'GET');
      const preview = await activatePreview(db, algorithm, principal, ctx.config.previewTtlSeconds);
      return { url: `${ctx.config.publicUrl}/nl/algoritme/C${algorithm.lars}?preview=${preview.token}` };
    });

    app.delete<{ Params: AlgParams }>('/organizations/:organisation_id/published-algorithms/:algorithm_id/retract', { config: { access: 'state-change' } }, async (request) => {
      const { org, algorithm, principal } = await target(request, request.params, 'GET');
      return stateAction(principal, org, algorithm, 'retract');
    });

    for (const action of ['release', 'publish'] as const) {
      app.put<{ Params: AlgParams }>(`/organizations/:organisation_id/algorithms/:algorithm_id/${action}`, { config: { access: 'state-change' } }, async (request) => {
        const { org, algorithm, principal } = await target(request, request.params, 'GET');
        return stateAction(principal, org, algorithm, action);
      });
    }

    app.delete<{ Params: AlgParams }>('/organizations/:organisation_id/algorithms/:algorithm_id/remove', { config: { access: 'admin' } }, async (request) => {
      const principal = principalOf(request);
      const decision = authorize(principal, { kind: 'admin' });
      if (!decision.ok) throw new ApiError(403, decision.detail);
      const org = await findOrganisation(db, request.params.organisation_id);
      if (!org) throw new ApiError(404, 'ORG_NOT_FOUND');
      const algorithm = await ownedAlgorithm(db, org, request.params.algorithm_id);
      await removeAlgorithm(db, algorithm, principal);
      return null;
    });

    /**
     * Idempotent upsert by the owner's own id: creates the algorithm when no algorithm of the
     * organisation has this `source_id`, otherwise edits it (or answers NO_CHANGES). Sending the
     * same body twice never makes two algorithms.
     */
    app.put<{ Params: OrgParams & { source_id: string } }>(
      '/organizations/:organisation_id/source-ids/:source_id',
      { config: { access: 'permission' } },
      async (request) => {
        const org = await organisationFor(db, request, request.params.organisation_id, { kind: 'permission', method: 'PUT' });
        const principal = principalOf(request);
        const content = validBody(request.body);
        const sourceId = request.params.source_id;
        if (content.source_id !== null && content.source_id !== sourceId) {
          throw validationError([{ type: 'value_error', loc: ['body', 'source_id'], msg: `Value error, source_id in the body (${String(content.source_id)}) differs from the path (${sourceId}).`, input: content.source_id }]);
        }
        content.source_id = sourceId;
        const existing = await findAlgorithmBySourceId(db, org.id, sourceId);
        if (!existing) {
          requireAllowed(principal, { kind: 'permission', method: 'POST' }, org);
          const { algorithm } = await createAlgorithm(db, org, content, principal);
          return { lars_code: algorithm.lars, message: 'CREATED' };
        }
        const result = await updateAlgorithm(db, existing, content, principal);
        return { lars_code: existing.lars, message: result.changed ? 'UPDATED' : 'NO_CHANGES' };
      },
    );
  };
}
