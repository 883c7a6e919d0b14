// The quality checks as pure functions: each check's findings and score, the messages in both languages, and
// the summary score.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { validRecord } from '../fixtures/records.ts';
import { QUALITY_CHECKS, runQualityChecks } from '../../src/compliance/quality/registry.ts';
import { QUALITY_MESSAGES, qualityMessage } from '../../src/compliance/quality/messages.ts';
import { completenessCheck } from '../../src/compliance/quality/completeness-check.ts';
import { lawfulBasisCheck, linksToSpecificLaw } from '../../src/compliance/quality/lawful-basis-check.ts';
import { impactAssessmentsCheck } from '../../src/compliance/quality/impact-assessments-check.ts';
import { contactCheck, looksPersonal } from '../../src/compliance/quality/contact-check.ts';
import { plainLanguageCheck, plainLanguageHints, sentencesOf } from '../../src/compliance/quality/plain-language-check.ts';
import { endDateCheck } from '../../src/compliance/quality/end-date-check.ts';
import { reviewCheck } from '../../src/compliance/quality/review-check.ts';
import { linksCheck } from '../../src/compliance/quality/links-check.ts';
import { linksOf } from '../../src/compliance/links/content-links.ts';
import { CURRENT_STANDARD } from '../../src/standard/index.ts';
import { completeness } from '../../src/standard/completeness.ts';
import type { AlgorithmContent } from '../../src/standard/types.ts';

const now = new Date('2026-06-01T00:00:00.000Z');
const record = (overrides: Record<string, unknown> = {}) => validRecord(overrides) as AlgorithmContent;
const keys = (findings: { messageKey: string }[]) => findings.map((f) => f.messageKey);

describe('quality checks', () => {
  it('completeness: the standard weighted share, one finding per empty field', () => {
    const content = record();
    const result = completenessCheck.run(content, { now });
    const expected = completeness(CURRENT_STANDARD, content);
    assert.equal(result.score, expected.percent / 100);
    assert.deepEqual(result.findings.map((f) => f.field), expected.missing);
    assert.equal(result.findings.find((f) => f.field === 'goal'), undefined);
    assert.equal(result.findings.find((f) => f.field === 'risks')?.severity, 'warning', 'weight 8: warning');
  });

  it('lawful basis: a BWBR link on wetten.overheid.nl passes; missing, unlinked and unspecific ones do not', () => {
    assert.deepEqual(lawfulBasisCheck.run(record(), { now }), { findings: [], score: 1 });
    assert.equal(linksToSpecificLaw('https://wetten.overheid.nl/jci1.3:c:BWBR0005537&hoofdstuk=4'), true);
    assert.equal(linksToSpecificLaw('https://example.nl/BWBR0005537'), false);
    const missing = lawfulBasisCheck.run(record({ lawful_basis_grouping: null }), { now });
    assert.deepEqual([keys(missing.findings), missing.score], [['lawful-basis.missing'], 0]);
    const weak = lawfulBasisCheck.run(
      record({
        lawful_basis_grouping: [
          { title: 'Gemeentewet', link: null },
          { title: 'Zoeken', link: 'https://wetten.overheid.nl/zoeken' },
          { title: 'Blog', link: 'https://blog.example.nl/wet' },
          { title: 'APV', link: 'https://lokaleregelgeving.overheid.nl/CVDR123456' },
        ],
      }),
      { now },
    );
    assert.deepEqual(keys(weak.findings), ['lawful-basis.no-link', 'lawful-basis.not-specific', 'lawful-basis.not-official', 'lawful-basis.no-specific-law']);
    assert.deepEqual(weak.findings.slice(0, 3).map((f) => f.params?.item), [1, 2, 3]);
    assert.ok(weak.score > 0 && weak.score < 0.5);
  });

  it('impact assessments: named and linked; an explanation without a named one is a hint', () => {
    const linked = impactAssessmentsCheck.run(record({ impacttoetsen_grouping: [{ title: 'DPIA', link: 'https://example.nl/dpia.pdf' }] }), { now });
    assert.deepEqual(linked, { findings: [], score: 1 });
    const unlinked = impactAssessmentsCheck.run(record(), { now });
    assert.deepEqual(keys(unlinked.findings), ['impact.no-link']);
    assert.equal(unlinked.findings[0].severity, 'info');
    assert.equal(unlinked.score, 0.7);
    assert.deepEqual(keys(impactAssessmentsCheck.run(record({ impacttoetsen_grouping: null }), { now }).findings), ['impact.missing']);
    const explained = impactAssessmentsCheck.run(record({ impacttoetsen_grouping: null, impacttoetsen: '<p>Er worden geen persoonsgegevens gebruikt.</p>' }), { now });
    assert.deepEqual(keys(explained.findings), ['impact.explained-only']);
  });

  it('contact: a team mailbox or a page passes; a personal address is a warning', () => {
    for (const address of ['jan.jansen@gemeente.nl', 'j.jansen@gemeente.nl', 'jm.de.vries@gemeente.nl', 'j.m.jansen@gemeente.nl', 'anna-de-boer@gemeente.nl']) {
      assert.equal(looksPersonal(address), true, address);
    }
    for (const address of ['algoritmes@gemeente.nl', 'team.data@gemeente.nl', 'privacy.officer@gemeente.nl', 'zorg.en.welzijn@gemeente.nl', 'info@gemeente.nl', 'team2.analyse@x.nl']) {
      assert.equal(looksPersonal(address), false, address);
    }
    assert.deepEqual(contactCheck.run(record({ contact_email: 'https://www.gemeente.nl/contact' }), { now }), { findings: [], score: 1 });
    const personal = contactCheck.run(record({ contact_email: 'p.pietersen@gemeente.nl' }), { now });
    assert.deepEqual([keys(personal.findings), personal.findings[0].severity, personal.score], [['contact.personal'], 'warning', 0.5]);
    assert.deepEqual(keys(contactCheck.run(record({ contact_email: '' }), { now }).findings), ['contact.missing']);
    assert.deepEqual(keys(contactCheck.run(record({ contact_email: 'bel ons' }), { now }).findings), ['contact.invalid']);
  });

  it('plain language: long sentences, long words and officialese, never across paragraphs', () => {
    assert.deepEqual(sentencesOf('<p>Eén zin. Nog een zin, bijv. deze</p><ul><li>punt een</li><li>punt twee</li></ul>'), [
      'Eén zin.', 'Nog een zin, bijv. deze', 'punt een', 'punt twee',
    ]);
    const long = 'Dit is een zin die veel te lang is omdat er heel veel woorden in staan die allemaal achter elkaar komen zonder punt.';
    const hints = plainLanguageHints('goal', `<p>${long}</p><p>Wij controleren middels een rekenregel de kentekenregistratiegegevens.</p><p>Het College van Burgemeester en Wethouders beslist over persoonsgegevens.</p>`);
    assert.deepEqual(keys(hints), ['plain.long-sentence', 'plain.long-word', 'plain.jargon']);
    assert.equal(hints[0].params?.words, 23);
    assert.equal(hints[1].params?.word, 'kentekenregistratiegegevens');
    assert.deepEqual([hints[2].params?.word, hints[2].params?.plain], ['middels', 'met, door']);
    assert.deepEqual(plainLanguageHints('goal', '<p>Aanvragen sneller afhandelen.</p>'), []);
    const check = plainLanguageCheck.run(record({ goal: `<p>${long}</p>` }), { now });
    assert.equal(check.findings.length, 1);
    assert.equal(check.score, 0.95);
  });

  it('end date: needed when out of use, odd while in use, never before the beginning', () => {
    assert.deepEqual(endDateCheck.run(record(), { now }), { findings: [], score: 1 });
    assert.deepEqual(keys(endDateCheck.run(record({ status: 'Buiten gebruik' }), { now }).findings), ['end-date.missing']);
    assert.deepEqual(endDateCheck.run(record({ status: 'Buiten gebruik', end_date: '2025-12' }), { now }).findings, []);
    assert.deepEqual(keys(endDateCheck.run(record({ end_date: '2025-12' }), { now }).findings), ['end-date.while-in-use']);
    assert.deepEqual(keys(endDateCheck.run(record({ status: 'Buiten gebruik', end_date: '2022-12' }), { now }).findings), ['end-date.before-begin']);
  });

  it('review: within 12 months (or as configured) of the later of publication and review', () => {
    const content = record();
    assert.deepEqual(keys(reviewCheck.run(content, { now }).findings), ['review.never']);
    assert.deepEqual(reviewCheck.run(content, { now, lastPublishedAt: '2025-06-02T00:00:00.000Z' }).findings, []);
    const overdue = reviewCheck.run(content, { now, lastPublishedAt: '2025-05-01T00:00:00.000Z' });
    assert.deepEqual([keys(overdue.findings), overdue.findings[0].params?.since], [['review.overdue'], '2025-05-01']);
    assert.deepEqual(reviewCheck.run(content, { now, lastPublishedAt: '2024-01-01T00:00:00.000Z', reviewedAt: '2026-01-01T00:00:00.000Z' }).findings, []);
    assert.deepEqual(keys(reviewCheck.run(content, { now, reviewedAt: '2026-01-01T00:00:00.000Z', reviewMonths: 3 }).findings), ['review.overdue']);
  });

  it('links: the checker results of the description links; unchecked ones count neither way', () => {
    const content = record({ website: 'https://www.voorbeeld.nl/parkeren#uitleg', impacttoetsen_grouping: [{ title: 'DPIA', link: 'https://example.nl/dpia' }] });
    // The contact is a mail address here, so not a link; the fragment is not part of what is visited.
    assert.deepEqual(linksOf(content), [
      { field: 'website', url: 'https://www.voorbeeld.nl/parkeren' },
      { field: 'lawful_basis_grouping', url: 'https://wetten.overheid.nl/BWBR0006622' },
      { field: 'impacttoetsen_grouping', url: 'https://example.nl/dpia' },
    ]);
    assert.deepEqual(linksOf(record({ contact_email: 'https://www.voorbeeld.nl/contact', website: null })).map((l) => l.field), ['contact_email', 'lawful_basis_grouping']);
    const links = new Map([
      ['https://www.voorbeeld.nl/parkeren', { ok: true, statusCode: 200 }],
      ['https://example.nl/dpia', { ok: false, statusCode: 404 }],
    ]);
    const result = linksCheck.run(content, { now, links });
    assert.deepEqual(result.findings.map((f) => [f.field, f.params?.status]), [['impacttoetsen_grouping', 404]]);
    assert.equal(result.score, 0.5);
    assert.deepEqual(linksCheck.run(content, { now }), { findings: [], score: 1 });
  });

  it('every message has Dutch and English text, and placeholders are filled', () => {
    for (const [key, label] of Object.entries(QUALITY_MESSAGES)) {
      assert.ok(label.nl.length > 10 && label.en.length > 10, key);
      assert.deepEqual(label.nl.match(/\{\w+\}/g)?.sort() ?? [], label.en.match(/\{\w+\}/g)?.sort() ?? [], key);
    }
    assert.equal(qualityMessage('links.broken', 'en', { url: 'https://x.nl', status: 404 }), 'The link https://x.nl does not work (404).');
  });

  it('sums up: a weighted score from 0 to 100 with counts of errors and warnings', () => {
    const good = runQualityChecks(
      record({
        goal: '<p>Aanvragen sneller afhandelen.</p>', proportionality: '<p>Het helpt.</p>', risks: '<p>Fouten.</p>', lawful_basis: '<p>Wegenverkeerswet.</p>',
        impacttoetsen_grouping: [{ title: 'DPIA', link: 'https://example.nl/dpia' }], impacttoetsen: '<p>Geen bezwaren.</p>', source_data: '<p>Kentekens.</p>',
        methods_and_models: '<p>Regels.</p>',
      }),
      { now, lastPublishedAt: '2026-05-01T00:00:00.000Z' },
    );
    const poor = runQualityChecks(record({ contact_email: 'jan.jansen@voorbeeld.nl', lawful_basis_grouping: null, impacttoetsen_grouping: null, status: 'Buiten gebruik' }), { now });
    assert.deepEqual(good.checks.map((c) => c.id), QUALITY_CHECKS.map((c) => c.id));
    assert.ok(good.score >= 90, `${good.score}`);
    assert.ok(poor.score < 60, `${poor.score}`);
    assert.equal(poor.errors, 1);
    assert.ok(poor.warnings >= 4);
  });
});
