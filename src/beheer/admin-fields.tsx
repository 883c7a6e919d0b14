/**
 * Form parts shared by the admin pages: reading a form body, and labelled fields that carry
 * their error and keep what was typed (NL Design System classes, plain HTML, no script).
 */
import type { Lang } from '../publicsite/messages.ts';
import { describedBy, FieldError } from './layout.tsx';

export type Body = Record<string, unknown>;

/** One text value of a form body ('' when absent or not text). */
export function text(body: unknown, key: string): string {
  const value = typeof body === 'object' && body !== null ? (body as Body)[key] : undefined;
  return typeof value === 'string' ? value : Array.isArray(value) && typeof value[0] === 'string' ? value[0] : '';
}

/** Every value of a repeated field (checkboxes), text only. */
export function texts(body: unknown, key: string): string[] {
  const value = typeof body === 'object' && body !== null ? (body as Body)[key] : undefined;
  return (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
}

interface FieldProps {
  lang: Lang;
  id: string;
  name: string;
  label: string;
  value: string;
  error?: string;
  hint?: string;
  type?: 'text' | 'email' | 'search' | 'date';
  autocomplete?: string;
}

export function TextField({ lang, id, name, label, value, error, hint, type = 'text', autocomplete }: FieldProps) {
  return (
    <div class={`form-field utrecht-form-field${error ? ' utrecht-form-field--invalid' : ''}`}>
      <label class="utrecht-form-label" for={id}>{label}</label>
      {hint && <p class="utrecht-form-field-description" id={`${id}-hint`}>{hint}</p>}
      <FieldError lang={lang} field={id} text={error} />
      <input
        class="utrecht-textbox utrecht-textbox--html-input"
        type={type as 'text'}
        id={id}
        name={name}
        value={value}
        autocomplete={autocomplete}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, Boolean(hint), error)}
      />
    </div>
  );
}

export function TextArea({ lang, id, name, label, value, error, hint }: Omit<FieldProps, 'type' | 'autocomplete'>) {
  return (
    <div class={`form-field utrecht-form-field${error ? ' utrecht-form-field--invalid' : ''}`}>
      <label class="utrecht-form-label" for={id}>{label}</label>
      {hint && <p class="utrecht-form-field-description" id={`${id}-hint`}>{hint}</p>}
      <FieldError lang={lang} field={id} text={error} />
      <textarea
        class="utrecht-textarea utrecht-textarea--html-textarea"
        id={id}
        name={name}
        rows={8}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, Boolean(hint), error)}
      >
        {value}
      </textarea>
    </div>
  );
}

export function SelectField({ lang, id, name, label, value, error, hint, options }: Omit<FieldProps, 'type' | 'autocomplete'> & { options: { value: string; label: string }[] }) {
  return (
    <div class={`form-field utrecht-form-field${error ? ' utrecht-form-field--invalid' : ''}`}>
      <label class="utrecht-form-label" for={id}>{label}</label>
      {hint && <p class="utrecht-form-field-description" id={`${id}-hint`}>{hint}</p>}
      <FieldError lang={lang} field={id} text={error} />
      <select
        class="utrecht-select utrecht-select--html-select"
        id={id}
        name={name}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, Boolean(hint), error)}
      >
        {options.map((o) => (
          <option value={o.value} selected={o.value === value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * A group of checkboxes or radio buttons in a fieldset. The error's id is the first option's,
 * so the error summary's link lands on something that takes focus.
 */
export function Choices(props: {
  lang: Lang;
  id: string;
  name: string;
  legend: string;
  kind: 'checkbox' | 'radio';
  options: { value: string; label: string; hint?: string }[];
  chosen: readonly string[];
  error?: string;
  hint?: string;
}) {
  const { lang, id, name, legend, kind, options, chosen, error, hint } = props;
  return (
    <fieldset
      class={`form-field utrecht-form-fieldset${error ? ' utrecht-form-fieldset--invalid' : ''}`}
      aria-describedby={describedBy(id, Boolean(hint), error)}
    >
      <legend class="utrecht-form-fieldset__legend utrecht-form-label">{legend}</legend>
      {hint && <p class="utrecht-form-field-description" id={`${id}-hint`}>{hint}</p>}
      <FieldError lang={lang} field={id} text={error} />
      {options.map((o, i) => {
        const optionId = i === 0 ? id : `${id}-${o.value}`;
        return (
          <div class={`choice utrecht-form-field utrecht-form-field--${kind}`}>
            <input
              class={`utrecht-${kind} utrecht-${kind}--html-input`}
              type={kind}
              id={optionId}
              name={name}
              value={o.value}
              checked={chosen.includes(o.value)}
              aria-describedby={o.hint ? `${optionId}-hint` : undefined}
            />
            <label class={`utrecht-form-label utrecht-form-label--${kind}`} for={optionId}>{o.label}</label>
            {o.hint && <p class="utrecht-form-field-description choice-hint" id={`${optionId}-hint`}>{o.hint}</p>}
          </div>
        );
      })}
    </fieldset>
  );
}

/** A number of the page from `?pagina=`, 1 when absent or not a positive whole number. */
export function pageNumber(value: unknown): number {
  const n = typeof value === 'string' && /^\d{1,6}$/.test(value) ? Number(value) : 1;
  return n >= 1 ? n : 1;
}
