/**
 * Validation and normalisation of a record against a standard definition.
 *
 * Errors are what the national register rejects (422 there), in the FastAPI/pydantic shape, so
 * clients see the same `type`s and `loc`s; plus grouping items, which the reference forgets to
 * check. Warnings are the documented formats the reference does not enforce: they never block
 * a save and surface in management and quality checks.
 */
import type {
  AlgorithmContent,
  EnumValue,
  Field,
  GroupingField,
  GroupingItem,
  StandardDefinition,
} from './types.ts';
import { plainText, sanitizeRichText, visibleLength } from './html.ts';
import { formatProblem } from './formats.ts';

export type Loc = (string | number)[];

export interface ValidationIssue {
  loc: Loc;
  msg: string;
  type: string;
  input?: unknown;
  ctx?: Record<string, unknown>;
}

export type ValidationResult =
  | { ok: true; value: AlgorithmContent; warnings: ValidationIssue[] }
  | { ok: false; errors: ValidationIssue[]; warnings: ValidationIssue[] };

/** Control characters other than tab and line breaks carry no text and cannot be stored everywhere. */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
// Lone surrogates cannot be stored as UTF-8: they become U+FFFD here, as they would on the way in anyway.
const withoutControls = (text: string) => text.toWellFormed().replace(CONTROL, '');

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function enumExpectation(values: readonly EnumValue[]): string {
  const quoted = values.map((v) => `'${v.value}'`);
  return quoted.length === 1 ? quoted[0] : `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`;
}

/** The content keys of a definition: everything but the system-set fields. */
export function contentKeys(def: StandardDefinition): string[] {
  return def.fields.filter((f) => f.kind !== 'system').map((f) => f.key);
}

/**
 * Validates `input` (a parsed JSON body) against `def`. `base` is the location prefix of the
 * issues (`['body']` for HTTP bodies, `[index]` for imports).
 */
export function validateRecord(def: StandardDefinition, input: unknown, base: Loc = ['body']): ValidationResult {
  const { value, errors, warnings } = checkRecord(def, input, base);
  return errors.length ? { ok: false, errors, warnings } : { ok: true, value, warnings };
}

/**
 * Best-effort reading for drafts and templates, which may be incomplete: every field that
 * validates is kept normalised, every other field is null, and the issues are returned beside.
 */
export function checkRecord(
  def: StandardDefinition,
  input: unknown,
  base: Loc = ['body'],
): { value: AlgorithmContent; errors: ValidationIssue[]; warnings: ValidationIssue[] } {
  const errors: ValidationIssue[] = [];
  const warnings: ValidationIssue[] = [];
  if (!isObject(input)) {
    errors.push({
      type: input === undefined ? 'missing' : 'model_attributes_type',
      loc: base,
      msg: input === undefined ? 'Field required' : 'Input should be a valid dictionary or object to extract fields from',
      input: input ?? null,
    });
    return { value: {}, errors, warnings };
  }

  const value: AlgorithmContent = {};
  for (const field of def.fields) {
    const loc = [...base, field.key];
    const raw = input[field.key];
    if (raw === undefined || raw === null) {
      if (field.kind === 'enum' && field.default !== undefined) {
        value[field.key] = field.default;
      } else if (field.required) {
        errors.push(
          raw === undefined
            ? { type: 'missing', loc, msg: 'Field required', input }
            : nullError(field, loc),
        );
      }
      if (field.kind !== 'system' && value[field.key] === undefined) value[field.key] = null;
      continue;
    }
    const normalised = normaliseField(def, field, raw, loc, errors, warnings);
    if (field.kind !== 'system') value[field.key] = normalised ?? null;
  }

  for (const field of def.fields) {
    if (field.required && value[field.key] === '') {
      warnings.push({
        type: 'required_empty',
        loc: [...base, field.key],
        msg: `${field.key} is empty; a description is not complete without it.`,
      });
    }
  }
  return { value, errors, warnings };
}

function nullError(field: Field, loc: Loc): ValidationIssue {
  if (field.kind === 'enum') {
    const expected = enumExpectation(field.values);
    return { type: 'enum', loc, msg: `Input should be ${expected}`, input: null, ctx: { expected } };
  }
  return { type: 'string_type', loc, msg: 'Input should be a valid string', input: null };
}

function normaliseField(
  def: StandardDefinition,
  field: Field,
  raw: unknown,
  loc: Loc,
  errors: ValidationIssue[],
  warnings: ValidationIssue[],
): AlgorithmContent[string] | undefined {
  switch (field.kind) {
    case 'system':
      if (typeof raw !== 'string') errors.push({ type: 'string_type', loc, msg: 'Input should be a valid string', input: raw });
      return undefined;
    case 'text':
    case 'html': {
      if (typeof raw !== 'string') {
        errors.push({ type: 'string_type', loc, msg: 'Input should be a valid string', input: raw });
        return undefined;
      }
      const value = withoutControls(raw);
      if (value.trim() === '') return '';
      if (visibleLength(value) > field.maxLength) {
        errors.push({
          type: 'value_error',
          loc,
          msg: `Value error, ${field.key} exceeds the maximum length of ${field.maxLength} characters.`,
          input: raw,
          ctx: { error: `${field.key} exceeds the maximum length of ${field.maxLength} characters.`, max_length: field.maxLength },
        });
        return undefined;
      }
      // Entities can spell control characters (`&#1;`): remove them from the result too.
      const text = withoutControls(field.kind === 'html' ? sanitizeRichText(value, def.allowedHtmlTags) : plainText(value)).trim();
      if (field.kind === 'text' && field.format) {
        const problem = formatProblem(field.format, text);
        if (problem) warnings.push({ type: `format_${field.format}`, loc, msg: problem, input: text });
      }
      return text;
    }
    case 'enum': {
      if (typeof raw === 'string' && field.values.some((v) => v.value === raw)) return raw;
      const expected = enumExpectation(field.values);
      errors.push({ type: 'enum', loc, msg: `Input should be ${expected}`, input: raw, ctx: { expected } });
      return undefined;
    }
    case 'enum-list': {
      if (!Array.isArray(raw)) {
        errors.push({ type: 'list_type', loc, msg: 'Input should be a valid list', input: raw });
        return undefined;
      }
      const expected = enumExpectation(field.values);
      const out: string[] = [];
      raw.forEach((item, i) => {
        if (typeof item === 'string' && field.values.some((v) => v.value === item)) out.push(item);
        else errors.push({ type: 'enum', loc: [...loc, i], msg: `Input should be ${expected}`, input: item, ctx: { expected } });
      });
      if (new Set(out).size !== out.length) {
        warnings.push({ type: 'duplicate_value', loc, msg: `${field.key} names a value more than once.`, input: raw });
      }
      return out;
    }
    case 'grouping':
      return normaliseGrouping(field, raw, loc, errors, warnings);
  }
}

function normaliseGrouping(
  field: GroupingField,
  raw: unknown,
  loc: Loc,
  errors: ValidationIssue[],
  warnings: ValidationIssue[],
): GroupingItem[] | undefined {
  if (!Array.isArray(raw)) {
    errors.push({ type: 'list_type', loc, msg: 'Input should be a valid list', input: raw });
    return undefined;
  }
  const out: GroupingItem[] = [];
  const before = errors.length;
  raw.forEach((item, i) => {
    const itemLoc = [...loc, i];
    if (!isObject(item)) {
      errors.push({
        type: 'model_attributes_type',
        loc: itemLoc,
        msg: 'Input should be a valid dictionary or object to extract fields from',
        input: item,
      });
      return;
    }
    const parts: { title?: string | null; link?: string | null } = {};
    for (const part of ['title', 'link'] as const) {
      const spec = field.item[part];
      const partLoc = [...itemLoc, part];
      const v = item[part];
      if (v === undefined || v === null) {
        if (spec.required) {
          errors.push(
            v === undefined
              ? { type: 'missing', loc: partLoc, msg: 'Field required', input: item }
              : { type: 'string_type', loc: partLoc, msg: 'Input should be a valid string', input: null },
          );
        } else parts[part] = null;
        continue;
      }
      if (typeof v !== 'string') {
        errors.push({ type: 'string_type', loc: partLoc, msg: 'Input should be a valid string', input: v });
        continue;
      }
      if (spec.maxLength !== undefined && visibleLength(v) > spec.maxLength) {
        const message = `${field.key}.${part} exceeds the maximum length of ${spec.maxLength} characters.`;
        errors.push({ type: 'value_error', loc: partLoc, msg: `Value error, ${message}`, input: v, ctx: { error: message, max_length: spec.maxLength } });
        continue;
      }
      const text = withoutControls(plainText(withoutControls(v))).trim();
      if (spec.required && text === '') {
        warnings.push({ type: 'required_empty', loc: partLoc, msg: `${field.key}.${part} is empty.` });
      }
      if (spec.isLink && text !== '') {
        const problem = formatProblem('https-url', text);
        if (problem) warnings.push({ type: 'format_https-url', loc: partLoc, msg: problem, input: text });
      }
      parts[part] = text;
    }
    out.push({ title: parts.title ?? '', link: parts.link ?? null });
  });
  return errors.length > before ? undefined : out;
}
