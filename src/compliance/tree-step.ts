/**
 * One step through the decision tree, shared by sessions and the exhaustive walk so that both follow the
 * tree the same way: the answer's labels are added first, then its own target is taken, or its redirects
 * are tried in order against all labels collected so far and the first true condition wins.
 */
import type { Answer, Redirect, Target } from './decision-tree.ts';
import { evaluateTreeCondition } from './tree-condition.ts';

export interface StepResult {
  /** The labels collected so far, this answer's included. */
  labels: readonly string[];
  /** Where the answer leads; undefined when it has redirects and none matches (a dead end). */
  target: Target | undefined;
  /** Which redirect won, when the answer has redirects. */
  redirectIndex?: number;
}

export function takeAnswer(answer: Answer, labelsBefore: readonly string[]): StepResult {
  const labels = [...labelsBefore, ...answer.labels];
  if (!Array.isArray(answer.next)) return { labels, target: answer.next as Target };
  const present = new Set(labels);
  const redirects = answer.next as readonly Redirect[];
  const index = redirects.findIndex((redirect) => evaluateTreeCondition(redirect.condition, present));
  return index < 0 ? { labels, target: undefined } : { labels, target: redirects[index].target, redirectIndex: index };
}
