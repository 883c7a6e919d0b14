/**
 * The abbreviation and synonym dictionary (`synonyms.yaml`, data to edit), analysed once: each
 * group becomes a list of stem sequences. A query's words that spell one member of a group are
 * searched as "any member of the group".
 */
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { parse } from 'yaml';
import { isStopword, stem, words } from './analyse.ts';

const SOURCE = readFileSync(new URL('./synonyms.yaml', import.meta.url), 'utf8');

/** Changes when the dictionary changes, so that the index knows to rebuild. */
export const SYNONYMS_HASH = createHash('sha256').update(SOURCE).digest('hex').slice(0, 16);

export type StemSequence = string[];

function load(): StemSequence[][] {
  const groups = parse(SOURCE) as unknown;
  if (!Array.isArray(groups)) throw new Error('synonyms.yaml: a list of groups expected');
  return groups.map((group, i) => {
    if (!Array.isArray(group) || group.length < 2) throw new Error(`synonyms.yaml: group ${i + 1} needs at least two entries`);
    return group.map((member) => words(String(member)).filter((w) => !isStopword(w)).map(stem));
  });
}

const GROUPS = load();

/** Groups by the first stem of each member, for matching at a position of a query. */
const BY_FIRST = new Map<string, { member: StemSequence; group: StemSequence[] }[]>();
for (const group of GROUPS) {
  for (const member of group) {
    if (member.length === 0) continue;
    const list = BY_FIRST.get(member[0]) ?? [];
    list.push({ member, group });
    BY_FIRST.set(member[0], list);
  }
}

/**
 * The longest dictionary member that starts at `position` of `stems`, with its group; undefined
 * when none does.
 */
export function synonymsAt(stems: string[], position: number): { length: number; group: StemSequence[] } | undefined {
  let best: { length: number; group: StemSequence[] } | undefined;
  for (const { member, group } of BY_FIRST.get(stems[position]) ?? []) {
    if (member.length <= (best?.length ?? 0)) continue;
    if (member.every((s, k) => stems[position + k] === s)) best = { length: member.length, group };
  }
  return best;
}
