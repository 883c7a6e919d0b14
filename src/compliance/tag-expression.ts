/**
 * The exception expressions (`uitzondering`) of Algoritmekader requirements: either one bare tag token,
 * `risicogroep-uitzondering-van-toepassing`, or an expression over quoted tokens,
 * `("soort-toepassing-ai-systeem" || …) && "open-source-open-source" && …`.
 *
 *   expression := operand ("&&" operand)* | operand ("||" operand)*
 *   operand    := "(" expression ")" | STRING | TOKEN
 *
 * The Algoritmekader does not say how `&&` and `||` bind together, so mixing them at one level without
 * parentheses is an error rather than a guess. Whether each token is a known tag is checked by the
 * requirements catalogue, which knows the vocabulary.
 */
import { TokenReader, tokenize, type Token } from './condition-tokens.ts';

export type TagExpression =
  | { op: 'tag'; tag: string }
  | { op: 'and' | 'or'; operands: TagExpression[] };

export function parseTagExpression(expression: string): TagExpression {
  const reader = new TokenReader(expression, tokenize(expression));
  if (reader.peek().kind === 'end') reader.fail('Empty expression');
  const parsed = parseExpression(reader);
  const rest = reader.peek();
  if (rest.kind !== 'end') reader.fail(`Expected "&&", "||" or the end, found ${TokenReader.describe(rest)}`);
  return parsed;
}

function parseExpression(reader: TokenReader): TagExpression {
  const first = parseOperand(reader);
  const join = reader.peek();
  if (join.kind !== '&&' && join.kind !== '||') return first;
  const operands = [first];
  for (let token: Token = reader.peek(); token.kind === '&&' || token.kind === '||'; token = reader.peek()) {
    if (token.kind !== join.kind) reader.fail('Use parentheses to combine "&&" and "||"', token);
    reader.next();
    operands.push(parseOperand(reader));
  }
  return { op: join.kind === '&&' ? 'and' : 'or', operands };
}

function parseOperand(reader: TokenReader): TagExpression {
  const token = reader.next();
  if (token.kind === '(') {
    const inner = parseExpression(reader);
    const close = reader.next();
    if (close.kind !== ')') reader.fail(`Expected ")", found ${TokenReader.describe(close)}`, close);
    return inner;
  }
  if (token.kind === 'string' || token.kind === 'word') {
    if (token.value === '') reader.fail('Empty tag', token);
    return { op: 'tag', tag: token.value };
  }
  return reader.fail(`Expected a tag or "(", found ${TokenReader.describe(token)}`, token);
}

export function evaluateTagExpression(expression: TagExpression, tags: ReadonlySet<string>): boolean {
  switch (expression.op) {
    case 'tag':
      return tags.has(expression.tag);
    case 'and':
      return expression.operands.every((operand) => evaluateTagExpression(operand, tags));
    case 'or':
      return expression.operands.some((operand) => evaluateTagExpression(operand, tags));
  }
}

export function tagsInExpression(expression: TagExpression): string[] {
  return expression.op === 'tag' ? [expression.tag] : expression.operands.flatMap(tagsInExpression);
}
