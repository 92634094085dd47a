import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clampDate, clampSpan, isDateInRange, MAX_DATE, MIN_DATE } from '@shared/bounds';
import { summariseBudget } from '@shared/calc/budget';
import { ruleOfZodIssue } from '@shared/issues';
import {
  fromMinorUnits,
  isAmountInRange,
  MAX_AMOUNT_MAJOR,
  maxAmountMinor,
  minorUnitsOf,
  MoneyFigureSchema,
  MoneySchema,
  NonNegativeMoneySchema,
  sumMinor,
  toMinorUnits,
} from '@shared/money';
import { hasNoControlCharacters, IsoDateSchema, isoDateIssue, lineText, longText, noteField, textField, YearSchema } from '@shared/schemas/common';
import type { z } from 'zod';
import { parseRow } from '../../server/src/features/registry/registry.import';

/** The rule codes a schema refuses a value with (zod's own codes for its own checks). */
function codesOf(schema: z.ZodType, value: unknown): string[] {
  const r = schema.safeParse(value);
  return r.success ? [] : r.error.issues.map((i) => ruleOfZodIssue(i)?.code ?? i.code);
}

describe('amount bounds (shared/money.ts)', () => {
  it.each([
    ['USD', 2, 100_000_000_000_000],
    ['JPY', 0, 1_000_000_000_000],
    ['KWD', 3, 1_000_000_000_000_000],
    // 10^16 would pass the safe integer range: 4-decimal currencies stop at 10^15 minor units.
    ['CLF', 4, 1_000_000_000_000_000],
  ] as const)('the bound of %s (%i decimals) is %i minor units', (currency, _digits, minor) => {
    expect(maxAmountMinor(currency)).toBe(minor);
    expect(Number.isSafeInteger(maxAmountMinor(currency))).toBe(true);
  });

  it('one trillion major units is the bound of every currency but the 4-decimal ones', () => {
    expect(MAX_AMOUNT_MAJOR).toBe(1_000_000_000_000);
    expect(maxAmountMinor('TJS') / 100).toBe(MAX_AMOUNT_MAJOR);
  });

  it.each([
    ['90071992547409.91', 'USD', ['money.too_large']],
    ['-90071992547409.91', 'USD', ['money.too_large']],
    ['1000000000000.01', 'USD', ['money.too_large']],
    ['1000000000000.00', 'USD', []],
    ['-1000000000000.00', 'USD', []],
    ['1000000000001', 'JPY', ['money.too_large']],
    ['1000000000000', 'JPY', []],
    ['123456789012345678901234567890', 'USD', ['money.too_large']],
    // More than 30 integer digits is not an amount at all.
    ['1234567890123456789012345678901', 'USD', ['money.amount_format']],
    ['1.001', 'USD', ['money.too_many_decimals']],
  ] as const)('MoneySchema: %s %s → %j', (amount, currency, codes) => {
    expect(codesOf(MoneySchema, { amount, currency })).toEqual(codes);
  });

  it('NonNegativeMoneySchema refuses a too large amount with the bound in major units and the currency', () => {
    const r = NonNegativeMoneySchema.safeParse({ amount: '90071992547409.91', currency: 'TJS' });
    expect(r.success).toBe(false);
    const rule = r.error ? ruleOfZodIssue(r.error.issues[0] ?? { code: '' }) : null;
    expect(rule).toEqual({ code: 'money.too_large', params: { max: 1_000_000_000_000, currency: 'TJS' } });
    expect(r.error?.issues[0]?.path).toEqual(['amount']);
  });

  it('isAmountInRange holds in either direction, for numbers and bigints', () => {
    expect(isAmountInRange(100_000_000_000_000, 'USD')).toBe(true);
    expect(isAmountInRange(-100_000_000_000_000, 'USD')).toBe(true);
    expect(isAmountInRange(100_000_000_000_001, 'USD')).toBe(false);
    expect(isAmountInRange(-100_000_000_000_001n, 'USD')).toBe(false);
    expect(isAmountInRange(Number.MAX_SAFE_INTEGER, 'USD')).toBe(false);
  });

  it('minorUnitsOf reads any length exactly; toMinorUnits answers null beyond the safe integer range', () => {
    expect(minorUnitsOf('90071992547409.92', 'USD')).toBe(9_007_199_254_740_992n);
    expect(minorUnitsOf('-12345678901234567890.12', 'USD')).toBe(-1_234_567_890_123_456_789_012n);
    expect(minorUnitsOf('1.5', 'JPY')).toBeNull();
    expect(toMinorUnits('90071992547409.91', 'USD')).toBe(Number.MAX_SAFE_INTEGER);
    expect(toMinorUnits('90071992547409.92', 'USD')).toBeNull();
  });

  it('fromMinorUnits writes a bigint of any size exactly and refuses a fraction', () => {
    expect(fromMinorUnits(1_018_014_398_509_481_982n, 'USD')).toBe('10180143985094819.82');
    expect(fromMinorUnits(-5n, 'USD')).toBe('-0.05');
    expect(fromMinorUnits(10n ** 30n, 'JPY')).toBe(`1${'0'.repeat(30)}`);
    expect(fromMinorUnits(-1n, 'KWD')).toBe('-0.001');
    expect(() => fromMinorUnits(1.5, 'USD')).toThrow(RangeError);
  });

  it('sumMinor is exact where a sum of doubles is not', () => {
    const max = Number.MAX_SAFE_INTEGER;
    expect(BigInt(max + max + 1)).not.toBe(2n * BigInt(max) + 1n);
    expect(sumMinor([max, max, 1])).toBe(2n * BigInt(max) + 1n);
    expect(sumMinor([])).toBe(0n);
  });

  it('sumMinor of any integers equals their sum in bigints', () => {
    fc.assert(
      fc.property(fc.array(fc.maxSafeInteger()), (values) => {
        expect(sumMinor(values)).toBe(values.reduce((s, v) => s + BigInt(v), 0n));
      }),
    );
  });

  it('MoneyFigureSchema (answers) takes a sum beyond any one amount’s bound, MoneySchema (requests) does not', () => {
    const sum = { amount: '10180143985094819.82', currency: 'USD' };
    expect(MoneyFigureSchema.safeParse(sum).success).toBe(true);
    expect(MoneySchema.safeParse(sum).success).toBe(false);
    expect(MoneyFigureSchema.safeParse({ amount: '1e5', currency: 'USD' }).success).toBe(false);
  });
});

describe('budget sums of stored amounts beyond the bound (shared/calc/budget.ts)', () => {
  const max = Number.MAX_SAFE_INTEGER;
  const line = { id: 1, category: 'other' as const, activityId: null, originalMinor: max, revisedMinor: null };
  const entry = (id: number, amountMinor: number, type: 'commitment' | 'expenditure' = 'expenditure') => ({
    id,
    budgetLineId: 1,
    activityId: null,
    type,
    date: '2026-01-01',
    amountMinor,
  });

  it('add up exactly instead of failing', () => {
    const s = summariseBudget({
      lines: [line, { ...line, id: 2 }],
      entries: [entry(1, max), entry(2, max), entry(3, 1), entry(4, max, 'commitment')],
      activities: [],
    });
    expect(s.totals).toEqual({
      budgetMinor: 2n * BigInt(max),
      committedMinor: BigInt(max),
      spentMinor: 2n * BigInt(max) + 1n,
      remainingMinor: -1n,
    });
    expect(s.byLine.rows[0]).toMatchObject({ spentMinor: 2n * BigInt(max) + 1n, overByMinor: BigInt(max) + 1n, warning: true });
  });

  it('take an integer beyond the safe range as it was read (10^18)', () => {
    const s = summariseBudget({ lines: [line], entries: [entry(1, 1e18)], activities: [] });
    expect(s.totals.spentMinor).toBe(10n ** 18n);
  });
});

describe('date bounds (shared/bounds.ts, IsoDateSchema)', () => {
  it.each([
    ['1990-01-01', null],
    ['2100-12-31', null],
    ['2026-02-28', null],
    ['1989-12-31', 'date.out_of_range'],
    ['2101-01-01', 'date.out_of_range'],
    ['9999-12-31', 'date.out_of_range'],
    ['0000-01-01', 'date.out_of_range'],
    ['2026-02-30', 'date.invalid'],
    ['31.12.2026', 'date.invalid'],
  ])('%s → %s', (s, code) => {
    expect(isoDateIssue(s)?.code ?? null).toBe(code);
    expect(codesOf(IsoDateSchema, s)).toEqual(code ? [code] : []);
  });

  it('a date out of range names the range in its params', () => {
    expect(isoDateIssue('9999-12-31')).toEqual({ code: 'date.out_of_range', params: { min: MIN_DATE, max: MAX_DATE } });
  });

  it('isDateInRange agrees with the string order for every real date of years 0–9999', () => {
    const pad = (n: number, w: number) => String(n).padStart(w, '0');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), (y, m, d) => {
        const s = `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
        expect(isDateInRange(s)).toBe(y >= 1990 && y <= 2100);
      }),
    );
  });

  it('clampDate and clampSpan move dates onto the range and never invert a span', () => {
    expect(clampDate('0001-01-01')).toBe(MIN_DATE);
    expect(clampDate('9999-12-31')).toBe(MAX_DATE);
    expect(clampDate('2026-05-05')).toBe('2026-05-05');
    expect(clampSpan({ start: '0001-01-01', end: '9999-12-31' })).toEqual({ start: MIN_DATE, end: MAX_DATE });
    expect(clampSpan({ start: '9000-01-01', end: '9999-12-31' })).toEqual({ start: MAX_DATE, end: MAX_DATE });
    expect(clampSpan({ start: '2026-06-01', end: '2026-01-01' })).toEqual({ start: '2026-06-01', end: '2026-06-01' });
  });

  it('YearSchema takes the years of the range only', () => {
    expect(YearSchema.safeParse(1990).success).toBe(true);
    expect(YearSchema.safeParse(2100).success).toBe(true);
    expect(YearSchema.safeParse(1989).success).toBe(false);
    expect(YearSchema.safeParse(2101).success).toBe(false);
  });
});

describe('control characters in text (shared/schemas/common.ts)', () => {
  it.each([
    ['plain text', 'Forum in Dushanbe', true],
    ['Cyrillic and Tajik letters', 'Форум ҳамкорӣ', true],
    ['tab, LF and CR', 'a\tb\nc\r\n', true],
    ['a non-breaking space and an emoji', 'a\u00a0b 🙂', true],
    ['NUL', 'a\u0000b', false],
    ['a bell', '\u0007', false],
    ['a vertical tab', 'a\u000bb', false],
    ['a form feed', 'a\u000cb', false],
    ['an escape', '\u001b[2J', false],
    ['DEL', '\u007f', false],
    ['a C1 control (CSI)', '\u009b', false],
    ['the last C1 control', '\u009f', false],
  ])('%s → %s', (_name, s, ok) => {
    expect(hasNoControlCharacters(s)).toBe(ok);
  });

  it('single-line fields refuse control characters and turn tabs and line breaks into one space', () => {
    expect(textField(50).parse('  A\t\tB\r\nC  ')).toBe('A B C');
    expect(lineText(50).parse('\n')).toBe('');
    expect(codesOf(textField(50), 'A\u0000')).toEqual(['text.control_characters']);
    expect(codesOf(lineText(50), 'A\u0085')).toEqual(['text.control_characters']);
    expect(codesOf(textField(50), ' \t\n ')).toEqual(['too_small']);
    expect(codesOf(textField(3), 'abcd')).toEqual(['too_big']);
  });

  it('multi-line fields keep tabs and line breaks and refuse the other control characters', () => {
    expect(longText(50).parse('Line 1\r\n\tLine 2\n')).toBe('Line 1\r\n\tLine 2\n');
    expect(longText(50, { trim: true }).parse('  Line 1\nLine 2  ')).toBe('Line 1\nLine 2');
    expect(noteField(50).parse(' Reason\nwith two lines ')).toBe('Reason\nwith two lines');
    expect(codesOf(longText(50), 'a\u0000')).toEqual(['text.control_characters']);
    expect(codesOf(noteField(50), 'a\u001b')).toEqual(['text.control_characters']);
    expect(codesOf(noteField(50), '  ')).toEqual(['too_small']);
  });
});

describe('survey import consent dates (registry.import parseRow)', () => {
  const read = (consentDate: string) =>
    parseRow(
      ['Aziza Karimova', 'yes', consentDate],
      2,
      { name: 0, consent: 1, consentDate: 2 },
      { name: 'Name', consent: 'Consent', consentDate: 'Date' },
      new Map(),
    );

  it.each([
    ['31.12.9999', 'date.out_of_range'],
    ['0001-01-01', 'date.out_of_range'],
    ['31.02.2026', 'survey.consent_date_invalid'],
  ])('a consent date of %s is reported on its row as %s and the row is not taken', (cell, code) => {
    const row = read(cell);
    expect(row.issues).toEqual([expect.objectContaining({ field: 'consentDate', code })]);
    expect(row.person).toBeNull();
  });

  it('a consent date within the range is read as an ISO date', () => {
    const row = read('15.03.2026');
    expect(row.issues).toEqual([]);
    expect(row.consentDate).toBe('2026-03-15');
  });
});
