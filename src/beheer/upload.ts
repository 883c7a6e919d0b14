/**
 * File uploads in management (multipart/form-data), for the routes of the plugin that calls
 * `acceptUploads`. Management's CSRF hook reads the token from `request.body._csrf`; for a
 * multipart form the body is made here, before that hook runs, as the form's fields (strings)
 * and its one file as an `UploadedFile`.
 *
 * The token is read first: forms put `_csrf` before the file, and a file that does not follow
 * the session's token is read past and dropped, never kept or parsed. The CSRF hook then
 * refuses the request as it refuses any other form. A file over the size limit is cut off
 * and marked `tooLarge`, so the page can say so at the field instead of failing.
 */
import type { FastifyInstance } from 'fastify';
import multipart from '@fastify/multipart';
import { csrfMatches } from './guards.tsx';

export interface UploadedFile {
  /** The name the browser gave, without any folder. */
  name: string;
  data: Buffer;
  /** The file was larger than the limit: `data` is only its beginning. */
  tooLarge: boolean;
}

export const isUploadedFile = (value: unknown): value is UploadedFile =>
  typeof value === 'object' && value !== null && Buffer.isBuffer((value as UploadedFile).data) && typeof (value as UploadedFile).name === 'string';

/** Registers the multipart parser in `app`'s scope and turns each multipart request into a body of fields and one file. */
export async function acceptUploads(app: FastifyInstance, opts: { maxBytes: number }): Promise<void> {
  await app.register(multipart, { throwFileSizeLimit: false, limits: { fileSize: opts.maxBytes, files: 1, fields: 20, parts: 21, fieldSize: 64 * 1024 } });
  app.addHook('preValidation', async (request) => {
    if (!request.isMultipart()) return;
    const body: Record<string, unknown> = {};
    const expected = request.management.session?.csrfToken;
    let tokenSeen = false;
    let fileSeen = false;
    for await (const part of request.parts()) {
      if (part.type === 'field') {
        // A token after the file came too late: it is not passed on, so the CSRF hook refuses the form.
        if (part.fieldname === '_csrf' && fileSeen) continue;
        if (typeof part.value === 'string' && !(part.fieldname in body)) body[part.fieldname] = part.value;
        if (part.fieldname === '_csrf') tokenSeen = csrfMatches(expected, typeof part.value === 'string' ? part.value : undefined);
        continue;
      }
      fileSeen = true;
      if (!tokenSeen) {
        // Read past (the request must be consumed to be answered) and keep nothing.
        for await (const chunk of part.file) void chunk;
        continue;
      }
      const chunks: Buffer[] = [];
      for await (const chunk of part.file) chunks.push(chunk as Buffer);
      const file: UploadedFile = { name: (part.filename ?? '').replace(/^.*[\\/]/, ''), data: Buffer.concat(chunks), tooLarge: part.file.truncated };
      if (!(part.fieldname in body)) body[part.fieldname] = file;
    }
    request.body = body;
  });
}
