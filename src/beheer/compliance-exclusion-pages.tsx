/**
 * Exclusion grounds of one algorithm: recording one (`/beheer/algoritme/{lars}/uitsluiting`: the ground, the
 * scope, the fields withheld chosen from the standard, the justification and a review date), and approving or
 * ending one from the accountability page. The domain checks the input and decides the four eyes
 * (src/compliance/exclusions.ts); this page turns its refusals into messages at the fields, values kept.
 */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import {
  EXCLUSION_GROUNDS,
  EXCLUSION_SCOPES,
  WITHHOLDABLE_FIELDS,
  approveExclusion,
  endExclusion,
  exclusionsOf,
  recordExclusion,
  type ExclusionInput,
} from '../compliance/index.ts';
import { RegisterError } from '../register/errors.ts';
import type { Algorithm, Version } from '../register/algorithms.ts';
import { beheerMessages } from './messages.ts';
import { complianceMessages, type ComplianceMessages } from './messages-compliance.ts';
import { CsrfField, ErrorSummary, FieldError, Frame, describedBy } from './layout.tsx';
import { page, seeOther } from './render.ts';
import { frameProps } from './frame-props.ts';
import { notFoundPage } from './status-page.tsx';
import { ownAlgorithm } from './own-algorithm.ts';
import { compliancePath, exclusionPath, fieldLabel, many, one } from './compliance-common.tsx';

type ExclusionField = 'ground' | 'groundText' | 'scope' | 'withheldFields' | 'justification' | 'reviewDate';

const FIELD_MESSAGE: Record<ExclusionField, keyof ComplianceMessages> = {
  ground: 'errGround',
  groundText: 'errGroundText',
  scope: 'errScope',
  withheldFields: 'errWithheldFields',
  justification: 'errJustification',
  reviewDate: 'errReviewDate',
};

/** The form field a domain refusal (`field: message`) is about, if it names one of ours. */
export function exclusionFieldOf(error: RegisterError): ExclusionField | undefined {
  const field = /^(\w+):/.exec(error.message)?.[1];
  return field && Object.hasOwn(FIELD_MESSAGE, field) ? (field as ExclusionField) : undefined;
}

interface FormView {
  request: FastifyRequest;
  algorithm: Algorithm;
  latest: Version;
  input: ExclusionInput;
  error?: { field?: ExclusionField; text: string };
}

function ExclusionForm({ request, algorithm, latest, input, error }: FormView) {
  const { lang, session } = request.management;
  const t = complianceMessages[lang];
  const name = typeof latest.content.name === 'string' && latest.content.name ? latest.content.name : algorithm.lars;
  const title = `${t.exclusionRecord}: ${name}`;
  const path = exclusionPath(algorithm.lars);
  const errorOf = (field: ExclusionField) => (error?.field === field ? error.text : undefined);
  const ids: Record<ExclusionField, string> = {
    ground: 'ground-0',
    groundText: 'groundText',
    scope: 'scope-0',
    withheldFields: 'withheldFields-0',
    justification: 'justification',
    reviewDate: 'reviewDate',
  };
  return (
    <Frame {...frameProps(request, path)} current="algorithms" title={`${error ? beheerMessages[lang].errorTitlePrefix : ''}${title}`}>
      <ErrorSummary lang={lang} errors={error?.field ? [{ field: ids[error.field], text: error.text }] : []} general={error && !error.field ? error.text : error ? t.exclusionFormSummary : undefined} />
      <p>
        <a class="nl-link" href={compliancePath(algorithm.lars)}>{t.backToAlgorithm}</a>
      </p>
      <h1 class="nl-heading nl-heading--level-1">{title}</h1>
      <form method="post" action={path} novalidate>
        <CsrfField token={session?.csrfToken ?? ''} />
        <fieldset class="utrecht-form-fieldset" aria-describedby={describedBy('ground', true, errorOf('ground'))}>
          <legend class="utrecht-form-fieldset__legend">{t.ground}</legend>
          <p class="utrecht-form-field-description" id="ground-hint">{t.groundHint}</p>
          <FieldError lang={lang} field="ground" text={errorOf('ground')} />
          {Object.entries(EXCLUSION_GROUNDS).map(([key, label], i) => (
            <div class="choice utrecht-form-field utrecht-form-field--radio">
              <input class="utrecht-radio-button utrecht-radio-button--html-input" type="radio" id={`ground-${i}`} name="ground" value={key} checked={input.ground === key} />
              <label class="utrecht-form-label utrecht-form-label--radio" for={`ground-${i}`}>{label[lang]}</label>
            </div>
          ))}
        </fieldset>
        <div class="form-field utrecht-form-field">
          <label class="utrecht-form-label" for="groundText">{t.groundText}</label>
          <p class="utrecht-form-field-description" id="groundText-hint">{t.groundTextHint}</p>
          <FieldError lang={lang} field="groundText" text={errorOf('groundText')} />
          <input
            class="utrecht-textbox utrecht-textbox--html-input"
            type="text"
            id="groundText"
            name="groundText"
            value={input.groundText ?? ''}
            aria-invalid={errorOf('groundText') ? 'true' : undefined}
            aria-describedby={describedBy('groundText', true, errorOf('groundText'))}
          />
        </div>
        <fieldset class="utrecht-form-fieldset" aria-describedby={describedBy('scope', false, errorOf('scope'))}>
          <legend class="utrecht-form-fieldset__legend">{t.scope}</legend>
          <FieldError lang={lang} field="scope" text={errorOf('scope')} />
          {Object.entries(EXCLUSION_SCOPES).map(([key, label], i) => (
            <div class="choice utrecht-form-field utrecht-form-field--radio">
              <input class="utrecht-radio-button utrecht-radio-button--html-input" type="radio" id={`scope-${i}`} name="scope" value={key} checked={input.scope === key} />
              <label class="utrecht-form-label utrecht-form-label--radio" for={`scope-${i}`}>{label[lang]}</label>
            </div>
          ))}
        </fieldset>
        <fieldset class="utrecht-form-fieldset" aria-describedby={describedBy('withheldFields', true, errorOf('withheldFields'))}>
          <legend class="utrecht-form-fieldset__legend">{t.withheldFields}</legend>
          <p class="utrecht-form-field-description" id="withheldFields-hint">{t.withheldFieldsHint}</p>
          <FieldError lang={lang} field="withheldFields" text={errorOf('withheldFields')} />
          {WITHHOLDABLE_FIELDS.map((key, i) => (
            <div class="choice utrecht-form-field utrecht-form-field--checkbox">
              <input
                class="utrecht-checkbox utrecht-checkbox--html-input"
                type="checkbox"
                id={`withheldFields-${i}`}
                name="withheldFields"
                value={key}
                checked={(input.withheldFields ?? []).includes(key)}
              />
              <label class="utrecht-form-label utrecht-form-label--checkbox" for={`withheldFields-${i}`}>{fieldLabel(key, lang)}</label>
            </div>
          ))}
        </fieldset>
        <div class="form-field utrecht-form-field">
          <label class="utrecht-form-label" for="justification">{t.justification}</label>
          <p class="utrecht-form-field-description" id="justification-hint">{t.justificationHint}</p>
          <FieldError lang={lang} field="justification" text={errorOf('justification')} />
          <textarea
            class="utrecht-textarea utrecht-textarea--html-textarea"
            id="justification"
            name="justification"
            rows={5}
            aria-invalid={errorOf('justification') ? 'true' : undefined}
            aria-describedby={describedBy('justification', true, errorOf('justification'))}
          >
            {input.justification}
          </textarea>
        </div>
        <div class="form-field utrecht-form-field">
          <label class="utrecht-form-label" for="reviewDate">{t.reviewDate}</label>
          <p class="utrecht-form-field-description" id="reviewDate-hint">{t.reviewDateHint}</p>
          <FieldError lang={lang} field="reviewDate" text={errorOf('reviewDate')} />
          <input
            class="utrecht-textbox utrecht-textbox--html-input"
            type="date"
            id="reviewDate"
            name="reviewDate"
            value={input.reviewDate}
            aria-invalid={errorOf('reviewDate') ? 'true' : undefined}
            aria-describedby={describedBy('reviewDate', true, errorOf('reviewDate'))}
          />
        </div>
        <div class="form-actions">
          <button type="submit" class="utrecht-button utrecht-button--primary-action">{t.saveExclusion}</button>
        </div>
      </form>
    </Frame>
  );
}

const emptyInput: ExclusionInput = { ground: '', groundText: '', scope: '', withheldFields: [], justification: '', reviewDate: '' };

export function complianceExclusionPages(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    const db = ctx.kysely;
    const config = { access: 'permission' as const, management: 'keepCompliance' as const };

    app.get<{ Params: { lars: string } }>('/algoritme/:lars/uitsluiting', { config }, async (request, reply) => {
      const found = await ownAlgorithm(ctx, request.management.person!, request.params.lars);
      if (!found) return notFoundPage(request, reply);
      return page(reply, 200, <ExclusionForm request={request} {...found} input={emptyInput} />);
    });

    app.post<{ Params: { lars: string }; Body: Record<string, string | string[] | undefined> }>('/algoritme/:lars/uitsluiting', { config }, async (request, reply) => {
      const { lang, person } = request.management;
      const found = await ownAlgorithm(ctx, person!, request.params.lars);
      if (!found) return notFoundPage(request, reply);
      const body = request.body ?? {};
      const input: ExclusionInput = {
        ground: one(body.ground),
        groundText: one(body.groundText),
        scope: one(body.scope),
        withheldFields: many(body.withheldFields),
        justification: one(body.justification),
        reviewDate: one(body.reviewDate).trim(),
      };
      const t = complianceMessages[lang];
      try {
        await recordExclusion(db, person!.organisation!.organisationId, found.algorithm.id, input, person!.principal);
      } catch (error) {
        if (!(error instanceof RegisterError)) throw error;
        if (error.kind === 'invalid') {
          const field = exclusionFieldOf(error);
          return page(reply, 422, <ExclusionForm request={request} {...found} input={input} error={{ field, text: field ? t[FIELD_MESSAGE[field]] : t.exclusionFormSummary }} />);
        }
        if (error.kind === 'conflict') return page(reply, 409, <ExclusionForm request={request} {...found} input={input} error={{ text: t.exclusionPending }} />);
        throw error;
      }
      return seeOther(reply, `${compliancePath(found.algorithm.lars)}?melding=uitsluiting-vastgelegd#uitsluitingen`);
    });

    /** Approving or ending: the outcome, or the refusal, is told on the accountability page. */
    app.post<{ Params: { lars: string; id: string }; Body: Record<string, string | string[] | undefined> }>('/algoritme/:lars/uitsluiting/:id', { config }, async (request, reply) => {
      const person = request.management.person!;
      const found = await ownAlgorithm(ctx, person, request.params.lars);
      if (!found) return notFoundPage(request, reply);
      const id = /^\d{1,10}$/.test(request.params.id) ? Number(request.params.id) : 0;
      const body = request.body ?? {};
      const back = (melding: string) => seeOther(reply, `${compliancePath(found.algorithm.lars)}?melding=${melding}#uitsluitingen`);
      const organisationId = person.organisation!.organisationId;
      try {
        // The exclusion must be one of this algorithm: another algorithm's id in this address is not found.
        if (!(await exclusionsOf(db, organisationId, found.algorithm.id)).some((e) => e.id === id)) return notFoundPage(request, reply);
        if (one(body.handeling) === 'goedkeuren') {
          await approveExclusion(db, organisationId, id, person.principal);
          return back('uitsluiting-goedgekeurd');
        }
        if (one(body.handeling) === 'beeindigen') {
          const reason = one(body.reden).trim().slice(0, 2000);
          if (!reason) return back('reden-nodig');
          await endExclusion(db, organisationId, id, reason, person.principal);
          return back('uitsluiting-beeindigd');
        }
        return notFoundPage(request, reply);
      } catch (error) {
        if (!(error instanceof RegisterError)) throw error;
        if (error.kind === 'forbidden') return back('vier-ogen');
        if (error.kind === 'conflict') return back('uitsluiting-veranderd');
        if (error.kind === 'not_found') return notFoundPage(request, reply);
        throw error;
      }
    });
  };
}
