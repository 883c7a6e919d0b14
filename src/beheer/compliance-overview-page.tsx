/**
 * The accountability page of one algorithm (`/beheer/algoritme/{lars}/verantwoording`): its publication duty
 * (with the reasons to answer again and the button that takes the suggested category into the draft), its AI
 * Act profile, the requirements that apply with the status the organisation keeps per requirement and what
 * changed with the latest classification, its exclusion grounds (approve, end), its EU registration facts
 * and the quality findings of its latest version. Each part links to the page where it is changed.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import {
  DEFERRING_STATUSES,
  DUTY_OUTCOMES,
  EXCLUSION_GROUNDS,
  EXCLUSION_SCOPES,
  REQUIREMENT_STATUSES,
  applicableRequirements,
  classificationHistory,
  currentClassification,
  currentDutyAssessment,
  euRegistrationOf,
  exclusionsOf,
  qualityReportFor,
  requirementOverview,
  requirementsDiff,
  setRequirementStatus,
  type CurrentClassification,
  type CurrentDutyAssessment,
  type Exclusion,
  type QualityReport,
  type RequirementOverview,
  type RequirementsDiff,
  type StoredEuRegistration,
} from '../compliance/index.ts';
import { RegisterError } from '../register/errors.ts';
import type { Algorithm, Version } from '../register/algorithms.ts';
import { saveDraft } from '../register/drafts.ts';
import { CURRENT_STANDARD, STANDARDS } from '../standard/index.ts';
import type { Lang } from '../publicsite/messages.ts';
import { beheerMessages, fill } from './messages.ts';
import { complianceMessages } from './messages-compliance.ts';
import { CsrfField, ErrorSummary, FieldError, Frame, Notice } from './layout.tsx';
import { page, seeOther } from './render.ts';
import { frameProps, may } from './frame-props.ts';
import { notFoundPage } from './status-page.tsx';
import { organisationOf, ownAlgorithm } from './own-algorithm.ts';
import { formatDateTime } from './algorithms-page.tsx';
import { editPath } from './algorithm-edit-pages.tsx';
import { ProfileList } from './compliance-classification-pages.tsx';
import {
  QualityFindings,
  classificationPath,
  compliancePath,
  decisionTree,
  dutyPath,
  euRegistrationPath,
  exclusionPath,
  fieldLabel,
  noticeOf,
  one,
  requirementsCatalogue,
  valueLabel,
} from './compliance-common.tsx';

const HIGH_RISK_CATEGORY = DUTY_OUTCOMES['must-publish-a'].publicationCategory;

/** Notices after a redirect, by their name in the address: what happened (status) or what was refused (alert). */
function notices(lang: Lang) {
  const t = complianceMessages[lang];
  return {
    done: {
      plicht: t.dutyStored,
      ingedeeld: t.classificationStored,
      'status-opgeslagen': t.statusSaved,
      categorie: t.categoryTaken,
      'categorie-al': t.categoryAlready,
      'uitsluiting-vastgelegd': t.exclusionRecorded,
      'uitsluiting-goedgekeurd': t.exclusionApproved,
      'uitsluiting-beeindigd': t.exclusionEnded,
      'eu-opgeslagen': t.euSaved,
    },
    refused: {
      'vier-ogen': t.exclusionFourEyes,
      'uitsluiting-veranderd': t.exclusionChanged,
      'reden-nodig': t.endReasonRequired,
      'publicatie-geweigerd': t.publishRefused,
    },
  };
}

interface OverviewData {
  duty?: CurrentDutyAssessment;
  classification?: CurrentClassification;
  diff?: RequirementsDiff;
  requirements: RequirementOverview;
  exclusions: Exclusion[];
  eu?: StoredEuRegistration;
  highRisk: boolean;
  quality: QualityReport;
}

interface OverviewView extends OverviewData {
  request: FastifyRequest<{ Querystring: { melding?: string } }>;
  algorithm: Algorithm;
  latest: Version;
  /** A refused requirement status: which requirement, what was sent, and the message. */
  statusError?: { requirementId: string; status: string; note: string; text: string };
}

function DutySection({ view }: { view: OverviewView }) {
  const { request, algorithm, latest, duty } = view;
  const { lang, session, person } = request.management;
  const t = complianceMessages[lang];
  const assessment = duty?.assessment;
  // Taking the suggested category into the draft changes a field the answers rest on; that is no reason to ask again.
  const reasons = (duty?.reassess ?? []).filter((r) => !(r.kind === 'field-changed' && r.field === 'publication_category' && r.after === assessment?.publicationCategory));
  const deferred = assessment && !assessment.dutyApplies && assessment.outcome.startsWith('must') ? DEFERRING_STATUSES.find((d) => d.status === latest.content.status) : undefined;
  const canTake = assessment?.publicationCategory && assessment.publicationCategory !== latest.content.publication_category && may(person, 'editAlgorithm');
  return (
    <section aria-labelledby="publicatieplicht">
      <h2 id="publicatieplicht" class="nl-heading nl-heading--level-2">{t.dutyTitle}</h2>
      {!assessment ? (
        <p>{t.dutyNone}</p>
      ) : (
        <>
          <p class="duty-outcome">
            <strong>{DUTY_OUTCOMES[assessment.outcome].label[lang]}</strong>
          </p>
          {assessment.byDoubt && <p>{t.dutyByDoubt}</p>}
          {assessment.dutyApplies && <p>{t.dutyApplies}</p>}
          {deferred && <p>{fill(t.dutyDeferred, { note: deferred.note[lang] })}</p>}
          <p class="meta">{fill(t.dutyAssessedBy, { who: assessment.assessedBy.name, when: formatDateTime(assessment.assessedAt, lang) })}</p>
          {reasons.length > 0 && (
            <div class="utrecht-alert utrecht-alert--warning" role="status">
              <h3 class="nl-heading nl-heading--level-3">{t.reassessTitle}</h3>
              <ul>
                {reasons.map((r) => (
                  <li>
                    {r.kind === 'questions-changed'
                      ? t.reassessQuestions
                      : fill(t.reassessField, { field: fieldLabel(r.field, lang), before: valueLabel(r.field, r.before, lang), after: valueLabel(r.field, r.after, lang) })}
                  </li>
                ))}
              </ul>
            </div>
          )}
          {assessment.publicationCategory && <p>{fill(t.suggestedCategory, { category: valueLabel('publication_category', assessment.publicationCategory, lang) })}</p>}
          {canTake && (
            <form method="post" action={`${dutyPath(algorithm.lars)}/categorie`}>
              <CsrfField token={session?.csrfToken ?? ''} />
              <input type="hidden" name="basis" value={String(latest.id)} />
              <button type="submit" class="utrecht-button utrecht-button--secondary-action">{t.takeCategory}</button>
            </form>
          )}
        </>
      )}
      {may(person, 'keepCompliance') && (
        <p>
          <a class="nl-link" href={dutyPath(algorithm.lars)}>{assessment ? t.dutyAgain : t.dutyStart}</a>
        </p>
      )}
    </section>
  );
}

function ClassificationSection({ view }: { view: OverviewView }) {
  const { request, algorithm, classification } = view;
  const { lang, person } = request.management;
  const t = complianceMessages[lang];
  const stored = classification?.classification;
  return (
    <section aria-labelledby="ai-verordening">
      <h2 id="ai-verordening" class="nl-heading nl-heading--level-2">{t.classificationTitle}</h2>
      {!stored ? (
        <p>{t.classificationNone}</p>
      ) : (
        <>
          {classification.outdated && (
            <p class="utrecht-alert utrecht-alert--warning" role="status">
              {fill(t.classificationOutdated, { version: decisionTree().version })}
            </p>
          )}
          <dl class="fields utrecht-data-list">
            <div class="field utrecht-data-list__item">
              <dt>{t.conclusion}</dt>
              <dd lang="nl">{stored.profile.conclusion}</dd>
            </div>
            <div class="field utrecht-data-list__item">
              <dt>{t.obligation}</dt>
              <dd lang="nl">{stored.profile.obligation}</dd>
            </div>
          </dl>
          <h3 class="nl-heading nl-heading--level-3">{t.profileTitle}</h3>
          <ProfileList groups={stored.profile.groups} lang={lang} />
          <p class="meta">{fill(t.classifiedBy, { who: stored.classifiedBy.name, when: formatDateTime(stored.classifiedAt, lang), tree: stored.treeName, version: stored.treeVersion })}</p>
        </>
      )}
      {may(person, 'keepCompliance') && (
        <p>
          <a class="nl-link" href={classificationPath(algorithm.lars)}>{stored ? t.classificationAgain : t.classificationStart}</a>
        </p>
      )}
    </section>
  );
}

function RequirementsSection({ view }: { view: OverviewView }) {
  const { request, algorithm, requirements, diff, statusError } = view;
  const { lang, session, person } = request.management;
  const t = complianceMessages[lang];
  const canKeep = may(person, 'keepCompliance');
  const titleOf = (id: string) => requirementsCatalogue().requirements.find((r) => r.id === id)?.title ?? id;
  return (
    <section aria-labelledby="vereisten">
      <h2 id="vereisten" class="nl-heading nl-heading--level-2">{t.requirementsTitle}</h2>
      {!requirements.classified && requirements.dutyAssessed && <p>{t.requirementsOnlyDuty}</p>}
      {requirements.items.length === 0 ? (
        <p>{t.requirementsNone}</p>
      ) : (
        <>
          <p>{fill(t.requirementsCount, { count: requirements.items.length })}</p>
          <ol class="requirement-list">
            {requirements.items.map((item, i) => {
              const error = statusError?.requirementId === item.requirement.id ? statusError : undefined;
              const status = error?.status ?? item.status;
              return (
                <li id={`vereiste-${i}`}>
                  <p>
                    <strong lang="nl">{item.requirement.title}</strong> <span class="meta">({item.requirement.id.replace('urn:nl:ak:ver:', '')})</span>
                  </p>
                  {canKeep ? (
                    <form method="post" action={`${compliancePath(algorithm.lars)}/vereiste`} class="requirement-status">
                      <CsrfField token={session?.csrfToken ?? ''} />
                      <input type="hidden" name="vereiste" value={item.requirement.id} />
                      <div class="form-field utrecht-form-field">
                        <label class="utrecht-form-label" for={`status-${i}`}>
                          {t.status}
                          <span class="visually-hidden"> – {item.requirement.title}</span>
                        </label>
                        <select class="utrecht-select utrecht-select--html-select" id={`status-${i}`} name="status">
                          {Object.entries(REQUIREMENT_STATUSES).map(([key, label]) => (
                            <option value={key} selected={key === status}>{label[lang]}</option>
                          ))}
                        </select>
                      </div>
                      <div class="form-field utrecht-form-field">
                        <label class="utrecht-form-label" for={`note-${i}`}>
                          {t.note}
                          <span class="visually-hidden"> – {item.requirement.title}</span>
                        </label>
                        <p class="utrecht-form-field-description" id={`note-${i}-hint`}>{t.noteHint}</p>
                        <FieldError lang={lang} field={`note-${i}`} text={error?.text} />
                        <textarea
                          class="utrecht-textarea utrecht-textarea--html-textarea"
                          id={`note-${i}`}
                          name="toelichting"
                          rows={2}
                          aria-invalid={error ? 'true' : undefined}
                          aria-describedby={[`note-${i}-hint`, error && `note-${i}-error`].filter(Boolean).join(' ')}
                        >
                          {error?.note ?? item.note ?? ''}
                        </textarea>
                      </div>
                      <button type="submit" class="utrecht-button utrecht-button--secondary-action">
                        {t.saveStatus}
                        <span class="visually-hidden"> – {item.requirement.title}</span>
                      </button>
                    </form>
                  ) : (
                    <p>
                      {t.status}: {REQUIREMENT_STATUSES[item.status][lang]}
                      {item.note && ` – ${item.note}`}
                    </p>
                  )}
                </li>
              );
            })}
          </ol>
        </>
      )}
      {diff && (
        <section aria-labelledby="vereisten-verschil">
          <h3 id="vereisten-verschil" class="nl-heading nl-heading--level-3">{t.diffTitle}</h3>
          {diff.added.length === 0 && diff.removed.length === 0 ? (
            <p>{t.diffNone}</p>
          ) : (
            <dl class="fields utrecht-data-list">
              {diff.added.length > 0 && (
                <div class="field utrecht-data-list__item">
                  <dt>{t.diffAdded}</dt>
                  <dd>
                    <ul class="utrecht-unordered-list">
                      {diff.added.map((r) => (
                        <li lang="nl">{r.title}</li>
                      ))}
                    </ul>
                  </dd>
                </div>
              )}
              {diff.removed.length > 0 && (
                <div class="field utrecht-data-list__item">
                  <dt>{t.diffRemoved}</dt>
                  <dd>
                    <ul class="utrecht-unordered-list">
                      {diff.removed.map((r) => (
                        <li lang="nl">{r.title}</li>
                      ))}
                    </ul>
                  </dd>
                </div>
              )}
            </dl>
          )}
        </section>
      )}
      {requirements.noLongerApplicable.length > 0 && (
        <section aria-labelledby="vereisten-vervallen">
          <h3 id="vereisten-vervallen" class="nl-heading nl-heading--level-3">{t.noLongerTitle}</h3>
          <ul class="utrecht-unordered-list">
            {requirements.noLongerApplicable.map((k) => (
              <li>
                <span lang="nl">{titleOf(k.requirementId)}</span>: {REQUIREMENT_STATUSES[k.status][lang]}
                {k.note && ` – ${k.note}`}
              </li>
            ))}
          </ul>
        </section>
      )}
    </section>
  );
}

function ExclusionsSection({ view }: { view: OverviewView }) {
  const { request, algorithm, exclusions } = view;
  const { lang, session, person } = request.management;
  const t = complianceMessages[lang];
  const canKeep = may(person, 'keepCompliance');
  const shown = exclusions.filter((e) => e.state !== 'ended').concat(exclusions.filter((e) => e.state === 'ended').slice(0, 5));
  const pending = exclusions.some((e) => e.state === 'pending');
  return (
    <section aria-labelledby="uitsluitingen">
      <h2 id="uitsluitingen" class="nl-heading nl-heading--level-2">{t.exclusionsTitle}</h2>
      {!exclusions.some((e) => e.state === 'active') && <p>{t.exclusionsNone}</p>}
      {shown.map((e) => (
        <article class="exclusion" aria-labelledby={`uitsluiting-${e.id}`}>
          <h3 id={`uitsluiting-${e.id}`} class="nl-heading nl-heading--level-3">
            {EXCLUSION_GROUNDS[e.ground][lang]} – {t[`exclusionState_${e.state}`]}
          </h3>
          <dl class="fields utrecht-data-list">
            {e.groundText && (
              <div class="field utrecht-data-list__item">
                <dt>{t.groundText}</dt>
                <dd>{e.groundText}</dd>
              </div>
            )}
            <div class="field utrecht-data-list__item">
              <dt>{t.scope}</dt>
              <dd>
                {EXCLUSION_SCOPES[e.scope][lang]}
                {e.withheldFields.length > 0 && `: ${e.withheldFields.map((f) => fieldLabel(f, lang)).join(', ')}`}
              </dd>
            </div>
            <div class="field utrecht-data-list__item">
              <dt>{t.justification}</dt>
              <dd class="pre-line">{e.justification}</dd>
            </div>
            <div class="field utrecht-data-list__item">
              <dt>{t.reviewDate}</dt>
              <dd>{e.reviewDate}</dd>
            </div>
          </dl>
          <p class="meta">
            {fill(t.recordedBy, { who: e.recordedBy.name, when: formatDateTime(e.recordedAt, lang) })}{' '}
            {e.approvedBy && e.approvedAt && fill(t.approvedBy, { who: e.approvedBy.name, when: formatDateTime(e.approvedAt, lang) })}{' '}
            {e.endedAt && fill(t.endedBy, { when: formatDateTime(e.endedAt, lang), reason: e.endReason ?? '' })}
          </p>
          {canKeep && e.state === 'pending' && (
            <form method="post" action={`${exclusionPath(algorithm.lars)}/${e.id}`}>
              <CsrfField token={session?.csrfToken ?? ''} />
              <input type="hidden" name="handeling" value="goedkeuren" />
              <p class="utrecht-form-field-description">{t.approveHint}</p>
              <button type="submit" class="utrecht-button utrecht-button--primary-action">{t.approve}</button>
            </form>
          )}
          {canKeep && e.state !== 'ended' && (
            <form method="post" action={`${exclusionPath(algorithm.lars)}/${e.id}`}>
              <CsrfField token={session?.csrfToken ?? ''} />
              <input type="hidden" name="handeling" value="beeindigen" />
              <div class="form-field utrecht-form-field">
                <label class="utrecht-form-label" for={`reden-${e.id}`}>{t.endReason}</label>
                <input class="utrecht-textbox utrecht-textbox--html-input" type="text" id={`reden-${e.id}`} name="reden" />
              </div>
              <button type="submit" class="utrecht-button utrecht-button--secondary-action">{t.end}</button>
            </form>
          )}
        </article>
      ))}
      {canKeep && !pending && (
        <p>
          <a class="nl-link" href={exclusionPath(algorithm.lars)}>{t.exclusionRecord}</a>
        </p>
      )}
    </section>
  );
}

function EuSection({ view }: { view: OverviewView }) {
  const { request, algorithm, eu, highRisk } = view;
  const { lang, person } = request.management;
  const t = complianceMessages[lang];
  if (!highRisk && !eu) return null;
  const facts: [string, string | null | undefined][] = [
    [t.euReference, eu?.euDatabaseReference],
    [t.fria, eu?.friaSummary],
    [t.dpia, eu?.dpiaSummary],
  ];
  return (
    <section aria-labelledby="eu-registratie">
      <h2 id="eu-registratie" class="nl-heading nl-heading--level-2">{t.euTitle}</h2>
      {!highRisk && <p>{t.euNotHighRisk}</p>}
      <dl class="fields utrecht-data-list">
        {facts.map(([label, value]) => (
          <div class="field utrecht-data-list__item">
            <dt>{label}</dt>
            <dd class="pre-line">{value || t.euNone}</dd>
          </div>
        ))}
      </dl>
      {highRisk && may(person, 'keepCompliance') && (
        <p>
          <a class="nl-link" href={euRegistrationPath(algorithm.lars)}>{t.euEdit}</a>
        </p>
      )}
    </section>
  );
}

function OverviewPage(view: OverviewView) {
  const { request, algorithm, latest, quality, statusError } = view;
  const { lang } = request.management;
  const t = complianceMessages[lang];
  const name = typeof latest.content.name === 'string' && latest.content.name ? latest.content.name : algorithm.lars;
  const title = fill(t.overviewTitle, { name });
  const { done, refused } = notices(lang);
  const refusal = noticeOf(request, refused);
  const index = statusError ? view.requirements.items.findIndex((i) => i.requirement.id === statusError.requirementId) : -1;
  return (
    <Frame {...frameProps(request, compliancePath(algorithm.lars))} current="algorithms" title={`${statusError ? beheerMessages[lang].errorTitlePrefix : ''}${title}`}>
      <Notice text={noticeOf(request, done)} />
      {refusal && (
        <div class="utrecht-alert utrecht-alert--warning" role="alert">
          <p>{refusal}</p>
        </div>
      )}
      <ErrorSummary lang={lang} errors={statusError && index >= 0 ? [{ field: `note-${index}`, text: statusError.text }] : []} />
      <p>
        <a class="nl-link" href={editPath(algorithm.lars)}>{t.backToAlgorithm}</a>
      </p>
      <h1 class="nl-heading nl-heading--level-1">{title}</h1>
      <p class="nl-paragraph">{t.overviewIntro}</p>
      <DutySection view={view} />
      <ClassificationSection view={view} />
      <RequirementsSection view={view} />
      <ExclusionsSection view={view} />
      <EuSection view={view} />
      <section aria-labelledby="kwaliteit">
        <h2 id="kwaliteit" class="nl-heading nl-heading--level-2">{t.qualityTitle}</h2>
        <QualityFindings report={quality} lang={lang} />
      </section>
    </Frame>
  );
}

export function complianceOverviewPage(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    const db = ctx.kysely;

    async function gather(organisationId: number, found: { algorithm: Algorithm; latest: Version }): Promise<OverviewData> {
      const id = found.algorithm.id;
      const catalogue = requirementsCatalogue();
      const [duty, classification, history, requirements, exclusions, eu, quality] = await Promise.all([
        currentDutyAssessment(db, organisationId, id),
        currentClassification(db, organisationId, id, decisionTree()),
        classificationHistory(db, organisationId, id),
        requirementOverview(db, organisationId, id, catalogue),
        exclusionsOf(db, organisationId, id),
        euRegistrationOf(db, organisationId, id),
        qualityReportFor(db, organisationId, id),
      ]);
      // What the latest classification changed: both profiles judged with today's duty, so only the profile differs.
      const dutyNow = { dutyApplies: duty?.assessment.dutyApplies ?? false };
      const diff =
        history.length > 1
          ? requirementsDiff(applicableRequirements(catalogue, { profile: history[1]!.profile, duty: dutyNow }), applicableRequirements(catalogue, { profile: history[0]!.profile, duty: dutyNow }))
          : undefined;
      const highRisk = duty?.assessment.outcome === 'must-publish-a' || found.latest.content.publication_category === HIGH_RISK_CATEGORY;
      return { duty, classification, diff, requirements, exclusions, eu, highRisk, quality };
    }

    async function show(request: FastifyRequest<{ Params: { lars: string }; Querystring: { melding?: string } }>, reply: FastifyReply, status = 200, statusError?: OverviewView['statusError']) {
      const person = request.management.person!;
      const found = await ownAlgorithm(ctx, person, request.params.lars);
      if (!found) return notFoundPage(request, reply);
      const data = await gather(person.organisation!.organisationId, found);
      return page(reply, status, <OverviewPage request={request} {...found} {...data} statusError={statusError} />);
    }

    app.get<{ Params: { lars: string }; Querystring: { melding?: string } }>('/algoritme/:lars/verantwoording', { config: { access: 'permission', management: 'readCompliance' } }, async (request, reply) =>
      show(request, reply),
    );

    app.post<{ Params: { lars: string }; Querystring: { melding?: string }; Body: Record<string, string | string[] | undefined> }>(
      '/algoritme/:lars/verantwoording/vereiste',
      { config: { access: 'permission', management: 'keepCompliance' } },
      async (request, reply) => {
        const { lang, person } = request.management;
        const found = await ownAlgorithm(ctx, person!, request.params.lars);
        if (!found) return notFoundPage(request, reply);
        const body = request.body ?? {};
        const input = { requirementId: one(body.vereiste), status: one(body.status), note: one(body.toelichting) };
        const t = complianceMessages[lang];
        try {
          await setRequirementStatus(db, person!.organisation!.organisationId, found.algorithm.id, requirementsCatalogue(), input, person!.principal);
        } catch (error) {
          if (!(error instanceof RegisterError) || error.kind !== 'invalid') throw error;
          if (error.message.startsWith('requirementId:')) return notFoundPage(request, reply);
          const text = error.message.startsWith('status:') ? t.statusInvalid : /at most/.test(error.message) ? t.statusNoteTooLong : t.statusNoteRequired;
          request.query.melding = undefined;
          return show(request, reply, 422, { requirementId: input.requirementId, status: input.status, note: input.note, text });
        }
        return seeOther(reply, `${compliancePath(found.algorithm.lars)}?melding=status-opgeslagen#vereisten`);
      },
    );

    /** The suggested publication_category into a new draft, the rest of the latest version as it is. */
    app.post<{ Params: { lars: string }; Body: Record<string, string | string[] | undefined> }>(
      '/algoritme/:lars/publicatieplicht/categorie',
      { config: { access: 'permission', management: 'editAlgorithm' } },
      async (request, reply) => {
        const person = request.management.person!;
        const found = await ownAlgorithm(ctx, person, request.params.lars);
        if (!found) return notFoundPage(request, reply);
        const here = compliancePath(found.algorithm.lars);
        const duty = await currentDutyAssessment(db, person.organisation!.organisationId, found.algorithm.id);
        const category = duty?.assessment.publicationCategory;
        if (!category) return seeOther(reply, here);
        if (found.latest.content.publication_category === category) return seeOther(reply, `${here}?melding=categorie-al`);
        const def = STANDARDS[found.latest.standard_version ?? ''] ?? CURRENT_STANDARD;
        const basis = Number(one(request.body?.basis));
        const saved = await saveDraft(db, def, await organisationOf(ctx, person), { ...found.latest.content, publication_category: category }, person.principal, {
          algorithm: found.algorithm,
          basedOnVersionId: Number.isInteger(basis) && basis > 0 ? basis : found.latest.id,
        });
        // Someone saved meanwhile, or the stored draft cannot be saved as it is: the edit page shows why.
        if (saved.outcome === 'conflict' || saved.outcome === 'invalid') return seeOther(reply, `${editPath(found.algorithm.lars)}?melding=status-veranderd`);
        return seeOther(reply, `${here}?melding=categorie`);
      },
    );
  };
}
