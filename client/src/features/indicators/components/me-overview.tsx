import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { MeOverview } from '@shared/schemas/indicator-summary';
import { EmptyState } from '@/components/ui/layout';
import { ScrollTable } from '@/components/ui/scroll-table';
import { formatDate } from '@/lib/format';
import { currentLocale } from '@/lib/i18n';
import { DueBadge, ValueStatusBadge } from './indicator-badges';
import { formatPeriod, periodKey } from './indicator-format';

type MeOverviewViewProps = {
  overview: MeOverview;
  indicatorHref: (id: number) => string;
  /** Where to enter or review one value: the data-entry page of its period. */
  entryHref: (period: string, periodId: number) => string;
};

const COUNT_KEYS = ['due', 'late', 'draft', 'submitted', 'returned', 'approved'] as const;

/** Per period that has started: each indicator's value status, what is due or late, with links to act. */
export function MeOverviewView({ overview, indicatorHref, entryHref }: MeOverviewViewProps) {
  const { t } = useTranslation();
  const locale = currentLocale();
  return (
    <div className="me-overview">
      <ul className="me-counts" aria-label={t('monitoring.countsLabel')}>
        {COUNT_KEYS.map((k) => (
          <li key={k} className={`status-count me-count me-count-${k}`}>
            <span className="status-count-n">{overview.counts[k]}</span>
            <span className="status-count-label">{t(`monitoring.counts.${k}`)}</span>
          </li>
        ))}
      </ul>
      <p className="muted small">{t('monitoring.asOf', { date: formatDate(overview.asOf, locale) })}</p>
      {overview.periods.length === 0 ? <EmptyState>{t('monitoring.none')}</EmptyState> : null}
      {overview.periods.map((group) => {
        const key = periodKey(group);
        const label = formatPeriod(locale, group);
        const over = group.end < overview.asOf;
        return (
          <section key={key} className="me-period" aria-label={label}>
            <div className="me-period-head">
              <h3 className="me-period-title">{label}</h3>
              <span className="muted small">
                {over
                  ? t('dataEntry.dueBy', { date: formatDate(group.dueBy, locale) })
                  : t('dataEntry.current', { date: formatDate(group.end, locale) })}
              </span>
              <Link className="btn btn-secondary btn-sm" to={entryHref(key, 0)}>
                {t('monitoring.openPeriod')}
                <span className="visually-hidden"> {label}</span>
              </Link>
            </div>
            <ScrollTable
              label={label}
              className="table table-compact"
              columns={[
                t('indicators.columns.code'),
                t('indicators.columns.indicator'),
                t('indicators.columns.status'),
                t('monitoring.deadline'),
                t('common.actions'),
              ]}
            >
              {group.items.map((item) => {
                const action =
                  item.valueStatus === 'submitted'
                    ? 'review'
                    : item.valueStatus === 'approved'
                      ? 'view'
                      : item.valueStatus === null
                        ? 'enter'
                        : 'continue';
                return (
                  <tr key={item.periodId} className={item.valueStatus !== 'approved' && item.due ? 'row-missing' : undefined}>
                    <td className="mono nowrap">{item.indicatorCode}</td>
                    <th scope="row" className="cell-title">
                      <Link to={indicatorHref(item.indicatorId)}>{item.indicatorTitle}</Link>
                    </th>
                    <td>
                      <ValueStatusBadge status={item.valueStatus} due={item.due} />
                    </td>
                    <td>
                      {item.due || item.late ? (
                        <DueBadge due={item.due} late={item.late} />
                      ) : item.valueStatus === 'approved' ? (
                        <span className="muted small">{t('common.notSet')}</span>
                      ) : (
                        <span className="muted small">{t('monitoring.notDue')}</span>
                      )}
                    </td>
                    <td className="nowrap">
                      <Link to={entryHref(key, item.periodId)}>
                        {t(`monitoring.action.${action}`)}
                        <span className="visually-hidden"> {item.indicatorCode}</span>
                      </Link>
                    </td>
                  </tr>
                );
              })}
            </ScrollTable>
          </section>
        );
      })}
    </div>
  );
}
