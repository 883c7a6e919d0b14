import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DUTY_OUTCOMES, DUTY_QUESTIONS, DUTY_QUESTIONS_VERSION, type DutyAnswer } from '../../src/compliance/duty-questions.ts';
import { DutyAnswerError, assessDuty, nextDutyQuestion, reassessmentReasons } from '../../src/compliance/publication-duty.ts';
import { enumValues } from '../../src/compliance/standard-values.ts';

const IN_USE = { status: 'In gebruik', publication_category: 'Impactvolle algoritmes' };
const [SCOPE, HIGH_RISK, LEGAL, CLASSIFIES, JUDGED] = DUTY_QUESTIONS.map((q) => q.id);

const answers = (given: Partial<Record<string, DutyAnswer>>) => given as Record<string, DutyAnswer>;
const allNo = answers({ [SCOPE]: 'yes', [HIGH_RISK]: 'no', [LEGAL]: 'no', [CLASSIFIES]: 'no', [JUDGED]: 'no' });

describe('publication duty: outcomes', () => {
  it('a high-risk AI system must be published as A', () => {
    const result = assessDuty(answers({ [SCOPE]: 'yes', [HIGH_RISK]: 'yes' }), IN_USE);
    assert.equal(result.outcome, 'must-publish-a');
    assert.equal(result.publicationCategory, 'Hoog-risico AI-systeem');
    assert.equal(result.dutyApplies, true);
    assert.equal(result.byDoubt, false);
    assert.deepEqual(result.decidedBy, [HIGH_RISK]);
  });

  for (const impact of [LEGAL, CLASSIFIES, JUDGED]) {
    it(`an algorithm with "yes" to ${impact} must be published as B`, () => {
      const given = { ...allNo, [impact]: 'yes' as const };
      const result = assessDuty(given, IN_USE);
      assert.equal(result.outcome, 'must-publish-b');
      assert.equal(result.publicationCategory, 'Impactvolle algoritmes');
      assert.equal(result.dutyApplies, true);
      assert.deepEqual(result.decidedBy, [impact]);
      assert.equal(result.byDoubt, false);
    });
  }

  it('an algorithm with "no" to every question may be published as C', () => {
    const result = assessDuty(allNo, IN_USE);
    assert.equal(result.outcome, 'may-publish-c');
    assert.equal(result.publicationCategory, 'Overige algoritmes');
    assert.equal(result.dutyApplies, false);
    assert.deepEqual(result.decidedBy, [HIGH_RISK, LEGAL, CLASSIFIES, JUDGED]);
  });

  it('something that is no algorithm of the organisation is out of scope', () => {
    const result = assessDuty(answers({ [SCOPE]: 'no' }), IN_USE);
    assert.equal(result.outcome, 'out-of-scope');
    assert.equal(result.publicationCategory, null);
    assert.equal(result.dutyApplies, false);
  });

  it('suggests each publication_category of the standard, and only those', () => {
    const suggested = Object.values(DUTY_OUTCOMES).map((o) => o.publicationCategory).filter((c) => c !== null);
    assert.deepEqual(suggested.sort(), enumValues('publication_category').map((v) => v.value).sort());
  });
});

describe('publication duty: the doubt rule', () => {
  for (const doubtful of [HIGH_RISK, LEGAL, CLASSIFIES, JUDGED]) {
    it(`"not sure" on ${doubtful} counts as impactful: B`, () => {
      const result = assessDuty({ ...allNo, [doubtful]: 'unsure' }, IN_USE);
      assert.equal(result.outcome, 'must-publish-b');
      assert.equal(result.byDoubt, true);
      assert.deepEqual(result.decidedBy, [doubtful]);
      assert.equal(result.dutyApplies, true);
    });
  }

  it('a clear "yes" after a doubt decides on its own, not by doubt', () => {
    const result = assessDuty(answers({ [SCOPE]: 'yes', [HIGH_RISK]: 'no', [LEGAL]: 'unsure', [CLASSIFIES]: 'yes' }), IN_USE);
    assert.equal(result.outcome, 'must-publish-b');
    assert.equal(result.byDoubt, false);
    assert.deepEqual(result.decidedBy, [CLASSIFIES]);
  });

  it('doubt about the scope keeps the algorithm in scope', () => {
    assert.equal(assessDuty({ ...allNo, [SCOPE]: 'unsure' }, IN_USE).outcome, 'may-publish-c');
  });

  it('doubt on high risk ends the questionnaire at B: nothing after it can change that', () => {
    assert.equal(nextDutyQuestion(answers({ [SCOPE]: 'yes', [HIGH_RISK]: 'unsure' })), undefined);
    const result = assessDuty(answers({ [SCOPE]: 'yes', [HIGH_RISK]: 'unsure' }), IN_USE);
    assert.equal(result.outcome, 'must-publish-b');
    assert.equal(result.byDoubt, true);
  });
});

describe('publication duty: status and the questionnaire', () => {
  it('"in development" and "out of use" defer the duty but keep the category', () => {
    for (const status of ['In ontwikkeling', 'Buiten gebruik']) {
      const a = assessDuty(answers({ [SCOPE]: 'yes', [HIGH_RISK]: 'yes' }), { status });
      assert.equal(a.outcome, 'must-publish-a');
      assert.equal(a.publicationCategory, 'Hoog-risico AI-systeem');
      assert.equal(a.dutyApplies, false);
      assert.equal(a.deferredByStatus, status);
    }
    assert.equal(assessDuty(allNo, { status: 'In gebruik' }).deferredByStatus, null);
  });

  it('asks the questions in order and only while the outcome is open', () => {
    assert.equal(nextDutyQuestion({})?.id, SCOPE);
    assert.equal(nextDutyQuestion(answers({ [SCOPE]: 'yes' }))?.id, HIGH_RISK);
    assert.equal(nextDutyQuestion(answers({ [SCOPE]: 'yes', [HIGH_RISK]: 'no' }))?.id, LEGAL);
    assert.equal(nextDutyQuestion(answers({ [SCOPE]: 'yes', [HIGH_RISK]: 'no', [LEGAL]: 'yes' })), undefined);
    assert.equal(nextDutyQuestion(answers({ [SCOPE]: 'no' })), undefined);
    assert.equal(nextDutyQuestion(allNo), undefined);
  });

  it('has every question, help text and answer in Dutch and English', () => {
    for (const question of DUTY_QUESTIONS) {
      for (const text of [question.question, question.help]) {
        assert.ok(text.nl.length > 10 && text.en.length > 10 && text.nl !== text.en, question.id);
      }
    }
    for (const outcome of Object.values(DUTY_OUTCOMES)) assert.ok(outcome.label.nl && outcome.label.en);
  });

  it('refuses unknown questions, unknown answers, missing answers and an unknown status', () => {
    assert.throws(() => assessDuty(answers({ [SCOPE]: 'yes', [HIGH_RISK]: 'no' }), IN_USE), (e: unknown) => e instanceof DutyAnswerError && /Question "legal-effects" needs an answer/.test(e.message));
    assert.throws(() => assessDuty(answers({ nonsense: 'yes' }), IN_USE), /There is no question "nonsense"/);
    assert.throws(() => assessDuty({ [SCOPE]: 'maybe' as DutyAnswer }, IN_USE), /Answer "maybe" to "algorithm-in-scope" is not one of yes, no, unsure/);
    assert.throws(() => assessDuty(allNo, { status: 'Gepland' }), /status "Gepland" is not a status of the standard/);
    assert.throws(() => assessDuty(allNo, {}), /status undefined is not a status/);
  });
});

describe('publication duty: asking again', () => {
  const stored = assessDuty(answers({ [SCOPE]: 'yes', [HIGH_RISK]: 'no', [LEGAL]: 'yes' }), IN_USE);

  it('stores the answers, the questions version and the fields it rests on', () => {
    assert.deepEqual(stored.basis, { status: 'In gebruik', publication_category: 'Impactvolle algoritmes' });
    assert.equal(stored.questionsVersion, DUTY_QUESTIONS_VERSION);
    assert.deepEqual(stored.answers, { [SCOPE]: 'yes', [HIGH_RISK]: 'no', [LEGAL]: 'yes' });
  });

  it('stands while status and publication_category are unchanged, whatever else changes', () => {
    assert.deepEqual(reassessmentReasons(stored, { ...IN_USE, name: 'Renamed', goal: '<p>Other goal</p>' }), []);
  });

  it('must be asked again when status or publication_category changed', () => {
    assert.deepEqual(reassessmentReasons(stored, { ...IN_USE, status: 'Buiten gebruik' }), [
      { kind: 'field-changed', field: 'status', before: 'In gebruik', after: 'Buiten gebruik' },
    ]);
    assert.deepEqual(reassessmentReasons(stored, { status: 'In gebruik', publication_category: 'Overige algoritmes' }), [
      { kind: 'field-changed', field: 'publication_category', before: 'Impactvolle algoritmes', after: 'Overige algoritmes' },
    ]);
    assert.deepEqual(reassessmentReasons(stored, { status: 'In gebruik' }), [
      { kind: 'field-changed', field: 'publication_category', before: 'Impactvolle algoritmes', after: null },
    ]);
  });

  it('must be asked again when the questions changed since', () => {
    assert.deepEqual(reassessmentReasons({ ...stored, questionsVersion: '0' }, IN_USE), [
      { kind: 'questions-changed', before: '0', after: DUTY_QUESTIONS_VERSION },
    ]);
  });
});
