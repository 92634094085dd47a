import { convertMinor, parseRate } from '@shared/calc/fx';
import { isCurrencyCode, moneyFromMinor, toMinorUnits, type CurrencyCode, type Money } from '@shared/money';

/** A decimal as people type it: spaces and a decimal comma are accepted ("1 234,50" → "1234.50"). */
export function normaliseDecimal(s: string): string {
  return s
    .trim()
    .replace(/[\s\u00a0\u202f]/g, '')
    .replace(',', '.');
}

/**
 * The converted amount the server will record, computed the same way (shared
 * convertMinor, half-even, exact rate); null while the amount or the rate is incomplete.
 */
export function previewConversion(amount: string, currency: string, rate: string, projectCurrency: CurrencyCode): Money | null {
  if (!isCurrencyCode(currency)) return null;
  const minor = toMinorUnits(normaliseDecimal(amount), currency);
  if (minor === null) return null;
  if (currency === projectCurrency) return moneyFromMinor(minor, projectCurrency);
  const parsed = parseRate(normaliseDecimal(rate));
  if (!parsed) return null;
  try {
    return moneyFromMinor(convertMinor(minor, currency, projectCurrency, parsed), projectCurrency);
  } catch {
    return null;
  }
}

/** For charts only: tables and text always show the exact decimal through formatMoney. */
export function moneyNumber(m: Money): number {
  return Number(m.amount);
}

/** a / b as a percentage with one decimal, or null when b is not positive. */
export function percentOf(a: Money, b: Money): number | null {
  const d = Number(b.amount);
  if (!(d > 0)) return null;
  return Math.round((Number(a.amount) / d) * 1000) / 10;
}
