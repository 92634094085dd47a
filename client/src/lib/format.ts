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

/**
 * Tajik month abbreviations (CLDR). Browsers ship no Tajik date data, and Chromium would
 * write Tajik dates in Russian ("3 мар. 2013 г."); these keep them Tajik ("3 Мар 2013").
 */
const TAJIK_MONTHS = ['Янв', 'Фев', 'Мар', 'Апр', 'Май', 'Июн', 'Июл', 'Авг', 'Сен', 'Окт', 'Ноя', 'Дек'];

function needsTajikMonths(locale: string): boolean {
  return locale === 'tg' && memo('tg-dates', () => Intl.DateTimeFormat.supportedLocalesOf(['tg']).length === 0);
}

/** A calendar date (YYYY-MM-DD) in the language's own order, e.g. 3 Mar 2013. */
export function formatDate(iso: string | null | undefined, locale: string): string {
  if (!iso) return '';
  if (needsTajikMonths(locale)) {
    const d = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
    return Number.isNaN(d.getTime()) ? iso : `${d.getUTCDate()} ${TAJIK_MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
  }
  const fmt = memo(
    `date:${locale}`,
    () => new Intl.DateTimeFormat(intlLocales(locale), { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' }),
  );
  const d = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? iso : fmt.format(d);
}

/** A moment (ISO timestamp) in the user's time zone. */
export function formatDateTime(iso: string, locale: string): string {
  if (needsTajikMonths(locale)) {
    const d = new Date(iso);
    if (Number.isNaN(d.getTime())) return iso;
    const time = memo('time:tg', () => new Intl.DateTimeFormat('ru', { timeStyle: 'short' })).format(d);
    return `${d.getDate()} ${TAJIK_MONTHS[d.getMonth()]} ${d.getFullYear()}, ${time}`;
  }
  const fmt = memo(`datetime:${locale}`, () => new Intl.DateTimeFormat(intlLocales(locale), { dateStyle: 'medium', timeStyle: 'short' }));
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : fmt.format(d);
}

export function formatNumber(n: number, locale: string, maximumFractionDigits = 1): string {
  return memo(`num:${locale}:${maximumFractionDigits}`, () => new Intl.NumberFormat(intlLocales(locale), { maximumFractionDigits })).format(n);
}

/** 0..100 as a percentage, e.g. 42 % in the language's spacing. */
export function formatPercent(percent: number, locale: string): string {
  return memo(`pct:${locale}`, () => new Intl.NumberFormat(intlLocales(locale), { style: 'percent', maximumFractionDigits: 1 })).format(
    percent / 100,
  );
}

/** Money from the API's decimal string, formatted without passing through a float. */
export function formatMoney(money: Money, locale: string): string {
  const fmt = memo(
    `money:${locale}:${money.currency}`,
    () => new Intl.NumberFormat(intlLocales(locale), { style: 'currency', currency: money.currency, currencyDisplay: 'code' }),
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

/** The month of a date, e.g. "Mar" or, with the year, "Mar 2013" (UTC, in the language's own words). */
export function formatMonth(iso: string, locale: string, withYear = false): string {
  if (needsTajikMonths(locale)) {
    const [year, month] = [Number(iso.slice(0, 4)), Number(iso.slice(5, 7))];
    const name = TAJIK_MONTHS[month - 1];
    if (!name || !Number.isInteger(year)) return iso;
    return withYear ? `${name} ${year}` : name;
  }
  const fmt = memo(
    `month:${locale}:${withYear}`,
    () =>
      new Intl.DateTimeFormat(
        intlLocales(locale),
        withYear ? { month: 'short', year: 'numeric', timeZone: 'UTC' } : { month: 'short', timeZone: 'UTC' },
      ),
  );
  const d = new Date(`${iso.slice(0, 7)}-01T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? iso : fmt.format(d);
}
