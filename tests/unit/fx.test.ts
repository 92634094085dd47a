import { describe, expect, it } from 'vitest';
import { convertMinor, parseRate, roundHalfEven, type Rate } from '@shared/calc/fx';
import type { CurrencyCode } from '@shared/money';

function rate(s: string): Rate {
  const r = parseRate(s);
  if (!r) throw new Error(`test rate ${s} does not parse`);
  return r;
}

describe('roundHalfEven', () => {
  it.each([
    { name: '0.5 ties to 0', num: 1n, den: 2n, expected: 0n },
    { name: '1.5 ties to 2', num: 3n, den: 2n, expected: 2n },
    { name: '2.5 ties to 2', num: 5n, den: 2n, expected: 2n },
    { name: '3.5 ties to 4', num: 7n, den: 2n, expected: 4n },
    { name: '-0.5 ties to 0', num: -1n, den: 2n, expected: 0n },
    { name: '-1.5 ties to -2', num: -3n, den: 2n, expected: -2n },
    { name: '-2.5 ties to -2', num: -5n, den: 2n, expected: -2n },
    { name: 'a negative denominator counts like a negative numerator', num: 5n, den: -2n, expected: -2n },
    { name: 'two negatives make a positive tie', num: -5n, den: -2n, expected: 2n },
    { name: '2.4999 rounds down', num: 24_999n, den: 10_000n, expected: 2n },
    { name: '2.5001 rounds up', num: 25_001n, den: 10_000n, expected: 3n },
    { name: '7/3 rounds down', num: 7n, den: 3n, expected: 2n },
    { name: '-8/3 rounds away from zero', num: -8n, den: 3n, expected: -3n },
    { name: 'an exact quotient is unchanged', num: 10n, den: 5n, expected: 2n },
    { name: 'zero stays zero', num: 0n, den: 7n, expected: 0n },
  ])('$name', ({ num, den, expected }) => {
    expect(roundHalfEven(num, den)).toBe(expected);
  });

  it('a zero denominator throws a RangeError', () => {
    expect(() => roundHalfEven(1n, 0n)).toThrow(RangeError);
  });
});

describe('parseRate', () => {
  it.each([
    { name: 'a 4-decimal rate is exact', input: '0.0917', expected: { num: 917n, den: 10_000n } },
    { name: 'a whole rate', input: '1', expected: { num: 1n, den: 1n } },
    { name: 'trailing zeros are reduced away', input: '1.000', expected: { num: 1n, den: 1n } },
    { name: 'the fraction is reduced', input: '12.50', expected: { num: 25n, den: 2n } },
    { name: '10 decimals are allowed', input: '0.0000000001', expected: { num: 1n, den: 10_000_000_000n } },
    { name: 'a large rate', input: '150.25', expected: { num: 601n, den: 4n } },
  ])('$name: "$input"', ({ input, expected }) => {
    expect(parseRate(input)).toEqual(expected);
  });

  it.each([
    { name: 'zero', input: '0' },
    { name: 'zero with decimals', input: '0.0000' },
    { name: 'a negative rate', input: '-1' },
    { name: 'exponent notation', input: '1e3' },
    { name: 'not a number', input: 'abc' },
    { name: '11 decimals', input: '0.00000000001' },
    { name: 'the empty string', input: '' },
    { name: 'surrounding spaces', input: ' 1.5' },
    { name: 'a leading plus', input: '+1' },
    { name: 'a decimal comma', input: '1,5' },
    { name: 'a missing integer part', input: '.5' },
    { name: 'a dangling point', input: '1.' },
    { name: 'Infinity', input: 'Infinity' },
  ])('rejects $name ("$input") with null', ({ input }) => {
    expect(parseRate(input)).toBeNull();
  });
});

describe('convertMinor', () => {
  it.each<{ name: string; amount: number; from: CurrencyCode; to: CurrencyCode; rate: string; expected: number }>([
    { name: 'TJS 1,000.00 at 0.0917 is USD 91.70', amount: 100_000, from: 'TJS', to: 'USD', rate: '0.0917', expected: 9_170 },
    { name: 'TJS 123.45 at 0.0917 (1132.0365 cents) rounds down', amount: 12_345, from: 'TJS', to: 'USD', rate: '0.0917', expected: 1_132 },
    { name: 'TJS 50.00 at 0.0917 (458.5 cents) ties to even 458', amount: 5_000, from: 'TJS', to: 'USD', rate: '0.0917', expected: 458 },
    { name: 'TJS 150.00 at 0.0917 (1375.5 cents) ties to even 1376', amount: 15_000, from: 'TJS', to: 'USD', rate: '0.0917', expected: 1_376 },
    { name: 'TJS -123.45 correction rounds symmetrically', amount: -12_345, from: 'TJS', to: 'USD', rate: '0.0917', expected: -1_132 },
    { name: 'TJS -50.00 correction ties to even -458', amount: -5_000, from: 'TJS', to: 'USD', rate: '0.0917', expected: -458 },
    { name: 'JPY 1,000 (0 digits) at 0.0067 is USD 6.70', amount: 1_000, from: 'JPY', to: 'USD', rate: '0.0067', expected: 670 },
    { name: 'JPY 10 at 0.0065 (6.5 cents) ties to 6', amount: 10, from: 'JPY', to: 'USD', rate: '0.0065', expected: 6 },
    { name: 'JPY 30 at 0.0065 (19.5 cents) ties to 20', amount: 30, from: 'JPY', to: 'USD', rate: '0.0065', expected: 20 },
    { name: 'JPY -10 at 0.0065 ties to -6', amount: -10, from: 'JPY', to: 'USD', rate: '0.0065', expected: -6 },
    { name: 'KWD 1.000 (3 digits) at 3.2530 is USD 3.25', amount: 1_000, from: 'KWD', to: 'USD', rate: '3.2530', expected: 325 },
    { name: 'KWD 1.234 at 3.2530 (401.4202 cents)', amount: 1_234, from: 'KWD', to: 'USD', rate: '3.2530', expected: 401 },
    { name: 'KWD 0.020 at 3.25 (6.5 cents) ties to 6', amount: 20, from: 'KWD', to: 'USD', rate: '3.25', expected: 6 },
    { name: 'KWD 0.060 at 3.25 (19.5 cents) ties to 20', amount: 60, from: 'KWD', to: 'USD', rate: '3.25', expected: 20 },
    { name: 'USD 12.34 at 150.25 is JPY 1,854 (1854.085)', amount: 1_234, from: 'USD', to: 'JPY', rate: '150.25', expected: 1_854 },
    { name: 'USD 1.00 at 0.3074 is KWD 0.307', amount: 100, from: 'USD', to: 'KWD', rate: '0.3074', expected: 307 },
    { name: 'same currency at rate 1 is unchanged', amount: 12_345, from: 'USD', to: 'USD', rate: '1', expected: 12_345 },
    { name: 'same currency at rate "1.0000" is unchanged', amount: -7, from: 'EUR', to: 'EUR', rate: '1.0000', expected: -7 },
    { name: 'zero stays zero', amount: 0, from: 'TJS', to: 'USD', rate: '0.0917', expected: 0 },
  ])('$name', ({ amount, from, to, rate: r, expected }) => {
    expect(convertMinor(amount, from, to, rate(r))).toBe(expected);
  });

  it.each<{ name: string; amount: number; from: CurrencyCode; to: CurrencyCode; rate: Rate }>([
    { name: 'same currency with a rate other than 1', amount: 100, from: 'USD', to: 'USD', rate: rate('1.01') },
    { name: 'a fractional amount', amount: 1.5, from: 'TJS', to: 'USD', rate: rate('0.0917') },
    { name: 'an amount beyond the safe integer range', amount: 2 ** 53, from: 'TJS', to: 'USD', rate: rate('0.0917') },
    { name: 'a result beyond the safe integer range', amount: Number.MAX_SAFE_INTEGER, from: 'JPY', to: 'KWD', rate: rate('2') },
    { name: 'a hand-made zero rate', amount: 100, from: 'TJS', to: 'USD', rate: { num: 0n, den: 1n } },
    { name: 'a hand-made negative rate', amount: 100, from: 'TJS', to: 'USD', rate: { num: -1n, den: 10n } },
  ])('rejects $name with a RangeError', ({ amount, from, to, rate: r }) => {
    expect(() => convertMinor(amount, from, to, r)).toThrow(RangeError);
  });
});
