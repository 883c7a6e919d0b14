/**
 * The documented formats of the standard that the national register does not enforce.
 * A problem is reported as a warning (never an error), so existing data keeps working.
 */
import type { TextFormat } from './types.ts';

const YEAR_MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
// Deliberately simple: one @, no spaces, a dot in the domain. Deliverability is not ours to judge.
const EMAIL = /^[^\s@<>()[\],;:"]+@[^\s@<>()[\],;:"]+\.[A-Za-z]{2,}$/;

export function isHttpsUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' && url.hostname.includes('.');
  } catch {
    return false;
  }
}

export function isEmail(text: string): boolean {
  return EMAIL.test(text);
}

/** Describes what is wrong with `text` for `format`, or null when it fits (or is empty). */
export function formatProblem(format: TextFormat, text: string): string | null {
  if (text === '') return null;
  switch (format) {
    case 'yyyy-mm':
      return YEAR_MONTH.test(text) ? null : `Expected a year and month as yyyy-mm (for example 2023-01), got "${text}".`;
    case 'email-or-https-url':
      return isEmail(text) || isHttpsUrl(text)
        ? null
        : `Expected an e-mail address or a web address starting with https://, got "${text}".`;
    case 'https-url':
      return isHttpsUrl(text) ? null : `Expected a web address starting with https://, got "${text}".`;
  }
}
