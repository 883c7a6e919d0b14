import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { CURRENT_STANDARD } from '../../src/standard/index.ts';
import { validateRecord } from '../../src/standard/validate.ts';
import { validRecord } from '../fixtures/records.ts';
import { sanitizeRichText, sanitizeRichTextFully } from '../../src/standard/html.ts';
import { isCanonicalRichText } from '../../src/standard/canonical-html.ts';

const check = (input: unknown) => validateRecord(CURRENT_STANDARD, input);

function errors(input: unknown) {
  const result = check(input);
  assert.equal(result.ok, false, 'expected the record to be rejected');
  return result.ok ? [] : result.errors;
}

describe('validation of standard 1.0 records', () => {
  it('accepts a valid record and defaults standard_version', () => {
    const result = check(validRecord({ standard_version: undefined }));
    assert.ok(result.ok);
    assert.equal(result.value.standard_version, '1.0');
  });

  it('requires the seven required fields: missing, and null as string_type or enum', () => {
    for (const key of ['name', 'description_short', 'organization', 'status', 'contact_email', 'publication_category', 'lang']) {
      const missing = validRecord();
      delete missing[key];
      assert.deepEqual(errors(missing).map((e) => [e.type, e.loc]), [['missing', ['body', key]]]);
      const nulled = errors(validRecord({ [key]: null }));
      assert.deepEqual(nulled[0].loc, ['body', key]);
      assert.ok(['string_type', 'enum'].includes(nulled[0].type));
    }
  });

  it('accepts empty strings for required text (as the reference) but warns', () => {
    const result = check(validRecord({ name: '' }));
    assert.ok(result.ok);
    assert.ok(result.warnings.some((w) => w.type === 'required_empty' && w.loc[1] === 'name'));
  });

  it('treats whitespace-only text as empty instead of failing', () => {
    const result = check(validRecord({ goal: '   \n ', name: '  ' }));
    assert.ok(result.ok);
    assert.equal(result.value.goal, '');
    assert.equal(result.value.name, '');
  });

  it('ignores unknown keys and the system fields', () => {
    const result = check(validRecord({ uuid: 'x', type: 'Ja', lars: 'string', publication_dt: 'string' }));
    assert.ok(result.ok);
    assert.ok(!('uuid' in result.value) && !('lars' in result.value) && !('publication_dt' in result.value));
  });

  it('does not coerce numbers or booleans to strings', () => {
    assert.equal(errors(validRecord({ name: 12 }))[0].type, 'string_type');
    assert.equal(errors(validRecord({ provider: true }))[0].type, 'string_type');
  });

  it('matches enums exactly', () => {
    const e = errors(validRecord({ status: 'in gebruik', lang: 'NLD', standard_version: '1.0.0', publication_category: 'Hoog-risico AI-systemen' }));
    assert.deepEqual(e.map((x) => [x.type, x.loc[1]]), [['enum', 'status'], ['enum', 'publication_category'], ['enum', 'lang'], ['enum', 'standard_version']]);
    assert.equal(e[0].msg, "Input should be 'In ontwikkeling', 'In gebruik' or 'Buiten gebruik'");
  });

  it('checks every theme of the list with its index', () => {
    const e = errors(validRecord({ category: ['Verkeer', 'Sport'] }));
    assert.deepEqual(e[0].loc, ['body', 'category', 1]);
    assert.equal(errors(validRecord({ category: 'Verkeer' }))[0].type, 'list_type');
  });

  it('counts limits on visible text, not markup', () => {
    const text = 'a'.repeat(2500);
    assert.ok(check(validRecord({ goal: `<p>${text}</p>` })).ok);
    const over = errors(validRecord({ goal: `<p>${text}b</p>` }));
    assert.equal(over[0].type, 'value_error');
    assert.equal(over[0].msg, 'Value error, goal exceeds the maximum length of 2500 characters.');
    // Entities count as one character.
    assert.ok(check(validRecord({ name: '&amp;'.repeat(100) })).ok);
    assert.equal(errors(validRecord({ description_short: 'x'.repeat(401) }))[0].loc[1], 'description_short');
  });

  it('sanitises rich text to the allow-list and strips plain text fields', () => {
    const result = check(
      validRecord({
        goal: '<div onclick="x()"><p style="color:red">één</p><script>alert(1)</script><b>vet</b><a href="https://x">link</a></div>',
        name: '<b>Vet</b> &amp; schoon',
      }),
    );
    assert.ok(result.ok);
    assert.equal(result.value.goal, '<div><p>één</p>vetlink</div>');
    assert.equal(result.value.name, 'Vet & schoon');
  });

  it('keeps a bare & in links and decodes only complete entities, stably', () => {
    const link = 'https://wetten.overheid.nl/BWBR0005537&paragraaf=4.1.1&z=1';
    const result = check(validRecord({ website: link, name: 'Tom &amp;amp; Jerry', lawful_basis_grouping: [{ title: 'Wet &amp; regeling', link }] }));
    assert.ok(result.ok);
    assert.equal(result.value.website, link);
    assert.equal(result.value.name, 'Tom & Jerry');
    assert.deepEqual(result.value.lawful_basis_grouping, [{ title: 'Wet & regeling', link }]);
    const again = check(result.value);
    assert.ok(again.ok);
    assert.deepEqual(again.value, result.value);
  });

  it('validates grouping items, which the reference forgets', () => {
    const e = errors(validRecord({ lawful_basis_grouping: [{ title: 'Wet' }, 'x', { title: 'x'.repeat(101), link: 'https://a.nl' }] }));
    assert.deepEqual(e.map((x) => [x.type, x.loc.slice(1)]), [
      ['missing', ['lawful_basis_grouping', 0, 'link']],
      ['model_attributes_type', ['lawful_basis_grouping', 1]],
      ['value_error', ['lawful_basis_grouping', 2, 'title']],
    ]);
    const ok = check(validRecord({ impacttoetsen_grouping: [{ title: 'IAMA', extra: 1 }] }));
    assert.ok(ok.ok);
    assert.deepEqual(ok.value.impacttoetsen_grouping, [{ title: 'IAMA', link: null }]);
  });

  it('reports documented formats as warnings, never errors', () => {
    const result = check(validRecord({ begin_date: 'tb_date', contact_email: 'Jan de Vries', website: 'http://voorbeeld.nl', lawful_basis_grouping: [{ title: 'Wet', link: 'wetten.nl' }] }));
    assert.ok(result.ok);
    assert.deepEqual(result.warnings.map((w) => w.loc.slice(1).join('.')).sort(), ['begin_date', 'contact_email', 'lawful_basis_grouping.0.link', 'website']);
  });

  it('rejects a body that is not an object', () => {
    for (const body of [[], 'x', 3, null]) assert.equal(errors(body)[0].loc.length, 1);
  });

  it('never throws, whatever the input', () => {
    fc.assert(
      fc.property(fc.anything({ withObjectString: true, withNullPrototype: true }), (anything) => {
        check(anything);
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...CURRENT_STANDARD.fields.map((f) => f.key)), fc.anything()), (partial) => {
        check({ ...validRecord(), ...partial });
      }),
      { numRuns: 500 },
    );
  });

  it('normalised records round-trip unchanged', () => {
    const html = fc.array(fc.oneof(fc.string(), fc.constantFrom('<p>', '</p>', '<ul><li>', '</li></ul>', '<br>', '&amp;', '<b>', '<script>x</script>', '<', '>')), { maxLength: 20 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(html, fc.oneof(fc.string({ maxLength: 80 }), html), (goal, name) => {
        const first = check(validRecord({ goal, name }));
        if (!first.ok) return;
        const second = check(first.value);
        assert.ok(second.ok);
        assert.deepEqual(second.value, first.value);
      }),
      { numRuns: 1000 },
    );
  });

  it('takes the fast path for canonical rich text only when the full path agrees', () => {
    const tags = CURRENT_STANDARD.allowedHtmlTags;
    const piece = fc.oneof(
      fc.constantFrom('<p>', '</p>', '<ul>', '</ul>', '<ol>', '</ol>', '<li>', '</li>', '<div>', '</div>', '<br>', '</br>', '<br/>', '<b>', '&amp;', '&nbsp;', '&lt;', '&', '>', '"', '\u00a0', ' ', '\n', 'tekst'),
      fc.string({ maxLength: 5 }),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 25 }).map((p) => p.join('')), (html) => {
        assert.equal(sanitizeRichText(html, tags), sanitizeRichTextFully(html, tags), html);
        if (isCanonicalRichText(html, tags)) assert.equal(sanitizeRichTextFully(html, tags), html);
      }),
      { numRuns: 3000 },
    );
    assert.ok(isCanonicalRichText('<p>a &amp; b</p><ul><li>een</li><li>twee<br>drie</li></ul>', tags));
    assert.ok(!isCanonicalRichText('<p><ul><li>x</li></ul></p>', tags));
  });
});
