import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AnswerError, answer, back, madeWithOtherTree, replay, startSession, type Session } from '../../src/compliance/classification.ts';
import { loadDecisionTree, parseDecisionTree } from '../../src/compliance/decision-tree.ts';

const tree = loadDecisionTree();

/** Answers by question id and answer text, as a person clicks through the decision aid. */
function classify(answers: [string, string][]): Session {
  return replay(tree, answers.map(([questionId, text]) => ({ questionId, answer: text })));
}

function profileOf(session: Session) {
  assert.equal(session.position.kind, 'conclusion', 'expected the classification to end');
  return session.position.kind === 'conclusion' ? session.position.profile : assert.fail();
}

const UNDECIDED = { Operationeel: [], Conformiteitsbeoordelingsinstantie: [], Systeemrisico: [], 'Open source': [] };

describe('AI Act classification: golden paths', () => {
  it('a provider of a high-risk AI system (Annex III, profiling) without transparency duty: 12.0.2', () => {
    const profile = profileOf(
      classify([
        ['1.1', 'Ja'],
        ['1.2', 'We ontwikkelen enkel'],
        ['1.3', 'In gebruik'],
        ['1.4.1', 'Ja, het is een AI-systeem'],
        ['1.5', 'Nee'],
        ['2.0', 'Naar risicogroep bepaling'],
        ['2.1', 'Nee'],
        ['2.3', 'Geen van beide'],
        ['2.4', 'Ja'],
        ['2.7.2', 'Nee'],
        ['2.5', 'Ja'],
        ['2.9', 'Nee'],
      ]),
    );
    assert.equal(profile.conclusionId, '12.0.2');
    assert.match(profile.conclusion, /aanbieder van een hoog-risico AI-systeem\./);
    assert.equal(profile.treeVersion, '1.0.0');
    assert.equal(profile.treeName, 'Beslishulp AI-verordening');
    assert.deepEqual(profile.groups, {
      ...UNDECIDED,
      'Soort toepassing': ['AI-systeem'],
      Verantwoordelijkheid: ['aanbieder'],
      Operationeel: ['in gebruik'],
      Risicogroep: ['hoog-risico AI'],
      Conformiteitsbeoordelingsinstantie: ['niet van toepassing'],
      Transparantieverplichting: ['geen transparantieverplichting'],
    });
    assert.deepEqual(profile.labels, ['aanbieder', 'in gebruik', 'AI-systeem', 'niet van toepassing', 'hoog-risico AI', 'geen transparantieverplichting']);
    assert.equal(profile.answers.length, 12);
    assert.deepEqual(profile.answers[1], { questionId: '1.2', answerIndex: 0, answer: 'We ontwikkelen enkel' });
  });

  it('a deployer of a non-high-risk AI system, closed source, no transparency duty: 13.0.4 (via 2.11, then back to 2.9)', () => {
    const profile = profileOf(
      classify([
        ['1.1', 'Ja'],
        ['1.2', 'We gebruiken een extern ontwikkelde toepassing zonder aanpassingen'],
        ['1.3', 'In gebruik'],
        ['1.4.1', 'Ja, het is een AI-systeem'],
        ['1.5', 'Nee'],
        ['2.0', 'Naar risicogroep bepaling'],
        ['2.1', 'Nee'],
        ['2.3', 'Geen van beide'],
        ['2.4', 'Nee'],
        ['2.11', 'Nee'],
        ['2.9', 'Nee'],
      ]),
    );
    assert.equal(profile.conclusionId, '13.0.4');
    assert.deepEqual(profile.groups, {
      ...UNDECIDED,
      'Soort toepassing': ['AI-systeem'],
      Verantwoordelijkheid: ['gebruiksverantwoordelijke'],
      Operationeel: ['in gebruik'],
      Risicogroep: ['geen hoog-risico AI'],
      Transparantieverplichting: ['geen transparantieverplichting'],
      'Open source': ['geen open-source'],
    });
  });

  it('a provider of a general-purpose AI model with systemic risk: 12.2.1', () => {
    const profile = profileOf(
      classify([
        ['1.1', 'Ja'],
        ['1.2', 'We ontwikkelen enkel'],
        ['1.3', 'In ontwikkeling'],
        ['1.4.1', 'Nee, het is geen AI-systeem'],
        ['1.4.2', 'AI-model voor algemene doeleinden'],
        ['1.5', 'Nee'],
        ['2.0', 'Naar risicogroep bepaling'],
        ['2.8', 'Ja'],
      ]),
    );
    assert.equal(profile.conclusionId, '12.2.1');
    assert.deepEqual(profile.groups, {
      ...UNDECIDED,
      'Soort toepassing': ['AI-model voor algemene doeleinden'],
      Verantwoordelijkheid: ['aanbieder'],
      Operationeel: ['in ontwikkeling'],
      Risicogroep: [],
      Systeemrisico: ['systeemrisico'],
      Transparantieverplichting: [],
    });
  });

  it('an open-source AI system that is not high-risk and has no transparency duty falls outside the AI Act: 11.2', () => {
    const profile = profileOf(
      classify([
        ['1.1', 'Ja'],
        ['1.2', 'We ontwikkelen en gebruiken het zelf'],
        ['1.3', 'In gebruik'],
        ['1.4.1', 'Ja, het is een AI-systeem'],
        ['1.5', 'Nee'],
        ['2.0', 'Naar risicogroep bepaling'],
        ['2.1', 'Nee'],
        ['2.3', 'Geen van beide'],
        ['2.4', 'Nee'],
        ['2.11', 'Ja'],
        ['2.9', 'Nee'],
      ]),
    );
    assert.equal(profile.conclusionId, '11.2');
    assert.deepEqual(profile.groups['Open source'], ['open-source']);
    assert.deepEqual(profile.groups.Verantwoordelijkheid, ['aanbieder', 'gebruiksverantwoordelijke']);
  });

  it('a rule-based algorithm that is no AI system: 11.1, through the "I do not know" questions', () => {
    const profile = profileOf(
      classify([
        ['1.1', 'Ja'],
        ['1.2', 'We ontwikkelen en gebruiken het zelf'],
        ['1.3', 'In gebruik'],
        ['1.4.1', 'Ik weet het niet'],
        ['1.6.1', 'Ja'],
      ]),
    );
    assert.equal(profile.conclusionId, '11.1');
    assert.deepEqual(profile.groups['Soort toepassing'], []);
  });

  it('a prohibited AI system used by its own developer: 14.0.0', () => {
    const profile = profileOf(
      classify([
        ['1.1', 'Ja'],
        ['1.2', 'We ontwikkelen en gebruiken het zelf'],
        ['1.3', 'In gebruik'],
        ['1.4.1', 'Ja, het is een AI-systeem'],
        ['1.5', 'Nee'],
        ['2.0', 'Naar risicogroep bepaling'],
        ['2.1', 'Ja'],
        ['2.2', 'Nee'],
      ]),
    );
    assert.equal(profile.conclusionId, '14.0.0');
    assert.deepEqual(profile.groups.Risicogroep, ['verboden AI']);
  });
});

describe('AI Act classification: sessions', () => {
  it('starts at the first question and takes answers by index or by text', () => {
    const start = startSession(tree);
    assert.equal(start.position.kind === 'question' && start.position.question.id, '1.1');
    const byIndex = answer(start, '1.1', 0);
    const byText = answer(start, '1.1', 'Ja');
    assert.equal(byIndex.position.kind === 'question' && byIndex.position.question.id, '1.2');
    assert.deepEqual(byIndex.steps, byText.steps);
    assert.equal(start.steps.length, 0, 'a session is a value: answering does not change it');
  });

  it('keeps the note an answer carries', () => {
    const session = answer(answer(startSession(tree), '1.1', 'Ja'), '1.2', 'We hebben opdracht gegeven om de toepassing te ontwikkelen');
    assert.match(session.steps[1].subresult ?? '', /Tenzij het duidelijk is/);
  });

  it('refuses an answer to another question than the current one, an unknown answer, or after the end', () => {
    const start = startSession(tree);
    assert.throws(() => answer(start, '1.2', 0), (e: unknown) => e instanceof AnswerError && /current question is "1.1"/.test(e.message));
    assert.throws(() => answer(start, '1.1', 2), /has answers 0 to 1; 2 is not one of them/);
    assert.throws(() => answer(start, '1.1', 0.5), AnswerError);
    assert.throws(() => answer(start, '1.1', 'Misschien'), /has no answer "Misschien"; its answers are "Ja", "Nee"/);
    const ended = answer(start, '1.1', 'Nee');
    assert.equal(ended.position.kind === 'conclusion' && ended.position.conclusion.id, '11.0');
    assert.throws(() => answer(ended, '1.1', 'Ja'), /has ended at conclusion "11.0"/);
  });

  it('goes back one answer, taking that answer\'s labels with it', () => {
    const atRole = answer(startSession(tree), '1.1', 'Ja');
    const afterRole = answer(atRole, '1.2', 'We ontwikkelen enkel');
    const backed = back(afterRole);
    assert.equal(backed.position.kind === 'question' && backed.position.question.id, '1.2');
    const other = answer(backed, '1.2', 'We importeren van een leverancier buiten de EU');
    assert.deepEqual(other.steps.flatMap((s) => s.labels), ['importeur']);
    assert.equal(back(startSession(tree)).steps.length, 0);
  });

  it('reports a redirect with no true condition as an error instead of staying put', () => {
    const yaml = `
version: "x"
name: Dead end
questions:
  - questionId: "1.1"
    question: Q
    explanation: ""
    category: c
    subcategory: s
    answers:
      - answer: A
        labels: ["a"]
        nextQuestionId: "1.2"
      - answer: B
        nextQuestionId: "1.2"
  - questionId: "1.2"
    question: Q2
    explanation: ""
    category: c
    subcategory: s
    answers:
      - answer: Verder
        redirects:
          - if: '"a" in labels'
            nextConclusionId: "9"
          - if: '"a" in labels && "a" in labels'
            nextConclusionId: "9"
conclusions:
  - conclusionId: "9"
    conclusion: End
    obligation: ""
`;
    const small = parseDecisionTree(yaml, '- questionId: "1"\n  category: c\n  subcategory: Group\n');
    const stuck = answer(startSession(small), '1.1', 'B');
    assert.throws(() => answer(stuck, '1.2', 'Verder'), /answer "Verder" to question "1.2" leads nowhere: none of its conditions holds for labels \[\]/);
  });

  it('tells when a stored profile was made with another tree', () => {
    assert.equal(madeWithOtherTree({ treeName: tree.name, treeVersion: tree.version }, tree), false);
    assert.equal(madeWithOtherTree({ treeName: tree.name, treeVersion: '0.9.0' }, tree), true);
  });
});
