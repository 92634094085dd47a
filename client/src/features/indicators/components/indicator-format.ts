import type { TFunction } from 'i18next';
import type { Indicator } from '@shared/schemas/indicator';
import type { IndicatorSummary } from '@shared/schemas/indicator-summary';
import { formatDate, formatNumber, formatPercent } from '@/lib/format';

type Measured = Pick<Indicator | IndicatorSummary, 'measure' | 'unit'>;

/** A figure of an indicator in its own terms: 175 people, 66.7 %, score 3 of 5. */
export function formatMeasured(t: TFunction, locale: string, indicator: Measured, n: number | null | undefined): string {
  if (n === null || n === undefined) return t('common.notSet');
  if (indicator.measure === 'percentage') return formatPercent(n, locale);
  if (indicator.measure === 'qualitative') return t('indicators.scoreOf', { score: formatNumber(n, locale, 0) });
  const num = formatNumber(n, locale, 2);
  return indicator.unit ? `${num} ${indicator.unit}` : num;
}

/** Baseline as "0 (2025)", or a dash. */
export function formatBaseline(t: TFunction, locale: string, indicator: Measured & Pick<Indicator, 'baseline'>): string {
  const { value, year } = indicator.baseline;
  if (value === null) return year === null ? t('common.notSet') : t('indicators.baselineYearOnly', { year });
  const v = formatMeasured(t, locale, indicator, value);
  return year === null ? v : t('indicators.baselineWithYear', { value: v, year });
}

/** A reporting period as "1 Oct 2026 – 31 Dec 2026". */
export function formatPeriod(locale: string, period: { start: string; end: string }): string {
  return `${formatDate(period.start, locale)} – ${formatDate(period.end, locale)}`;
}

/** The key of a period span in a URL: 2026-10-01..2026-12-31. */
export function periodKey(period: { start: string; end: string }): string {
  return `${period.start}..${period.end}`;
}

/** A file size for people: 12 KB, 3.4 MB. */
export function formatBytes(t: TFunction, locale: string, bytes: number): string {
  if (bytes < 1024 * 1024) return t('evidence.kb', { n: formatNumber(Math.max(1, Math.round(bytes / 1024)), locale, 0) });
  return t('evidence.mb', { n: formatNumber(bytes / 1024 / 1024, locale, 1) });
}
