/**
 * The delivery API's error shapes: `Message` bodies (`{"detail": "…"}`) for everything but body
 * validation, which answers 422 in FastAPI's `{"detail": [{loc, msg, type}]}` shape.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { RegisterError, type RegisterErrorKind } from '../register/errors.ts';
import type { ValidationIssue } from '../standard/validate.ts';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string | ValidationIssue[],
  ) {
    super(typeof detail === 'string' ? detail : 'validation error');
  }
}

const STATUS: Record<RegisterErrorKind, number> = {
  not_found: 404,
  forbidden: 403,
  conflict: 409,
  precondition_failed: 412,
  invalid: 422,
};

export const validationError = (issues: ValidationIssue[]) => new ApiError(422, issues);

/** Fastify's own errors for what a client sent, in the API's shapes; anything else is ours (500). */
export function handleApiError(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof ApiError) return reply.code(error.status).send({ detail: error.detail });
  if (error instanceof RegisterError) return reply.code(STATUS[error.kind]).send({ detail: error.detail });
  const fastifyError = error as FastifyError;
  if (fastifyError.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || fastifyError.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || error instanceof SyntaxError) {
    return reply.code(422).send({
      detail: [{ type: 'json_invalid', loc: ['body', 0], msg: 'JSON decode error', input: {}, ctx: { error: error.message } }],
    });
  }
  if (fastifyError.statusCode === 429) return reply.code(429).send({ detail: error.message });
  if (fastifyError.statusCode && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    return reply.code(fastifyError.statusCode).send({ detail: error.message });
  }
  request.log.error({ err: error }, 'unhandled error');
  return reply.code(500).send({ detail: 'INTERNAL_SERVER_ERROR' });
}
