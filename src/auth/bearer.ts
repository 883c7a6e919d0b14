/**
 * Reads the bearer token of a request into `request.principal`, answering 401 in the national
 * register's words when it is missing or invalid.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { TokenService } from './tokens.ts';
import type { Principal } from './principal.ts';

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
}

export const INVALID_TOKEN = 'Inloggegevens konden niet succesvol worden gevalideerd.';

export function bearerAuthentication(tokens: TokenService) {
  return async function authenticate(request: FastifyRequest, reply: FastifyReply) {
    const header = request.headers.authorization;
    const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match) return reply.code(401).send({ detail: 'TOKEN_NOT_FOUND' });
    const principal = await tokens.verify(match[1]);
    if (!principal) return reply.code(401).header('www-authenticate', 'Bearer').send({ detail: INVALID_TOKEN });
    request.principal = principal;
  };
}
