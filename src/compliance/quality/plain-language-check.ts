/**
 * Plain-language hints for reading level B1 on the short description and the main texts: sentences over 20
 * words, words over 15 letters (except known terms and names, which start with a capital inside a sentence),
 * and officialese with an everyday alternative. Hints only: a text can have good reasons for a long word, so
 * they lower the score a little each and never fail the check.
 */
import { plainText } from '../../standard/html.ts';
import { JARGON, KNOWN_LONG_WORDS } from './plain-language-terms.ts';
import { textOf, type Finding, type QualityCheck } from './types.ts';

export const PLAIN_LANGUAGE_FIELDS: readonly string[] = [
  'description_short', 'goal', 'proportionality', 'human_intervention', 'risks', 'lawful_basis', 'impacttoetsen', 'source_data', 'methods_and_models',
];
export const MAX_SENTENCE_WORDS = 20;
export const MAX_WORD_LETTERS = 15;
/** What each hint takes off the check's score. */
const PER_HINT = 0.05;

const BLOCK_END = /<\/(?:p|li|h[1-6]|div|td|th|ul|ol)>|<br\s*\/?>/i;
// A sentence ends at . ! ? followed by space and a capital or digit (so "bijv. de" and "o.a. in" stay whole).
const SENTENCE_END = /(?<=[.!?])\s+(?=[A-ZÀ-Ý0-9"'‘“(])/u;
const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu;

/** Sentences of a text field or an HTML field, never across paragraphs or list items. */
export function sentencesOf(value: string): string[] {
  return value
    .split(BLOCK_END)
    .map((block) => plainText(block))
    .flatMap((block) => block.split(/\n+/))
    .flatMap((block) => block.split(SENTENCE_END))
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

const letters = (word: string) => [...word.replace(/[^\p{L}]/gu, '')].length;
const excerpt = (sentence: string) => (sentence.length > 60 ? `${sentence.slice(0, 57).trimEnd()}…` : sentence);
const escaped = (term: string) => term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const JARGON_PATTERNS = JARGON.map(({ term, plain }) => ({ term, plain, pattern: new RegExp(`(?<![\\p{L}])${escaped(term)}(?![\\p{L}])`, 'iu') }));

export function plainLanguageHints(field: string, value: string): Finding[] {
  const findings: Finding[] = [];
  const hint = (messageKey: Finding['messageKey'], params: Finding['params']) => findings.push({ check: 'plain-language', field, severity: 'info', messageKey, params });
  const seenWords = new Set<string>();
  const seenJargon = new Set<string>();
  for (const sentence of sentencesOf(value)) {
    const words = sentence.match(WORD) ?? [];
    if (words.length > MAX_SENTENCE_WORDS) hint('plain.long-sentence', { words: words.length, excerpt: excerpt(sentence) });
    words.forEach((word, index) => {
      const lower = word.toLowerCase();
      // Parts of a hyphenated compound are read one by one.
      const longest = Math.max(...word.split('-').map(letters));
      const isName = index > 0 && /^\p{Lu}/u.test(word);
      if (longest > MAX_WORD_LETTERS && !isName && !/\d/.test(word) && !KNOWN_LONG_WORDS.includes(lower) && !seenWords.has(lower)) {
        seenWords.add(lower);
        hint('plain.long-word', { word, letters: longest });
      }
    });
    for (const { term, plain, pattern } of JARGON_PATTERNS) {
      const match = pattern.exec(sentence);
      if (match && !seenJargon.has(term)) {
        seenJargon.add(term);
        hint('plain.jargon', { word: match[0], plain });
      }
    }
  }
  return findings;
}

export const plainLanguageCheck: QualityCheck = {
  id: 'plain-language',
  weight: 1,
  run(content) {
    const findings = PLAIN_LANGUAGE_FIELDS.flatMap((field) => plainLanguageHints(field, textOf(content, field)));
    return { findings, score: Math.max(0, 1 - PER_HINT * findings.length) };
  },
};
