import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { DIMENSION_PARTS } from '@shared/calc/disaggregation';
import { DISAGGREGATION_DIMENSIONS } from '@shared/enums';
import type { Indicator } from '@shared/schemas/indicator';
import type { IndicatorValue } from '@shared/schemas/indicator-value';
import { DefinitionList } from '@/components/ui/layout';
import { formatDateTime, formatNumber } from '@/lib/format';
import { currentLocale } from '@/lib/i18n';
import { formatMeasured } from './indicator-format';

type Breakdown = IndicatorValue['disaggregation'];

/** The parts of a value (or target) by each recorded dimension, with their sum. */
export function DisaggregationTable({ breakdown, caption }: { breakdown: Breakdown; caption: string }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  if (!breakdown) return null;
  const dims = DISAGGREGATION_DIMENSIONS.filter((d) => breakdown[d]);
  if (dims.length === 0) return null;
  return (
    <div className="disagg-read">
      {dims.map((d) => {
        const parts = breakdown[d] ?? {};
        const names = DIMENSION_PARTS[d];
        const sum = names.reduce((s, n) => s + (parts[n] ?? 0), 0);
        return (
          <table className="table table-compact disagg-table" key={d}>
            <caption className="table-caption">
              {caption} · {t(`dataEntry.grid.by.${d}`)}
            </caption>
            <tbody>
              {names.map((n) => (
                <tr key={n}>
                  <th scope="row">{t(`dataEntry.parts.${n}`)}</th>
                  <td className="num">
                    {parts[n] === null || parts[n] === undefined ? t('dataEntry.notRecorded') : formatNumber(parts[n], locale, 2)}
                  </td>
                </tr>
              ))}
              <tr className="row-total">
                <th scope="row">{t('dataEntry.sumOfParts')}</th>
                <td className="num">{formatNumber(sum, locale, 2)}</td>
              </tr>
            </tbody>
          </table>
        );
      })}
    </div>
  );
}

/** A recorded value in full: figures, breakdown, comment and who did what when. */
export function ValueDetails({ indicator, value }: { indicator: Pick<Indicator, 'measure' | 'unit' | 'disaggregations'>; value: IndicatorValue }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const items: { key: string; term: string; value: ReactNode }[] = [];
  if (indicator.measure === 'qualitative') {
    items.push({ key: 'narrative', term: t('dataEntry.narrative'), value: <span className="prose">{value.narrative}</span> });
    items.push({
      key: 'score',
      term: t('dataEntry.score'),
      value: value.score === null ? t('dataEntry.noScore') : formatMeasured(t, locale, indicator, value.score),
    });
  } else {
    items.push({ key: 'value', term: t('dataEntry.value'), value: formatMeasured(t, locale, indicator, value.value) });
    if (value.numerator !== null && value.denominator !== null) {
      items.push({
        key: 'ratio',
        term: t('dataEntry.ratio'),
        value: t('dataEntry.ratioValue', {
          numerator: formatNumber(value.numerator, locale, 2),
          denominator: formatNumber(value.denominator, locale, 2),
        }),
      });
    }
  }
  if (indicator.disaggregations.length > 0) {
    items.push({
      key: 'complete',
      term: t('dataEntry.breakdown'),
      value: value.complete ? t('dataEntry.breakdownComplete') : t('dataEntry.breakdownIncomplete'),
    });
  }
  if (value.comment) items.push({ key: 'comment', term: t('dataEntry.comment'), value: <span className="prose">{value.comment}</span> });
  if (value.submittedBy && value.submittedAt) {
    items.push({
      key: 'submitted',
      term: t('dataEntry.submittedBy'),
      value: `${value.submittedBy.name} · ${formatDateTime(value.submittedAt, locale)}`,
    });
  }
  if (value.reviewedBy && value.reviewedAt) {
    items.push({ key: 'reviewed', term: t('dataEntry.reviewedBy'), value: `${value.reviewedBy.name} · ${formatDateTime(value.reviewedAt, locale)}` });
  }
  if (value.reviewNote) items.push({ key: 'note', term: t('dataEntry.reviewNote'), value: <span className="prose">{value.reviewNote}</span> });
  return (
    <div className="value-details">
      <DefinitionList items={items} />
      <DisaggregationTable breakdown={value.disaggregation} caption={t('dataEntry.breakdown')} />
    </div>
  );
}
