import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { IndicatorDetail } from '@shared/schemas/indicator-summary';
import { formatDate, formatNumber } from '@/lib/format';
import { currentLocale } from '@/lib/i18n';
import { approvedActual } from './indicator-actual';
import { formatMeasured } from './indicator-format';

type IndicatorChartProps = { indicator: IndicatorDetail; tableId: string };

/**
 * Targets (a dashed line) against approved actuals (bars) per period, with the baseline
 * and the life-of-project target as reference lines. This module is the only one that
 * imports recharts, and only the indicator page imports it, so the chart library loads
 * with that page alone. The table `tableId` holds the same figures.
 */
export function IndicatorChart({ indicator, tableId }: IndicatorChartProps) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const captionId = useId();
  const data = indicator.periods.map((p) => ({
    name: formatDate(p.end, locale),
    target: p.target,
    actual: approvedActual(indicator, p),
  }));
  const hasAny = data.some((d) => d.target !== null || d.actual !== null);
  const fmt = (n: unknown) => (typeof n === 'number' ? formatMeasured(t, locale, indicator, n) : t('common.notSet'));
  const tick = (n: unknown) => (typeof n === 'number' ? formatNumber(n, locale, 1) : '');
  const baseline = indicator.baseline.value;
  const target = indicator.target.value;
  const cumulative = indicator.aggregation === 'cumulative';

  return (
    <figure className="indicator-chart" aria-labelledby={captionId}>
      <figcaption id={captionId} className="muted small">
        {t('indicators.chart.caption')} <a href={`#${tableId}`}>{t('indicators.chart.tableLink')}</a>
      </figcaption>
      {hasAny ? (
        <div className="indicator-chart-box" aria-hidden="true">
          <ResponsiveContainer width="100%" height={300}>
            <ComposedChart data={data} margin={{ top: 16, right: 16, bottom: 8, left: 0 }} accessibilityLayer={false}>
              <CartesianGrid stroke="#e3e7ec" vertical={false} />
              <XAxis dataKey="name" tick={{ fontSize: 12, fill: '#566070' }} interval="preserveStartEnd" />
              <YAxis tick={{ fontSize: 12, fill: '#566070' }} tickFormatter={tick} width={56} />
              <Tooltip formatter={(v) => fmt(v)} />
              <Legend wrapperStyle={{ fontSize: 13 }} />
              {baseline !== null && cumulative ? (
                <ReferenceLine
                  y={baseline}
                  stroke="#8a94a3"
                  strokeDasharray="2 4"
                  label={{ value: t('indicators.chart.baseline'), position: 'insideBottomRight', fontSize: 11, fill: '#566070' }}
                />
              ) : null}
              {target !== null && cumulative ? (
                <ReferenceLine
                  y={target}
                  stroke="#154549"
                  strokeDasharray="6 3"
                  label={{ value: t('indicators.chart.lifeTarget'), position: 'insideTopLeft', fontSize: 11, fill: '#154549' }}
                />
              ) : null}
              <Bar
                dataKey="actual"
                name={t('indicators.chart.actual')}
                fill="#1f5f66"
                radius={[3, 3, 0, 0]}
                maxBarSize={48}
                isAnimationActive={false}
              />
              <Line
                dataKey="target"
                name={t('indicators.chart.target')}
                stroke="#b25e09"
                strokeWidth={2}
                strokeDasharray="6 4"
                dot={{ r: 4, fill: '#ffffff', strokeWidth: 2 }}
                connectNulls
                isAnimationActive={false}
              />
            </ComposedChart>
          </ResponsiveContainer>
        </div>
      ) : (
        <p className="empty-state">{t('indicators.chart.empty')}</p>
      )}
    </figure>
  );
}
