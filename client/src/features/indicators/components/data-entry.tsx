import { useEffect, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router-dom';
import type { Role } from '@shared/enums';
import type { MeOverview } from '@shared/schemas/indicator-summary';
import { ErrorBanner } from '@/components/ui/error-banner';
import { Select } from '@/components/ui/field';
import { EmptyState } from '@/components/ui/layout';
import { PanelBoundary } from '@/components/ui/panel-boundary';
import { QueryPending } from '@/components/ui/query-content';
import { LoadingBlock } from '@/components/ui/spinner';
import { formatDate } from '@/lib/format';
import { currentLocale } from '@/lib/i18n';
import { useIndicatorDetails } from '../api/get-indicator';
import { useMeOverview } from '../api/get-me-overview';
import { EntryCard } from './entry-card';
import { formatPeriod, periodKey } from './indicator-format';

type Group = MeOverview['periods'][number];

/** The period a page opens on: the one asked for, else the newest with something due, else the newest. */
export function pickGroup(groups: readonly Group[], key: string | null): Group | undefined {
  return groups.find((g) => periodKey(g) === key) ?? groups.find((g) => g.items.some((i) => i.due)) ?? groups[0];
}

type DataEntryProps = {
  projectId: number;
  /** The period in the URL (start..end), if any. */
  selected: string | null;
  onSelect: (key: string) => void;
  user: { id: number; role: Role };
  indicatorHref: (id: number) => string;
  onChanged?: () => void;
};

/** Everything to report for one period: a card per indicator, the missing ones first to the eye. */
export function DataEntry({ projectId, selected, onSelect, user, indicatorHref, onChanged }: DataEntryProps) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const pickerId = useId();
  const overview = useMeOverview(projectId);
  const groups = overview.data?.periods ?? [];
  const group = pickGroup(groups, selected);
  const indicatorIds = group ? [...new Set(group.items.map((i) => i.indicatorId))] : [];
  const details = useIndicatorDetails(indicatorIds);
  const location = useLocation();
  const allLoaded = details.length > 0 && details.every((d) => d.data);

  // A link to one entry (#entry-<periodId>) scrolls to it once the cards are there.
  useEffect(() => {
    if (!allLoaded || !location.hash) return;
    const target = document.getElementById(location.hash.slice(1));
    target?.scrollIntoView?.({ block: 'start' });
    target?.querySelector<HTMLElement>('input, textarea, select, button')?.focus({ preventScroll: true });
  }, [allLoaded, location.hash]);

  if (!overview.data) return <QueryPending query={overview} label={t('dataEntry.loading')} />;
  if (!group) return <EmptyState>{t('dataEntry.noPeriods')}</EmptyState>;

  // Missing: due (the period is over) and nothing recorded yet.
  const missing = group.items.filter((i) => i.valueStatus === null && i.due);
  const counts = {
    missing: missing.length,
    none: group.items.filter((i) => i.valueStatus === null && !i.due).length,
    draft: group.items.filter((i) => i.valueStatus === 'draft').length,
    returned: group.items.filter((i) => i.valueStatus === 'returned').length,
    submitted: group.items.filter((i) => i.valueStatus === 'submitted').length,
    approved: group.items.filter((i) => i.valueStatus === 'approved').length,
  };
  const over = group.end < overview.data.asOf;

  return (
    <div className="data-entry">
      <div className="toolbar period-picker">
        <div className="field">
          <label className="field-label" htmlFor={pickerId}>
            {t('dataEntry.period')}
          </label>
          <Select id={pickerId} value={periodKey(group)} onChange={(e) => onSelect(e.target.value)}>
            {groups.map((g) => {
              const open = g.items.filter((i) => i.valueStatus !== 'approved').length;
              return (
                <option key={periodKey(g)} value={periodKey(g)}>
                  {formatPeriod(locale, g)}
                  {open > 0 ? ` · ${t('dataEntry.openCount', { count: open })}` : ` · ${t('dataEntry.allApproved')}`}
                </option>
              );
            })}
          </Select>
        </div>
        <p className="muted small period-due">
          {over ? t('dataEntry.dueBy', { date: formatDate(group.dueBy, locale) }) : t('dataEntry.current', { date: formatDate(group.end, locale) })}
        </p>
      </div>

      <div className="entry-summary" role="status">
        <p>
          {t('dataEntry.summary', { count: group.items.length })}{' '}
          {(['missing', 'none', 'draft', 'returned', 'submitted', 'approved'] as const)
            .filter((k) => counts[k] > 0)
            .map((k) => t(`dataEntry.counts.${k}`, { count: counts[k] }))
            .join(' · ')}
        </p>
        {missing.length > 0 ? (
          <p className="entry-missing-list">
            <strong>{t('dataEntry.missingList')}</strong>{' '}
            {missing.map((m, i) => (
              <span key={m.periodId}>
                {i > 0 ? ', ' : ''}
                <a href={`#entry-${m.periodId}`}>{m.indicatorCode}</a>
              </span>
            ))}
          </p>
        ) : null}
      </div>

      <div className="entry-list">
        {group.items.map((item) => {
          const query = details[indicatorIds.indexOf(item.indicatorId)];
          const indicator = query?.data;
          const period = indicator?.periods.find((p) => p.id === item.periodId);
          return (
            <PanelBoundary key={item.periodId}>
              {indicator && period ? (
                <EntryCard
                  indicator={indicator}
                  period={period}
                  due={item.due}
                  late={item.late}
                  user={user}
                  indicatorHref={indicatorHref}
                  onChanged={() => {
                    void overview.refetch();
                    onChanged?.();
                  }}
                />
              ) : query?.isError ? (
                <ErrorBanner error={query.error} onRetry={() => void query.refetch()} />
              ) : (
                <LoadingBlock label={t('dataEntry.loadingIndicator', { code: item.indicatorCode })} />
              )}
            </PanelBoundary>
          );
        })}
      </div>
    </div>
  );
}
