import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { replay } from '../../src/compliance/classification.ts';
import { loadDecisionTree, parseDecisionTree } from '../../src/compliance/decision-tree.ts';
import { isSound, onePathPerConclusion, walk, type WalkPath } from '../../src/compliance/tree-walk.ts';

const tree = loadDecisionTree();
const report = walk(tree);

const AI = 'AI-systeem';
const GPAI_SYSTEM = 'AI-systeem voor algemene doeleinden';
const GPAI_MODEL = 'AI-model voor algemene doeleinden';
const PROVIDER = 'aanbieder';
const DEPLOYER = 'gebruiksverantwoordelijke';

/** Per label group, the label lists a conclusion allows (a group not named may hold anything). */
type Expectation = Record<string, string[][]>;

/**
 * What each conclusion says, read from the conclusion texts of tree 1.0.0 and the way their ids are numbered:
 * 12 provider, 13 deployer, 14 both, 15 importer, 16 distributor; then 0 an AI system, 1 a general-purpose AI
 * system, 2 a general-purpose AI model; then 0 prohibited, 1 high-risk with and 2 without transparency duty,
 * 3 not high-risk with and 4 without (importers and distributors: 1 high-risk, 3 not).
 */
function expectationFor(id: string): Expectation {
  const fixed: Record<string, Expectation> = {
    // No algorithm at all.
    '11.0': { 'Soort toepassing': [['geen algoritme']], Verantwoordelijkheid: [[]], Risicogroep: [[]] },
    // An algorithm, but neither an AI system nor an AI model.
    '11.1': { 'Soort toepassing': [[]], Risicogroep: [[]] },
    // Outside the AI Act: the exception ground of 1.5, or an open-source system that is not high-risk without transparency duty.
    '11.2': { Risicogroep: [['uitzondering van toepassing'], ['geen hoog-risico AI']] },
    // None of provider, deployer, importer or distributor.
    '11.3': { Verantwoordelijkheid: [[]], 'Soort toepassing': [[]] },
  };
  if (fixed[id]) return fixed[id];
  const [who, what, which] = id.split('.');
  const roles: Record<string, string[]> = { '12': [PROVIDER], '13': [DEPLOYER], '14': [PROVIDER, DEPLOYER], '15': ['importeur'], '16': ['distributeur'] };
  const expectation: Expectation = { Verantwoordelijkheid: [roles[who]] };
  if (what === '2') {
    expectation['Soort toepassing'] = [[GPAI_MODEL]];
    expectation.Risicogroep = [[]];
    if (who === '15' || who === '16') return expectation;
    const models: Record<string, Expectation> = {
      '1': { Systeemrisico: who === '13' ? [['systeemrisico'], ['geen systeemrisico']] : [['systeemrisico']] },
      '2': { Systeemrisico: [['geen systeemrisico']], 'Open source': [['open-source']] },
      '3': { Systeemrisico: [['geen systeemrisico']], 'Open source': [['geen open-source']] },
    };
    return { ...expectation, ...models[which] };
  }
  expectation['Soort toepassing'] = which === '0' ? [[AI], [GPAI_SYSTEM]] : [[what === '0' ? AI : GPAI_SYSTEM]];
  const highRisk = which === '1' || which === '2';
  expectation.Risicogroep = [[which === '0' ? 'verboden AI' : highRisk ? 'hoog-risico AI' : 'geen hoog-risico AI']];
  if (which !== '0' && who !== '15' && who !== '16') {
    const duty = which === '1' || which === '3';
    expectation.Transparantieverplichting = [[duty ? 'transparantieverplichting' : 'geen transparantieverplichting']];
  }
  return expectation;
}

function mismatches(path: WalkPath): string[] {
  return Object.entries(expectationFor(path.conclusionId))
    .filter(([group, allowed]) => !allowed.some((labels) => JSON.stringify(labels) === JSON.stringify(path.profile.groups[group])))
    .map(([group]) => group);
}

describe('exhaustive walk of the decision tree', () => {
  it('reaches every question and conclusion from the start, with no dead end and no cycle', (t) => {
    t.diagnostic(
      `tree ${report.treeName} ${report.treeVersion}: ${report.questionCount} questions, ${report.conclusionCount} conclusions, ` +
        `${report.paths.length} paths of ${report.shortestPath} to ${report.longestPath} questions, ` +
        `${report.redirectsNeverTaken.length} redirects never taken`,
    );
    assert.deepEqual(report.deadEnds, []);
    assert.deepEqual(report.cycles, []);
    assert.deepEqual(report.unreachedQuestions, []);
    assert.deepEqual(report.unreachedConclusions, []);
    assert.ok(isSound(report));
    assert.equal(report.questionCount, 22);
    assert.equal(report.conclusionCount, 50);
    assert.equal(report.paths.length, 3140);
    assert.equal(report.shortestPath, 1);
    assert.equal(report.longestPath, 19);
  });

  it('finds the redirects that can never win because an earlier one always matches first', (t) => {
    t.diagnostic(report.redirectsNeverTaken.map((r) => `${r.questionId}/${r.answerIndex}#${r.redirectIndex}`).join(' '));
    assert.equal(report.redirectsNeverTaken.length, 16);
    // The README's example: at 1.5 "Nee", the GPAI-model-and-deployer redirect is shadowed by the first.
    assert.ok(report.redirectsNeverTaken.some((r) => r.questionId === '1.5' && r.answerIndex === 1 && r.redirectIndex === 1));
  });

  it('counts paths per conclusion', (t) => {
    const counts = new Map<string, number>();
    for (const path of report.paths) counts.set(path.conclusionId, (counts.get(path.conclusionId) ?? 0) + 1);
    t.diagnostic([...counts].map(([id, n]) => `${id}:${n}`).join(' '));
    assert.equal(counts.size, 50);
    assert.equal([...counts.values()].reduce((a, b) => a + b, 0), report.paths.length);
  });

  it('ends every path with the profile its conclusion states (except the importer/distributor shortcut of 2.2)', (t) => {
    // Tree 1.0.0 sends an importer or distributor whose prohibited-practice exception applies (2.2 "Ja")
    // straight to the "high-risk" conclusions, without the answer that gives "hoog-risico AI": on those paths
    // the risk group stays undecided. Recorded here, so a newer tree that fixes it shows up.
    const shortcut = new Set(['15.0.1', '15.1.1', '16.0.1', '16.1.1']);
    let shortcuts = 0;
    for (const path of report.paths) {
      const wrong = mismatches(path);
      if (wrong.length === 0) continue;
      const viaShortcut =
        shortcut.has(path.conclusionId) &&
        wrong.join() === 'Risicogroep' &&
        path.profile.groups.Risicogroep.length === 0 &&
        path.answers.some((a) => a.questionId === '2.2' && a.answer === 'Ja');
      assert.ok(viaShortcut, `path to ${path.conclusionId} (${path.answers.map((a) => `${a.questionId}=${a.answer}`).join(', ')}): ${wrong.join(', ')} is ${JSON.stringify(wrong.map((g) => path.profile.groups[g]))}`);
      shortcuts++;
    }
    t.diagnostic(`${report.paths.length - shortcuts} paths match their conclusion; ${shortcuts} take the 2.2 shortcut`);
    assert.ok(shortcuts > 0);
  });

  it('agrees with the conclusion texts on role, risk group and transparency duty', () => {
    for (const conclusion of tree.conclusions.values()) {
      const expected = expectationFor(conclusion.id);
      const text = conclusion.conclusion;
      for (const role of expected.Verantwoordelijkheid?.[0] ?? []) assert.ok(text.includes(role), `${conclusion.id} names ${role}`);
      const risk = expected.Risicogroep?.[0]?.[0];
      if (risk === 'verboden AI') assert.match(text, /verboden AI-systeem/, conclusion.id);
      if (risk === 'hoog-risico AI') assert.match(text, /(?<!niet-)hoog[- ]risico/, conclusion.id);
      if (risk === 'geen hoog-risico AI') assert.match(text, /niet-hoog-risico/, conclusion.id);
      const duty = expected.Transparantieverplichting?.[0]?.[0];
      if (duty !== undefined) assert.equal(/met transparantieverplicht/.test(text), duty === 'transparantieverplichting', conclusion.id);
      if (expected['Soort toepassing']?.[0]?.[0] === GPAI_MODEL) assert.match(text, /AI-model voor algemene doeleinden/, conclusion.id);
      if (expected.Systeemrisico?.length === 1 && expected.Systeemrisico[0][0] === 'systeemrisico') assert.match(text, /systeemrisico/, conclusion.id);
    }
  });

  it('replays one path to every conclusion as a session and ends with the same profile', (t) => {
    const examples = onePathPerConclusion(report);
    assert.equal(examples.size, 50);
    for (const [conclusionId, path] of examples) {
      const session = replay(tree, path.answers.map((a) => ({ questionId: a.questionId, answer: a.answer })));
      assert.equal(session.position.kind, 'conclusion');
      if (session.position.kind !== 'conclusion') continue;
      assert.equal(session.position.conclusion.id, conclusionId);
      assert.deepEqual(session.position.profile, path.profile);
      assert.equal(session.position.profile.treeVersion, '1.0.0');
    }
    t.diagnostic(`replayed ${examples.size} example paths, one per conclusion`);
  });
});

describe('the walk finds defects in a broken tree', () => {
  const categories = '- questionId: "1"\n  category: c\n  subcategory: Group\n';
  const question = (id: string, answers: string) => `
  - questionId: "${id}"
    question: Q${id}
    explanation: ""
    category: c
    subcategory: s
    answers:${answers}`;
  const conclusions = (...ids: string[]) => `conclusions:${ids.map((id) => `\n  - conclusionId: "${id}"\n    conclusion: C${id}\n    obligation: ""`).join('')}`;

  it('reports a dead end, a cycle and what is never reached', () => {
    const yaml = `version: "broken"
name: Broken
questions:${question('1.1', `
      - answer: A
        labels: ["a"]
        nextQuestionId: "1.2"
      - answer: B
        nextQuestionId: "1.2"`)}${question('1.2', `
      - answer: Verder
        redirects:
          - if: '"a" in labels'
            nextQuestionId: "1.3"
          - if: '"a" in labels && "a" in labels'
            nextConclusionId: "9.2"`)}${question('1.3', `
      - answer: Terug
        nextQuestionId: "1.2"
      - answer: Klaar
        nextConclusionId: "9.1"`)}${question('1.4', `
      - answer: Nooit
        nextConclusionId: "9.1"`)}
${conclusions('9.1', '9.2', '9.3')}`;
    const broken = walk(parseDecisionTree(yaml, categories));
    assert.equal(isSound(broken), false);
    assert.deepEqual(broken.deadEnds.map((d) => [d.questionId, d.answerIndex, d.labels]), [['1.2', 0, []]]);
    assert.deepEqual(broken.cycles.map((c) => [c.questionId, c.answers.map((a) => a.answer)]), [['1.2', ['A', 'Verder', 'Terug']]]);
    assert.deepEqual(broken.unreachedQuestions, ['1.4']);
    assert.deepEqual(broken.unreachedConclusions, ['9.2', '9.3']);
    assert.deepEqual(broken.redirectsNeverTaken.map((r) => r.redirectIndex), [1]);
    assert.equal(broken.paths.length, 1);
  });

  it('stops a walk whose paths multiply beyond the limit', () => {
    const yaml = `version: "wide"
name: Wide
questions:${question('1.1', `
      - answer: A
        nextConclusionId: "9.1"
      - answer: B
        nextConclusionId: "9.1"
      - answer: C
        nextConclusionId: "9.1"`)}
${conclusions('9.1')}`;
    assert.throws(() => walk(parseDecisionTree(yaml, categories), 2), /more than 2 paths/);
  });
});
