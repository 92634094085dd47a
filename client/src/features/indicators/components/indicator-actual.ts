import type { IndicatorDetail } from '@shared/schemas/indicator-summary';

/** The approved actual of a period on the indicator's scale: the value, or the score of a qualitative one. */
export function approvedActual(indicator: Pick<IndicatorDetail, 'measure'>, period: IndicatorDetail['periods'][number]): number | null {
  const v = period.value;
  if (!v || v.status !== 'approved') return null;
  return indicator.measure === 'qualitative' ? v.score : v.value;
}
