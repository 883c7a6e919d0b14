/**
 * How the register compresses what it sends (@fastify/compress): Brotli, else gzip, for answers of
 * 1 KB and more. A route with options of its own (the downloads) starts from these, because the
 * plugin takes a route's options in place of the register's, not on top of them.
 */
import type { FastifyCompressOptions } from '@fastify/compress';

export const COMPRESSION = { encodings: ['br' as const, 'gzip' as const], threshold: 1024 } satisfies FastifyCompressOptions;
