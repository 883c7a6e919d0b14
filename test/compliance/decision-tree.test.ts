import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ComplianceDataError } from '../../src/compliance/data-shape.ts';
import { labelGroupNames, labelGroupOf, loadDecisionTree, parseDecisionTree } from '../../src/compliance/decision-tree.ts';

const CATEGORIES = `
- questionId: "1"
  category: Step one
  subcategory: Kind
- questionId: "9"
  category: End
  subcategory: Conclusie
`;

/** A small tree in the beslishulp format; `change` edits the YAML text to break it in one place. */
function smallTree(change: (yaml: string) => string = (y) => y): string {
  return change(`
version: "2.0.0"
name: Small tree
questions:
  - questionId: "1.1"
    question: First?
    explanation: ""
    category: van_toepassing
    subcategory: One
    answers:
      - answer: Ja
        labels: ["x"]
        nextQuestionId: "1.2"
      - answer: Nee
        nextConclusionId: "9.1"
  - questionId: "1.2"
    question: Second?
    explanation: ""
    category: van_toepassing
    subcategory: Two
    answers:
      - answer: Verder
        redirects:
          - if: '"x" in labels'
            nextConclusionId: "9.2"
          - if: '!("x" in labels)'
            nextConclusionId: "9.1"
conclusions:
  - conclusionId: "9.1"
    conclusion: One
    obligation: ""
  - conclusionId: "9.2"
    conclusion: Two
    obligation: ""
`);
}

function fails(yaml: string, message: RegExp) {
  assert.throws(
    () => parseDecisionTree(yaml, CATEGORIES, 'small.yaml'),
    (error: unknown) => error instanceof ComplianceDataError && message.test(error.message),
    `expected ${message}`,
  );
}

describe('loading the decision tree', () => {
  it('loads the shipped beslishulp with its name, version and counts', () => {
    const tree = loadDecisionTree();
    assert.equal(tree.name, 'Beslishulp AI-verordening');
    assert.equal(tree.version, '1.0.0');
    assert.equal(tree.startQuestionId, '1.1');
    assert.equal(tree.questions.size, 22);
    assert.equal(tree.conclusions.size, 50);
    const answers = [...tree.questions.values()].flatMap((q) => q.answers);
    assert.equal(answers.length, 53);
    assert.equal(answers.filter((a) => a.labels.length > 0).length, 34);
    assert.equal(answers.filter((a) => Array.isArray(a.next)).length, 18);
    assert.equal(answers.filter((a) => a.subresult !== undefined).length, 1);
  });

  it('files ids under the label group of their longest prefix (at most three segments)', () => {
    const tree = loadDecisionTree();
    assert.equal(labelGroupOf(tree, '2.4')?.group, 'Risicogroep');
    assert.equal(labelGroupOf(tree, '1.6.2')?.group, 'Soort toepassing');
    assert.equal(labelGroupOf(tree, '2.7.1')?.group, 'Conformiteitsbeoordelingsinstantie');
    assert.equal(labelGroupOf(tree, '14.1.2')?.group, 'Conclusie');
    assert.equal(labelGroupOf(tree, '2.10')?.group, 'Transparantieverplichting');
    assert.equal(labelGroupOf(tree, '2.1')?.group, 'Risicogroep');
    assert.deepEqual(labelGroupNames(tree), [
      'Soort toepassing',
      'Verantwoordelijkheid',
      'Operationeel',
      'Risicogroep',
      'Conformiteitsbeoordelingsinstantie',
      'Systeemrisico',
      'Transparantieverplichting',
      'Open source',
    ]);
  });

  it('loads another tree from a path, with the categories beside it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tree-'));
    try {
      writeFileSync(join(dir, 'decision-tree.yaml'), smallTree());
      writeFileSync(join(dir, 'categories.yaml'), CATEGORIES);
      const tree = loadDecisionTree(join(dir, 'decision-tree.yaml'));
      assert.equal(tree.version, '2.0.0');
      assert.equal(tree.questions.size, 2);
      assert.equal(tree.source, join(dir, 'decision-tree.yaml'));
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  it('rejects a tree of the wrong shape, naming the place', () => {
    fails('questions: [', /small.yaml: not valid YAML/);
    fails(smallTree((y) => y.replace('version: "2.0.0"', 'version: 2')), /small.yaml at version: expected a string, found number 2/);
    fails(smallTree((y) => y.replace('name: Small tree\n', '')), /at name: expected a string, found nothing/);
    fails(smallTree((y) => y.replace('    question: Second?\n', '')), /at questions\[1\].question: expected a string/);
    fails(smallTree((y) => y.replace('nextQuestionId: "1.2"', 'nextQuestionID: "1.2"')), /at questions\[0\].answers\[0\]: unknown key "nextQuestionID"/);
    fails(
      smallTree((y) => y.replace('        nextConclusionId: "9.1"\n  - questionId', '        nextConclusionId: "9.1"\n        nextQuestionId: "1.2"\n  - questionId')),
      /at questions\[0\].answers\[1\]: needs exactly one of nextQuestionId, nextConclusionId, redirects; found nextQuestionId, nextConclusionId/,
    );
    fails(smallTree((y) => y.replace(/answers:\n      - answer: Verder[\s\S]*?conclusions:/, 'answers: []\nconclusions:')), /at questions\[1\].answers: expected at least 1 item\(s\), found 0/);
    fails(
      smallTree((y) => y.replace(`          - if: '!("x" in labels)'\n            nextConclusionId: "9.1"\n`, '')),
      /at questions\[1\].answers\[0\].redirects: expected at least 2 item\(s\)/,
    );
    fails(smallTree((y) => y.replace('  - questionId: "1.2"', '  - questionId: "1.1"')), /at questions\[1\]: questionId "1.1" is used twice/);
  });

  it('rejects what the schema cannot see: missing targets, bad or unknown conditions, loops to the start', () => {
    fails(smallTree((y) => y.replace('nextQuestionId: "1.2"', 'nextQuestionId: "1.3"')), /at questions\[0\].answers\[0\]: leads to question "1.3", which does not exist/);
    fails(smallTree((y) => y.replace('nextConclusionId: "9.2"', 'nextConclusionId: "9.9"')), /redirects\[0\]: leads to conclusion "9.9", which does not exist/);
    fails(smallTree((y) => y.replace(`'"x" in labels'`, `'"x" in labels &&'`)), /redirects\[0\].if: Expected a "label" in labels, "!" or "\(", found the end/);
    fails(smallTree((y) => y.replace(`'"x" in labels'`, `'"y" in labels'`)), /redirects\[0\].if: names label "y", which no answer gives/);
    fails(smallTree((y) => y.replace('nextConclusionId: "9.2"', 'nextQuestionId: "1.1"')), /leads back to the first question "1.1"/);
  });

  it('rejects labels given by a question without a label group', () => {
    const categories = CATEGORIES.replace('questionId: "1"', 'questionId: "2"');
    assert.throws(() => parseDecisionTree(smallTree(), categories, 'small.yaml'), /question "1.1" has no label group in categories.yaml/);
  });
});
