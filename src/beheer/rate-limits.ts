/**
 * Limits per address on the forms that anyone can post without signing in, on top of the
 * per-account lockout: trying one password on many usernames (sign-in), and mailing many
 * accounts (forgot password). Counted per app server, like the delivery API's limit.
 */
import type { FastifyInstance, onRequestHookHandler } from 'fastify';
import rateLimit from '@fastify/rate-limit';

export const SIGN_IN_ATTEMPTS_PER_ADDRESS = 60;
export const RESET_REQUESTS_PER_ADDRESS = 20;
export const LIMIT_WINDOW_MS = 15 * 60 * 1000;

/** Thrown by a limiter; management's error handler answers it with a page that says how long to wait. */
export class TooManyRequests extends Error {
  readonly statusCode = 429;
  constructor(readonly retryAfterMs: number) {
    super('Too many requests from this address');
  }
}

export interface ManagementLimits {
  /** Both sign-in steps share one count. */
  signIn: onRequestHookHandler;
  forgotPassword: onRequestHookHandler;
}

export async function registerLimits(app: FastifyInstance): Promise<ManagementLimits> {
  const errorResponseBuilder = (_request: unknown, context: { ttl: number }) => new TooManyRequests(context.ttl);
  await app.register(rateLimit, { global: false, errorResponseBuilder });
  return {
    signIn: app.rateLimit({ max: SIGN_IN_ATTEMPTS_PER_ADDRESS, timeWindow: LIMIT_WINDOW_MS, errorResponseBuilder }),
    forgotPassword: app.rateLimit({ max: RESET_REQUESTS_PER_ADDRESS, timeWindow: LIMIT_WINDOW_MS, errorResponseBuilder }),
  };
}
