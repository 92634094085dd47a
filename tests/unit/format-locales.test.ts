import { afterEach, describe, expect, it, vi } from 'vitest';

/** A fresh copy of lib/format, whose formatters are memoised per module. */
async function loadFormat() {
  vi.resetModules();
  return import('../../client/src/lib/format');
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('Formatting by interface language', () => {
  it('writes dates, money and percentages the Russian way in Russian', async () => {
    const { formatDate, formatMoney, formatPercent, formatNumber } = await loadFormat();
    expect(formatDate('2013-03-03', 'ru')).toBe('3 мар. 2013 г.');
    expect(formatMoney({ amount: '150000.50', currency: 'USD' }, 'ru')).toMatch(/^150\s000,50\sUSD$/);
    expect(formatPercent(42.5, 'ru')).toMatch(/^42,5\s%$/);
    expect(formatNumber(1234567.8, 'ru')).toMatch(/^1\s234\s567,8$/);
  });

  it('writes Tajik dates with Tajik month names even where the runtime has no Tajik data (as in browsers)', async () => {
    vi.spyOn(Intl.DateTimeFormat, 'supportedLocalesOf').mockReturnValue([]);
    const { formatDate, formatMonth, formatDateTime, formatMoney } = await loadFormat();
    expect(formatDate('2013-03-03', 'tg')).toBe('3 Мар 2013');
    expect(formatDate('2014-12-31', 'tg')).toBe('31 Дек 2014');
    expect(formatMonth('2014-06-30', 'tg')).toBe('Июн');
    expect(formatMonth('2014-06-30', 'tg', true)).toBe('Июн 2014');
    expect(formatDateTime('2014-06-30T09:05:00', 'tg')).toMatch(/^30 Июн 2014, 09:05$/);
    // Numbers and money follow the same conventions as Russian.
    expect(formatMoney({ amount: '150000.50', currency: 'USD' }, 'tg')).toMatch(/^150\s000,50\sUSD$/);
  });

  it('writes Tajik dates the same way where the runtime has Tajik data', async () => {
    const { formatDate } = await loadFormat();
    expect(formatDate('2013-03-03', 'tg')).toBe('3 Мар 2013');
  });
});
