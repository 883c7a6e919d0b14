// The algorithm form generated from the standard: every field has a labelled control, what it
// shows reads back as the same record, and a save with problems shows them at the fields with
// every typed value kept.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { parseDocument, DomUtils } from 'htmlparser2';
import { CURRENT_STANDARD as def } from '../../src/standard/index.ts';
import { checkRecord } from '../../src/standard/validate.ts';
import type { GroupingField } from '../../src/standard/types.ts';
import { AlgorithmFields } from '../../src/beheer/form/algorithm-fields.tsx';
import { recordFromForm } from '../../src/beheer/form/form-input.ts';
import { issuesByField } from '../../src/beheer/form/field-issues.ts';
import { validRecord } from '../fixtures/records.ts';
import { formData } from '../helpers/form-data.ts';

const render = (values: Record<string, unknown>, issues = {}, lang: 'nl' | 'en' = 'nl') =>
  `<form>${renderToString(h(AlgorithmFields, { def, values, issues, lang }))}</form>`;

const contentFields = def.fields.filter((f) => f.kind !== 'system');

describe('algorithm form', () => {
  it('has a labelled control for every field of the standard, in both languages', () => {
    for (const lang of ['nl', 'en'] as const) {
      const doc = parseDocument(render(validRecord(), {}, lang));
      const labels = DomUtils.findAll((e) => e.name === 'label' || e.name === 'legend', doc.children).map((e) => DomUtils.textContent(e));
      for (const field of contentFields) {
        const named = DomUtils.findAll((e) => e.attribs.name === field.key || e.attribs.name?.startsWith(`${field.key}.`), doc.children);
        assert.ok(named.length > 0, `a control for ${field.key}`);
        assert.ok(labels.some((l) => l.includes(field.label[lang])), `the label of ${field.key} in ${lang}`);
        for (const control of named.filter((e) => e.name !== 'input' || e.attribs.type !== 'checkbox')) {
          const label = DomUtils.findOne((e) => e.name === 'label' && e.attribs.for === control.attribs.id, doc.children);
          assert.ok(label, `${control.attribs.name} has a label of its own`);
        }
      }
    }
  });

  it('reads back what it shows as the same record (every field, rich text, lists and link groupings)', () => {
    const original = checkRecord(
      def,
      validRecord({
        category: ['Verkeer', 'Wonen'],
        goal: '<p>Aanvragen <strong>sneller</strong> afhandelen.</p><ul><li>één</li><li>twee &amp; drie</li></ul>',
        source_data_grouping: [
          { title: 'Basisregistratie Personen', link: 'https://www.rvig.nl/brp' },
          { title: 'Eigen administratie', link: 'https://www.voorbeeld.nl/registratie' },
        ],
        url: 'https://www.voorbeeld.nl/"quotes"',
      }),
      [],
    );
    assert.deepEqual(original.errors, []);
    const submitted = formData(render(original.value));
    const again = checkRecord(def, recordFromForm(def, submitted), []);
    assert.deepEqual(again.errors, []);
    for (const field of contentFields) {
      // Checkboxes come back in the standard's order of values.
      const order = (v: unknown) => (field.kind === 'enum-list' && Array.isArray(v) ? [...v].sort() : v);
      assert.deepEqual(order(again.value[field.key]), order(original.value[field.key]), field.key);
    }
  });

  it('shows the problems of a save at their fields and keeps every typed value', () => {
    const typed = {
      ...validRecord(),
      name: 'x'.repeat(120),
      begin_date: '03-2023',
      description_short: '',
      website: 'www.voorbeeld.nl',
      lawful_basis_grouping: [{ title: '', link: 'https://wetten.overheid.nl/BWBR0006622' }],
      goal: '<p>Een <script>alert(1)</script> doel</p>',
    };
    const submitted = formData(render(typed));
    const raw = recordFromForm(def, submitted);
    const { errors, warnings } = checkRecord(def, raw, []);
    const issues = issuesByField(def, errors, warnings, 'nl');
    assert.match(issues.name.errors[0].text, /hoogstens 100 tekens/);
    assert.match(issues.begin_date.warnings[0].text, /jjjj-mm/);
    assert.match(issues.website.warnings[0].text, /https:\/\//);
    assert.match(issues.description_short.errors[0].text, /Vul dit veld in/);
    assert.equal(issues.lawful_basis_grouping.warnings[0].row, 0);

    const page = render(raw, issues);
    const doc = parseDocument(page);
    const control = (name: string) => DomUtils.findOne((e) => e.attribs.name === name, doc.children)!;
    assert.equal(control('name').attribs.value, 'x'.repeat(120));
    assert.equal(control('name').attribs['aria-invalid'], 'true');
    assert.match(control('name').attribs['aria-describedby'], /f-name-errors/);
    assert.equal(control('begin_date').attribs.value, '03-2023');
    assert.equal(control('lawful_basis_grouping.0.link').attribs.value, 'https://wetten.overheid.nl/BWBR0006622');
    // The typed rich text comes back as typed, escaped: never as markup of the page.
    assert.equal(DomUtils.textContent(control('goal')), typed.goal);
    assert.ok(!page.includes('<script>'));
    // The counter counts visible characters against the limit.
    assert.match(DomUtils.textContent(DomUtils.findOne((e) => e.attribs.id === 'f-name-count', doc.children)!), /120 van 100 tekens/);
  });

  it('leaves out blank grouping rows and turns emptied fields into nothing', () => {
    const raw = recordFromForm(def, { name: '  ', 'lawful_basis_grouping.0.title': '', 'lawful_basis_grouping.0.link': '', 'lawful_basis_grouping.3.title': 'Wet', category: '' });
    assert.equal(raw.name, null);
    assert.equal(raw.category, null);
    const linkRequired = (def.fields.find((f) => f.key === 'lawful_basis_grouping') as GroupingField).item.link.required;
    assert.deepEqual(raw.lawful_basis_grouping, [{ title: 'Wet', link: linkRequired ? '' : null }]);
  });
});
