import { COUNTRIES } from '@shared/codelists/iati';
import type { Money } from '@shared/money';

/**
 * Intl formatting for the interface language. Tajik falls back to Russian conventions
 * where the runtime has no Tajik data, which keeps Cyrillic month names.
 */
function intlLocales(locale: string): string[] {
  return locale === 'tg' ? ['tg', 'ru'] : [locale];
}

const cache = new Map<string, unknown>();
function memo<T>(key: string, make: () => T): T {
  const hit = cache.get(key);
  if (hit !== undefined) return hit as T;
  const made = make();
  cache.set(key, made);
  return made;
}

/** A calendar date (YYYY-MM-DD) in the language's own order, e.g. 3 Mar 2013. */
export function formatDate(iso: string | null | undefined, locale: string): string {
  if (!iso) return '';
  const fmt = memo(`date:${locale}`, () =>
    new Intl.DateTimeFormat(intlLocales(locale), { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' }),
  );
  const d = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? iso : fmt.format(d);
}

/** A moment (ISO timestamp) in the user's time zone. */
export function formatDateTime(iso: string, locale: string): string {
  const fmt = memo(`datetime:${locale}`, () =>
    new Intl.DateTimeFormat(intlLocales(locale), { dateStyle: 'medium', timeStyle: 'short' }),
  );
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : fmt.format(d);
}

export function formatNumber(n: number, locale: string, maximumFractionDigits = 1): string {
  return memo(`num:${locale}:${maximumFractionDigits}`, () =>
    new Intl.NumberFormat(intlLocales(locale), { maximumFractionDigits }),
  ).format(n);
}

/** 0..100 as a percentage, e.g. 42 % in the language's spacing. */
export function formatPercent(percent: number, locale: string): string {
  return memo(`pct:${locale}`, () =>
    new Intl.NumberFormat(intlLocales(locale), { style: 'percent', maximumFractionDigits: 1 }),
  ).format(percent / 100);
}

/** Money from the API's decimal string, formatted without passing through a float. */
export function formatMoney(money: Money, locale: string): string {
  const fmt = memo(`money:${locale}:${money.currency}`, () =>
    new Intl.NumberFormat(intlLocales(locale), { style: 'currency', currency: money.currency, currencyDisplay: 'code' }),
  );
  return fmt.format(money.amount as `${number}`);
}

/** A country's name in the interface language (ISO 3166-1 alpha-2 code). */
export function countryName(code: string, locale: string): string {
  const names = memo(`region:${locale}`, () => {
    try {
      return new Intl.DisplayNames(intlLocales(locale), { type: 'region', fallback: 'none' });
    } catch {
      return null;
    }
  });
  const name = names?.of(code);
  if (name && name !== code) return name;
  return (COUNTRIES as Record<string, string>)[code] ?? code;
}

/** All known countries, sorted by their name in the interface language. */
export function countryOptions(locale: string): { code: string; name: string }[] {
  return memo(`countries:${locale}`, () => {
    const collator = new Intl.Collator(intlLocales(locale));
    return Object.keys(COUNTRIES)
      .map((code) => ({ code, name: countryName(code, locale) }))
      .sort((a, b) => collator.compare(a.name, b.name));
  });
}

export function currencyName(code: string, locale: string): string {
  const names = memo(`currency:${locale}`, () => {
    try {
      return new Intl.DisplayNames(intlLocales(locale), { type: 'currency', fallback: 'none' });
    } catch {
      return null;
    }
  });
  return names?.of(code) ?? code;
}

/** A span of years: 2013–2014, or one year when they are the same. */
export function formatYears(start: number, end: number): string {
  return start === end ? String(start) : `${start}–${end}`;
}
