import { useTranslation } from 'react-i18next';
import { fromMinorUnits, isCurrencyCode } from '@shared/money';
import type { ReportComparisonView } from '@shared/schemas/report';
import { EmptyState, Panel } from '@/components/ui/layout';
import { ScrollTable } from '@/components/ui/scroll-table';
import { formatMoney, formatNumber } from '@/lib/format';

const CHANGE_CLASS: Record<string, string> = { added: 'change-added', removed: 'change-removed', changed: 'change-changed', unchanged: 'muted' };

/** This report against the previous one: indicators, activity status and spending. */
export function ReportCompare({ comparison }: { comparison: ReportComparisonView }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const n = (v: number | null) => (v === null ? '–' : formatNumber(v, lang, 2));
  const signed = (v: number | null) => (v === null ? '–' : `${v > 0 ? '+' : ''}${formatNumber(v, lang, 2)}`);
  const currency = comparison.currency;
  const money = (minor: number | null) =>
    minor === null || !currency || !isCurrencyCode(currency) ? '–' : formatMoney({ amount: fromMinorUnits(minor, currency), currency }, lang);

  return (
    <div className="report-compare">
      {comparison.previous ? null : <EmptyState>{t('reports.compare.noPrevious')}</EmptyState>}
      <Panel title={t('reports.compare.indicators', { count: comparison.counts.indicatorsChanged })}>
        <ScrollTable
          label={t('reports.sections.indicators')}
          columns={[
            t('reports.cols.indicator'),
            t('reports.compare.change'),
            { label: t('reports.compare.before'), numeric: true },
            { label: t('reports.compare.after'), numeric: true },
            { label: t('reports.compare.delta'), numeric: true },
            t('reports.cols.rag'),
          ]}
        >
          {comparison.indicators.map((i) => (
            <tr key={i.id}>
              <td>
                <span className="mono">{i.code}</span> {i.title}
              </td>
              <td className={CHANGE_CLASS[i.change]}>{t(`reports.compare.kinds.${i.change}`)}</td>
              <td className="num">{n(i.actualBefore)}</td>
              <td className="num">{n(i.actualAfter)}</td>
              <td className="num">{signed(i.actualDelta)}</td>
              <td className="small">
                {i.ragBefore ? t(`reports.rag.${i.ragBefore}` as 'reports.rag.on_track') : '–'} →{' '}
                {i.ragAfter ? t(`reports.rag.${i.ragAfter}` as 'reports.rag.on_track') : '–'}
              </td>
            </tr>
          ))}
        </ScrollTable>
      </Panel>
      <Panel title={t('reports.compare.activities', { count: comparison.counts.activitiesChanged })}>
        <ScrollTable
          label={t('reports.sections.activities')}
          columns={[
            t('reports.cols.activity'),
            t('reports.compare.change'),
            t('reports.compare.statusBefore'),
            t('reports.compare.statusAfter'),
            { label: t('reports.cols.complete'), numeric: true },
          ]}
        >
          {comparison.activities.map((a) => (
            <tr key={a.id}>
              <td>{a.title}</td>
              <td className={CHANGE_CLASS[a.change]}>{t(`reports.compare.kinds.${a.change}`)}</td>
              <td>{a.statusBefore ? t(`enums.activityStatus.${a.statusBefore}` as 'enums.activityStatus.planned') : '–'}</td>
              <td>{a.statusAfter ? t(`enums.activityStatus.${a.statusAfter}` as 'enums.activityStatus.planned') : '–'}</td>
              <td className="num nowrap">
                {a.percentCompleteBefore ?? '–'} → {a.percentCompleteAfter ?? '–'}
              </td>
            </tr>
          ))}
        </ScrollTable>
      </Panel>
      <Panel title={t('reports.compare.spend')}>
        {!comparison.spendComparable ? (
          <EmptyState>{t('reports.compare.spendNotComparable')}</EmptyState>
        ) : (
          <ScrollTable
            label={t('reports.compare.spend')}
            columns={[
              t('reports.cols.category'),
              { label: t('reports.compare.spentBefore'), numeric: true },
              { label: t('reports.compare.spentAfter'), numeric: true },
              { label: t('reports.compare.delta'), numeric: true },
            ]}
          >
            {comparison.spend.map((s) => (
              <tr key={s.key}>
                <th scope="row">{s.key === 'total' ? t('reports.total') : t(`reports.category.${s.key}` as 'reports.category.other')}</th>
                <td className="num nowrap">{money(s.spentBefore)}</td>
                <td className="num nowrap">{money(s.spentAfter)}</td>
                <td className="num nowrap">{s.spentDelta === null ? '–' : `${s.spentDelta > 0 ? '+' : ''}${money(s.spentDelta)}`}</td>
              </tr>
            ))}
          </ScrollTable>
        )}
      </Panel>
    </div>
  );
}
