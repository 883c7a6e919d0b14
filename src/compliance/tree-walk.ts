/**
 * The exhaustive walk of a decision tree: every answer combination from the first question, carrying the
 * labels each path collects, so redirects are judged as a real session would judge them. It proves a tree
 * sound (every conclusion reachable, no dead end, no cycle) and yields one profile per path for tests and
 * for review of a newer tree before it replaces the current one.
 */
import { buildProfile, type AiActProfile, type AnsweredStep, type ChosenAnswer } from './ai-act-profile.ts';
import type { DecisionTree } from './decision-tree.ts';
import { takeAnswer } from './tree-step.ts';

export interface WalkPath {
  answers: readonly ChosenAnswer[];
  conclusionId: string;
  profile: AiActProfile;
}

/** An answer on some path whose redirects all fail for the labels that path collected. */
export interface DeadEnd {
  answers: readonly ChosenAnswer[];
  questionId: string;
  answerIndex: number;
  labels: readonly string[];
}

/** A path that comes back to a question it already passed. */
export interface Cycle {
  answers: readonly ChosenAnswer[];
  questionId: string;
}

export interface RedirectRef {
  questionId: string;
  answerIndex: number;
  redirectIndex: number;
  if: string;
}

export interface WalkReport {
  treeName: string;
  treeVersion: string;
  questionCount: number;
  conclusionCount: number;
  paths: WalkPath[];
  deadEnds: DeadEnd[];
  cycles: Cycle[];
  unreachedQuestions: string[];
  unreachedConclusions: string[];
  /** Redirects that never win on any path: an earlier one always matches first, or none ever holds. */
  redirectsNeverTaken: RedirectRef[];
  /** Fewest and most questions answered on a path to a conclusion. */
  shortestPath: number;
  longestPath: number;
}

/** Stops a walk that grows beyond reason (a tree whose paths multiply out of bounds). */
const DEFAULT_MAX_PATHS = 1_000_000;

export function walk(tree: DecisionTree, maxPaths = DEFAULT_MAX_PATHS): WalkReport {
  const paths: WalkPath[] = [];
  const deadEnds: DeadEnd[] = [];
  const cycles: Cycle[] = [];
  const seenQuestions = new Set<string>();
  const seenConclusions = new Set<string>();
  const takenRedirects = new Set<string>();

  const visit = (questionId: string, steps: AnsweredStep[], labels: readonly string[], onPath: Set<string>) => {
    seenQuestions.add(questionId);
    const question = tree.questions.get(questionId)!;
    for (const answer of question.answers) {
      const step: AnsweredStep = { questionId, answerIndex: answer.index, answer: answer.answer, labels: answer.labels };
      const here = [...steps, step];
      const result = takeAnswer(answer, labels);
      if (result.redirectIndex !== undefined) takenRedirects.add(`${questionId}/${answer.index}/${result.redirectIndex}`);
      if (!result.target) {
        deadEnds.push({ answers: chosen(here), questionId, answerIndex: answer.index, labels: result.labels });
      } else if (result.target.kind === 'conclusion') {
        if (paths.length >= maxPaths) throw new Error(`The tree has more than ${maxPaths} paths`);
        const conclusion = tree.conclusions.get(result.target.id)!;
        seenConclusions.add(conclusion.id);
        paths.push({ answers: chosen(here), conclusionId: conclusion.id, profile: buildProfile(tree, here, conclusion) });
      } else if (onPath.has(result.target.id)) {
        cycles.push({ answers: chosen(here), questionId: result.target.id });
      } else {
        onPath.add(result.target.id);
        visit(result.target.id, here, result.labels, onPath);
        onPath.delete(result.target.id);
      }
    }
  };
  visit(tree.startQuestionId, [], [], new Set([tree.startQuestionId]));

  const redirectsNeverTaken: RedirectRef[] = [];
  for (const question of tree.questions.values()) {
    for (const answer of question.answers) {
      if (!Array.isArray(answer.next)) continue;
      answer.next.forEach((redirect, redirectIndex) => {
        if (!takenRedirects.has(`${question.id}/${answer.index}/${redirectIndex}`)) {
          redirectsNeverTaken.push({ questionId: question.id, answerIndex: answer.index, redirectIndex, if: redirect.if });
        }
      });
    }
  }
  const lengths = paths.map((p) => p.answers.length);
  return {
    treeName: tree.name,
    treeVersion: tree.version,
    questionCount: tree.questions.size,
    conclusionCount: tree.conclusions.size,
    paths,
    deadEnds,
    cycles,
    unreachedQuestions: [...tree.questions.keys()].filter((id) => !seenQuestions.has(id)),
    unreachedConclusions: [...tree.conclusions.keys()].filter((id) => !seenConclusions.has(id)),
    redirectsNeverTaken,
    shortestPath: lengths.length ? Math.min(...lengths) : 0,
    longestPath: lengths.length ? Math.max(...lengths) : 0,
  };
}

/** Whether the walk found the tree sound: every question and conclusion reached, no dead end, no cycle. */
export function isSound(report: WalkReport): boolean {
  return (
    report.deadEnds.length === 0 &&
    report.cycles.length === 0 &&
    report.unreachedQuestions.length === 0 &&
    report.unreachedConclusions.length === 0
  );
}

/** The first (shortest, then earliest) path to each conclusion: one worked example per conclusion. */
export function onePathPerConclusion(report: WalkReport): Map<string, WalkPath> {
  const first = new Map<string, WalkPath>();
  for (const path of report.paths) {
    const known = first.get(path.conclusionId);
    if (!known || path.answers.length < known.answers.length) first.set(path.conclusionId, path);
  }
  return first;
}

function chosen(steps: readonly AnsweredStep[]): ChosenAnswer[] {
  return steps.map(({ questionId, answerIndex, answer }) => ({ questionId, answerIndex, answer }));
}
