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

const DECIMAL = /^(-?)(\d{1,15})(?:\.(\d+))?$/;

/**
 * Turns a decimal string into integer minor units of the currency, or null when the
 * string is not a plain decimal or has more decimals than the currency allows.
 */
export function toMinorUnits(amount: string, currency: CurrencyCode): number | null {
  const m = DECIMAL.exec(amount);
  if (!m) return null;
  const digits = currencyDigits(currency);
  const fraction = m[3] ?? '';
  if (fraction.length > digits) return null;
  const minor = Number(m[2] + fraction.padEnd(digits, '0'));
  if (!Number.isSafeInteger(minor)) return null;
  return m[1] === '-' && minor !== 0 ? -minor : minor;
}

/** Integer minor units back to the decimal string used at the API boundary. */
export function fromMinorUnits(minor: number, currency: CurrencyCode): string {
  const digits = currencyDigits(currency);
  const sign = minor < 0 ? '-' : '';
  const abs = String(Math.abs(minor)).padStart(digits + 1, '0');
  if (digits === 0) return sign + abs;
  return `${sign}${abs.slice(0, -digits)}.${abs.slice(-digits)}`;
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
    if (toMinorUnits(v.amount, v.currency) === null) {
      ctx.addIssue({
        code: 'custom',
        path: ['amount'],
        ...asZodIssue(issue('money.too_many_decimals', { max: currencyDigits(v.currency), currency: v.currency })),
      });
    }
  });
export type Money = z.infer<typeof MoneySchema>;

/** A non-negative amount (budgets, expenditures that are not corrections). */
export const NonNegativeMoneySchema = MoneySchema.refine((v) => !v.amount.startsWith('-'), {
  path: ['amount'],
  ...asZodIssue(issue('money.negative')),
});

export function moneyFromMinor(minor: number, currency: CurrencyCode): Money {
  return { amount: fromMinorUnits(minor, currency), currency };
}
