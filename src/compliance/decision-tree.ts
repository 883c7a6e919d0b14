/**
 * The AI Act decision tree (beslishulp) as data: loaded from its YAML, checked against the shape of the
 * beslishulp format (schema_decision_tree.json) and for what the schema cannot say (unique ids, targets
 * that exist, conditions that parse and name labels an answer gives, a label group for every label).
 * A newer tree replaces the file, or is given by path; the tree's `version` travels with every result.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { ConditionSyntaxError } from './condition-tokens.ts';
import { Place, array, object, optionalString, string, strings } from './data-shape.ts';
import { labelsInCondition, parseTreeCondition, type TreeCondition } from './tree-condition.ts';

export const DEFAULT_DECISION_TREE_PATH = fileURLToPath(new URL('./data/decision-tree.yaml', import.meta.url));

export interface Source {
  source: string;
  url?: string;
}

export type Target = { kind: 'question' | 'conclusion'; id: string };

export interface Redirect {
  /** The condition as written in the tree, for messages and display. */
  if: string;
  condition: TreeCondition;
  target: Target;
}

export interface Answer {
  index: number;
  /** The answer text, which is also how a caller may name the answer. */
  answer: string;
  /** Labels added to the collected labels when this answer is chosen. */
  labels: readonly string[];
  subresult?: string;
  /** Either one target, or redirects tried in order (the first true condition wins). */
  next: Target | readonly Redirect[];
}

export interface Question {
  id: string;
  question: string;
  explanation: string;
  category: string;
  subcategory: string;
  sources: readonly Source[];
  answers: readonly Answer[];
}

export interface Conclusion {
  id: string;
  conclusion: string;
  obligation: string;
  sources: readonly Source[];
}

/** The label group (and progress step) of an id prefix, from categories.yaml. */
export interface LabelGroupEntry {
  prefix: string;
  category: string;
  group: string;
}

export interface DecisionTree {
  name: string;
  version: string;
  /** Where the tree was read from, for messages. */
  source: string;
  startQuestionId: string;
  questions: ReadonlyMap<string, Question>;
  conclusions: ReadonlyMap<string, Conclusion>;
  labelGroups: readonly LabelGroupEntry[];
}

/** Loads a tree file and the categories.yaml beside it (or the one given). */
export function loadDecisionTree(
  path: string = DEFAULT_DECISION_TREE_PATH,
  categoriesPath: string = join(dirname(path), 'categories.yaml'),
): DecisionTree {
  return parseDecisionTree(readFileSync(path, 'utf8'), readFileSync(categoriesPath, 'utf8'), path, categoriesPath);
}

export function parseDecisionTree(
  treeYaml: string,
  categoriesYaml: string,
  source = 'decision tree',
  categoriesSource = 'categories',
): DecisionTree {
  const place = new Place(source);
  const root = object(readYaml(treeYaml, place), place, ['name', 'version', 'questions', 'conclusions']);
  const name = string(root.name, place.at('name'));
  const version = string(root.version, place.at('version'));
  const questions = array(root.questions, place.at('questions'), 1).map((q, i) => readQuestion(q, place.at('questions').at(i)));
  const conclusions = array(root.conclusions, place.at('conclusions'), 1).map((c, i) =>
    readConclusion(c, place.at('conclusions').at(i)),
  );
  const tree: DecisionTree = {
    name,
    version,
    source,
    startQuestionId: questions[0].id,
    questions: uniqueById(questions, place.at('questions'), 'questionId'),
    conclusions: uniqueById(conclusions, place.at('conclusions'), 'conclusionId'),
    labelGroups: readLabelGroups(categoriesYaml, new Place(categoriesSource)),
  };
  checkReferences(tree, place);
  return tree;
}

/** The label group of a question or conclusion id: the longest matching prefix of at most three segments. */
export function labelGroupOf(tree: DecisionTree, id: string): LabelGroupEntry | undefined {
  const segments = id.split('.');
  for (let length = Math.min(3, segments.length); length > 0; length--) {
    const entry = tree.labelGroups.find((e) => e.prefix === segments.slice(0, length).join('.'));
    if (entry) return entry;
  }
  return undefined;
}

/**
 * The label groups the tree's questions file their labels under, in the order categories.yaml names them.
 * Groups that only conclusions fall in (the "Conclusie" step) are left out: no answer fills them.
 */
export function labelGroupNames(tree: DecisionTree): string[] {
  const used = new Set([...tree.questions.keys()].map((id) => labelGroupOf(tree, id)?.group));
  return [...new Set(tree.labelGroups.map((e) => e.group))].filter((group) => used.has(group));
}

function readYaml(text: string, place: Place): unknown {
  try {
    return parseYaml(text);
  } catch (error) {
    return place.fail(`not valid YAML: ${(error as Error).message}`);
  }
}

function readSources(value: unknown, place: Place): Source[] {
  if (value === undefined) return [];
  return array(value, place).map((item, i) => {
    const at = place.at(i);
    const shaped = object(item, at, ['source', 'url']);
    const url = optionalString(shaped.url, at.at('url'));
    return url === undefined ? { source: string(shaped.source, at.at('source')) } : { source: string(shaped.source, at.at('source')), url };
  });
}

function readTarget(shaped: Record<string, unknown>, place: Place, alternatives: readonly string[]): Target | undefined {
  const present = ['nextQuestionId', 'nextConclusionId', ...alternatives].filter((key) => shaped[key] !== undefined);
  if (present.length !== 1) {
    place.fail(`needs exactly one of nextQuestionId, nextConclusionId${alternatives.map((a) => `, ${a}`).join('')}; found ${present.length ? present.join(', ') : 'none'}`);
  }
  if (shaped.nextQuestionId !== undefined) return { kind: 'question', id: string(shaped.nextQuestionId, place.at('nextQuestionId')) };
  if (shaped.nextConclusionId !== undefined) return { kind: 'conclusion', id: string(shaped.nextConclusionId, place.at('nextConclusionId')) };
  return undefined;
}

function readRedirect(value: unknown, place: Place): Redirect {
  const shaped = object(value, place, ['if', 'nextQuestionId', 'nextConclusionId']);
  const text = string(shaped.if, place.at('if'));
  let condition: TreeCondition;
  try {
    condition = parseTreeCondition(text);
  } catch (error) {
    if (error instanceof ConditionSyntaxError) place.at('if').fail(error.message);
    throw error;
  }
  return { if: text, condition, target: readTarget(shaped, place, [])! };
}

function readAnswer(value: unknown, index: number, place: Place): Answer {
  const shaped = object(value, place, ['answer', 'labels', 'subresult', 'answerComment', 'nextQuestionId', 'nextConclusionId', 'redirects']);
  optionalString(shaped.answerComment, place.at('answerComment'));
  const target = readTarget(shaped, place, ['redirects']);
  const next = target ?? array(shaped.redirects, place.at('redirects'), 2).map((r, i) => readRedirect(r, place.at('redirects').at(i)));
  const answer: Answer = {
    index,
    answer: string(shaped.answer, place.at('answer')),
    labels: shaped.labels === undefined ? [] : strings(shaped.labels, place.at('labels')),
    next,
  };
  const subresult = optionalString(shaped.subresult, place.at('subresult'));
  return subresult === undefined ? answer : { ...answer, subresult };
}

function readQuestion(value: unknown, place: Place): Question {
  const shaped = object(value, place, ['questionId', 'question', 'explanation', 'category', 'subcategory', 'sources', 'description', 'answers']);
  optionalString(shaped.description, place.at('description'));
  const answers = array(shaped.answers, place.at('answers'), 1, 10).map((a, i) => readAnswer(a, i, place.at('answers').at(i)));
  const texts = answers.map((a) => a.answer);
  const repeated = texts.find((text, i) => texts.indexOf(text) !== i);
  if (repeated !== undefined) place.at('answers').fail(`answer "${repeated}" appears twice, so it cannot be chosen by its text`);
  return {
    id: string(shaped.questionId, place.at('questionId')),
    question: string(shaped.question, place.at('question')),
    explanation: string(shaped.explanation, place.at('explanation')),
    category: string(shaped.category, place.at('category')),
    subcategory: string(shaped.subcategory, place.at('subcategory')),
    sources: readSources(shaped.sources, place.at('sources')),
    answers,
  };
}

function readConclusion(value: unknown, place: Place): Conclusion {
  const shaped = object(value, place, ['conclusionId', 'conclusion', 'conclusionComment', 'obligation', 'sources']);
  optionalString(shaped.conclusionComment, place.at('conclusionComment'));
  return {
    id: string(shaped.conclusionId, place.at('conclusionId')),
    conclusion: string(shaped.conclusion, place.at('conclusion')),
    obligation: string(shaped.obligation, place.at('obligation')),
    sources: readSources(shaped.sources, place.at('sources')),
  };
}

function readLabelGroups(text: string, place: Place): LabelGroupEntry[] {
  const entries = array(readYaml(text, place), place, 1).map((item, i) => {
    const at = place.at(i);
    const shaped = object(item, at, ['questionId', 'category', 'subcategory']);
    return {
      prefix: string(shaped.questionId, at.at('questionId')),
      category: string(shaped.category, at.at('category')),
      group: string(shaped.subcategory, at.at('subcategory')),
    };
  });
  uniqueById(entries.map((e) => ({ ...e, id: e.prefix })), place, 'questionId');
  return entries;
}

function uniqueById<T extends { id: string }>(items: T[], place: Place, key: string): Map<string, T> {
  const byId = new Map<string, T>();
  items.forEach((item, i) => {
    if (byId.has(item.id)) place.at(i).fail(`${key} "${item.id}" is used twice`);
    byId.set(item.id, item);
  });
  return byId;
}

/** What the schema cannot check: every target exists, conditions name real labels, labels have a group. */
function checkReferences(tree: DecisionTree, place: Place): void {
  const given = new Set([...tree.questions.values()].flatMap((q) => q.answers.flatMap((a) => a.labels)));
  const exists = (target: Target) => (target.kind === 'question' ? tree.questions : tree.conclusions).has(target.id);
  const describe = (target: Target) => `${target.kind} "${target.id}"`;
  let index = 0;
  for (const question of tree.questions.values()) {
    const at = place.at('questions').at(index++);
    for (const answer of question.answers) {
      const answerAt = at.at('answers').at(answer.index);
      if (answer.labels.length > 0 && !labelGroupOf(tree, question.id)) {
        answerAt.at('labels').fail(`question "${question.id}" has no label group in categories.yaml`);
      }
      if (Array.isArray(answer.next)) {
        (answer.next as readonly Redirect[]).forEach((redirect, r) => {
          const redirectAt = answerAt.at('redirects').at(r);
          if (!exists(redirect.target)) redirectAt.fail(`leads to ${describe(redirect.target)}, which does not exist`);
          if (redirect.target.kind === 'question' && redirect.target.id === tree.startQuestionId) {
            redirectAt.fail(`leads back to the first question "${tree.startQuestionId}"`);
          }
          for (const label of labelsInCondition(redirect.condition)) {
            if (!given.has(label)) redirectAt.at('if').fail(`names label "${label}", which no answer gives`);
          }
        });
      } else {
        const target = answer.next as Target;
        if (!exists(target)) answerAt.fail(`leads to ${describe(target)}, which does not exist`);
        if (target.kind === 'question' && target.id === tree.startQuestionId) {
          answerAt.fail(`leads back to the first question "${tree.startQuestionId}"`);
        }
      }
    }
  }
}
