import { useTranslation } from 'react-i18next';
import { fromMinorUnits, isCurrencyCode } from '@shared/money';
import type { ReportComparisonView } from '@shared/schemas/report';
import { EmptyState, Panel, TableScroll } from '@/components/ui/layout';
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
        <TableScroll label={t('reports.sections.indicators')}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('reports.cols.indicator')}</th>
                <th scope="col">{t('reports.compare.change')}</th>
                <th scope="col" className="num">
                  {t('reports.compare.before')}
                </th>
                <th scope="col" className="num">
                  {t('reports.compare.after')}
                </th>
                <th scope="col" className="num">
                  {t('reports.compare.delta')}
                </th>
                <th scope="col">{t('reports.cols.rag')}</th>
              </tr>
            </thead>
            <tbody>
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
            </tbody>
          </table>
        </TableScroll>
      </Panel>
      <Panel title={t('reports.compare.activities', { count: comparison.counts.activitiesChanged })}>
        <TableScroll label={t('reports.sections.activities')}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('reports.cols.activity')}</th>
                <th scope="col">{t('reports.compare.change')}</th>
                <th scope="col">{t('reports.compare.statusBefore')}</th>
                <th scope="col">{t('reports.compare.statusAfter')}</th>
                <th scope="col" className="num">
                  {t('reports.cols.complete')}
                </th>
              </tr>
            </thead>
            <tbody>
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
            </tbody>
          </table>
        </TableScroll>
      </Panel>
      <Panel title={t('reports.compare.spend')}>
        {!comparison.spendComparable ? (
          <EmptyState>{t('reports.compare.spendNotComparable')}</EmptyState>
        ) : (
          <TableScroll label={t('reports.compare.spend')}>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('reports.cols.category')}</th>
                  <th scope="col" className="num">
                    {t('reports.compare.spentBefore')}
                  </th>
                  <th scope="col" className="num">
                    {t('reports.compare.spentAfter')}
                  </th>
                  <th scope="col" className="num">
                    {t('reports.compare.delta')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {comparison.spend.map((s) => (
                  <tr key={s.key}>
                    <th scope="row">{s.key === 'total' ? t('reports.total') : t(`reports.category.${s.key}` as 'reports.category.other')}</th>
                    <td className="num nowrap">{money(s.spentBefore)}</td>
                    <td className="num nowrap">{money(s.spentAfter)}</td>
                    <td className="num nowrap">{s.spentDelta === null ? '–' : `${s.spentDelta > 0 ? '+' : ''}${money(s.spentDelta)}`}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </Panel>
    </div>
  );
}
