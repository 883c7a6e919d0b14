import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { PUBLICATION_DUTY_REQUIREMENT, applicableRequirements, requirementsDiff } from '../../src/compliance/applicable-requirements.ts';
import { replay } from '../../src/compliance/classification.ts';
import { loadDecisionTree, parseDecisionTree } from '../../src/compliance/decision-tree.ts';
import { DUTY_QUESTIONS } from '../../src/compliance/duty-questions.ts';
import { assessDuty } from '../../src/compliance/publication-duty.ts';
import { checkTreeLabels, loadLabelTags } from '../../src/compliance/label-tags.ts';
import {
  DEFAULT_REQUIREMENTS_PATH,
  loadRequirementsCatalogue,
  parseRequirementsCatalogue,
} from '../../src/compliance/requirements-catalogue.ts';

const tree = loadDecisionTree();
const catalogue = loadRequirementsCatalogue();
const labelTags = loadLabelTags();
const rawRequirements = JSON.parse(readFileSync(DEFAULT_REQUIREMENTS_PATH, 'utf8')) as Record<string, unknown>[];

const [SCOPE, HIGH_RISK, LEGAL, CLASSIFIES, JUDGED] = DUTY_QUESTIONS.map((q) => q.id);
const inUse = { status: 'In gebruik' };
const dutyA = assessDuty({ [SCOPE]: 'yes', [HIGH_RISK]: 'yes' }, inUse);
const dutyB = assessDuty({ [SCOPE]: 'yes', [HIGH_RISK]: 'no', [LEGAL]: 'yes' }, inUse);
const dutyC = assessDuty({ [SCOPE]: 'yes', [HIGH_RISK]: 'no', [LEGAL]: 'no', [CLASSIFIES]: 'no', [JUDGED]: 'no' }, inUse);

function profile(answers: [string, string][]) {
  const session = replay(tree, answers.map(([questionId, answer]) => ({ questionId, answer })));
  assert.equal(session.position.kind, 'conclusion');
  return session.position.kind === 'conclusion' ? session.position.profile : assert.fail();
}

const START: [string, string][] = [['1.1', 'Ja']];
const AI_SYSTEM_IN_USE: [string, string][] = [['1.3', 'In gebruik'], ['1.4.1', 'Ja, het is een AI-systeem'], ['1.5', 'Nee'], ['2.0', 'Naar risicogroep bepaling'], ['2.1', 'Nee'], ['2.3', 'Geen van beide']];

const highRiskProvider = profile([...START, ['1.2', 'We ontwikkelen enkel'], ...AI_SYSTEM_IN_USE, ['2.4', 'Ja'], ['2.7.2', 'Nee'], ['2.5', 'Ja'], ['2.9', 'Nee']]);
const deployerNotHighRisk = profile([
  ...START,
  ['1.2', 'We gebruiken een extern ontwikkelde toepassing zonder aanpassingen'],
  ...AI_SYSTEM_IN_USE,
  ['2.4', 'Nee'],
  ['2.11', 'Nee'],
  ['2.9', 'Nee'],
]);
const deployerHighRisk = profile([
  ...START,
  ['1.2', 'We gebruiken een extern ontwikkelde toepassing zonder aanpassingen'],
  ...AI_SYSTEM_IN_USE,
  ['2.4', 'Ja'],
  ['2.7.2', 'Nee'],
  ['2.5', 'Ja'],
  ['2.9', 'Nee'],
]);
const gpaiSystemicProvider = profile([
  ...START,
  ['1.2', 'We ontwikkelen enkel'],
  ['1.3', 'In gebruik'],
  ['1.4.1', 'Nee, het is geen AI-systeem'],
  ['1.4.2', 'AI-model voor algemene doeleinden'],
  ['1.5', 'Nee'],
  ['2.0', 'Naar risicogroep bepaling'],
  ['2.8', 'Ja'],
]);
const notAi = profile([...START, ['1.2', 'We ontwikkelen en gebruiken het zelf'], ['1.3', 'In gebruik'], ['1.4.1', 'Nee, het is geen AI-systeem'], ['1.4.2', 'Geen van bovenstaande']]);

const codes = (requirements: { file: string }[]) => requirements.map((r) => r.file.split('-').slice(0, 2).join('-'));
const aiAct = (requirements: { file: string; source: string }[]) => codes(requirements.filter((r) => r.source === 'aia'));
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `aia-${String(from + i).padStart(2, '0')}`);
/** The 22 requirements from other laws than the AI Act, bzk-01 left out (it follows the duty). */
const OTHER_LAWS = codes(catalogue.requirements.filter((r) => r.source !== 'aia' && r.id !== PUBLICATION_DUTY_REQUIREMENT));

describe('the requirements catalogue', () => {
  it('loads the 63 requirements, 40 of them from the AI Act, with their exceptions parsed', () => {
    assert.equal(catalogue.requirements.length, 63);
    assert.equal(catalogue.requirements.filter((r) => r.source === 'aia').length, 40);
    assert.equal(catalogue.requirements.filter((r) => r.exceptions.length > 0).length, 39);
    assert.equal(OTHER_LAWS.length, 22);
    assert.ok(catalogue.requirements.some((r) => r.id === PUBLICATION_DUTY_REQUIREMENT));
  });

  it('knows every label the tree gives', () => {
    assert.doesNotThrow(() => checkTreeLabels(tree, labelTags));
    const yaml = readFileSync(new URL('../../src/compliance/data/decision-tree.yaml', import.meta.url), 'utf8').replace('- "open-source"', '- "open source"');
    const categories = readFileSync(new URL('../../src/compliance/data/categories.yaml', import.meta.url), 'utf8');
    const renamed = parseDecisionTree(yaml.replaceAll('"open-source" in labels', '"open source" in labels'), categories);
    assert.throws(() => checkTreeLabels(renamed, labelTags), /question "2.11": label "open source" of group "Open source" is not in the label tags/);
  });

  function rejects(change: (r: Record<string, unknown>) => void, message: RegExp) {
    const data = structuredClone(rawRequirements);
    change(data[1]);
    assert.throws(() => parseRequirementsCatalogue(data, labelTags, 'requirements.json'), message);
  }

  it('rejects unknown tags, keys and exception syntax instead of ignoring them', () => {
    rejects((r) => (r.risicogroep = ['hoog-risico-ai']), /requirements.json at \[1\].risicogroep\[0\]: unknown tag value "hoog-risico-ai"/);
    rejects((r) => (r['rol-ai-act'] = []), /\[1\].rol-ai-act: expected at least 1 item/);
    rejects((r) => delete r.systeemrisico, /\[1\].systeemrisico: expected a list, found nothing/);
    rejects((r) => (r.doelgroep = ['burgers']), /\[1\]: unknown key "doelgroep"/);
    rejects((r) => (r.uitzondering = ['risicogroep-uitzondering']), /\[1\].uitzondering\[0\]: unknown tag "risicogroep-uitzondering"/);
    rejects((r) => (r.uitzondering = ['"a" || "b" && "c"']), /\[1\].uitzondering\[0\]: Use parentheses to combine/);
    rejects((r) => (r.uitzondering = ['risicogroep-uitzondering-van-toepassing &&']), /\[1\].uitzondering\[0\]: Expected a tag or "\(", found the end/);
    rejects((r) => (r.id = 'aia-01'), /\[1\].id: "aia-01" is not a requirement URN/);
    rejects((r) => (r.id = rawRequirements[0].id), /\[1\]: id "urn:nl:ak:ver:aia-00" is used twice/);
  });
});

describe('applicable requirements', () => {
  it('a provider of a high-risk AI system: the provider duties of a high-risk system, bzk-01 with duty A', (t) => {
    const applies = applicableRequirements(catalogue, { profile: highRiskProvider, duty: dutyA });
    t.diagnostic(`${applies.length}: ${codes(applies).join(' ')}`);
    assert.deepEqual(aiAct(applies), ['aia-01', ...range(3, 19), 'aia-33', 'aia-34', 'aia-35', 'aia-36', 'aia-37', 'aia-38']);
    assert.ok(codes(applies).includes('bzk-01'));
    for (const other of OTHER_LAWS) assert.ok(codes(applies).includes(other), other);
    // Not the deployer's duties, no transparency duty, not a prohibited or non-high-risk or model requirement.
    for (const absent of [...range(20, 28), 'aia-00', 'aia-02', 'aia-29', 'aia-30', 'aia-39']) assert.ok(!codes(applies).includes(absent), absent);
  });

  it('a deployer of a non-high-risk AI system: only AI literacy, the test environment and reporting breaches from the AI Act', () => {
    const applies = applicableRequirements(catalogue, { profile: deployerNotHighRisk, duty: dutyB });
    assert.deepEqual(aiAct(applies), ['aia-01', 'aia-33', 'aia-36']);
    assert.deepEqual(codes(applies.filter((r) => r.source !== 'aia')).sort(), [...OTHER_LAWS, 'bzk-01'].sort());
  });

  it('a provider of a general-purpose AI model with systemic risk: the model duties, not the ban on prohibited practices', () => {
    const applies = applicableRequirements(catalogue, { profile: gpaiSystemicProvider, duty: dutyC });
    assert.deepEqual(aiAct(applies), ['aia-01', 'aia-29', 'aia-30', 'aia-31', 'aia-32', 'aia-33', 'aia-36', 'aia-37', 'aia-39']);
    // Other laws still apply to a model; with category C there is no duty, so no bzk-01.
    assert.deepEqual(codes(applies.filter((r) => r.source !== 'aia')).sort(), [...OTHER_LAWS].sort());
  });

  it('a non-AI impactful algorithm: bzk-01 and the other laws, no AI Act requirement', () => {
    assert.equal(notAi.conclusionId, '11.1');
    const applies = applicableRequirements(catalogue, { profile: notAi, duty: dutyB });
    assert.deepEqual(aiAct(applies), []);
    assert.ok(codes(applies).includes('bzk-01'));
    assert.deepEqual(codes(applies).sort(), [...OTHER_LAWS, 'bzk-01'].sort());
  });

  it('bzk-01 follows the publication duty, including its deferral by status', () => {
    const has = (duty: { dutyApplies: boolean }) => codes(applicableRequirements(catalogue, { profile: notAi, duty })).includes('bzk-01');
    assert.equal(has(dutyA), true);
    assert.equal(has(dutyB), true);
    assert.equal(has(dutyC), false);
    assert.equal(has(assessDuty({ [SCOPE]: 'no' }, inUse)), false);
    assert.equal(has(assessDuty({ [SCOPE]: 'yes', [HIGH_RISK]: 'no', [LEGAL]: 'yes' }, { status: 'In ontwikkeling' })), false);
  });

  it('the AI Act exceptions remove every AI Act requirement from an exempted or open-source system (11.2)', () => {
    const exempted = profile([...START, ['1.2', 'We ontwikkelen enkel'], ['1.3', 'In gebruik'], ['1.4.1', 'Ja, het is een AI-systeem'], ['1.5', 'Ja']]);
    const openSource = profile([
      ...START,
      ['1.2', 'We ontwikkelen en gebruiken het zelf'],
      ...AI_SYSTEM_IN_USE,
      ['2.4', 'Nee'],
      ['2.11', 'Ja'],
      ['2.9', 'Nee'],
    ]);
    for (const p of [exempted, openSource]) {
      assert.equal(p.conclusionId, '11.2');
      const applies = applicableRequirements(catalogue, { profile: p, duty: dutyC });
      assert.deepEqual(aiAct(applies), []);
      assert.deepEqual(codes(applies).sort(), [...OTHER_LAWS].sort());
    }
  });

  it('something that is no algorithm gets no requirement, unless the duty says otherwise', () => {
    const none = profile([['1.1', 'Nee']]);
    assert.deepEqual(applicableRequirements(catalogue, { profile: none, duty: dutyC }), []);
    assert.deepEqual(codes(applicableRequirements(catalogue, { profile: none, duty: dutyB })), ['bzk-01']);
  });

  it('rejects a profile with a label the label tags do not know', () => {
    const odd = { ...notAi, groups: { ...notAi.groups, Risicogroep: ['laag risico'] } };
    assert.throws(() => applicableRequirements(catalogue, { profile: odd, duty: dutyB }), /Label "laag risico" of group "Risicogroep" is not in the label tags/);
  });
});

describe('requirements diff', () => {
  it('tells what a changed profile adds and removes', () => {
    const before = applicableRequirements(catalogue, { profile: deployerNotHighRisk, duty: dutyB });
    const after = applicableRequirements(catalogue, { profile: deployerHighRisk, duty: dutyA });
    const diff = requirementsDiff(before, after);
    assert.deepEqual(codes(diff.added), range(20, 27));
    assert.deepEqual(diff.removed, []);
    assert.equal(diff.unchanged.length, before.length);
  });

  it('tells what leaving the AI Act and losing the duty remove', () => {
    const before = applicableRequirements(catalogue, { profile: highRiskProvider, duty: dutyA });
    const after = applicableRequirements(catalogue, { profile: notAi, duty: dutyC });
    const diff = requirementsDiff(before, after);
    assert.deepEqual(diff.added, []);
    assert.deepEqual(codes(diff.removed), [...aiAct(before), 'bzk-01']);
    assert.deepEqual(codes(diff.unchanged).sort(), [...OTHER_LAWS].sort());
  });
});
