import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { todayIso } from '@shared/calc/dates';
import type { IndicatorDetail } from '@shared/schemas/indicator-summary';
import type { IndicatorValue } from '@shared/schemas/indicator-value';
import { Button } from '@/components/ui/button';
import { ErrorBanner, Notice } from '@/components/ui/error-banner';
import { RecordOptions } from '@/components/ui/field';
import { formatDate, formatNumber } from '@/lib/format';
import { currentLocale } from '@/lib/i18n';
import { useProposeFromAttendance } from '../api/propose-from-attendance';

type ProposeProps = {
  indicator: IndicatorDetail;
  /** Where the draft is reviewed and submitted. */
  entryHref: (period: IndicatorDetail['periods'][number]) => string;
  onProposed: () => void;
};

/**
 * Proposes a period's value from attendance: unique people engaged over the period's
 * dates, broken down as the indicator declares. The result is a draft that still has
 * to be submitted and approved like any other value.
 */
export function ProposeFromAttendance({ indicator, entryHref, onProposed }: ProposeProps) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const selectId = useId();
  const today = todayIso();
  const open = indicator.periods.filter((p) => !p.locked && p.value === null && p.start <= today);
  const [periodId, setPeriodId] = useState<number | null>(open[0]?.id ?? null);
  const [proposed, setProposed] = useState<{ value: IndicatorValue; period: IndicatorDetail['periods'][number] } | null>(null);
  const propose = useProposeFromAttendance({ onSuccess: onProposed });
  const label = (p: { start: string; end: string }) => `${formatDate(p.start, locale)} – ${formatDate(p.end, locale)}`;
  const chosen = open.find((p) => p.id === periodId) ?? open[0];

  if (indicator.measure !== 'number') return <p className="muted small">{t('attendance.propose.numberOnly')}</p>;

  const run = () => {
    if (!chosen) return;
    propose.mutate({ indicatorId: indicator.id, periodId: chosen.id }, { onSuccess: (value) => setProposed({ value, period: chosen }) });
  };

  return (
    <div className="stack propose-attendance">
      <p className="muted small">{t('attendance.propose.hint')}</p>
      {open.length === 0 ? (
        <p className="muted">{t('attendance.propose.noOpenPeriod')}</p>
      ) : (
        <div className="filters-search">
          <div className="field filters-search-field">
            <label className="field-label" htmlFor={selectId}>
              {t('attendance.propose.period')}
            </label>
            <select id={selectId} className="input select" value={chosen?.id ?? ''} onChange={(e) => setPeriodId(Number(e.target.value))}>
              <RecordOptions records={open} label={(p) => label(p)} />
            </select>
          </div>
          <Button variant="primary" busy={propose.isPending} onClick={run}>
            {t('attendance.propose.action')}
          </Button>
        </div>
      )}
      {propose.error ? <ErrorBanner error={propose.error} /> : null}
      {proposed ? (
        <Notice tone="success" role="alert">
          <p className="banner-title">
            {t('attendance.propose.done', { value: formatNumber(proposed.value.value ?? 0, locale, 0), period: label(proposed.period) })}
          </p>
          <p>{t('attendance.propose.needsApproval')}</p>
          <p className="small muted">{proposed.value.comment}</p>
          <Link to={entryHref(proposed.period)}>{t('attendance.propose.openDraft')}</Link>
        </Notice>
      ) : null}
    </div>
  );
}
