/**
 * Describing an algorithm in management:
 *
 * - `/beheer/algoritmes/nieuw`: start empty, from a supplier's template (`?sjabloon=ID`) or as a
 *   copy of one of the organisation's algorithms (`?kopie=LARS`); the form, saved as a new draft.
 * - `/beheer/algoritme/{lars}`: the latest version in the form generated from the standard, its
 *   state and completeness, what changed against the published version, and the flow's steps
 *   the person may take now (release, approve, reject with a reason, retract).
 *
 * Saving keeps an incomplete draft (missing fields marked), refuses what cannot be stored as
 * typed (the page again, with every value as typed), and refuses a save based on a version
 * someone else has replaced meanwhile (their changes shown, yours kept). Every step goes through
 * the policy (src/auth/policy.ts) and the register's flow (src/register/states.ts).
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import { authorize } from '../auth/policy.ts';
import { changeState, latestVersion, listVersions, publishedVersion, type Algorithm, type Version } from '../register/algorithms.ts';
import { eventsOfAlgorithm } from '../register/audit.ts';
import { saveDraft, isIncompleteness } from '../register/drafts.ts';
import { notifyFlowStep } from '../register/notifications.ts';
import { createMailer } from '../mail/mailer.ts';
import { RegisterError } from '../register/errors.ts';
import { listOrganisationAlgorithms } from '../register/organisation-algorithms.ts';
import { findTemplate, templatesBySupplier } from '../register/templates.ts';
import { FLOWS } from '../register/states.ts';
import { CURRENT_STANDARD, STANDARDS } from '../standard/index.ts';
import { checkRecord, validateRecord, type ValidationIssue } from '../standard/validate.ts';
import { completeness } from '../standard/completeness.ts';
import { diffContent } from '../standard/diff.ts';
import type { AlgorithmContent, StandardDefinition } from '../standard/types.ts';
import { DiffTable } from '../publicsite/diff-table.tsx';
import type { Lang } from '../publicsite/messages.ts';
import { AlgorithmFields } from './form/algorithm-fields.tsx';
import { recordFromForm, type FormBody } from './form/form-input.ts';
import { issuesByField, type IssuesByField } from './form/field-issues.ts';
import { beheerMessages, fill } from './messages.ts';
import { editMessages } from './messages-edit.ts';
import { CsrfField, ErrorSummary, Frame, Notice } from './layout.tsx';
import { page, seeOther } from './render.ts';
import { frameProps, may } from './frame-props.ts';
import { formatDateTime, stateLabel } from './algorithms-page.tsx';
import { notFoundPage } from './status-page.tsx';
import type { Person } from './person.ts';
import { organisationOf, ownAlgorithm } from './own-algorithm.ts';
import { historyPathOf } from './algorithm-history-page.tsx';
import { historyMessages } from './messages-history.ts';
import { templateMessages } from './messages-templates.ts';
import { MANAGEMENT_ASSETS } from './beheer-css.ts';
import { EXCLUDED_FROM_PUBLICATION } from '../register/publication-exclusion.ts';
import { qualityReportFor, type QualityReport } from '../compliance/index.ts';
import { ComplianceSummary, compliancePath } from './compliance-common.tsx';

const NEW_PATH = '/beheer/algoritmes/nieuw';
export const editPath = (lars: string) => `/beheer/algoritme/${lars}`;

/** Notices after a redirect (post/redirect/get), by their name in the address. */
const NOTICES = ['opgeslagen', 'onvolledig', 'ongewijzigd', 'release', 'release_to_2', 'publish', 'reject_to_1', 'retract', 'niet-compleet', 'status-veranderd'] as const;
type NoticeName = (typeof NOTICES)[number];

function noticeText(lang: Lang, name: string | undefined): string | undefined {
  if (!name || !(NOTICES as readonly string[]).includes(name)) return undefined;
  const t = editMessages[lang];
  switch (name as NoticeName) {
    case 'opgeslagen':
      return t.saved;
    case 'onvolledig':
      return t.savedIncomplete;
    case 'ongewijzigd':
      return t.unchanged;
    case 'niet-compleet':
      return t.notComplete;
    case 'status-veranderd':
      return t.stateChanged;
    default:
      return t[`done_${name as 'release' | 'release_to_2' | 'publish' | 'reject_to_1' | 'retract'}`];
  }
}

/** The flow's steps the person may take now: those from the latest version's state, and retracting while a version is public. */
function stepsFor(person: Person, latestState: string, hasPublished: boolean): string[] {
  const { code, flow } = person.organisation!;
  return Object.entries(FLOWS[flow])
    .filter(([action, transition]) => {
      const applies = transition.from === 'PUBLISHED' ? hasPublished : transition.from === latestState;
      return applies && authorize(person.principal, { kind: 'state-change', action }, { code, flow }).ok;
    })
    .map(([action]) => action);
}

const defOf = (version?: Version): StandardDefinition => STANDARDS[version?.standard_version ?? ''] ?? CURRENT_STANDARD;

/** Issues of stored content, as the form marks them: what is missing or only warned about. */
function storedIssues(def: StandardDefinition, content: AlgorithmContent, lang: Lang): IssuesByField {
  const { errors, warnings } = checkRecord(def, content, []);
  return issuesByField(def, errors, warnings, lang);
}

interface EditView {
  request: FastifyRequest;
  def: StandardDefinition;
  values: Record<string, unknown>;
  issues: IssuesByField;
  errors: ValidationIssue[];
  notice?: string;
  summary?: string;
  /** The algorithm being edited; absent on the new page. */
  algorithm?: Algorithm;
  latest?: Version;
  /** The version the form's values are based on (the hidden `basis`). */
  basisId?: number;
  published?: Version;
  steps?: string[];
  rejection?: { who: string; when: string; reason: string };
  conflict?: { who: string; when: string; theirs: Version; base?: Version };
  /** The quality findings' summary of the latest version, with the way to the accountability page. */
  quality?: QualityReport;
}

function EditPage(view: EditView) {
  const { request, def, values, issues, errors, algorithm, latest, published, steps = [], rejection, conflict } = view;
  const { lang, person, session } = request.management;
  const t = editMessages[lang];
  const tb = beheerMessages[lang];
  const name = typeof values.name === 'string' && values.name.trim() ? values.name : t.unnamed;
  const title = algorithm ? fill(t.editTitle, { name }) : t.newTitle;
  const action = algorithm ? editPath(algorithm.lars) : NEW_PATH;
  const score = completeness(def, (latest?.content ?? {}) as AlgorithmContent);
  const labelOf = (key: string) => def.fields.find((f) => f.key === key)?.label[lang] ?? key;
  const summaryErrors = errors.filter((e) => !isIncompleteness(e)).map((e) => ({ field: `f-${String(e.loc[0])}`, text: `${labelOf(String(e.loc[0]))}: ${issues[String(e.loc[0])]?.errors[0]?.text ?? ''}` }));
  const review = latest?.state === 'STATE_2' || steps.includes('publish');
  const changes = latest && published && published.id !== latest.id ? diffContent(published.content, latest.content, def.fields.map((f) => f.key)) : undefined;
  const changedFields = changes ? def.fields.filter((f) => f.kind !== 'system' && changes[f.key]) : [];
  const theirChanges = conflict?.base ? diffContent(conflict.base.content, conflict.theirs.content, def.fields.map((f) => f.key)) : undefined;
  const canEdit = algorithm ? may(person, 'editAlgorithm') : may(person, 'createAlgorithm');
  return (
    <Frame {...frameProps(request, algorithm ? editPath(algorithm.lars) : NEW_PATH)} current="algorithms" title={`${summaryErrors.length ? tb.errorTitlePrefix : ''}${title}`}>
      <Notice text={view.notice} />
      <ErrorSummary lang={lang} errors={summaryErrors} general={view.summary} />
      {conflict && (
        <div class="utrecht-alert utrecht-alert--warning" role="alert">
          <h2 class="nl-heading nl-heading--level-2">{t.conflictTitle}</h2>
          <p>{fill(t.conflictText, { who: conflict.who, when: conflict.when })}</p>
        </div>
      )}
      <h1 class="nl-heading nl-heading--level-1">{title}</h1>
      {algorithm && latest && (
        <dl class="algorithm-facts">
          <div>
            <dt>{t.lars}</dt>
            <dd>{algorithm.lars}</dd>
          </div>
          <div>
            <dt>{t.stateLabel}</dt>
            <dd>{stateLabel(tb, latest.state)}</dd>
          </div>
          <div>
            <dt>{t.completeness}</dt>
            <dd>
              <meter min={0} max={100} value={score.percent} aria-label={t.completeness}>
                {score.percent}%
              </meter>{' '}
              {fill(t.completenessText, { percent: score.percent })}
            </dd>
          </div>
          <div>
            <dt>{historyMessages[lang].versions}</dt>
            <dd>
              <a class="nl-link" href={historyPathOf(algorithm.lars)}>{historyMessages[lang].historyLink}</a>
            </dd>
          </div>
          {view.quality && <ComplianceSummary lars={algorithm.lars} report={view.quality} lang={lang} />}
          {published && (
            <div>
              <dt>{tb.publicSite}</dt>
              <dd>
                <a class="nl-link" href={`/algoritme/${algorithm.lars}`}>{t.publicPage}</a>
              </dd>
            </div>
          )}
        </dl>
      )}
      {rejection && latest?.state === 'STATE_1' && (
        <div class="utrecht-alert utrecht-alert--warning">
          <p>{fill(t.lastRejection, rejection)}</p>
        </div>
      )}
      {theirChanges && conflict && (
        <section aria-labelledby="conflict-diff">
          <h2 id="conflict-diff" class="nl-heading nl-heading--level-2">{t.conflictDiff}</h2>
          <DiffTable def={def} fields={def.fields.filter((f) => f.kind !== 'system' && theirChanges[f.key])} changes={theirChanges} lang={lang} />
        </section>
      )}
      {algorithm && latest && !conflict && (
        <section aria-labelledby="steps" class="flow-steps">
          <h2 id="steps" class="nl-heading nl-heading--level-2">{t.actions}</h2>
          {review && (
            <section aria-labelledby="review">
              <h3 id="review" class="nl-heading nl-heading--level-3">{t.reviewTitle}</h3>
              {!published ? <p>{t.reviewNone}</p> : changedFields.length === 0 ? <p>{t.reviewSame}</p> : <DiffTable def={def} fields={changedFields} changes={changes!} lang={lang} />}
            </section>
          )}
          {steps.length === 0 ? (
            <p>{t.noActions}</p>
          ) : (
            <>
              <p>{t.actionsIntro}</p>
              {steps.map((step) => (
                <form method="post" action={`${editPath(algorithm.lars)}/stap`} class="flow-step">
                  <CsrfField token={session?.csrfToken ?? ''} />
                  <input type="hidden" name="stap" value={step} />
                  <input type="hidden" name="basis" value={String(latest.id)} />
                  {step === 'reject_to_1' && (
                    <div class="form-field utrecht-form-field">
                      <label class="utrecht-form-label" for="reden">{t.rejectReason}</label>
                      <p class="utrecht-form-field-description" id="reden-hint">{t.rejectReasonHint}</p>
                      <textarea class="utrecht-textarea utrecht-textarea--html-textarea" id="reden" name="reden" rows={3} aria-describedby="reden-hint" />
                    </div>
                  )}
                  <button type="submit" class={`utrecht-button ${step === 'publish' || step.startsWith('release') ? 'utrecht-button--primary-action' : 'utrecht-button--secondary-action'}`}>
                    {t[`action_${step as 'release'}`] ?? step}
                  </button>
                </form>
              ))}
            </>
          )}
        </section>
      )}
      {canEdit && (
        <form method="post" action={action} class="algorithm-form" data-warn-unsaved={t.unsavedWarning} novalidate>
          <CsrfField token={session?.csrfToken ?? ''} />
          {view.basisId !== undefined && <input type="hidden" name="basis" value={String(view.basisId)} />}
          <AlgorithmFields def={def} values={values} issues={issues} lang={lang} />
          <div class="form-actions">
            <button type="submit" class="utrecht-button utrecht-button--primary-action">{t.saveDraft}</button>
          </div>
        </form>
      )}
      {canEdit && <script src={MANAGEMENT_ASSETS.form.url} defer />}
    </Frame>
  );
}

function StartPage({ request, templates, own, error }: { request: FastifyRequest; templates: Awaited<ReturnType<typeof templatesBySupplier>>; own: { lars: string; name: string | null }[]; error?: { field: string; text: string } }) {
  const { lang } = request.management;
  const t = editMessages[lang];
  return (
    <Frame {...frameProps(request, NEW_PATH)} current="algorithms" title={t.newTitle}>
      <ErrorSummary lang={lang} errors={error ? [error] : []} />
      <h1 class="nl-heading nl-heading--level-1">{t.newTitle}</h1>
      <p class="nl-paragraph">{t.newIntro}</p>
      {may(request.management.person, 'maintainTemplates') && (
        <p>
          <a class="nl-link" href="/beheer/sjablonen">{templateMessages[lang].manageLink}</a>
        </p>
      )}
      <ul class="start-options">
        <li>
          <a class="nl-link" href={`${NEW_PATH}?leeg=1`}>{t.startEmpty}</a>
        </li>
        <li>
          <form method="get" action={NEW_PATH}>
            <label class="utrecht-form-label" for="sjabloon">{t.startFromTemplate}</label>
            <select class="utrecht-select utrecht-select--html-select" id="sjabloon" name="sjabloon">
              {templates.map((supplier) => (
                <optgroup label={supplier.name}>
                  {supplier.algorithm_descriptions.map((d) => (
                    <option value={d.id}>{d.name}</option>
                  ))}
                </optgroup>
              ))}
            </select>{' '}
            <button type="submit" class="utrecht-button utrecht-button--secondary-action">{t.start}</button>
          </form>
        </li>
        {own.length > 0 && (
          <li>
            <form method="get" action={NEW_PATH}>
              <label class="utrecht-form-label" for="kopie">{t.startFromCopy}</label>
              <select class="utrecht-select utrecht-select--html-select" id="kopie" name="kopie">
                {own.map((a) => (
                  <option value={a.lars}>{a.name ?? a.lars}</option>
                ))}
              </select>{' '}
              <button type="submit" class="utrecht-button utrecht-button--secondary-action">{t.start}</button>
            </form>
          </li>
        )}
      </ul>
    </Frame>
  );
}

/** What the form shows for a version: its content, less what identifies that one algorithm. */
function copyOf(content: AlgorithmContent): AlgorithmContent {
  return { ...content, source_id: null };
}

export function algorithmEditPages(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    const db = ctx.kysely;
    const mailer = createMailer(db, { smtpUrl: ctx.config.smtpUrl, from: ctx.config.mailFrom, log: (line) => app.log.info(line) });

    async function showEdit(request: FastifyRequest, reply: FastifyReply, found: { algorithm: Algorithm; latest: Version }, status = 200, extra: Partial<EditView> = {}) {
      const { lang, person } = request.management;
      const def = defOf(found.latest);
      const published = await publishedVersion(db, found.algorithm.id);
      const events = await eventsOfAlgorithm(db, found.algorithm.id);
      const rejected = [...events].reverse().find((e) => e.action === 'rejected' && e.version_id === found.latest.id);
      const reason = rejected && typeof (rejected.detail as { reason?: unknown })?.reason === 'string' ? String((rejected.detail as { reason: string }).reason) : undefined;
      return page(
        reply,
        status,
        <EditPage
          request={request}
          def={def}
          values={found.latest.content}
          issues={storedIssues(def, found.latest.content, lang)}
          errors={[]}
          algorithm={found.algorithm}
          latest={found.latest}
          basisId={found.latest.id}
          published={published}
          steps={stepsFor(person!, found.latest.state, Boolean(published))}
          rejection={rejected && reason ? { who: rejected.actor_name, when: formatDateTime(rejected.at, lang), reason } : undefined}
          quality={await qualityReportFor(db, person!.organisation!.organisationId, found.algorithm.id)}
          {...extra}
        />,
      );
    }

    app.get<{ Querystring: Record<string, string | undefined> }>(NEW_PATH.slice('/beheer'.length), { config: { access: 'permission', management: 'createAlgorithm' } }, async (request, reply) => {
      const { lang, person } = request.management;
      const t = editMessages[lang];
      const def = CURRENT_STANDARD;
      const { sjabloon, kopie, leeg } = request.query;
      let values: Record<string, unknown> | undefined;
      let notice: string | undefined;
      if (typeof sjabloon === 'string' && sjabloon) {
        const template = await findTemplate(db, def.version, sjabloon.slice(0, 200), person!.organisation!.organisationId);
        if (template) {
          const { id: _id, supplier, ...content } = template as { id: string; supplier: string } & AlgorithmContent;
          values = { ...content, organization: person!.organisation!.name };
          notice = fill(t.startWith, { what: `${typeof content.name === 'string' ? content.name : sjabloon} (${supplier})` });
        } else return showStart(request, reply, 404, { field: 'sjabloon', text: t.unknownTemplate });
      } else if (typeof kopie === 'string' && kopie) {
        const found = await ownAlgorithm(ctx, person!, kopie);
        if (!found) return showStart(request, reply, 404, { field: 'kopie', text: t.unknownCopy });
        values = copyOf(found.latest.content);
        notice = fill(t.startWith, { what: String(found.latest.content.name ?? kopie) });
      } else if (leeg) {
        values = { organization: person!.organisation!.name };
      }
      if (!values) return showStart(request, reply);
      return page(reply, 200, <EditPage request={request} def={def} values={values} issues={{}} errors={[]} notice={notice} />);
    });

    async function showStart(request: FastifyRequest, reply: FastifyReply, status = 200, error?: { field: string; text: string }) {
      const person = request.management.person!;
      const [templates, own] = await Promise.all([templatesBySupplier(db, CURRENT_STANDARD.version, person.organisation!.organisationId), listOrganisationAlgorithms(db, person.organisation!.organisationId)]);
      return page(reply, status, <StartPage request={request} templates={templates} own={own} error={error} />);
    }

    app.post<{ Body: FormBody }>(NEW_PATH.slice('/beheer'.length), { config: { access: 'permission', management: 'createAlgorithm' } }, async (request, reply) => {
      const { lang, person } = request.management;
      const def = CURRENT_STANDARD;
      const raw = recordFromForm(def, request.body ?? {});
      const saved = await saveDraft(db, def, await organisationOf(ctx, person!), raw, person!.principal);
      if (saved.outcome === 'invalid') {
        const t = editMessages[lang];
        const issues = issuesByField(def, saved.errors, saved.warnings, lang);
        return page(reply, 422, <EditPage request={request} def={def} values={raw} issues={issues} errors={saved.errors} summary={t.invalidSummary} />);
      }
      if (saved.outcome === 'conflict') throw new Error('a new algorithm cannot conflict');
      return seeOther(reply, `${editPath(saved.algorithm.lars)}?melding=${saved.incomplete.length ? 'onvolledig' : 'opgeslagen'}`);
    });

    app.get<{ Params: { lars: string }; Querystring: { melding?: string } }>('/algoritme/:lars', { config: { access: 'permission', management: 'listAlgorithms' } }, async (request, reply) => {
      const found = await ownAlgorithm(ctx, request.management.person!, request.params.lars);
      if (!found) return notFoundPage(request, reply);
      return showEdit(request, reply, found, 200, { notice: noticeText(request.management.lang, request.query.melding) });
    });

    app.post<{ Params: { lars: string }; Body: FormBody }>('/algoritme/:lars', { config: { access: 'permission', management: 'editAlgorithm' } }, async (request, reply) => {
      const { lang, person } = request.management;
      const found = await ownAlgorithm(ctx, person!, request.params.lars);
      if (!found) return notFoundPage(request, reply);
      const def = defOf(found.latest);
      const body = request.body ?? {};
      const raw = recordFromForm(def, body);
      const basis = Number(Array.isArray(body.basis) ? body.basis[0] : body.basis);
      const basedOnVersionId = Number.isInteger(basis) && basis > 0 ? basis : found.latest.id;
      const saved = await saveDraft(db, def, await organisationOf(ctx, person!), raw, person!.principal, { algorithm: found.algorithm, basedOnVersionId });
      const t = editMessages[lang];
      if (saved.outcome === 'invalid') {
        const issues = issuesByField(def, saved.errors, saved.warnings, lang);
        return showEdit(request, reply, found, 422, { values: raw, issues, errors: saved.errors, summary: t.invalidSummary, basisId: basedOnVersionId });
      }
      if (saved.outcome === 'conflict') {
        const versions = await listVersions(db, found.algorithm.id);
        const base = versions.find((v) => v.id === basedOnVersionId);
        const issues = issuesByField(def, saved.errors, saved.warnings, lang);
        const author = (await eventsOfAlgorithm(db, found.algorithm.id)).reverse().find((e) => e.version_id === saved.latest.id);
        return showEdit(request, reply, { algorithm: found.algorithm, latest: saved.latest }, 409, {
          values: raw,
          issues,
          errors: [],
          // Saving again is a deliberate choice to put this version over theirs.
          basisId: saved.latest.id,
          conflict: { who: author?.actor_name ?? '?', when: formatDateTime(author?.at ?? saved.latest.create_dt, lang), theirs: saved.latest, base },
        });
      }
      const notice = saved.outcome === 'unchanged' ? 'ongewijzigd' : saved.incomplete.length ? 'onvolledig' : 'opgeslagen';
      return seeOther(reply, `${editPath(found.algorithm.lars)}?melding=${notice}`);
    });

    app.post<{ Params: { lars: string }; Body: FormBody }>('/algoritme/:lars/stap', { config: { access: 'permission', management: 'listAlgorithms' } }, async (request, reply) => {
      const { lang, person } = request.management;
      const found = await ownAlgorithm(ctx, person!, request.params.lars);
      if (!found) return notFoundPage(request, reply);
      const body = request.body ?? {};
      const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? '';
      const step = one(body.stap);
      const basis = Number(one(body.basis));
      const here = editPath(found.algorithm.lars);
      const { code, flow } = person!.organisation!;
      if (!(step in FLOWS[flow])) return notFoundPage(request, reply);
      if (!authorize(person!.principal, { kind: 'state-change', action: step }, { code, flow }).ok) {
        const tb = beheerMessages[lang];
        return page(reply, 403, <EditPage request={request} def={defOf(found.latest)} values={found.latest.content} issues={{}} errors={[]} summary={fill(tb.forbiddenText, { organisation: person!.organisation!.name })} algorithm={found.algorithm} latest={found.latest} />);
      }
      // A step is about the version the person saw; if it moved on, they look again first.
      if (basis !== found.latest.id && FLOWS[flow][step].from !== 'PUBLISHED') return seeOther(reply, `${here}?melding=status-veranderd`);
      const reason = one(body.reden).trim();
      if (step === 'reject_to_1' && !reason) {
        const t = editMessages[lang];
        return showEdit(request, reply, found, 422, { summary: t.rejectReasonRequired });
      }
      // Only a complete description goes towards publication.
      if (FLOWS[flow][step].to === 'STATE_2' || FLOWS[flow][step].to === 'PUBLISHED') {
        if (!validateRecord(defOf(found.latest), found.latest.content, []).ok) return seeOther(reply, `${here}?melding=niet-compleet`);
      }
      let version: Version;
      try {
        version = await changeState(db, found.algorithm, flow, step, person!.principal, { reason: reason ? reason.slice(0, 2000) : undefined });
      } catch (error) {
        if (error instanceof RegisterError && error.message.startsWith(EXCLUDED_FROM_PUBLICATION)) return seeOther(reply, `${compliancePath(found.algorithm.lars)}?melding=publicatie-geweigerd`);
        if (error instanceof RegisterError && (error.kind === 'conflict' || error.kind === 'not_found')) return seeOther(reply, `${here}?melding=status-veranderd`);
        throw error;
      }
      // The step is taken whatever the mail does; a mail that fails is logged (and journalled in the outbox).
      await notifyFlowStep(db, mailer, ctx.config.publicUrl, { algorithm: found.algorithm, organisation: await organisationOf(ctx, person!), action: step, version, actor: person!.principal, reason }).catch(
        (error: Error) => request.log.warn(`notifying the flow step ${step} of ${found.algorithm.lars} failed: ${error.message}`),
      );
      const after = await latestVersion(db, found.algorithm.id);
      return seeOther(reply, after ? `${here}?melding=${step}` : '/beheer');
    });
  };
}
