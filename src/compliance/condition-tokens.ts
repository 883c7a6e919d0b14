/**
 * The tokenizer shared by the two small condition languages of the compliance data: the decision tree's
 * redirect conditions (`"aanbieder" in labels && …`) and the Algoritmekader's exception expressions
 * (`"open-source-open-source" && …`). Both are parsed by hand, never evaluated as code.
 */

/** Why a condition could not be read, with the place it went wrong. */
export class ConditionSyntaxError extends Error {
  readonly condition: string;
  readonly position: number;

  constructor(message: string, condition: string, position: number) {
    super(`${message} at position ${position} in ${JSON.stringify(condition)}`);
    this.name = 'ConditionSyntaxError';
    this.condition = condition;
    this.position = position;
  }
}

export type Token =
  | { kind: 'string'; value: string; position: number }
  | { kind: 'word'; value: string; position: number }
  | { kind: '&&' | '||' | '!' | '(' | ')'; position: number }
  | { kind: 'end'; position: number };

const WORD = /[A-Za-z0-9_-]/;
const SPACE = /\s/;

/** Splits a condition into tokens; anything outside the small alphabet is an error. */
export function tokenize(condition: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < condition.length) {
    const c = condition[i];
    if (SPACE.test(c)) {
      i++;
    } else if (c === '"' || c === "'") {
      const start = i;
      let value = '';
      i++;
      while (i < condition.length && condition[i] !== c) {
        if (condition[i] === '\\') {
          if (i + 1 >= condition.length) break;
          i++;
        }
        value += condition[i];
        i++;
      }
      if (i >= condition.length) throw new ConditionSyntaxError('Unterminated string', condition, start);
      i++;
      tokens.push({ kind: 'string', value, position: start });
    } else if (c === '&' || c === '|') {
      if (condition[i + 1] !== c) throw new ConditionSyntaxError(`Expected "${c}${c}"`, condition, i);
      tokens.push({ kind: c === '&' ? '&&' : '||', position: i });
      i += 2;
    } else if (c === '!' || c === '(' || c === ')') {
      if (c === '!' && condition[i + 1] === '=') throw new ConditionSyntaxError('Unsupported operator "!="', condition, i);
      tokens.push({ kind: c, position: i });
      i++;
    } else if (WORD.test(c)) {
      const start = i;
      while (i < condition.length && WORD.test(condition[i])) i++;
      tokens.push({ kind: 'word', value: condition.slice(start, i), position: start });
    } else {
      throw new ConditionSyntaxError(`Unexpected character ${JSON.stringify(c)}`, condition, i);
    }
  }
  tokens.push({ kind: 'end', position: condition.length });
  return tokens;
}

/** Reads a token list front to back; the parsers build on it. */
export class TokenReader {
  private index = 0;
  constructor(readonly condition: string, private readonly tokens: Token[]) {}

  peek(): Token {
    return this.tokens[this.index];
  }

  next(): Token {
    const token = this.tokens[this.index];
    if (token.kind !== 'end') this.index++;
    return token;
  }

  fail(message: string, token: Token = this.peek()): never {
    throw new ConditionSyntaxError(message, this.condition, token.position);
  }

  /** Describes a token for an error message. */
  static describe(token: Token): string {
    if (token.kind === 'end') return 'the end';
    if (token.kind === 'string') return `the string ${JSON.stringify(token.value)}`;
    if (token.kind === 'word') return `"${token.value}"`;
    return `"${token.kind}"`;
  }
}
