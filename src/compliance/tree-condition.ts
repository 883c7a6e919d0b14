/**
 * The redirect conditions of the decision tree, e.g.
 * `("AI-systeem" in labels || "AI-systeem voor algemene doeleinden" in labels) && !("open-source" in labels)`.
 *
 * The reference frontend evaluates them with JEXL; this is the subset of JEXL the tree uses, read by a
 * recursive-descent parser and evaluated over the collected labels (no eval, no functions, no other
 * identifiers). JEXL gives `&&` and `||` the same precedence, applied left to right, and so do we, so that a
 * newer tree means here what it means in the reference frontend.
 *
 *   condition  := operand (("&&" | "||") operand)*
 *   operand    := "!" operand | "(" condition ")" | STRING "in" "labels"
 *
 * `!` binds tighter than `in` in JEXL, so `!"x" in labels` would negate the string, not the membership: we
 * reject it rather than guess, and ask for `!("x" in labels)`, the form the tree uses.
 */
import { TokenReader, tokenize } from './condition-tokens.ts';

export type TreeCondition =
  | { op: 'has'; label: string }
  | { op: 'not'; operand: TreeCondition }
  | { op: 'and' | 'or'; left: TreeCondition; right: TreeCondition };

/** The only identifier a condition may name: the labels collected so far. */
const LABELS = 'labels';

export function parseTreeCondition(condition: string): TreeCondition {
  const reader = new TokenReader(condition, tokenize(condition));
  if (reader.peek().kind === 'end') reader.fail('Empty condition');
  const parsed = parseCondition(reader);
  const rest = reader.peek();
  if (rest.kind !== 'end') reader.fail(`Expected "&&", "||" or the end, found ${TokenReader.describe(rest)}`);
  return parsed;
}

function parseCondition(reader: TokenReader): TreeCondition {
  let left = parseOperand(reader);
  for (let token = reader.peek(); token.kind === '&&' || token.kind === '||'; token = reader.peek()) {
    reader.next();
    left = { op: token.kind === '&&' ? 'and' : 'or', left, right: parseOperand(reader) };
  }
  return left;
}

function parseOperand(reader: TokenReader): TreeCondition {
  const token = reader.next();
  if (token.kind === '!') {
    const after = reader.peek();
    if (after.kind !== '(' && after.kind !== '!') {
      reader.fail('Write a negation as !("label" in labels)', after);
    }
    return { op: 'not', operand: parseOperand(reader) };
  }
  if (token.kind === '(') {
    const inner = parseCondition(reader);
    const close = reader.next();
    if (close.kind !== ')') reader.fail(`Expected ")", found ${TokenReader.describe(close)}`, close);
    return inner;
  }
  if (token.kind === 'string') {
    const keyword = reader.next();
    if (keyword.kind !== 'word' || keyword.value !== 'in') {
      reader.fail(`Expected "in" after ${TokenReader.describe(token)}, found ${TokenReader.describe(keyword)}`, keyword);
    }
    const name = reader.next();
    if (name.kind !== 'word' || name.value !== LABELS) {
      reader.fail(`Expected "${LABELS}", found ${TokenReader.describe(name)}`, name);
    }
    return { op: 'has', label: token.value };
  }
  return reader.fail(`Expected a "label" in labels, "!" or "(", found ${TokenReader.describe(token)}`, token);
}

export function evaluateTreeCondition(condition: TreeCondition, labels: ReadonlySet<string>): boolean {
  switch (condition.op) {
    case 'has':
      return labels.has(condition.label);
    case 'not':
      return !evaluateTreeCondition(condition.operand, labels);
    case 'and':
      return evaluateTreeCondition(condition.left, labels) && evaluateTreeCondition(condition.right, labels);
    case 'or':
      return evaluateTreeCondition(condition.left, labels) || evaluateTreeCondition(condition.right, labels);
  }
}

/** Every label a condition mentions, so loading can check that each is one an answer can give. */
export function labelsInCondition(condition: TreeCondition): string[] {
  switch (condition.op) {
    case 'has':
      return [condition.label];
    case 'not':
      return labelsInCondition(condition.operand);
    default:
      return [...labelsInCondition(condition.left), ...labelsInCondition(condition.right)];
  }
}
