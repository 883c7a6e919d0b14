/** Serves the OpenAPI document and an interactive documentation page (Swagger UI, served locally). */
import type { FastifyPluginAsync } from 'fastify';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { AppContext } from '../context.ts';
import { CURRENT_STANDARD } from '../standard/index.ts';
import { openapiDocument } from './openapi.ts';

/**
 * Where Swagger UI's files are. Found through its package file: the package's main module loads
 * the whole UI bundle into the server (megabytes of memory) only to say where it lives.
 */
const SWAGGER_UI_DIR = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

const PAGE = `<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Algoritmeregister aanlever-API 1.0</title>
<link rel="stylesheet" href="docs-assets/swagger-ui.css">
</head>
<body>
<main id="swagger-ui"></main>
<script src="docs-assets/swagger-ui-bundle.js"></script>
<script src="docs-init.js"></script>
</body>
</html>`;

const INIT = `window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({ url: 'openapi.json', dom_id: '#swagger-ui', deepLinking: true });
});`;

export function openapiRoutes(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    let document: unknown;
    app.get('/openapi.json', { config: { access: 'public' } }, async () => (document ??= openapiDocument(CURRENT_STANDARD, { publicUrl: ctx.config.publicUrl })));
    app.get('/api-docs', { config: { access: 'public' } }, async (_request, reply) => reply.type('text/html; charset=utf-8').send(PAGE));
    app.get('/docs-init.js', { config: { access: 'public' } }, async (_request, reply) => reply.type('text/javascript').send(INIT));
    const assets: Record<string, { type: string; body?: Buffer }> = {
      'swagger-ui.css': { type: 'text/css; charset=utf-8' },
      'swagger-ui-bundle.js': { type: 'text/javascript; charset=utf-8' },
    };
    app.get<{ Params: { file: string } }>('/docs-assets/:file', { config: { access: 'public' } }, async (request, reply) => {
      const asset = assets[request.params.file];
      if (!asset) return reply.code(404).send({ detail: 'Not Found' });
      asset.body ??= readFileSync(join(SWAGGER_UI_DIR, request.params.file));
      return reply.type(asset.type).header('cache-control', 'public, max-age=86400').send(asset.body);
    });
  };
}
