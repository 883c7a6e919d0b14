/**
 * The validator's issues (src/standard/validate.ts) as messages at the fields of the form: per
 * field key, errors (which keep a description from being released) and warnings (documented
 * formats, empty required fields), in the editor's language.
 */
import type { ValidationIssue } from '../../standard/validate.ts';
import type { StandardDefinition } from '../../standard/types.ts';
import type { Lang } from '../../publicsite/messages.ts';
import { formMessages } from './messages-form.ts';
import { fill } from '../../publicsite/messages.ts';

export interface FieldMessage {
  /** The grouping row and part it is about, when it is about one. */
  row?: number;
  part?: 'title' | 'link';
  text: string;
}

export interface FieldIssues {
  errors: FieldMessage[];
  warnings: FieldMessage[];
}

export type IssuesByField = Record<string, FieldIssues>;

function message(issue: ValidationIssue, def: StandardDefinition, lang: Lang): string {
  const t = formMessages[lang];
  const field = def.fields.find((f) => f.key === issue.loc[0]);
  switch (issue.type) {
    case 'missing':
    case 'required_empty':
      return typeof issue.loc[1] === 'number' ? t.partRequired : t.required;
    case 'string_type':
      // A required field left empty arrives as null.
      return issue.input === null ? (typeof issue.loc[1] === 'number' ? t.partRequired : t.required) : t.invalid;
    case 'value_error':
      return fill(t.tooLong, { max: Number(issue.ctx?.max_length ?? (field && 'maxLength' in field ? field.maxLength : 0)) });
    case 'enum':
      return t.notAChoice;
    case 'duplicate_value':
      return t.duplicate;
    case 'format_yyyy-mm':
      return t.formatYearMonth;
    case 'format_email-or-https-url':
      return t.formatEmailOrUrl;
    case 'format_https-url':
      return t.formatHttpsUrl;
    default:
      return t.invalid;
  }
}

/** Issues with locations relative to the record (`[key, …]`), grouped by field. */
export function issuesByField(def: StandardDefinition, errors: ValidationIssue[], warnings: ValidationIssue[], lang: Lang): IssuesByField {
  const out: IssuesByField = {};
  const add = (issue: ValidationIssue, kind: keyof FieldIssues) => {
    const key = String(issue.loc[0] ?? '');
    const entry = (out[key] ??= { errors: [], warnings: [] });
    const row = typeof issue.loc[1] === 'number' ? issue.loc[1] : undefined;
    const part = issue.loc[2] === 'title' || issue.loc[2] === 'link' ? issue.loc[2] : undefined;
    const text = message(issue, def, lang);
    if (!entry[kind].some((m) => m.text === text && m.row === row && m.part === part)) entry[kind].push({ row, part, text });
  };
  for (const e of errors) add(e, 'errors');
  for (const w of warnings) add(w, 'warnings');
  return out;
}
