/**
 * A search box's text as a query: quoted phrases, `prefix*` words and plain words; every clause
 * must match (AND), and a clause matches when any of its alternatives does (OR): the synonyms
 * of a dictionary entry, or the spelling a typo most likely meant. Engine-neutral: the engine
 * files turn it into FTS5 or tsquery syntax.
 */
import { isStopword, stem, words } from './analyse.ts';
import { synonymsAt } from './synonyms.ts';

export interface Alternative {
  /** One stem, or several for a phrase (adjacent, in order). */
  stems: string[];
  /** The last stem is a prefix (`uitk*`). */
  prefix: boolean;
}

export interface Clause {
  alternatives: Alternative[];
  /** A plain single word, which may be a typo (see typo.ts). */
  correctable: boolean;
}

export interface ParsedQuery {
  clauses: Clause[];
  /** Stems to highlight in snippets; a prefix ends in `*`. */
  highlight: Set<string>;
}

const stemsOf = (text: string) => words(text).filter((w) => !isStopword(w)).map(stem);

export function parseQuery(text: string): ParsedQuery {
  const clauses: Clause[] = [];
  const highlight = new Set<string>();
  const plain: string[] = [];

  const flushPlain = () => {
    for (let i = 0; i < plain.length; ) {
      const synonyms = synonymsAt(plain, i);
      if (synonyms) {
        clauses.push({ alternatives: synonyms.group.map((stems) => ({ stems, prefix: false })), correctable: false });
        for (const member of synonyms.group) for (const s of member) highlight.add(s);
        i += synonyms.length;
      } else {
        clauses.push({ alternatives: [{ stems: [plain[i]], prefix: false }], correctable: !/^[0-9]+$/.test(plain[i]) });
        highlight.add(plain[i]);
        i++;
      }
    }
    plain.length = 0;
  };

  /**
   * Words whose last one is a prefix, in a row: a prefix is matched as typed and as its stem, so
   * "parkeer*" finds "parkeercontrole" and "parkeren" (stem "parker").
   */
  const pushPrefix = (text: string) => {
    const folded = words(text);
    if (!folded.length) return;
    const last = folded.pop()!;
    const lead = folded.filter((w) => !isStopword(w)).map(stem);
    const alternatives = [...new Set([last, stem(last)])].map((p) => ({ stems: [...lead, p], prefix: true }));
    clauses.push({ alternatives, correctable: false });
    for (const s of lead) highlight.add(s);
    highlight.add(`${last}*`);
    highlight.add(`${stem(last)}*`);
  };
  const endsInPrefix = (text: string) => /[\p{L}\p{N}]\*+\s*$/u.test(text);

  // "a phrase" | "a phrase ending in a prefix*" | word* | word
  for (const match of text.slice(0, 500).matchAll(/"([^"]*)"?|(\S+)/g)) {
    if (match[1] !== undefined) {
      flushPlain();
      if (endsInPrefix(match[1])) {
        pushPrefix(match[1]);
        continue;
      }
      const stems = stemsOf(match[1]);
      if (stems.length) {
        clauses.push({ alternatives: [{ stems, prefix: false }], correctable: false });
        for (const s of stems) highlight.add(s);
      }
      continue;
    }
    const token = match[2];
    if (/^[^*]*[\p{L}\p{N}]\*+$/u.test(token)) {
      flushPlain();
      pushPrefix(token);
      continue;
    }
    plain.push(...stemsOf(token));
  }
  flushPlain();
  return { clauses: clauses.slice(0, 12), highlight };
}
