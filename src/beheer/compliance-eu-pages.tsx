/**
 * The EU registration facts of a high-risk AI system (`/beheer/algoritme/{lars}/eu-registratie`): the reference
 * of the provider's entry in the EU database and summaries of the FRIA and the DPIA. The domain decides whether
 * the algorithm is high-risk and how long each fact may be; this page keeps what was typed when it refuses.
 */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import { euRegistrationOf, setEuRegistration, type EuRegistration } from '../compliance/index.ts';
import { RegisterError } from '../register/errors.ts';
import type { Algorithm, Version } from '../register/algorithms.ts';
import { beheerMessages, fill } from './messages.ts';
import { complianceMessages } from './messages-compliance.ts';
import { CsrfField, ErrorSummary, FieldError, Frame, describedBy } from './layout.tsx';
import { page, seeOther } from './render.ts';
import { frameProps } from './frame-props.ts';
import { notFoundPage } from './status-page.tsx';
import { ownAlgorithm } from './own-algorithm.ts';
import { compliancePath, euRegistrationPath, one } from './compliance-common.tsx';

type Fact = keyof EuRegistration;
const LIMITS: Record<Fact, number> = { euDatabaseReference: 200, friaSummary: 5000, dpiaSummary: 5000 };

interface FormView {
  request: FastifyRequest;
  algorithm: Algorithm;
  latest: Version;
  facts: EuRegistration;
  error?: { field?: Fact; text: string };
}

function EuForm({ request, algorithm, latest, facts, error }: FormView) {
  const { lang, session } = request.management;
  const t = complianceMessages[lang];
  const name = typeof latest.content.name === 'string' && latest.content.name ? latest.content.name : algorithm.lars;
  const title = `${t.euTitle}: ${name}`;
  const path = euRegistrationPath(algorithm.lars);
  const errorOf = (field: Fact) => (error?.field === field ? error.text : undefined);
  const labels: Record<Fact, string> = { euDatabaseReference: t.euReference, friaSummary: t.fria, dpiaSummary: t.dpia };
  const hints: Record<Fact, string> = { euDatabaseReference: t.euReferenceHint, friaSummary: t.summaryHint, dpiaSummary: t.summaryHint };
  return (
    <Frame {...frameProps(request, path)} current="algorithms" title={`${error ? beheerMessages[lang].errorTitlePrefix : ''}${title}`}>
      <ErrorSummary lang={lang} errors={error?.field ? [{ field: error.field, text: error.text }] : []} general={error ? (error.field ? t.euSummary : error.text) : undefined} />
      <p>
        <a class="nl-link" href={compliancePath(algorithm.lars)}>{t.backToAlgorithm}</a>
      </p>
      <h1 class="nl-heading nl-heading--level-1">{title}</h1>
      <p class="nl-paragraph">{t.euIntro}</p>
      <form method="post" action={path} novalidate>
        <CsrfField token={session?.csrfToken ?? ''} />
        {(Object.keys(LIMITS) as Fact[]).map((field) => (
          <div class="form-field utrecht-form-field">
            <label class="utrecht-form-label" for={field}>{labels[field]}</label>
            <p class="utrecht-form-field-description" id={`${field}-hint`}>{hints[field]}</p>
            <FieldError lang={lang} field={field} text={errorOf(field)} />
            {field === 'euDatabaseReference' ? (
              <input
                class="utrecht-textbox utrecht-textbox--html-input"
                type="text"
                id={field}
                name={field}
                value={facts[field] ?? ''}
                aria-invalid={errorOf(field) ? 'true' : undefined}
                aria-describedby={describedBy(field, true, errorOf(field))}
              />
            ) : (
              <textarea
                class="utrecht-textarea utrecht-textarea--html-textarea"
                id={field}
                name={field}
                rows={5}
                aria-invalid={errorOf(field) ? 'true' : undefined}
                aria-describedby={describedBy(field, true, errorOf(field))}
              >
                {facts[field] ?? ''}
              </textarea>
            )}
          </div>
        ))}
        <div class="form-actions">
          <button type="submit" class="utrecht-button utrecht-button--primary-action">{t.euSave}</button>
        </div>
      </form>
    </Frame>
  );
}

export function complianceEuPages(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    const db = ctx.kysely;
    const config = { access: 'permission' as const, management: 'keepCompliance' as const };

    app.get<{ Params: { lars: string } }>('/algoritme/:lars/eu-registratie', { config }, async (request, reply) => {
      const person = request.management.person!;
      const found = await ownAlgorithm(ctx, person, request.params.lars);
      if (!found) return notFoundPage(request, reply);
      const stored = await euRegistrationOf(db, person.organisation!.organisationId, found.algorithm.id);
      const facts = { euDatabaseReference: stored?.euDatabaseReference ?? null, friaSummary: stored?.friaSummary ?? null, dpiaSummary: stored?.dpiaSummary ?? null };
      return page(reply, 200, <EuForm request={request} {...found} facts={facts} />);
    });

    app.post<{ Params: { lars: string }; Body: Record<string, string | string[] | undefined> }>('/algoritme/:lars/eu-registratie', { config }, async (request, reply) => {
      const { lang, person } = request.management;
      const found = await ownAlgorithm(ctx, person!, request.params.lars);
      if (!found) return notFoundPage(request, reply);
      const body = request.body ?? {};
      const facts: EuRegistration = { euDatabaseReference: one(body.euDatabaseReference), friaSummary: one(body.friaSummary), dpiaSummary: one(body.dpiaSummary) };
      const t = complianceMessages[lang];
      try {
        await setEuRegistration(db, person!.organisation!.organisationId, found.algorithm.id, facts, person!.principal);
      } catch (error) {
        if (!(error instanceof RegisterError)) throw error;
        if (error.kind === 'invalid') {
          const field = /^(\w+):/.exec(error.message)?.[1] as Fact | undefined;
          const known = field && Object.hasOwn(LIMITS, field) ? field : undefined;
          return page(reply, 422, <EuForm request={request} {...found} facts={facts} error={{ field: known, text: known ? fill(t.euTooLong, { max: LIMITS[known] }) : t.euSummary }} />);
        }
        if (error.kind === 'precondition_failed') return page(reply, 409, <EuForm request={request} {...found} facts={facts} error={{ text: t.euNotHighRisk }} />);
        throw error;
      }
      return seeOther(reply, `${compliancePath(found.algorithm.lars)}?melding=eu-opgeslagen#eu-registratie`);
    });
  };
}
