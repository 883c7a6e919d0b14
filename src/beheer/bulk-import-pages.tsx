/**
 * Bulk import and export of the organisation's algorithms in management:
 *
 * - `/beheer/importeren`: the page with the export's downloads and the upload form;
 * - `POST /beheer/importeren/proefdraai`: the dry run of an uploaded file, shown per row and per
 *   field, with the form to apply it;
 * - `POST /beheer/importeren/toepassen`: the same file again with the dry run's fingerprint;
 *   applied in one transaction only when planning it again gives exactly what was shown;
 * - `/beheer/exporteren?formaat=csv|xlsx|json`: the download.
 *
 * Nothing of a dry run is kept between requests: the file is sent again to apply it, so every
 * app server can answer either step and no client-sent result is ever trusted (see
 * src/register/bulk-import.ts). Uploads are multipart forms with the CSRF token as their first
 * field (upload.ts).
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import { applyImport, planImport, type ImportPlan } from '../register/bulk-import.ts';
import { RegisterError } from '../register/errors.ts';
import { formatOfName, readRecordsFrom, TABLE_FORMATS, UnreadableFile, type TableFormat } from '../standard/tabular-read.ts';
import type { Lang } from '../publicsite/messages.ts';
import { fill } from './messages.ts';
import { importMessages } from './messages-import.ts';
import { CsrfField, describedBy, ErrorSummary, FieldError, Frame, Notice } from './layout.tsx';
import { page, seeOther } from './render.ts';
import { frameProps } from './frame-props.ts';
import { organisationOf } from './own-algorithm.ts';
import { acceptUploads, isUploadedFile } from './upload.ts';
import { ImportReport } from './bulk-import-report.tsx';
import { CONTENT_TYPES, exportFileName, organisationExport } from './bulk-export.ts';
import { statusPage } from './status-page.tsx';

export const IMPORT_PATH = '/beheer/importeren';
const CHECK_PATH = `${IMPORT_PATH}/proefdraai`;
const APPLY_PATH = `${IMPORT_PATH}/toepassen`;
export const EXPORT_PATH = '/beheer/exporteren';

/** The largest file taken: a spreadsheet of some 10,000 full descriptions, read in memory at once. */
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;
/** The most rows one import takes: the dry run of more would be a page nobody reads. */
export const MAX_ROWS = 20_000;
const FINGERPRINT = /^[0-9a-f]{64}$/;

const megabytes = (bytes: number, lang: Lang) => `${new Intl.NumberFormat(lang === 'nl' ? 'nl-NL' : 'en-GB').format(Math.round(bytes / (1024 * 1024)))} MB`;

/** The file of an upload as records, or the message to show at the file field. */
type ReadUpload = { ok: true; records: unknown[]; format: TableFormat; fileName: string } | { ok: false; error: string };

async function readUpload(body: unknown, lang: Lang): Promise<ReadUpload> {
  const t = importMessages[lang];
  const file = typeof body === 'object' && body !== null ? (body as Record<string, unknown>).bestand : undefined;
  if (!isUploadedFile(file) || (file.name === '' && file.data.length === 0)) return { ok: false, error: t.noFile };
  const format = formatOfName(file.name);
  if (!format) return { ok: false, error: t.wrongType };
  if (file.tooLarge) return { ok: false, error: fill(t.tooLarge, { max: megabytes(MAX_UPLOAD_BYTES, lang) }) };
  let records: unknown[];
  try {
    records = await readRecordsFrom(file.data, format);
  } catch (error) {
    if (!(error instanceof UnreadableFile) && !(error instanceof Error)) throw error;
    return { ok: false, error: error instanceof UnreadableFile && error.reason === 'not-an-array' ? t.notAnArray : fill(t.unreadable, { format: format.toUpperCase() }) };
  }
  if (records.length === 0) return { ok: false, error: t.empty };
  if (records.length > MAX_ROWS) return { ok: false, error: fill(t.tooManyRows, { max: MAX_ROWS }) };
  return { ok: true, records, format, fileName: file.name };
}

/** The file field and button of an upload form; `plan` makes it the form that applies a dry run. */
function UploadForm({ lang, csrf, error, plan, label, id }: { lang: Lang; csrf: string; error?: string; plan?: ImportPlan; label: string; id: string }) {
  const t = importMessages[lang];
  return (
    <form method="post" action={plan ? APPLY_PATH : CHECK_PATH} encType="multipart/form-data" class="narrow-form import-form" novalidate>
      {/* First, so the server checks it before it reads the file. */}
      <CsrfField token={csrf} />
      {plan && <input type="hidden" name="plan" value={plan.fingerprint} />}
      <div class="form-field utrecht-form-field">
        <label for={id} class="utrecht-form-label">{t.fileLabel}</label>
        <p id={`${id}-hint`} class="utrecht-form-field-description">{fill(t.fileHint, { max: megabytes(MAX_UPLOAD_BYTES, lang) })}</p>
        <FieldError lang={lang} field={id} text={error} />
        <input
          id={id}
          name="bestand"
          type="file"
          accept=".csv,.xlsx,.json,text/csv,application/json,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          required
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={describedBy(id, true, error)}
          class="utrecht-textbox utrecht-textbox--html-input"
        />
      </div>
      <button type="submit" class={`utrecht-button ${plan ? 'utrecht-button--primary-action' : 'utrecht-button--secondary-action'}`}>{label}</button>
      {!plan && <p class="utrecht-form-field-description">{t.checkHint}</p>}
    </form>
  );
}

interface ImportView {
  request: FastifyRequest;
  /** The message at the file field of the check form. */
  fileError?: string;
  /** The message at the file field of the apply form. */
  applyError?: string;
  notice?: string;
  /** A message about the whole import (the plan changed, applying failed). */
  general?: string;
  dryRun?: { plan: ImportPlan; format: TableFormat; fileName: string };
}

function ImportPage({ request, fileError, applyError, notice, general, dryRun }: ImportView) {
  const { lang, person } = request.management;
  const t = importMessages[lang];
  const props = frameProps(request, IMPORT_PATH);
  const organisation = person!.organisation!.name;
  const errors = [fileError && { field: 'bestand', text: fileError }, applyError && { field: 'bestand-opnieuw', text: applyError }].filter((e): e is { field: string; text: string } => Boolean(e));
  const title = dryRun ? fill(t.reportTitle, { file: dryRun.fileName }) : t.title;
  const summaryPrefix = errors.length || general ? `${lang === 'nl' ? 'Fout' : 'Error'}: ` : '';
  const plan = dryRun?.plan;
  const applicable = plan ? plan.counts.create + plan.counts.update > 0 : false;
  return (
    <Frame {...props} current="algorithms" title={`${summaryPrefix}${title}`}>
      <Notice text={notice} />
      <ErrorSummary lang={lang} errors={errors} general={general} />
      <h1 class="nl-heading nl-heading--level-1">{title}</h1>
      {dryRun && plan ? (
        <>
          <p class="nl-paragraph">{t.reportIntro}</p>
          <ImportReport plan={plan} lang={lang} format={dryRun.format} />
          <section aria-labelledby="import-apply">
            <h2 id="import-apply" class="nl-heading nl-heading--level-2">{t.applyTitle}</h2>
            {applicable ? (
              <>
                <p class="nl-paragraph">{t.applyText}</p>
                {plan.counts.refused > 0 && <p class="nl-paragraph">{t.applySkipsRefused}</p>}
                <UploadForm lang={lang} csrf={props.csrf} plan={plan} error={applyError} id="bestand-opnieuw" label={fill(t.applyButton, { create: plan.counts.create, update: plan.counts.update })} />
              </>
            ) : (
              <p class="nl-paragraph">{t.nothingToApply}</p>
            )}
          </section>
          <section aria-labelledby="import-again">
            <h2 id="import-again" class="nl-heading nl-heading--level-2">{t.checkOther}</h2>
            <UploadForm lang={lang} csrf={props.csrf} error={fileError} id="bestand" label={t.check} />
          </section>
        </>
      ) : (
        <>
          <p class="nl-paragraph">{fill(t.intro, { organisation })}</p>
          <section aria-labelledby="import-title">
            <h2 id="import-title" class="nl-heading nl-heading--level-2">{t.importTitle}</h2>
            <p class="nl-paragraph">{t.importIntro}</p>
            <p class="nl-paragraph">{t.matchRules}</p>
            <UploadForm lang={lang} csrf={props.csrf} error={fileError} id="bestand" label={t.check} />
          </section>
          <section aria-labelledby="export-title">
            <h2 id="export-title" class="nl-heading nl-heading--level-2">{t.exportTitle}</h2>
            <p class="nl-paragraph">{t.exportIntro}</p>
            <ul class="utrecht-unordered-list export-links">
              {TABLE_FORMATS.map((format) => (
                <li>
                  <a class="nl-link" href={`${EXPORT_PATH}?formaat=${format}`} download>
                    {fill(t.exportAs, { format: format.toUpperCase() })}
                  </a>
                </li>
              ))}
            </ul>
          </section>
        </>
      )}
    </Frame>
  );
}

const show = (reply: FastifyReply, status: number, view: ImportView) => page(reply, status, <ImportPage {...view} />);

export function bulkImportPages(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    await acceptUploads(app, { maxBytes: MAX_UPLOAD_BYTES });

    app.get<{ Querystring: { aangemaakt?: string; bijgewerkt?: string } }>(IMPORT_PATH.slice('/beheer'.length), { config: { access: 'permission', management: 'importAlgorithms' } }, async (request, reply) => {
      const t = importMessages[request.management.lang];
      const { aangemaakt, bijgewerkt } = request.query;
      const done = /^\d{1,6}$/.test(aangemaakt ?? '') && /^\d{1,6}$/.test(bijgewerkt ?? '');
      return show(reply, 200, { request, notice: done ? fill(t.appliedNotice, { created: Number(aangemaakt), updated: Number(bijgewerkt) }) : undefined });
    });

    app.post(CHECK_PATH.slice('/beheer'.length), { config: { access: 'permission', management: 'importAlgorithms' } }, async (request, reply) => {
      const upload = await readUpload(request.body, request.management.lang);
      if (!upload.ok) return show(reply, 422, { request, fileError: upload.error });
      const org = await organisationOf(ctx, request.management.person!);
      const plan = await planImport(ctx.kysely, org, upload.records);
      return show(reply, 200, { request, dryRun: { plan, format: upload.format, fileName: upload.fileName } });
    });

    app.post(APPLY_PATH.slice('/beheer'.length), { config: { access: 'permission', management: 'importAlgorithms' } }, async (request, reply) => {
      const { lang, person } = request.management;
      const t = importMessages[lang];
      const expected = (request.body as Record<string, unknown> | undefined)?.plan;
      const upload = await readUpload(request.body, lang);
      if (!upload.ok) return show(reply, 422, { request, fileError: typeof expected === 'string' && FINGERPRINT.test(expected) ? upload.error : t.planMissing });
      const org = await organisationOf(ctx, person!);
      const dryRun = async () => ({ plan: await planImport(ctx.kysely, org, upload.records), format: upload.format, fileName: upload.fileName });
      if (typeof expected !== 'string' || !FINGERPRINT.test(expected)) return show(reply, 422, { request, general: t.planMissing, dryRun: await dryRun() });
      try {
        const result = await applyImport(ctx.kysely, org, upload.records, expected, person!.principal, { fileName: upload.fileName });
        return seeOther(reply, `${IMPORT_PATH}?aangemaakt=${result.created}&bijgewerkt=${result.updated}`);
      } catch (error) {
        if (error instanceof RegisterError && error.kind === 'conflict') return show(reply, 409, { request, general: t.changedSince, dryRun: await dryRun() });
        request.log.error({ err: error }, 'bulk import failed; the transaction was rolled back');
        return show(reply, 500, { request, general: t.applyFailed, dryRun: await dryRun().catch(() => undefined) });
      }
    });

    app.get<{ Querystring: { formaat?: string } }>(EXPORT_PATH.slice('/beheer'.length), { config: { access: 'permission', management: 'exportAlgorithms' } }, async (request, reply) => {
      const format = request.query.formaat;
      const t = importMessages[request.management.lang];
      if (!(TABLE_FORMATS as readonly string[]).includes(format ?? '')) return statusPage(request, reply, 400, t.title, [t.badFormat]);
      const code = request.management.person!.organisation!.code;
      return reply
        .type(CONTENT_TYPES[format as TableFormat])
        .header('content-disposition', `attachment; filename="${exportFileName(code, format as TableFormat)}"`)
        .header('cache-control', 'no-store')
        .header('x-content-type-options', 'nosniff')
        .send(organisationExport(ctx.kysely, code, format as TableFormat));
    });
  };
}
