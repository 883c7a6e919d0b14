/**
 * The AI Act decision aid for one algorithm (`/beheer/algoritme/{lars}/ai-verordening`): the decision tree one
 * question per page, with a way back, ending at a conclusion with its profile, which the person then records
 * (stored with the tree's name and version). As with the duty questionnaire, the answers so far travel in the
 * address as `a=question:answer` pairs and are replayed on the tree at every step (a GET form), so nothing
 * is kept on the server until the profile is recorded, and the browser's back button works.
 */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import { AnswerError, recordClassification, replay, type Session } from '../compliance/index.ts';
import { RegisterError } from '../register/errors.ts';
import type { Algorithm, Version } from '../register/algorithms.ts';
import type { Lang } from '../publicsite/messages.ts';
import { beheerMessages, fill } from './messages.ts';
import { complianceMessages } from './messages-compliance.ts';
import { CsrfField, ErrorSummary, FieldError, Frame } from './layout.tsx';
import { page, seeOther } from './render.ts';
import { frameProps } from './frame-props.ts';
import { notFoundPage } from './status-page.tsx';
import { ownAlgorithm } from './own-algorithm.ts';
import { classificationPath, compliancePath, decisionTree, many, one } from './compliance-common.tsx';

type Given = { questionId: string; answer: number };

/** `a=1.1:0` pairs as given answers; anything malformed ends the list there. */
export function givenAnswers(values: unknown): Given[] {
  const given: Given[] = [];
  for (const pair of many(values).slice(0, 200)) {
    const m = /^([0-9A-Za-z._-]{1,40}):(\d{1,3})$/.exec(pair);
    if (!m) break;
    given.push({ questionId: m[1]!, answer: Number(m[2]) });
  }
  return given;
}

const pairs = (given: readonly Given[]) => given.map((g) => `${g.questionId}:${g.answer}`);
const queryOf = (given: readonly Given[]) => pairs(given).map((p) => `a=${encodeURIComponent(p)}`).join('&');

/** The tree's explanations carry a little HTML (line breaks, emphasis); shown here as plain paragraphs. */
function paragraphs(text: string): string[] {
  return text
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|li|ul|ol)>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .split(/\n\s*\n|\n/)
    .map((p) => p.trim())
    .filter(Boolean);
}

export function ProfileList({ groups, lang }: { groups: Readonly<Record<string, readonly string[]>>; lang: Lang }) {
  const t = complianceMessages[lang];
  return (
    <dl class="fields utrecht-data-list">
      {Object.entries(groups).map(([group, labels]) => (
        <div class="field utrecht-data-list__item">
          <dt>{group}</dt>
          <dd>{labels.length ? labels.join(', ') : t.notDecided}</dd>
        </div>
      ))}
    </dl>
  );
}

interface TreeView {
  request: FastifyRequest;
  algorithm: Algorithm;
  latest: Version;
  given: Given[];
  session?: Session;
  missingAnswer?: boolean;
  invalid?: boolean;
}

function TreePage({ request, algorithm, latest, given, session, missingAnswer, invalid }: TreeView) {
  const { lang, session: web } = request.management;
  const t = complianceMessages[lang];
  const name = typeof latest.content.name === 'string' && latest.content.name ? latest.content.name : algorithm.lars;
  const title = fill(t.treeTitle, { name });
  const path = classificationPath(algorithm.lars);
  const position = session?.position;
  const lastNote = session?.steps.at(-1)?.subresult;
  const backTo = given.length > 0 ? `${path}${given.length > 1 ? `?${queryOf(given.slice(0, -1))}` : ''}` : undefined;
  const question = position?.kind === 'question' ? position.question : undefined;
  return (
    <Frame {...frameProps(request, `${path}${given.length ? `?${queryOf(given)}` : ''}`)} current="algorithms" title={`${missingAnswer || invalid ? beheerMessages[lang].errorTitlePrefix : ''}${title}`}>
      <ErrorSummary lang={lang} errors={missingAnswer && question ? [{ field: 'keuze-0', text: t.answerRequired }] : []} general={invalid ? t.treeAnswersInvalid : undefined} />
      <p>
        <a class="nl-link" href={compliancePath(algorithm.lars)}>{t.backToAlgorithm}</a>
      </p>
      <h1 class="nl-heading nl-heading--level-1">{title}</h1>
      <p class="nl-paragraph">{t.treeIntro}</p>
      {invalid && (
        <p>
          <a class="nl-link" href={path}>{t.startAgain}</a>
        </p>
      )}
      {lastNote && <p class="utrecht-alert utrecht-alert--info">{fill(t.treeNote, { note: paragraphs(lastNote).join(' ') })}</p>}
      {question && (
        <form method="get" action={path} class="questionnaire" novalidate>
          {pairs(given).map((p) => (
            <input type="hidden" name="a" value={p} />
          ))}
          <input type="hidden" name="vraag" value={question.id} />
          <fieldset class="utrecht-form-fieldset" aria-describedby={[`keuze-hint`, missingAnswer && 'keuze-error'].filter(Boolean).join(' ')}>
            <legend class="utrecht-form-fieldset__legend" lang="nl">
              <span class="visually-hidden">{fill(t.questionOf, { n: given.length + 1 })}: </span>
              {question.question}
            </legend>
            <div class="utrecht-form-field-description" id="keuze-hint" lang="nl">
              {paragraphs(question.explanation).map((p) => (
                <p>{p}</p>
              ))}
            </div>
            <FieldError lang={lang} field="keuze" text={missingAnswer ? t.answerRequired : undefined} />
            {question.answers.map((answer) => (
              <div class="choice utrecht-form-field utrecht-form-field--radio">
                <input class="utrecht-radio-button utrecht-radio-button--html-input" type="radio" id={`keuze-${answer.index}`} name="keuze" value={String(answer.index)} />
                <label class="utrecht-form-label utrecht-form-label--radio" for={`keuze-${answer.index}`} lang="nl">{answer.answer}</label>
              </div>
            ))}
          </fieldset>
          <div class="form-actions">
            <button type="submit" class="utrecht-button utrecht-button--primary-action">{t.next}</button>
          </div>
        </form>
      )}
      {position?.kind === 'conclusion' && (
        <section aria-labelledby="uitkomst">
          <h2 id="uitkomst" class="nl-heading nl-heading--level-2">{t.outcomeTitle}</h2>
          <dl class="fields utrecht-data-list">
            <div class="field utrecht-data-list__item">
              <dt>{t.conclusion}</dt>
              <dd lang="nl">{position.conclusion.conclusion}</dd>
            </div>
            <div class="field utrecht-data-list__item">
              <dt>{t.obligation}</dt>
              <dd lang="nl">{position.conclusion.obligation}</dd>
            </div>
          </dl>
          <h3 class="nl-heading nl-heading--level-3">{t.profileTitle}</h3>
          <ProfileList groups={position.profile.groups} lang={lang} />
          <form method="post" action={path}>
            <CsrfField token={web?.csrfToken ?? ''} />
            {pairs(given).map((p) => (
              <input type="hidden" name="a" value={p} />
            ))}
            <button type="submit" class="utrecht-button utrecht-button--primary-action">{t.storeClassification}</button>
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

/** The session after the given answers, or undefined when they do not fit the tree. */
function sessionOf(given: Given[]): Session | undefined {
  try {
    return replay(decisionTree(), given);
  } catch (error) {
    if (error instanceof AnswerError) return undefined;
    throw error;
  }
}

export function complianceClassificationPages(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    const db = ctx.kysely;
    const config = { access: 'permission' as const, management: 'keepCompliance' as const };

    app.get<{ Params: { lars: string }; Querystring: { a?: string | string[]; vraag?: string; keuze?: string } }>('/algoritme/:lars/ai-verordening', { config }, async (request, reply) => {
      const found = await ownAlgorithm(ctx, request.management.person!, request.params.lars);
      if (!found) return notFoundPage(request, reply);
      let given = givenAnswers(request.query.a);
      const session = sessionOf(given);
      if (!session) return page(reply, 422, <TreePage request={request} {...found} given={given} invalid />);
      const asked = one(request.query.vraag);
      let missingAnswer = false;
      // A choice counts only for the question it was made on, so a stale page cannot answer another question.
      if (asked && session.position.kind === 'question' && session.position.question.id === asked) {
        const choice = one(request.query.keuze);
        if (/^\d{1,3}$/.test(choice)) {
          const longer = [...given, { questionId: asked, answer: Number(choice) }];
          const next = sessionOf(longer);
          if (!next) return page(reply, 422, <TreePage request={request} {...found} given={longer} invalid />);
          // The address then names every answer, so reloading and going back stay exact.
          return seeOther(reply, `${classificationPath(found.algorithm.lars)}?${queryOf(longer)}`);
        }
        missingAnswer = true;
      }
      given = session.steps.map((s) => ({ questionId: s.questionId, answer: s.answerIndex }));
      return page(reply, missingAnswer ? 422 : 200, <TreePage request={request} {...found} given={given} session={session} missingAnswer={missingAnswer} />);
    });

    app.post<{ Params: { lars: string }; Body: { a?: string | string[] } }>('/algoritme/:lars/ai-verordening', { config }, async (request, reply) => {
      const person = request.management.person!;
      const found = await ownAlgorithm(ctx, person, request.params.lars);
      if (!found) return notFoundPage(request, reply);
      const given = givenAnswers(request.body?.a);
      try {
        await recordClassification(db, person.organisation!.organisationId, found.algorithm.id, decisionTree(), given, person.principal);
      } catch (error) {
        if (error instanceof RegisterError && error.kind === 'invalid') {
          const session = sessionOf(given);
          return page(reply, 422, <TreePage request={request} {...found} given={given} session={session} invalid={!session} missingAnswer={Boolean(session)} />);
        }
        throw error;
      }
      return seeOther(reply, `${compliancePath(found.algorithm.lars)}?melding=ingedeeld`);
    });
  };
}
