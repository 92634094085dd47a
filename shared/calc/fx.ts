import { currencyDigits, type CurrencyCode } from '../money';

/**
 * An exchange rate as an exact fraction num/den (both > 0, reduced): units of the
 * target currency per one unit of the source currency. Kept rational so that a rate
 * typed as "0.0917" is exactly 917/10000, never the nearest binary float.
 */
export type Rate = { readonly num: bigint; readonly den: bigint };

/** Up to 12 integer digits and 10 decimals; no sign, exponent, grouping or spaces. */
const RATE = /^(\d{1,12})(?:\.(\d{1,10}))?$/;

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/** Parses a decimal rate such as "0.0917" into an exact reduced fraction; null unless it is > 0. */
export function parseRate(s: string): Rate | null {
  const m = RATE.exec(s);
  if (!m) return null;
  const fraction = m[2] ?? '';
  const num = BigInt(m[1] + fraction);
  if (num === 0n) return null;
  const den = 10n ** BigInt(fraction.length);
  const g = gcd(num, den);
  return { num: num / g, den: den / g };
}

/**
 * num/den rounded to the nearest integer, ties to the even neighbour (banker's
 * rounding), so that rounding many converted amounts has no upward drift. Symmetric
 * around zero: -2.5 gives -2, as 2.5 gives 2.
 */
export function roundHalfEven(num: bigint, den: bigint): bigint {
  if (den === 0n) throw new RangeError('roundHalfEven: division by zero');
  const negative = num < 0n !== den < 0n;
  const n = num < 0n ? -num : num;
  const d = den < 0n ? -den : den;
  let q = n / d;
  const twiceRest = (n % d) * 2n;
  if (twiceRest > d || (twiceRest === d && q % 2n === 1n)) q += 1n;
  return negative ? -q : q;
}

/**
 * Converts integer minor units of `from` into integer minor units of `to` at `rate`
 * (units of `to` per unit of `from`), bridging the currencies' minor-unit digits
 * (JPY 0, USD 2, KWD 3). Computed exactly and rounded once, half-even; negative
 * amounts (corrections) round as the mirror image of positive ones.
 * Throws RangeError when the amount is not a safe integer, the rate is not positive,
 * the currencies are the same but the rate is not 1, or the result is not a safe integer.
 */
export function convertMinor(amountMinor: number, from: CurrencyCode, to: CurrencyCode, rate: Rate): number {
  if (!Number.isSafeInteger(amountMinor)) throw new RangeError(`Amount ${amountMinor} is not a safe integer`);
  if (rate.num <= 0n || rate.den <= 0n) throw new RangeError('Rate must be positive');
  if (from === to && rate.num !== rate.den) throw new RangeError(`A rate from ${from} to itself must be 1`);
  const num = BigInt(amountMinor) * rate.num * 10n ** BigInt(currencyDigits(to));
  const den = rate.den * 10n ** BigInt(currencyDigits(from));
  const result = Number(roundHalfEven(num, den));
  if (!Number.isSafeInteger(result)) throw new RangeError(`Converted amount exceeds the safe integer range`);
  return result;
}
