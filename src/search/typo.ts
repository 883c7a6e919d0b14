/**
 * Typo tolerance: a query word that no indexed document has is searched as itself or as the
 * indexed stems closest to it (Damerau-Levenshtein: one edit for words up to seven letters,
 * two for longer ones), so "algoritem" finds "algoritme". The vocabulary is the table
 * `search_terms`, the same on both engines.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { ParsedQuery } from './query.ts';
import { LONG_STOPWORDS, stem } from './analyse.ts';

/** Edit distance with transpositions (optimal string alignment), stopping early past `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) rows.push([i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 0; j <= b.length; j++) rows[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    let best = Infinity;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2][j - 2] + 1);
      rows[i][j] = d;
      best = Math.min(best, d);
    }
    if (best > max) return max + 1;
  }
  return rows[a.length][b.length];
}

const allowedEdits = (term: string) => (term.length < 5 ? 0 : term.length <= 7 ? 1 : 2);

/**
 * Adds the likely meant stems as alternatives to the correctable clauses whose stem is unknown;
 * a clause that is a misspelt stop word ("algoritem") is dropped, as the stop word would be.
 */
export async function addCorrections(db: Kysely<Database>, query: ParsedQuery): Promise<void> {
  query.clauses = query.clauses.filter(
    (c) => !(c.correctable && LONG_STOPWORDS.some((w) => editDistance(c.alternatives[0].stems[0], stem(w), allowedEdits(w)) <= allowedEdits(w))),
  );
  const candidates = query.clauses.filter((c) => c.correctable && allowedEdits(c.alternatives[0].stems[0]) > 0);
  if (candidates.length === 0) return;
  const stems = candidates.map((c) => c.alternatives[0].stems[0]);
  const known = new Set((await db.selectFrom('search_terms').select('term').where('term', 'in', stems).where('documents', '>', 0).execute()).map((r) => r.term));
  for (const clause of candidates) {
    const term = clause.alternatives[0].stems[0];
    if (known.has(term)) continue;
    const max = allowedEdits(term);
    // A typo rarely hits the first letter; the second letter may be swapped with it.
    const starts = [...new Set([term.slice(0, 2), term[1] + term[0]])];
    const rows = await db
      .selectFrom('search_terms')
      .select('term')
      .where((eb) => eb.or(starts.map((start) => eb.and([eb('term', '>=', start), eb('term', '<', start + '\u{10ffff}')]))))
      .where(sql<number>`length(term)`, '>=', term.length - max)
      .where(sql<number>`length(term)`, '<=', term.length + max)
      .where('documents', '>', 0)
      .limit(5000)
      .execute();
    let best = max + 1;
    let nearest: string[] = [];
    for (const { term: candidate } of rows) {
      const d = editDistance(term, candidate, max);
      if (d > max) continue;
      if (d < best) {
        best = d;
        nearest = [candidate];
      } else if (d === best) nearest.push(candidate);
    }
    for (const stem of nearest.sort().slice(0, 3)) {
      clause.alternatives.push({ stems: [stem], prefix: false });
      query.highlight.add(stem);
    }
  }
}
