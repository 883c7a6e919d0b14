/**
 * Text analysis for search, the same for documents and queries and for both engines: words are
 * lower-cased, stripped of diacritics and reduced to their Dutch stem (Snowball), so
 * "gemeenten" finds "gemeente" and "uitkeringen" finds "uitkering". The engines only ever see
 * these stems, which is why SQLite and PostgreSQL find the same documents.
 */
import snowball from 'snowball-stemmers';

const dutch = snowball.newStemmer('dutch');

/**
 * Words that carry no meaning of their own in a search: Dutch and English function words, and
 * in a register of algorithms, "algoritme" itself (every description is about one).
 */
const STOPWORDS = new Set(
  ('de het een en of van voor in op te met aan bij als dat die dit door naar om over tot uit zijn is er wordt worden ' +
    'ook niet maar wel zo dan nog al hun haar hij zij ze we wij je u ik the a an and or of for in on to with by is are be ' +
    'algoritme algoritmes algorithm algorithms')
    .split(' '),
);

/** The stop words long enough that a typo in them is worth recognising (algoritem). */
export const LONG_STOPWORDS = [...STOPWORDS].filter((w) => w.length >= 7);

/** Lower case, no diacritics, the apostrophe of "risico's" dropped. */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’]s\b/g, 's');
}

/** The words of a text, folded, in order (stop words kept: phrases need their positions). */
export function words(text: string): string[] {
  return fold(text).match(/[a-z0-9]+/g) ?? [];
}

const stemCache = new Map<string, string>();

/** A word's stem. Snowball leaves the Dutch plural "-es" of loan words (algoritmes) alone; we do not. */
export function stem(word: string): string {
  let cached = stemCache.get(word);
  if (cached === undefined) {
    const base = word.length > 5 && word.endsWith('es') && !/[aeiou]es$/.test(word) ? word.slice(0, -1) : word;
    cached = /^[0-9]+$/.test(base) ? base : dutch.stem(base);
    if (stemCache.size > 200_000) stemCache.clear();
    stemCache.set(word, cached);
  }
  return cached;
}

export const isStopword = (word: string) => STOPWORDS.has(word);

/** A document text as the engines index it: its stems, space-separated, stop words left out. */
export function indexText(text: string): string {
  return words(text)
    .filter((w) => !STOPWORDS.has(w))
    .map(stem)
    .join(' ');
}
