/**
 * The fields of an algorithm form, generated from the standard definition: one control per
 * field of the standard, grouped in the sections of its page layout, each with its label, help
 * text, the messages of the last save at the field, and for limited texts a counter of visible
 * characters. Works without JavaScript; a script may enhance (live counters, rich text), never
 * replace. The page around it supplies the `<form>`, its CSRF token and its buttons.
 *
 * Controls are named so that `recordFromForm` (form-input.ts) reads them back; values are
 * shown as given (what was typed, on a page shown again after a save with errors).
 */
import type { Field, GroupingField, GroupingItem, Label, StandardDefinition, TextFormat } from '../../standard/types.ts';
import { visibleLength } from '../../standard/html.ts';
import { fill, type Lang } from '../../publicsite/messages.ts';
import { formMessages } from './messages-form.ts';
import { groupingName } from './form-input.ts';
import type { FieldIssues, IssuesByField } from './field-issues.ts';

/** Plain texts up to this many characters get a one-line input; longer ones a text area. */
const ONE_LINE = 150;

export interface AlgorithmFieldsProps {
  def: StandardDefinition;
  /** The values to show: stored content, or what was submitted. */
  values: Record<string, unknown>;
  issues: IssuesByField;
  lang: Lang;
}

const idOf = (key: string) => `f-${key}`;

/** What the script says while typing a value that does not fit the field's documented format. */
function formatMessage(format: TextFormat, lang: Lang): string {
  const t = formMessages[lang];
  return format === 'yyyy-mm' ? t.formatYearMonth : format === 'https-url' ? t.formatHttpsUrl : t.formatEmailOrUrl;
}
const text = (value: unknown) => (typeof value === 'string' ? value : '');
const label = (l: Label, lang: Lang) => l[lang];

export function AlgorithmFields({ def, values, issues, lang }: AlgorithmFieldsProps) {
  const byKey = new Map(def.fields.map((f) => [f.key, f]));
  return (
    <>
      {def.layout.sections.map((section) => (
        <fieldset class="form-section utrecht-form-fieldset" id={`sectie-${section.key}`}>
          <legend class="utrecht-form-fieldset__legend">
            <h2 class="nl-heading nl-heading--level-2">{label(section.label, lang)}</h2>
          </legend>
          {section.fields.map((key) => {
            const field = byKey.get(key);
            return field && field.kind !== 'system' ? <FieldControl field={field} def={def} value={values[key]} issues={issues[key]} lang={lang} /> : null;
          })}
        </fieldset>
      ))}
    </>
  );
}

interface ControlProps {
  field: Exclude<Field, { kind: 'system' }>;
  def: StandardDefinition;
  value: unknown;
  issues?: FieldIssues;
  lang: Lang;
}

/** Ids of the texts that describe a control: help, messages, counter. */
function describedBy(key: string, issues: FieldIssues | undefined, counter: boolean): string {
  const id = idOf(key);
  return [`${id}-help`, issues?.errors.length ? `${id}-errors` : '', issues?.warnings.length ? `${id}-warnings` : '', counter ? `${id}-count` : ''].filter(Boolean).join(' ');
}

function Messages({ id, issues, lang, row }: { id: string; issues?: FieldIssues; lang: Lang; row?: number }) {
  const t = formMessages[lang];
  const errors = issues?.errors.filter((m) => row === undefined || m.row === row) ?? [];
  const warnings = issues?.warnings.filter((m) => row === undefined || m.row === row) ?? [];
  const where = (m: { row?: number; part?: string }) =>
    row === undefined && m.row !== undefined ? `${fill(t.groupingRow, { n: m.row + 1 })}${m.part ? `, ${m.part === 'title' ? t.groupingTitle : t.groupingLink}` : ''}: ` : '';
  return (
    <>
      {errors.length > 0 && (
        <div id={`${id}-errors`} class="utrecht-form-field-error-message">
          {errors.map((m) => (
            <p>
              <span class="visually-hidden">{t.errorPrefix} </span>
              {where(m)}
              {m.text}
            </p>
          ))}
        </div>
      )}
      {warnings.length > 0 && (
        <div id={`${id}-warnings`} class="field-warning">
          {warnings.map((m) => (
            <p>
              <strong>{t.warningPrefix}</strong> {where(m)}
              {m.text}
            </p>
          ))}
        </div>
      )}
    </>
  );
}

function Counter({ id, value, max, lang }: { id: string; value: string; max: number; lang: Lang }) {
  const count = visibleLength(value);
  return (
    <p id={`${id}-count`} class={`char-counter${count > max ? ' char-counter--over' : ''}`} data-max={max}>
      {fill(formMessages[lang].counter, { count, max })}
    </p>
  );
}

function FieldControl({ field, def, value, issues, lang }: ControlProps) {
  const t = formMessages[lang];
  const id = idOf(field.key);
  const invalid = (issues?.errors.length ?? 0) > 0;
  const help = (
    <p class="utrecht-form-field-description" id={`${id}-help`}>
      {label(field.help, lang)}
    </p>
  );
  const optional = !field.required && <span class="optional"> {t.optional}</span>;
  const fieldClass = `form-field utrecht-form-field${invalid ? ' utrecht-form-field--invalid' : ''}`;

  if (field.kind === 'enum-list') {
    const chosen = new Set(Array.isArray(value) ? (value as unknown[]).map(String) : []);
    return (
      <fieldset class={fieldClass} id={`${id}-field`} aria-describedby={describedBy(field.key, issues, false)}>
        <legend class="utrecht-form-label">
          {label(field.label, lang)}
          {optional}
        </legend>
        {help}
        <Messages id={id} issues={issues} lang={lang} />
        <div class="choices">
          {field.values.map((v, i) => (
            <div class="choice utrecht-form-field utrecht-form-field--checkbox">
              <input class="utrecht-checkbox utrecht-checkbox--html-input" type="checkbox" id={`${id}-${i}`} name={field.key} value={v.value} checked={chosen.has(v.value)} />
              <label class="utrecht-form-label utrecht-form-label--checkbox" for={`${id}-${i}`}>
                {label(v.label, lang)}
              </label>
            </div>
          ))}
        </div>
      </fieldset>
    );
  }

  if (field.kind === 'grouping') return <GroupingControl field={field} value={value} issues={issues} lang={lang} fieldClass={fieldClass} />;

  const current = text(value);
  const control = (() => {
    const common = {
      id,
      name: field.key,
      'aria-describedby': describedBy(field.key, issues, field.kind !== 'enum'),
      'aria-invalid': invalid ? ('true' as const) : undefined,
    };
    switch (field.kind) {
      case 'enum':
        return (
          <select class="utrecht-select utrecht-select--html-select" {...common}>
            <option value="">{t.choose}</option>
            {field.values.map((v) => (
              <option value={v.value} selected={current === v.value}>
                {label(v.label, lang)}
              </option>
            ))}
            {current !== '' && !field.values.some((v) => v.value === current) && <option value={current} selected>{current}</option>}
          </select>
        );
      case 'html':
        return (
          <textarea
            class="utrecht-textarea utrecht-textarea--html-textarea rich-text"
            rows={8}
            data-allowed-tags={def.allowedHtmlTags.join(' ')}
            data-rich-labels={JSON.stringify({ p: t.richParagraph, ul: t.richBullets, ol: t.richNumbers, toolbar: fill(t.richToolbar, { field: label(field.label, lang) }) })}
            {...common}
          >
            {current}
          </textarea>
        );
      case 'text':
        return field.maxLength <= ONE_LINE ? (
          <input
            class="utrecht-textbox utrecht-textbox--html-input"
            type="text"
            value={current}
            placeholder={field.format === 'yyyy-mm' ? (lang === 'nl' ? 'jjjj-mm' : 'yyyy-mm') : undefined}
            inputMode={field.format === 'yyyy-mm' ? 'numeric' : field.format ? 'url' : undefined}
            data-format={field.format}
            data-format-message={field.format && formatMessage(field.format, lang)}
            {...common}
          />
        ) : (
          <textarea
            class="utrecht-textarea utrecht-textarea--html-textarea"
            rows={field.maxLength > 1000 ? 6 : 3}
            data-format={field.format}
            data-format-message={field.format && formatMessage(field.format, lang)}
            {...common}
          >
            {current}
          </textarea>
        );
    }
  })();

  return (
    <div class={fieldClass} id={`${id}-field`}>
      <label class="utrecht-form-label" for={id}>
        {label(field.label, lang)}
        {optional}
      </label>
      {help}
      {field.kind === 'html' && <p class="utrecht-form-field-description">{fill(t.richTextHint, { tags: def.allowedHtmlTags.map((tag) => `<${tag}>`).join(' ') })}</p>}
      <Messages id={id} issues={issues} lang={lang} />
      {control}
      {field.kind === 'text' && field.format && <p id={`${id}-format`} class="field-warning format-check" aria-live="polite" hidden />}
      {field.kind !== 'enum' && <Counter id={id} value={current} max={field.maxLength} lang={lang} />}
    </div>
  );
}

function GroupingControl({ field, value, issues, lang, fieldClass }: { field: GroupingField; value: unknown; issues?: FieldIssues; lang: Lang; fieldClass: string }) {
  const t = formMessages[lang];
  const id = idOf(field.key);
  const items = (Array.isArray(value) ? value : []) as Partial<GroupingItem>[];
  // The rows there are, and one empty row to add another.
  const rows = [...items, { title: '', link: '' }];
  const suggestions = field.suggestions?.length ? `${id}-suggestions` : undefined;
  return (
    <fieldset class={fieldClass} id={`${id}-field`} aria-describedby={describedBy(field.key, issues, false)}>
      <legend class="utrecht-form-label">
        {label(field.label, lang)}
        {!field.required && <span class="optional"> {t.optional}</span>}
      </legend>
      <p class="utrecht-form-field-description" id={`${id}-help`}>
        {label(field.help, lang)} {t.groupingHint}
      </p>
      <Messages id={id} issues={issues} lang={lang} />
      {suggestions && (
        <datalist id={suggestions}>
          {field.suggestions!.map((s) => (
            <option value={s} />
          ))}
        </datalist>
      )}
      <ol class="grouping-rows">
        {rows.map((item, row) => (
          <li class="grouping-row">
            {(['title', 'link'] as const).map((part) => {
              const partId = `${id}-${row}-${part}`;
              const own = [...(issues?.errors ?? []), ...(issues?.warnings ?? [])].some((m) => m.row === row && m.part === part);
              return (
                <div class="grouping-part">
                  <label class="utrecht-form-label" for={partId}>
                    {`${part === 'title' ? label(field.item.title.label, lang) : label(field.item.link.label, lang)} (${fill(t.groupingRow, { n: row + 1 })})`}
                  </label>
                  <input
                    class="utrecht-textbox utrecht-textbox--html-input"
                    type="text"
                    id={partId}
                    name={groupingName(field.key, row, part)}
                    value={text(item[part])}
                    list={part === 'title' ? suggestions : undefined}
                    inputMode={part === 'link' ? 'url' : undefined}
                    aria-invalid={own && issues?.errors.some((m) => m.row === row && m.part === part) ? 'true' : undefined}
                    aria-describedby={own ? [issues?.errors.length ? `${id}-errors` : '', issues?.warnings.length ? `${id}-warnings` : ''].filter(Boolean).join(' ') : undefined}
                  />
                </div>
              );
            })}
          </li>
        ))}
      </ol>
    </fieldset>
  );
}
