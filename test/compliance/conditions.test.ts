import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { parse as parseYaml } from 'yaml';
import { ConditionSyntaxError } from '../../src/compliance/condition-tokens.ts';
import { DEFAULT_DECISION_TREE_PATH } from '../../src/compliance/decision-tree.ts';
import { evaluateTreeCondition, parseTreeCondition } from '../../src/compliance/tree-condition.ts';
import { evaluateTagExpression, parseTagExpression } from '../../src/compliance/tag-expression.ts';

const holds = (condition: string, labels: string[]) => evaluateTreeCondition(parseTreeCondition(condition), new Set(labels));
const tagsHold = (expression: string, tags: string[]) => evaluateTagExpression(parseTagExpression(expression), new Set(tags));

function rejects(parse: (text: string) => unknown, text: string, message: RegExp) {
  assert.throws(
    () => parse(text),
    (error: unknown) => error instanceof ConditionSyntaxError && message.test(error.message),
    `expected ${JSON.stringify(text)} to be rejected with ${message}`,
  );
}

/** Every `if` of the tree file as written, read with the YAML library only (not through our loader). */
function treeConditions(): string[] {
  const tree = parseYaml(readFileSync(DEFAULT_DECISION_TREE_PATH, 'utf8')) as {
    questions: { answers: { redirects?: { if: string }[] }[] }[];
  };
  return tree.questions.flatMap((q) => q.answers.flatMap((a) => (a.redirects ?? []).map((r) => r.if)));
}

describe('decision tree conditions', () => {
  it('parses every condition in the tree (111 redirects, 32 distinct conditions)', (t) => {
    const all = treeConditions();
    const distinct = new Set(all);
    t.diagnostic(`${all.length} redirect conditions, ${distinct.size} distinct`);
    assert.equal(all.length, 111);
    assert.equal(distinct.size, 32);
    for (const condition of distinct) assert.doesNotThrow(() => parseTreeCondition(condition), condition);
  });

  it('evaluates membership, and, or and not over the collected labels', () => {
    assert.equal(holds('"aanbieder" in labels', ['aanbieder']), true);
    assert.equal(holds('"aanbieder" in labels', ['gebruiksverantwoordelijke']), false);
    assert.equal(holds('"a" in labels && "b" in labels', ['a']), false);
    assert.equal(holds('"a" in labels && "b" in labels', ['a', 'b']), true);
    assert.equal(holds('"a" in labels || "b" in labels', ['b']), true);
    assert.equal(holds('!("a" in labels)', []), true);
    assert.equal(holds('!("a" in labels)', ['a']), false);
    assert.equal(holds('!!("a" in labels)', ['a']), true);
    assert.equal(holds("'single quoted' in labels", ['single quoted']), true);
  });

  it('compares labels as exact strings', () => {
    assert.equal(holds('"hoog-risico AI" in labels', ['geen hoog-risico AI']), false);
    assert.equal(holds('"AI-systeem" in labels', ['AI-systeem voor algemene doeleinden']), false);
  });

  it('gives && and || equal precedence, left to right, as JEXL does', () => {
    // JavaScript would read a || (b && c) and say true; JEXL reads (a || b) && c.
    assert.equal(holds('"a" in labels || "b" in labels && "c" in labels', ['a']), false);
    assert.equal(holds('"a" in labels || "b" in labels && "c" in labels', ['a', 'c']), true);
    assert.equal(holds('"a" in labels || ("b" in labels && "c" in labels)', ['a']), true);
  });

  it('evaluates the README examples as the reference frontend does', () => {
    const example4 =
      '("AI-systeem" in labels || "AI-systeem voor algemene doeleinden" in labels) && "open-source" in labels && "geen hoog-risico AI" in labels';
    assert.equal(holds(example4, ['AI-systeem voor algemene doeleinden', 'open-source', 'geen hoog-risico AI']), true);
    assert.equal(holds(example4, ['AI-model voor algemene doeleinden', 'open-source', 'geen hoog-risico AI']), false);
    const example3 =
      '!("transparantieverplichting" in labels) && !("geen transparantieverplichting" in labels) && !("AI-model voor algemene doeleinden" in labels)';
    assert.equal(holds(example3, ['AI-systeem']), true);
    assert.equal(holds(example3, ['AI-systeem', 'geen transparantieverplichting']), false);
  });

  it('rejects malformed conditions with a message that says what and where', () => {
    const parse = parseTreeCondition;
    rejects(parse, '', /Empty condition/);
    rejects(parse, '   ', /Empty condition/);
    rejects(parse, '"a" in labels &&', /Expected a "label" in labels.*found the end/);
    rejects(parse, '"a" in labels & "b" in labels', /Expected "&&" at position 14/);
    rejects(parse, '"a" in labels | "b" in labels', /Expected "\|\|"/);
    rejects(parse, '("a" in labels', /Expected "\)", found the end/);
    rejects(parse, '"a" in labels)', /Expected "&&", "\|\|" or the end, found "\)"/);
    rejects(parse, '"a" in tags', /Expected "labels", found "tags"/);
    rejects(parse, '"a" labels', /Expected "in" after the string "a", found "labels"/);
    rejects(parse, '"a"', /Expected "in"/);
    rejects(parse, 'labels', /Expected a "label" in labels, "!" or "\("/);
    rejects(parse, '"unterminated in labels', /Unterminated string at position 0/);
    rejects(parse, '!"a" in labels', /Write a negation as !\("label" in labels\)/);
    rejects(parse, '"a" in labels == true', /Unexpected character "="/);
    rejects(parse, '"a" in labels != "b"', /Unsupported operator "!="/);
    rejects(parse, 'process.exit(1)', /Unexpected character "\."/);
    rejects(parse, '"a" in labels; "b" in labels', /Unexpected character ";"/);
    rejects(parse, '1 in labels', /Expected a "label" in labels/);
  });

  it('never throws anything but ConditionSyntaxError, whatever the text (property)', () => {
    const alphabet = fc.constantFrom('"a"', '"b"', ' in ', 'labels', '&&', '||', '!', '(', ')', ' ', '"', '&', '|', 'x', '\\');
    const soup = fc.array(alphabet, { maxLength: 20 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), soup), (text) => {
        try {
          const parsed = parseTreeCondition(text);
          assert.equal(typeof evaluateTreeCondition(parsed, new Set(['a'])), 'boolean');
        } catch (error) {
          if (!(error instanceof ConditionSyntaxError)) throw error;
          assert.ok(error.position >= 0 && error.position <= text.length);
        }
      }),
      { numRuns: 3000 },
    );
  });
});

describe('requirement exception expressions', () => {
  const openSource =
    '("soort-toepassing-ai-systeem-voor-algemene-doeleinden" || "soort-toepassing-ai-systeem") && "open-source-open-source" && "transparantieverplichting-geen-transparantieverplichting" && "risicogroep-geen-hoog-risico-ai-systeem"';

  it('reads a bare tag and the open-source expression of the catalogue', () => {
    assert.deepEqual(parseTagExpression('risicogroep-uitzondering-van-toepassing'), { op: 'tag', tag: 'risicogroep-uitzondering-van-toepassing' });
    assert.equal(tagsHold('risicogroep-uitzondering-van-toepassing', ['risicogroep-uitzondering-van-toepassing']), true);
    assert.equal(tagsHold('risicogroep-uitzondering-van-toepassing', ['risicogroep-hoog-risico-ai-systeem']), false);
    const all = [
      'soort-toepassing-ai-systeem',
      'open-source-open-source',
      'transparantieverplichting-geen-transparantieverplichting',
      'risicogroep-geen-hoog-risico-ai-systeem',
    ];
    assert.equal(tagsHold(openSource, all), true);
    assert.equal(tagsHold(openSource, all.filter((t) => t !== 'open-source-open-source')), false);
    assert.equal(tagsHold(openSource, ['soort-toepassing-ai-model-voor-algemene-doeleinden', ...all.slice(1)]), false);
  });

  it('refuses to guess how && and || bind without parentheses', () => {
    rejects(parseTagExpression, '"a" || "b" && "c"', /Use parentheses to combine "&&" and "\|\|" at position 11/);
    assert.equal(tagsHold('("a" || "b") && "c"', ['a', 'c']), true);
  });

  it('rejects malformed expressions', () => {
    rejects(parseTagExpression, '', /Empty expression/);
    rejects(parseTagExpression, '""', /Empty tag/);
    rejects(parseTagExpression, '"a" &&', /Expected a tag or "\(", found the end/);
    rejects(parseTagExpression, '("a"', /Expected "\)"/);
    rejects(parseTagExpression, '"a" "b"', /Expected "&&", "\|\|" or the end, found the string "b"/);
    rejects(parseTagExpression, '!"a"', /Expected a tag or "\(", found "!"/);
    rejects(parseTagExpression, 'a, b', /Unexpected character ","/);
  });

  it('never throws anything but ConditionSyntaxError, whatever the text (property)', () => {
    const alphabet = fc.constantFrom('"a"', 'b-c', '&&', '||', '(', ')', ' ', '"', '!', '&');
    const soup = fc.array(alphabet, { maxLength: 20 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), soup), (text) => {
        try {
          assert.equal(typeof evaluateTagExpression(parseTagExpression(text), new Set(['a'])), 'boolean');
        } catch (error) {
          if (!(error instanceof ConditionSyntaxError)) throw error;
        }
      }),
      { numRuns: 3000 },
    );
  });
});
