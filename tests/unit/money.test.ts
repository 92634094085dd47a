import { describe, expect, it } from 'vitest';
import { fromMinorUnits, MoneySchema, NonNegativeMoneySchema, toMinorUnits } from '@shared/money';
import { isIsoDate } from '@shared/schemas/common';
import { isCommonPassword, NewPasswordSchema } from '@shared/passwords';
import { reorder } from '../../server/src/core/ordering';

describe('money', () => {
  it.each([
    ['150000.00', 'USD', 15_000_000],
    ['150000', 'USD', 15_000_000],
    ['0.1', 'USD', 10],
    ['-12.34', 'USD', -1234],
    ['1500', 'JPY', 1500],
    ['1.5', 'JPY', null],
    ['1.001', 'USD', null],
    ['1.234', 'KWD', 1234],
    ['1e3', 'USD', null],
    ['', 'USD', null],
    [' 1', 'USD', null],
    ['-0', 'USD', 0],
  ] as const)('toMinorUnits(%s, %s) = %s', (amount, currency, expected) => {
    expect(toMinorUnits(amount, currency)).toBe(expected);
  });

  it.each([
    [15_000_000, 'USD', '150000.00'],
    [5, 'USD', '0.05'],
    [-1234, 'USD', '-12.34'],
    [1500, 'JPY', '1500'],
    [1, 'KWD', '0.001'],
  ] as const)('fromMinorUnits(%i, %s) = %s', (minor, currency, expected) => {
    expect(fromMinorUnits(minor, currency)).toBe(expected);
  });

  it('MoneySchema refuses unknown currencies, lower case and extra decimals', () => {
    expect(MoneySchema.safeParse({ amount: '1.00', currency: 'USD' }).success).toBe(true);
    expect(MoneySchema.safeParse({ amount: '1.00', currency: 'usd' }).success).toBe(false);
    expect(MoneySchema.safeParse({ amount: '1.00', currency: 'XYZ' }).success).toBe(false);
    expect(MoneySchema.safeParse({ amount: '1.005', currency: 'USD' }).success).toBe(false);
    expect(MoneySchema.safeParse({ amount: 1, currency: 'USD' }).success).toBe(false);
    expect(NonNegativeMoneySchema.safeParse({ amount: '-1.00', currency: 'USD' }).success).toBe(false);
  });
});

describe('isIsoDate', () => {
  it.each([
    ['2026-02-28', true],
    ['2024-02-29', true],
    ['2026-02-29', false],
    ['2026-13-01', false],
    ['2026-1-01', false],
    ['2026/01/01', false],
    ['2026-01-01T00:00:00Z', false],
  ])('%s → %s', (s, ok) => {
    expect(isIsoDate(s)).toBe(ok);
  });
});

describe('passwords', () => {
  it.each([
    ['short', false],
    ['password1234', false],
    ['PASSWORD1234', false],
    ['a long enough passphrase', true],
  ])('%s accepted: %s', (p, ok) => {
    expect(NewPasswordSchema.safeParse(p).success).toBe(ok);
  });
  it('knows common passwords case-insensitively', () => {
    expect(isCommonPassword('QwertyQwerty')).toBe(true);
  });
});

describe('reorder', () => {
  const items = [
    { id: 1, position: 1 },
    { id: 2, position: 2 },
    { id: 3, position: 3 },
  ];
  it.each([
    [
      'move last to first',
      3,
      1,
      [
        { id: 3, position: 1 },
        { id: 1, position: 2 },
        { id: 2, position: 3 },
      ],
    ],
    [
      'move first to last',
      1,
      3,
      [
        { id: 2, position: 1 },
        { id: 3, position: 2 },
        { id: 1, position: 3 },
      ],
    ],
    [
      'position past the end is clamped',
      1,
      99,
      [
        { id: 2, position: 1 },
        { id: 3, position: 2 },
        { id: 1, position: 3 },
      ],
    ],
    ['same place changes nothing', 2, 2, []],
    ['an unknown id changes nothing when there are no gaps', 9, 1, []],
  ])('%s', (_name, id, position, expected) => {
    expect(reorder(items, id, position)).toEqual(expected);
  });
  it('heals gaps after a delete', () => {
    expect(
      reorder(
        [
          { id: 1, position: 1 },
          { id: 3, position: 3 },
        ],
        -1,
        0,
      ),
    ).toEqual([{ id: 3, position: 2 }]);
  });
});
