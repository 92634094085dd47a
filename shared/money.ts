import { z } from 'zod';
import { CURRENCIES } from './codelists/iati';
import { asZodIssue, issue } from './issues';

export type CurrencyCode = keyof typeof CURRENCIES;
export const CURRENCY_CODES = Object.keys(CURRENCIES) as CurrencyCode[];

export function isCurrencyCode(code: string): code is CurrencyCode {
  return Object.hasOwn(CURRENCIES, code);
}

/** Decimals of the currency's minor unit (USD 2, JPY 0, KWD 3). */
export function currencyDigits(code: CurrencyCode): number {
  return CURRENCIES[code].digits;
}

export const CurrencySchema = z
  .string()
  .refine(isCurrencyCode, asZodIssue(issue('money.currency_unknown')))
  .transform((c) => c as CurrencyCode);

/**
 * The largest amount one budget line, entry or project budget may hold, in major units of
 * its currency (either sign): one trillion. Far beyond any project in a strong currency, it
 * still leaves room for a large project in the weakest ones (rials, dong, som, kip), where
 * a million dollars is tens of billions of units.
 */
export const MAX_AMOUNT_MAJOR = 1_000_000_000_000;
/** No single amount goes beyond 10^15 minor units (it binds only 4-decimal currencies), so each stays exact as a double. */
const MAX_AMOUNT_MINOR_CAP = 10 ** 15;

/** The bound of MAX_AMOUNT_MAJOR in minor units of the currency. */
export function maxAmountMinor(currency: CurrencyCode): number {
  return Math.min(MAX_AMOUNT_MAJOR * 10 ** currencyDigits(currency), MAX_AMOUNT_MINOR_CAP);
}

/** True when |minor| is within the bound of the currency. */
export function isAmountInRange(minor: number | bigint, currency: CurrencyCode): boolean {
  const bound = BigInt(maxAmountMinor(currency));
  const value = BigInt(minor);
  return value <= bound && value >= -bound;
}

/** The issue a too large amount is refused with: the bound in major units of its currency. */
export function amountTooLarge(currency: CurrencyCode) {
  return issue('money.too_large', { max: maxAmountMinor(currency) / 10 ** currencyDigits(currency), currency });
}

/** Long enough that a too large amount is told as too large, not as badly written. */
const DECIMAL = /^(-?)(\d{1,30})(?:\.(\d+))?$/;

/**
 * Exact minor units of a decimal string of any size, or null when the string is not a
 * plain decimal or has more decimals than the currency allows.
 */
export function minorUnitsOf(amount: string, currency: CurrencyCode): bigint | null {
  const m = DECIMAL.exec(amount);
  if (!m) return null;
  const digits = currencyDigits(currency);
  const fraction = m[3] ?? '';
  if (fraction.length > digits) return null;
  const minor = BigInt(m[2] + fraction.padEnd(digits, '0'));
  return m[1] === '-' ? -minor : minor;
}

/**
 * Turns a decimal string into integer minor units of the currency, or null when the
 * string is not a plain decimal, has more decimals than the currency allows, or lies
 * beyond the safe integer range.
 */
export function toMinorUnits(amount: string, currency: CurrencyCode): number | null {
  const minor = minorUnitsOf(amount, currency);
  if (minor === null) return null;
  const n = Number(minor);
  return Number.isSafeInteger(n) ? n : null;
}

/**
 * Integer minor units back to the decimal string used at the API boundary. A bigint
 * (a sum) is written exactly whatever its size.
 */
export function fromMinorUnits(minor: number | bigint, currency: CurrencyCode): string {
  if (typeof minor === 'number' && !Number.isInteger(minor)) throw new RangeError(`Minor units must be a whole number, got ${minor}`);
  const value = BigInt(minor);
  const digits = currencyDigits(currency);
  const sign = value < 0n ? '-' : '';
  const abs = (value < 0n ? -value : value).toString().padStart(digits + 1, '0');
  if (digits === 0) return sign + abs;
  return `${sign}${abs.slice(0, -digits)}.${abs.slice(-digits)}`;
}

/** The exact sum of integer minor units: no count or size of amounts can overflow it. */
export function sumMinor(values: Iterable<number | bigint>): bigint {
  let sum = 0n;
  for (const v of values) sum += BigInt(v);
  return sum;
}

/** An amount as it crosses the API: a decimal string and an ISO 4217 code. */
export const MoneySchema = z
  .strictObject({
    amount: z.string().refine((a) => DECIMAL.test(a), asZodIssue(issue('money.amount_format'))),
    currency: CurrencySchema,
  })
  .superRefine((v, ctx) => {
    // zod runs this even when a field above failed, so check the currency again.
    if (!isCurrencyCode(v.currency) || !DECIMAL.test(v.amount)) return;
    const minor = minorUnitsOf(v.amount, v.currency);
    if (minor === null) {
      ctx.addIssue({
        code: 'custom',
        path: ['amount'],
        ...asZodIssue(issue('money.too_many_decimals', { max: currencyDigits(v.currency), currency: v.currency })),
      });
    } else if (!isAmountInRange(minor, v.currency)) {
      ctx.addIssue({ code: 'custom', path: ['amount'], ...asZodIssue(amountTooLarge(v.currency)) });
    }
  });
export type Money = z.infer<typeof MoneySchema>;

/** A non-negative amount (budgets, expenditures that are not corrections). */
export const NonNegativeMoneySchema = MoneySchema.refine((v) => !v.amount.startsWith('-'), {
  path: ['amount'],
  ...asZodIssue(issue('money.negative')),
});

/**
 * An amount as the API reports it: a stored amount or a sum of many, which may lie beyond
 * the bound of any one amount. Exact, of any length; requests are parsed with MoneySchema.
 */
export const MoneyFigureSchema = z.object({
  amount: z.string().regex(/^-?\d+(?:\.\d+)?$/),
  currency: CurrencySchema,
});

export function moneyFromMinor(minor: number | bigint, currency: CurrencyCode): Money {
  return { amount: fromMinorUnits(minor, currency), currency };
}
