import type { ReactElement, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { BudgetAnalysis } from '@shared/schemas/budget';
import { TableScroll } from '@/components/ui/layout';
import { TableHead } from '@/components/ui/table-head';
import { formatMoney, formatMonth, formatNumber } from '@/lib/format';
import { currentLocale } from '@/lib/i18n';
import { moneyNumber } from './money';

/** Legend entries in the text colour: the swatch carries the series colour. */
const legendText = (value: string) => <span className="chart-legend-text">{value}</span>;

/** Charts load with the budget page only: recharts is heavy and nothing else needs it. */
export function BudgetCharts({ analysis: a }: { analysis: BudgetAnalysis }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const money = (n: number) => formatMoney({ amount: n.toFixed(2), currency: a.currency }, locale);
  const compact = (n: number) => formatNumber(n, locale, 0);
  const thisMonth = a.burnRate.today.slice(0, 7);

  const series = a.series.map((s) => ({
    period: s.period,
    label: formatMonth(s.period, locale, true),
    // Actual spending stops at this month; the plan runs to the end.
    actual: s.period <= thisMonth ? moneyNumber(s.cumulativeSpent) : null,
    planned: moneyNumber(s.cumulativePlanned),
  }));
  const categories = a.byCategory.rows
    .filter((r) => Number(r.budget.amount) !== 0 || Number(r.spent.amount) !== 0)
    .map((r) => ({ name: t(`budget.category.${r.category}`), budget: moneyNumber(r.budget), spent: moneyNumber(r.spent) }));
  const outcomes = a.byOutcome.rows.map((r) => ({
    name: t('budget.charts.outcomeShort', { code: r.code }),
    title: r.title,
    budget: moneyNumber(r.budget),
    spent: moneyNumber(r.spent),
  }));

  return (
    <div className="charts">
      <ChartFigure
        title={t('budget.charts.cumulative')}
        summary={t('budget.charts.cumulativeSummary', {
          spent: formatMoney(a.totals.spent, locale),
          planned: money(series.filter((s) => s.period <= thisMonth).at(-1)?.planned ?? 0),
        })}
        chart={
          <LineChart data={series} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#dadfe6" />
            <XAxis dataKey="label" tick={{ fontSize: 12 }} minTickGap={24} />
            <YAxis tickFormatter={compact} tick={{ fontSize: 12 }} width={64} />
            <Tooltip formatter={(v) => money(Number(v))} />
            <Legend formatter={legendText} />
            <Line
              type="monotone"
              dataKey="planned"
              name={t('budget.charts.planned')}
              stroke="#566070"
              strokeDasharray="6 4"
              strokeWidth={2}
              dot={false}
              isAnimationActive={false}
            />
            <Line
              type="monotone"
              dataKey="actual"
              name={t('budget.charts.actual')}
              stroke="#1f5f66"
              strokeWidth={3}
              dot={false}
              connectNulls={false}
              isAnimationActive={false}
            />
          </LineChart>
        }
        table={
          <table className="table table-compact">
            <TableHead
              columns={[
                t('budget.charts.month'),
                { label: t('budget.charts.spentInMonth'), numeric: true },
                { label: t('budget.charts.actual'), numeric: true },
                { label: t('budget.charts.planned'), numeric: true },
              ]}
            />
            <tbody>
              {a.series.map((s) => (
                <tr key={s.period}>
                  <th scope="row">{formatMonth(s.period, locale, true)}</th>
                  <td className="num nowrap">{formatMoney(s.spent, locale)}</td>
                  <td className="num nowrap">{s.period <= thisMonth ? formatMoney(s.cumulativeSpent, locale) : t('common.notSet')}</td>
                  <td className="num nowrap">{formatMoney(s.cumulativePlanned, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        }
      />
      <ChartFigure
        title={t('budget.charts.byCategory')}
        summary={t('budget.charts.byCategorySummary')}
        height={Math.max(220, categories.length * 44 + 60)}
        chart={
          <BarChart data={categories} layout="vertical" margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#dadfe6" />
            <XAxis type="number" tickFormatter={compact} tick={{ fontSize: 12 }} />
            <YAxis type="category" dataKey="name" width={150} tick={{ fontSize: 12 }} />
            <Tooltip formatter={(v) => money(Number(v))} />
            <Legend formatter={legendText} />
            <Bar dataKey="budget" name={t('budget.figures.budget')} fill="#97a3b4" isAnimationActive={false} />
            <Bar dataKey="spent" name={t('budget.figures.spent')} fill="#1f5f66" isAnimationActive={false} />
          </BarChart>
        }
        table={
          <table className="table table-compact">
            <TableHead
              columns={[
                t('budget.lines.category'),
                { label: t('budget.figures.budget'), numeric: true },
                { label: t('budget.figures.spent'), numeric: true },
              ]}
            />
            <tbody>
              {categories.map((c) => (
                <tr key={c.name}>
                  <th scope="row">{c.name}</th>
                  <td className="num nowrap">{money(c.budget)}</td>
                  <td className="num nowrap">{money(c.spent)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        }
      />
      <ChartFigure
        title={t('budget.charts.byOutcome')}
        summary={t('budget.charts.byOutcomeSummary')}
        chart={
          <BarChart data={outcomes} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#dadfe6" />
            <XAxis dataKey="name" tick={{ fontSize: 12 }} />
            <YAxis tickFormatter={compact} tick={{ fontSize: 12 }} width={64} />
            <Tooltip formatter={(v) => money(Number(v))} />
            <Legend formatter={legendText} />
            <Bar dataKey="budget" name={t('budget.figures.budget')} fill="#97a3b4" isAnimationActive={false} />
            <Bar dataKey="spent" name={t('budget.figures.spent')} fill="#1f5f66" isAnimationActive={false} />
          </BarChart>
        }
        table={
          <table className="table table-compact">
            <TableHead
              columns={[
                t('budget.analysis.outcome'),
                { label: t('budget.figures.budget'), numeric: true },
                { label: t('budget.figures.spent'), numeric: true },
              ]}
            />
            <tbody>
              {outcomes.map((o) => (
                <tr key={o.name}>
                  <th scope="row">
                    {o.name}: {o.title}
                  </th>
                  <td className="num nowrap">{money(o.budget)}</td>
                  <td className="num nowrap">{money(o.spent)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        }
      />
    </div>
  );
}

type ChartFigureProps = { title: string; summary: string; chart: ReactElement; table: ReactNode; height?: number };

/** A chart with a one-line summary for screen readers and its data as a table beneath. */
function ChartFigure({ title, summary, chart, table, height = 280 }: ChartFigureProps) {
  const { t } = useTranslation();
  return (
    <figure className="chart-figure">
      <figcaption className="chart-title">{title}</figcaption>
      <p className="muted small">{summary}</p>
      <div className="chart-box" role="img" aria-label={`${title}. ${summary}`} style={{ height }}>
        <ResponsiveContainer width="100%" height="100%">
          {chart}
        </ResponsiveContainer>
      </div>
      <details className="chart-table">
        <summary>{t('budget.charts.showTable', { title })}</summary>
        <TableScroll label={title}>{table}</TableScroll>
      </details>
    </figure>
  );
}

export default BudgetCharts;
