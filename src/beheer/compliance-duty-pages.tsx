/**
 * The publication-duty questionnaire of one algorithm (`/beheer/algoritme/{lars}/publicatieplicht`): one
 * question at a time, without JavaScript. The answers so far travel in the address (a GET form), so going
 * back, reloading and the browser's back button all simply work and nothing is stored until the person
 * records the outcome (a POST, with who and when). The questionnaire asks only what can still change the
 * outcome (src/compliance/publication-duty.ts).
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import {
  DEFERRING_STATUSES,
  DUTY_ANSWERS,
  DUTY_OUTCOMES,
  DUTY_QUESTIONS,
  DutyAnswerError,
  assessDuty,
  nextDutyQuestion,
  recordDutyAssessment,
  type DutyAnswer,
  type DutyAnswers,
  type DutyAssessment,
} from '../compliance/index.ts';
import { RegisterError } from '../register/errors.ts';
import type { Algorithm, Version } from '../register/algorithms.ts';
import { beheerMessages, fill } from './messages.ts';
import { complianceMessages } from './messages-compliance.ts';
import { CsrfField, ErrorSummary, FieldError, Frame } from './layout.tsx';
import { page, seeOther } from './render.ts';
import { frameProps } from './frame-props.ts';
import { notFoundPage } from './status-page.tsx';
import { ownAlgorithm } from './own-algorithm.ts';
import { compliancePath, dutyPath, valueLabel } from './compliance-common.tsx';

const ANSWER_KEYS = Object.keys(DUTY_ANSWERS) as DutyAnswer[];

/** The answers in the request, in question order, up to the first question without one. */
export function answersFrom(source: Record<string, unknown>): Record<string, DutyAnswer> {
  const answers: Record<string, DutyAnswer> = {};
  for (const question of DUTY_QUESTIONS) {
    const given = source[question.id];
    const value = Array.isArray(given) ? given[0] : given;
    if (!ANSWER_KEYS.includes(value as DutyAnswer)) break;
    answers[question.id] = value as DutyAnswer;
    // Stop where the outcome is decided: later answers would not be asked.
    if (nextDutyQuestion(answers) === undefined) break;
  }
  return answers;
}

const toQuery = (answers: DutyAnswers) => new URLSearchParams(Object.entries(answers)).toString();

interface QuestionnaireView {
  request: FastifyRequest;
  algorithm: Algorithm;
  latest: Version;
  answers: DutyAnswers;
  missingAnswer?: boolean;
  statusProblem?: boolean;
}

function Questionnaire({ request, algorithm, latest, answers, missingAnswer, statusProblem }: QuestionnaireView) {
  const { lang, session } = request.management;
  const t = complianceMessages[lang];
  const name = typeof latest.content.name === 'string' && latest.content.name ? latest.content.name : algorithm.lars;
  const title = fill(t.questionnaireTitle, { name });
  const path = dutyPath(algorithm.lars);
  const next = nextDutyQuestion(answers);
  const given = Object.entries(answers);
  const backTo = given.length > 0 ? `${path}${given.length > 1 ? `?${toQuery(Object.fromEntries(given.slice(0, -1)))}` : ''}` : undefined;
  let outcome: DutyAssessment | undefined;
  if (!next && !statusProblem) outcome = assessDuty(answers, latest.content);
  const deferred = outcome?.deferredByStatus ? DEFERRING_STATUSES.find((d) => d.status === outcome!.deferredByStatus) : undefined;
  return (
    <Frame {...frameProps(request, `${path}${given.length ? `?${toQuery(answers)}` : ''}`)} current="algorithms" title={`${missingAnswer || statusProblem ? beheerMessages[lang].errorTitlePrefix : ''}${title}`}>
      <ErrorSummary lang={lang} errors={missingAnswer && next ? [{ field: `${next.id}-0`, text: t.answerRequired }] : []} general={statusProblem ? t.dutyNeedsStatus : undefined} />
      <p>
        <a class="nl-link" href={compliancePath(algorithm.lars)}>{t.backToAlgorithm}</a>
      </p>
      <h1 class="nl-heading nl-heading--level-1">{title}</h1>
      {given.length > 0 && (
        <section aria-labelledby="gegeven">
          <h2 id="gegeven" class="nl-heading nl-heading--level-2">{t.givenAnswers}</h2>
          <dl class="fields utrecht-data-list">
            {given.map(([id, answer]) => (
              <div class="field utrecht-data-list__item">
                <dt>{DUTY_QUESTIONS.find((q) => q.id === id)!.question[lang]}</dt>
                <dd>{DUTY_ANSWERS[answer as DutyAnswer][lang]}</dd>
              </div>
            ))}
          </dl>
        </section>
      )}
      {next && (
        <form method="get" action={path} class="questionnaire" novalidate>
          {given.map(([id, answer]) => (
            <input type="hidden" name={id} value={answer} />
          ))}
          <fieldset class="utrecht-form-fieldset" aria-describedby={[`${next.id}-hint`, missingAnswer && `${next.id}-error`].filter(Boolean).join(' ')}>
            <legend class="utrecht-form-fieldset__legend">
              <span class="visually-hidden">{fill(t.questionOf, { n: given.length + 1 })}: </span>
              {next.question[lang]}
            </legend>
            <p class="utrecht-form-field-description" id={`${next.id}-hint`}>{next.help[lang]}</p>
            <FieldError lang={lang} field={next.id} text={missingAnswer ? t.answerRequired : undefined} />
            {ANSWER_KEYS.map((key, i) => (
              <div class="choice utrecht-form-field utrecht-form-field--radio">
                <input class="utrecht-radio-button utrecht-radio-button--html-input" type="radio" id={`${next.id}-${i}`} name={next.id} value={key} />
                <label class="utrecht-form-label utrecht-form-label--radio" for={`${next.id}-${i}`}>{DUTY_ANSWERS[key][lang]}</label>
              </div>
            ))}
          </fieldset>
          <input type="hidden" name="verder" value="1" />
          <div class="form-actions">
            <button type="submit" class="utrecht-button utrecht-button--primary-action">{t.next}</button>
          </div>
        </form>
      )}
      {outcome && (
        <section aria-labelledby="uitkomst">
          <h2 id="uitkomst" class="nl-heading nl-heading--level-2">{t.outcomeTitle}</h2>
          <p class="duty-outcome">
            <strong>{DUTY_OUTCOMES[outcome.outcome].label[lang]}</strong>
          </p>
          {outcome.byDoubt && <p>{t.dutyByDoubt}</p>}
          {deferred && <p>{fill(t.dutyDeferred, { note: deferred.note[lang] })}</p>}
          {outcome.publicationCategory && <p>{fill(t.suggestedCategory, { category: valueLabel('publication_category', outcome.publicationCategory, lang) })}</p>}
          <form method="post" action={path}>
            <CsrfField token={session?.csrfToken ?? ''} />
            {given.map(([id, answer]) => (
              <input type="hidden" name={id} value={answer} />
            ))}
            <button type="submit" class="utrecht-button utrecht-button--primary-action">{t.storeOutcome}</button>
          </form>
        </section>
      )}
      {backTo && (
        <p>
          <a class="nl-link" href={backTo}>{t.previous}</a>
        </p>
      )}
    </Frame>
  );
}

/** Whether the algorithm's status lets the outcome be computed (it decides whether the duty is deferred). */
function statusProblemOf(answers: DutyAnswers, content: Version['content']): boolean {
  if (nextDutyQuestion(answers)) return false;
  try {
    assessDuty(answers, content);
    return false;
  } catch (error) {
    if (error instanceof DutyAnswerError) return true;
    throw error;
  }
}

export function complianceDutyPages(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    const db = ctx.kysely;

    app.get<{ Params: { lars: string }; Querystring: Record<string, string | string[] | undefined> }>(
      '/algoritme/:lars/publicatieplicht',
      { config: { access: 'permission', management: 'keepCompliance' } },
      async (request, reply) => {
        const found = await ownAlgorithm(ctx, request.management.person!, request.params.lars);
        if (!found) return notFoundPage(request, reply);
        const answers = answersFrom(request.query);
        const next = nextDutyQuestion(answers);
        // "Next" without choosing: the same question again, with the message at it.
        const missingAnswer = request.query.verder !== undefined && next !== undefined;
        const statusProblem = statusProblemOf(answers, found.latest.content);
        return page(reply, missingAnswer || statusProblem ? 422 : 200, <Questionnaire request={request} {...found} answers={answers} missingAnswer={missingAnswer} statusProblem={statusProblem} />);
      },
    );

    app.post<{ Params: { lars: string }; Body: Record<string, string | string[] | undefined> }>(
      '/algoritme/:lars/publicatieplicht',
      { config: { access: 'permission', management: 'keepCompliance' } },
      async (request, reply: FastifyReply) => {
        const person = request.management.person!;
        const found = await ownAlgorithm(ctx, person, request.params.lars);
        if (!found) return notFoundPage(request, reply);
        const answers = answersFrom(request.body ?? {});
        if (nextDutyQuestion(answers)) return page(reply, 422, <Questionnaire request={request} {...found} answers={answers} missingAnswer />);
        try {
          await recordDutyAssessment(db, person.organisation!.organisationId, found.algorithm.id, answers, person.principal);
        } catch (error) {
          if (error instanceof RegisterError && error.kind === 'invalid') return page(reply, 422, <Questionnaire request={request} {...found} answers={answers} statusProblem />);
          throw error;
        }
        return seeOther(reply, `${compliancePath(found.algorithm.lars)}?melding=plicht`);
      },
    );
  };
}
