/**
 * LARS: the register's 8-digit algorithm id. Digits 1–7 are random 1–9 (never 0); digit 8 is
 * the check digit (3·(d1+d3+d5+d7) + (d2+d4+d6)) mod 10, as the national register computes it.
 */
import { randomInt } from 'node:crypto';

export function larsCheckDigit(first7: string): number {
  const d = [...first7].map(Number);
  return (3 * (d[0] + d[2] + d[4] + d[6]) + (d[1] + d[3] + d[5])) % 10;
}

export function isValidLars(value: string): boolean {
  return /^[1-9]{7}[0-9]$/.test(value) && larsCheckDigit(value.slice(0, 7)) === Number(value[7]);
}

export function generateLars(random: (min: number, max: number) => number = randomInt): string {
  let first7 = '';
  for (let i = 0; i < 7; i++) first7 += String(random(1, 10));
  return first7 + String(larsCheckDigit(first7));
}
