import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { generateLars, isValidLars, larsCheckDigit } from '../../src/register/lars.ts';

describe('LARS codes', () => {
  it('are 8 digits, the first seven 1–9, with a valid check digit', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 7, maxLength: 7 }), (digits) => {
        let i = 0;
        const lars = generateLars(() => digits[i++]);
        assert.match(lars, /^[1-9]{7}\d$/);
        assert.ok(isValidLars(lars));
        assert.equal(lars.slice(0, 7), digits.join(''));
      }),
    );
  });

  it('computes the check digit as (3·odd + even) mod 10', () => {
    // d = 1234567: 3·(1+3+5+7) + (2+4+6) = 48 + 12 = 60 → 0
    assert.equal(larsCheckDigit('1234567'), 0);
    assert.ok(isValidLars('12345670'));
    assert.ok(!isValidLars('12345671'));
  });

  it('rejects any single changed digit', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 7 }), fc.integer({ min: 1, max: 9 }), (pos, delta) => {
        const lars = generateLars();
        const digits = [...lars].map(Number);
        const changed = (digits[pos] + delta) % 10;
        if (pos < 7 && changed === 0) return; // a 0 in the first seven is invalid anyway
        digits[pos] = changed;
        assert.ok(!isValidLars(digits.join('')), `${lars} → ${digits.join('')}`);
      }),
    );
  });

  it('rejects zeros in the first seven digits, wrong lengths and non-digits', () => {
    for (const bad of ['02345678', '1234567', '123456700', 'abcdefgh', '', '1234 670']) assert.ok(!isValidLars(bad), bad);
  });

  it('spreads over the code space', () => {
    const seen = new Set(Array.from({ length: 5000 }, () => generateLars()));
    assert.ok(seen.size > 4990);
  });
});
