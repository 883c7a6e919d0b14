/**
 * The AI Act profile a classification ends with: the conclusion, and the labels the answers gave, filed
 * by label group (type of application, responsibility/role, risk group, transparency duty, systemic risk,
 * open source, …: whatever groups categories.yaml names). It records the tree's name and version and the
 * answers, so a stored classification says which tree made it and can be replayed on a newer one.
 */
import { labelGroupNames, labelGroupOf, type Conclusion, type DecisionTree } from './decision-tree.ts';

export interface ChosenAnswer {
  questionId: string;
  /** The answer's index in its question. */
  answerIndex: number;
  /** The answer's text, for display and for replay by text. */
  answer: string;
}

export interface AiActProfile {
  treeName: string;
  treeVersion: string;
  conclusionId: string;
  conclusion: string;
  obligation: string;
  /** Every label collected, in the order the answers gave them, each once. */
  labels: readonly string[];
  /**
   * The labels per label group, every group of the tree present. An empty list means the tree never decided
   * that group on this path; the decision aid shows that as "niet van toepassing".
   */
  groups: Readonly<Record<string, readonly string[]>>;
  answers: readonly ChosenAnswer[];
}

export interface AnsweredStep extends ChosenAnswer {
  /** The labels this answer added. */
  labels: readonly string[];
}

export function buildProfile(tree: DecisionTree, steps: readonly AnsweredStep[], conclusion: Conclusion): AiActProfile {
  const groups: Record<string, string[]> = Object.fromEntries(labelGroupNames(tree).map((name) => [name, []]));
  for (const step of steps) {
    if (step.labels.length === 0) continue;
    // The loader made sure every question that gives labels has a group.
    const group = groups[labelGroupOf(tree, step.questionId)!.group];
    for (const label of step.labels) if (!group.includes(label)) group.push(label);
  }
  return {
    treeName: tree.name,
    treeVersion: tree.version,
    conclusionId: conclusion.id,
    conclusion: conclusion.conclusion,
    obligation: conclusion.obligation,
    labels: [...new Set(steps.flatMap((step) => step.labels))],
    groups,
    answers: steps.map(({ questionId, answerIndex, answer }) => ({ questionId, answerIndex, answer })),
  };
}
