/**
 * Templates maintained in the application (`/beheer/sjablonen`): the organisation's own
 * templates and those shared by suppliers and other organisations; making and changing the
 * organisation's own with the same form as a description (generated from the standard; a
 * template may be as incomplete as it likes), and sharing one with all organisations.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import { ownTemplate, saveTemplate, templatesFor, type MaintainedTemplate } from '../register/templates.ts';
import { CURRENT_STANDARD } from '../standard/index.ts';
import { checkRecord, type ValidationIssue } from '../standard/validate.ts';
import { isIncompleteness } from '../register/drafts.ts';
import { AlgorithmFields } from './form/algorithm-fields.tsx';
import { recordFromForm, type FormBody } from './form/form-input.ts';
import { issuesByField, type IssuesByField } from './form/field-issues.ts';
import { fill } from './messages.ts';
import { templateMessages } from './messages-templates.ts';
import { CsrfField, ErrorSummary, FieldError, Frame, Notice } from './layout.tsx';
import { page, seeOther } from './render.ts';
import { frameProps } from './frame-props.ts';
import { notFoundPage } from './status-page.tsx';
import { MANAGEMENT_ASSETS } from './beheer-css.ts';

const LIST = '/beheer/sjablonen';
const NEW = '/beheer/sjablonen/nieuw';
const editPathOf = (id: string) => `/beheer/sjabloon/${encodeURIComponent(id)}`;
const NAME_MAX = 200;

function ListPage({ request, templates, notice }: { request: FastifyRequest; templates: MaintainedTemplate[]; notice?: string }) {
  const { lang, person } = request.management;
  const t = templateMessages[lang];
  const orgId = person!.organisation!.organisationId;
  const own = templates.filter((tpl) => tpl.organisationId === orgId);
  const others = templates.filter((tpl) => tpl.organisationId !== orgId);
  const Item = ({ tpl, editable }: { tpl: MaintainedTemplate; editable: boolean }) => (
    <li>
      <strong>{tpl.name}</strong> <span class="meta">– {tpl.supplier}</span>
      {editable && <span class="meta"> ({tpl.shared ? t.sharedMark : t.privateMark})</span>}{' '}
      <a class="nl-link" href={`/beheer/algoritmes/nieuw?sjabloon=${encodeURIComponent(tpl.templateId)}`}>
        {t.use}
        <span class="visually-hidden"> {tpl.name}</span>
      </a>
      {editable && (
        <>
          {' · '}
          <a class="nl-link" href={editPathOf(tpl.templateId)}>
            {t.edit}
            <span class="visually-hidden"> {tpl.name}</span>
          </a>
        </>
      )}
    </li>
  );
  return (
    <Frame {...frameProps(request, LIST)} current="algorithms" title={t.listTitle}>
      <Notice text={notice} />
      <h1 class="nl-heading nl-heading--level-1">{t.listTitle}</h1>
      <p class="nl-paragraph">{t.listIntro}</p>
      <p>
        <a class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action" href={NEW}>{t.newTemplate}</a>
      </p>
      <h2 class="nl-heading nl-heading--level-2">{t.own}</h2>
      {own.length === 0 ? (
        <p>{t.noOwn}</p>
      ) : (
        <ul class="template-list">
          {own.map((tpl) => (
            <Item tpl={tpl} editable />
          ))}
        </ul>
      )}
      <h2 class="nl-heading nl-heading--level-2">{t.others}</h2>
      <ul class="template-list">
        {others.map((tpl) => (
          <Item tpl={tpl} editable={false} />
        ))}
      </ul>
    </Frame>
  );
}

interface FormView {
  request: FastifyRequest;
  templateId?: string;
  name: string;
  supplier: string;
  shared: boolean;
  values: Record<string, unknown>;
  issues: IssuesByField;
  errors: ValidationIssue[];
  nameError?: string;
  summary?: string;
  notice?: string;
}

function TemplateForm(view: FormView) {
  const { request, templateId, name, supplier, shared, values, issues, errors, nameError } = view;
  const { lang, session } = request.management;
  const t = templateMessages[lang];
  const title = templateId ? fill(t.editTitle, { name }) : t.newTitle;
  const def = CURRENT_STANDARD;
  const labelOf = (key: string) => def.fields.find((f) => f.key === key)?.label[lang] ?? key;
  const summaryErrors = [
    ...(nameError ? [{ field: 'sjabloon-naam', text: nameError }] : []),
    ...errors.filter((e) => !isIncompleteness(e)).map((e) => ({ field: `f-${String(e.loc[0])}`, text: `${labelOf(String(e.loc[0]))}: ${issues[String(e.loc[0])]?.errors[0]?.text ?? ''}` })),
  ];
  const action = templateId ? editPathOf(templateId) : NEW;
  return (
    <Frame {...frameProps(request, action)} current="algorithms" title={title}>
      <Notice text={view.notice} />
      <ErrorSummary lang={lang} errors={summaryErrors} general={summaryErrors.length ? view.summary : undefined} />
      <h1 class="nl-heading nl-heading--level-1">{title}</h1>
      <form method="post" action={action} class="algorithm-form" data-warn-unsaved={t.invalidSummary} novalidate>
        <CsrfField token={session?.csrfToken ?? ''} />
        <div class="form-field utrecht-form-field">
          <label class="utrecht-form-label" for="sjabloon-naam">{t.nameLabel}</label>
          <p class="utrecht-form-field-description" id="sjabloon-naam-hint">{t.nameHint}</p>
          <FieldError lang={lang} field="sjabloon-naam" text={nameError} />
          <input
            class="utrecht-textbox utrecht-textbox--html-input"
            type="text"
            id="sjabloon-naam"
            name="_template_name"
            value={name}
            aria-invalid={nameError ? 'true' : undefined}
            aria-describedby={['sjabloon-naam-hint', nameError && 'sjabloon-naam-error'].filter(Boolean).join(' ')}
          />
        </div>
        <div class="form-field utrecht-form-field">
          <label class="utrecht-form-label" for="sjabloon-van">{t.supplierLabel}</label>
          <input class="utrecht-textbox utrecht-textbox--html-input" type="text" id="sjabloon-van" name="_template_supplier" value={supplier} />
        </div>
        <div class="choice utrecht-form-field utrecht-form-field--checkbox">
          <input class="utrecht-checkbox utrecht-checkbox--html-input" type="checkbox" id="sjabloon-gedeeld" name="_template_shared" value="1" checked={shared} />
          <label class="utrecht-form-label utrecht-form-label--checkbox" for="sjabloon-gedeeld">{t.sharedLabel}</label>
        </div>
        <h2 class="nl-heading nl-heading--level-2">{t.contentTitle}</h2>
        <AlgorithmFields def={def} values={values} issues={issues} lang={lang} />
        <div class="form-actions">
          <button type="submit" class="utrecht-button utrecht-button--primary-action">{t.save}</button>
        </div>
      </form>
      <script src={MANAGEMENT_ASSETS.form.url} defer />
    </Frame>
  );
}

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? '';

export function templatesPages(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    const db = ctx.kysely;
    const config = { access: 'permission' as const, management: 'maintainTemplates' as const };

    app.get<{ Querystring: { melding?: string } }>('/sjablonen', { config }, async (request, reply) => {
      const person = request.management.person!;
      const templates = await templatesFor(db, person.organisation!.organisationId, CURRENT_STANDARD.version);
      const notice = request.query.melding === 'opgeslagen' ? templateMessages[request.management.lang].saved : undefined;
      return page(reply, 200, <ListPage request={request} templates={templates} notice={notice} />);
    });

    app.get('/sjablonen/nieuw', { config }, async (request, reply) => {
      const person = request.management.person!;
      return page(reply, 200, <TemplateForm request={request} name="" supplier={person.organisation!.name} shared={false} values={{}} issues={{}} errors={[]} />);
    });

    app.get<{ Params: { id: string } }>('/sjabloon/:id', { config }, async (request, reply) => {
      const own = await ownTemplate(db, request.management.person!.organisation!.organisationId, request.params.id);
      if (!own) return notFoundPage(request, reply);
      const { lang } = request.management;
      return page(
        reply,
        200,
        <TemplateForm request={request} templateId={own.templateId} name={own.name} supplier={own.supplier} shared={own.shared} values={own.content} issues={issuesByField(CURRENT_STANDARD, [], checkRecord(CURRENT_STANDARD, own.content, []).warnings, lang)} errors={[]} />,
      );
    });

    async function save(request: FastifyRequest<{ Body: FormBody }>, reply: FastifyReply, templateId?: string) {
      const { lang, person } = request.management;
      const t = templateMessages[lang];
      const organisationId = person!.organisation!.organisationId;
      if (templateId !== undefined && !(await ownTemplate(db, organisationId, templateId))) return notFoundPage(request, reply);
      const body = request.body ?? {};
      const def = CURRENT_STANDARD;
      const raw = recordFromForm(def, body);
      const name = one(body._template_name).trim();
      const supplier = one(body._template_supplier).trim() || person!.organisation!.name;
      const shared = one(body._template_shared) === '1';
      const { value, errors, warnings } = checkRecord(def, { ...raw, standard_version: def.version }, []);
      // A template may leave anything empty; what it fills in must be storable as typed.
      const invalid = errors.filter((e) => !isIncompleteness(e));
      const nameError = !name ? t.nameRequired : [...name].length > NAME_MAX ? fill(t.tooLong, { max: NAME_MAX }) : undefined;
      if (invalid.length || nameError || [...supplier].length > NAME_MAX) {
        return page(
          reply,
          422,
          <TemplateForm
            request={request}
            templateId={templateId}
            name={name}
            supplier={supplier}
            shared={shared}
            values={raw}
            issues={issuesByField(def, invalid, warnings, lang)}
            errors={invalid}
            nameError={nameError}
            summary={t.invalidSummary}
          />,
        );
      }
      await saveTemplate(db, organisationId, { name, supplier, shared, content: value }, person!.principal, templateId);
      return seeOther(reply, `${LIST}?melding=opgeslagen`);
    }

    app.post<{ Body: FormBody }>('/sjablonen/nieuw', { config }, async (request, reply) => save(request, reply));
    app.post<{ Params: { id: string }; Body: FormBody }>('/sjabloon/:id', { config }, async (request, reply) => save(request, reply, request.params.id));
  };
}
