/**
 * `/beheer/algoritme/{lars}/geschiedenis`: every version of an algorithm (drafts too) with who
 * made it and its state, every audit event, and a field-by-field comparison of any two versions
 * (`?van=ID&naar=ID`). From here an old version comes back as a new draft, a version is
 * archived or taken out of the archive, and a preview link of the latest version is made.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import { activatePreview, archiveVersion, listVersions, unarchiveVersion, type Algorithm, type Version } from '../register/algorithms.ts';
import { eventsOfAlgorithm, type AuditEvent } from '../register/audit.ts';
import { saveDraft } from '../register/drafts.ts';
import { RegisterError } from '../register/errors.ts';
import { CURRENT_STANDARD, STANDARDS } from '../standard/index.ts';
import { diffContent } from '../standard/diff.ts';
import { DiffTable } from '../publicsite/diff-table.tsx';
import { beheerMessages, fill } from './messages.ts';
import { historyMessages } from './messages-history.ts';
import { CsrfField, Frame, Notice } from './layout.tsx';
import { page, seeOther } from './render.ts';
import { frameProps, may } from './frame-props.ts';
import { formatDateTime, stateLabel } from './algorithms-page.tsx';
import { notFoundPage } from './status-page.tsx';
import { organisationOf, ownAlgorithm } from './own-algorithm.ts';
import type { FormBody } from './form/form-input.ts';

export const historyPathOf = (lars: string) => `/beheer/algoritme/${lars}/geschiedenis`;

interface HistoryView {
  request: FastifyRequest;
  algorithm: Algorithm;
  versions: Version[];
  events: AuditEvent[];
  from?: Version;
  to?: Version;
  notice?: string;
  preview?: { link: string; until: string };
}

function HistoryPage({ request, algorithm, versions, events, from, to, notice, preview }: HistoryView) {
  const { lang, person, session } = request.management;
  const t = historyMessages[lang];
  const tb = beheerMessages[lang];
  const latest = versions[versions.length - 1]!;
  const name = typeof latest.content.name === 'string' && latest.content.name ? latest.content.name : algorithm.lars;
  const number = new Map(versions.map((v, i) => [v.id, i + 1]));
  const authorOf = new Map(events.filter((e) => e.version_id !== null && ['created', 'new_version', 'imported', 'restored'].includes(e.action)).map((e) => [e.version_id!, e.actor_name]));
  const canEdit = may(person, 'editAlgorithm');
  const def = STANDARDS[to?.standard_version ?? ''] ?? CURRENT_STANDARD;
  const changes = from && to ? diffContent(from.content, to.content, def.fields.map((f) => f.key)) : undefined;
  const changed = changes ? def.fields.filter((f) => f.kind !== 'system' && changes[f.key]) : [];
  const csrf = session?.csrfToken ?? '';
  const eventLabel = (action: string) => (t as Record<string, string>)[`event_${action}`] ?? action;
  return (
    <Frame {...frameProps(request, historyPathOf(algorithm.lars))} current="algorithms" title={fill(t.title, { name })}>
      <Notice text={notice} />
      {preview && (
        <div class="notice utrecht-alert utrecht-alert--ok" role="status">
          <p>
            {fill(t.previewMade, { until: preview.until, link: '' })}
            <a class="nl-link" href={preview.link}>{preview.link}</a>
          </p>
        </div>
      )}
      <p>
        <a class="nl-link" href={`/beheer/algoritme/${algorithm.lars}`}>{t.backToEdit}</a>
      </p>
      <h1 class="nl-heading nl-heading--level-1">{fill(t.title, { name })}</h1>
      <p class="nl-paragraph">{t.intro}</p>

      <h2 class="nl-heading nl-heading--level-2">{t.versions}</h2>
      <table class="utrecht-table">
        <thead class="utrecht-table__header">
          <tr>
            <th scope="col">{t.version}</th>
            <th scope="col">{t.created}</th>
            <th scope="col">{t.by}</th>
            <th scope="col">{t.state}</th>
            {canEdit && <th scope="col">{t.actions}</th>}
          </tr>
        </thead>
        <tbody class="utrecht-table__body">
          {[...versions].reverse().map((v) => (
            <tr>
              <td>{number.get(v.id)}</td>
              <td>{formatDateTime(v.create_dt, lang)}</td>
              <td>{authorOf.get(v.id) ?? ''}</td>
              <td>{stateLabel(tb, v.state)}</td>
              {canEdit && (
                <td class="row-actions">
                  {v.id !== latest.id && (
                    <form method="post" action={`/beheer/algoritme/${algorithm.lars}/herstel`} class="inline-form">
                      <CsrfField token={csrf} />
                      <input type="hidden" name="versie" value={String(v.id)} />
                      <button type="submit" class="utrecht-button utrecht-button--secondary-action">
                        {t.restore} <span class="visually-hidden">({`${t.version} ${number.get(v.id)}`})</span>
                      </button>
                    </form>
                  )}
                  {v.state !== 'PUBLISHED' && (
                    <form method="post" action={`/beheer/algoritme/${algorithm.lars}/archief`} class="inline-form">
                      <CsrfField token={csrf} />
                      <input type="hidden" name="versie" value={String(v.id)} />
                      <input type="hidden" name="actie" value={v.state === 'ARCHIVED' ? 'unarchive' : 'archive'} />
                      <button type="submit" class="utrecht-button utrecht-button--subtle">
                        {v.state === 'ARCHIVED' ? t.unarchive : t.archive} <span class="visually-hidden">({`${t.version} ${number.get(v.id)}`})</span>
                      </button>
                    </form>
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>

      {versions.length > 1 && (
        <form method="get" action={historyPathOf(algorithm.lars)} class="compare-form">
          <fieldset class="utrecht-form-fieldset">
            <legend class="utrecht-form-fieldset__legend">{t.compare}</legend>
            {(['van', 'naar'] as const).map((param) => (
              <div class="form-field utrecht-form-field">
                <label class="utrecht-form-label" for={param}>{param === 'van' ? t.compareFrom : t.compareTo}</label>
                <select class="utrecht-select utrecht-select--html-select" id={param} name={param}>
                  {versions.map((v) => (
                    <option value={String(v.id)} selected={(param === 'van' ? from : to)?.id === v.id}>
                      {`${number.get(v.id)} – ${stateLabel(tb, v.state)} – ${formatDateTime(v.create_dt, lang)}`}
                    </option>
                  ))}
                </select>
              </div>
            ))}
            <button type="submit" class="utrecht-button utrecht-button--secondary-action">{t.compareButton}</button>
          </fieldset>
        </form>
      )}
      {changes && from && to && (
        <section aria-labelledby="changes">
          <h2 id="changes" class="nl-heading nl-heading--level-2">{fill(t.changesTitle, { from: String(number.get(from.id)), to: String(number.get(to.id)) })}</h2>
          {changed.length === 0 ? <p>{t.noChanges}</p> : <DiffTable def={def} fields={changed} changes={changes} lang={lang} />}
        </section>
      )}

      {canEdit && (
        <section aria-labelledby="preview">
          <h2 id="preview" class="nl-heading nl-heading--level-2">{t.preview}</h2>
          <p>{t.previewIntro}</p>
          <form method="post" action={`/beheer/algoritme/${algorithm.lars}/voorbeeld`}>
            <CsrfField token={csrf} />
            <button type="submit" class="utrecht-button utrecht-button--secondary-action">{t.preview}</button>
          </form>
        </section>
      )}

      <h2 class="nl-heading nl-heading--level-2">{t.events}</h2>
      <table class="utrecht-table">
        <thead class="utrecht-table__header">
          <tr>
            <th scope="col">{t.when}</th>
            <th scope="col">{t.what}</th>
            <th scope="col">{t.by}</th>
            <th scope="col">{t.version}</th>
            <th scope="col">{t.detail}</th>
          </tr>
        </thead>
        <tbody class="utrecht-table__body">
          {[...events].reverse().map((e) => {
            const detail = e.detail as { reason?: unknown; diff?: Record<string, unknown> } | null;
            const fields = detail?.diff ? Object.keys(detail.diff).map((k) => def.fields.find((f) => f.key === k)?.label[lang] ?? k) : [];
            return (
              <tr>
                <td>{formatDateTime(e.at, lang)}</td>
                <td>{eventLabel(e.action)}</td>
                <td>{e.actor_name}</td>
                <td>{e.version_id !== null ? (number.get(e.version_id) ?? '') : ''}</td>
                <td>{typeof detail?.reason === 'string' && detail.reason ? `“${detail.reason}”` : fields.join(', ')}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </Frame>
  );
}

const idOf = (value: unknown) => {
  const text = Array.isArray(value) ? value[0] : value;
  return typeof text === 'string' && /^[1-9]\d{0,9}$/.test(text) ? Number(text) : undefined;
};

export function algorithmHistoryPage(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    const db = ctx.kysely;

    async function show(request: FastifyRequest, reply: FastifyReply, algorithm: Algorithm, extra: Partial<HistoryView> = {}, query: { van?: string; naar?: string } = {}) {
      const [versions, events] = await Promise.all([listVersions(db, algorithm.id), eventsOfAlgorithm(db, algorithm.id)]);
      const byId = new Map(versions.map((v) => [v.id, v]));
      const from = byId.get(idOf(query.van) ?? -1);
      const to = byId.get(idOf(query.naar) ?? -1);
      return page(reply, 200, <HistoryPage request={request} algorithm={algorithm} versions={versions} events={events} from={from} to={to} {...extra} />);
    }

    app.get<{ Params: { lars: string }; Querystring: { van?: string; naar?: string; melding?: string; versie?: string } }>(
      '/algoritme/:lars/geschiedenis',
      { config: { access: 'permission', management: 'listAlgorithms' } },
      async (request, reply) => {
        const found = await ownAlgorithm(ctx, request.management.person!, request.params.lars);
        if (!found) return notFoundPage(request, reply);
        const t = historyMessages[request.management.lang];
        const notices: Record<string, string> = { teruggezet: t.restored, gelijk: t.restoreSame, gearchiveerd: t.archived, 'uit-archief': t.unarchived, geweigerd: t.archiveRefused };
        const text = notices[request.query.melding ?? ''];
        const versions = await listVersions(db, found.algorithm.id);
        const number = versions.findIndex((v) => v.id === idOf(request.query.versie)) + 1;
        return show(request, reply, found.algorithm, { notice: text && fill(text, { version: String(number || '') }) }, request.query);
      },
    );

    app.post<{ Params: { lars: string }; Body: FormBody }>('/algoritme/:lars/herstel', { config: { access: 'permission', management: 'editAlgorithm' } }, async (request, reply) => {
      const person = request.management.person!;
      const found = await ownAlgorithm(ctx, person, request.params.lars);
      if (!found) return notFoundPage(request, reply);
      const versionId = idOf(request.body?.versie);
      const old = (await listVersions(db, found.algorithm.id)).find((v) => v.id === versionId);
      if (!old) return notFoundPage(request, reply);
      const def = STANDARDS[old.standard_version ?? ''] ?? CURRENT_STANDARD;
      const saved = await saveDraft(db, def, await organisationOf(ctx, person), old.content, person.principal, { algorithm: found.algorithm, basedOnVersionId: found.latest.id }, { auditAction: 'restored' });
      const path = historyPathOf(found.algorithm.lars);
      if (saved.outcome === 'unchanged') return seeOther(reply, `${path}?melding=gelijk`);
      if (saved.outcome !== 'saved') return seeOther(reply, `${path}?melding=geweigerd`);
      return seeOther(reply, `${path}?melding=teruggezet&versie=${old.id}`);
    });

    app.post<{ Params: { lars: string }; Body: FormBody }>('/algoritme/:lars/archief', { config: { access: 'permission', management: 'editAlgorithm' } }, async (request, reply) => {
      const person = request.management.person!;
      const found = await ownAlgorithm(ctx, person, request.params.lars);
      if (!found) return notFoundPage(request, reply);
      const versionId = idOf(request.body?.versie);
      const action = Array.isArray(request.body?.actie) ? request.body.actie[0] : request.body?.actie;
      if (versionId === undefined || (action !== 'archive' && action !== 'unarchive')) return notFoundPage(request, reply);
      const path = historyPathOf(found.algorithm.lars);
      try {
        if (action === 'archive') await archiveVersion(db, found.algorithm, versionId, person.principal);
        else await unarchiveVersion(db, found.algorithm, versionId, person.principal);
      } catch (error) {
        if (error instanceof RegisterError && error.kind === 'not_found') return notFoundPage(request, reply);
        if (error instanceof RegisterError && error.kind === 'conflict') return seeOther(reply, `${path}?melding=geweigerd`);
        throw error;
      }
      return seeOther(reply, `${path}?melding=${action === 'archive' ? 'gearchiveerd' : 'uit-archief'}&versie=${versionId}`);
    });

    app.post<{ Params: { lars: string } }>('/algoritme/:lars/voorbeeld', { config: { access: 'permission', management: 'editAlgorithm' } }, async (request, reply) => {
      const person = request.management.person!;
      const found = await ownAlgorithm(ctx, person, request.params.lars);
      if (!found) return notFoundPage(request, reply);
      const preview = await activatePreview(db, found.algorithm, person.principal, ctx.config.previewTtlSeconds);
      const link = `${ctx.config.publicUrl}/algoritme/C${found.algorithm.lars}?preview=${encodeURIComponent(preview.token)}`;
      // Shown once, on this answer: the link is not put in an address that lands in logs or history.
      return show(request, reply, found.algorithm, { preview: { link, until: formatDateTime(preview.expiresAt, request.management.lang) } });
    });
  };
}
