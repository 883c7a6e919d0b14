/**
 * The bare HTTP baseline: Node's own `http` server with no framework, no auth and no domain.
 * GET answers a fixed JSON object (serialised per request, as the register serialises its
 * answer), or with `getHtml` given a fixed HTML page (the floor under a server-rendered page);
 * with `sql` given, POST stores the JSON body as one row and PUT …/release or
 * …/publish sets that row's state: the floor under the delivery API's write path.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BareSql } from './baseline-sql.ts';

export interface BaselineServer {
  url: string;
  close(): Promise<void>;
}

const STATE_OF: Record<string, string> = { release: 'STATE_2', publish: 'PUBLISHED' };

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function send(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

function sendHtml(response: ServerResponse, html: string): void {
  response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(html) });
  response.end(html);
}

export async function startBaselineServer(opts: { getBody: unknown; getHtml?: string; sql?: BareSql }): Promise<BaselineServer> {
  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => send(response, 500, { detail: String(error) }));
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.method === 'GET') return opts.getHtml !== undefined ? sendHtml(response, opts.getHtml) : send(response, 200, opts.getBody);
    const body = await readBody(request);
    if (!opts.sql) return send(response, 200, null);
    if (request.method === 'POST') {
      const content = JSON.parse(body) as Record<string, unknown>;
      const id = await opts.sql.insertOne({ lars: '', organisation_code: String(content.organization ?? ''), content: JSON.stringify(content) });
      return send(response, 200, { lars_code: String(id).padStart(8, '0') });
    }
    const match = /\/algorithms\/(\d+)\/(release|publish)$/.exec(request.url ?? '');
    if (request.method === 'PUT' && match) {
      await opts.sql.setState(Number(match[1]), STATE_OF[match[2]]);
      return send(response, 200, null);
    }
    return send(response, 404, { detail: 'Not Found' });
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
