import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Role } from '@shared/enums';
import { hasPermission } from '@shared/permissions';
import type { Period } from '@shared/schemas/indicator-period';
import type { IndicatorDetail } from '@shared/schemas/indicator-summary';
import { isValueEditable } from '@shared/schemas/indicator-value';
import { Notice } from '@/components/ui/error-banner';
import { currentLocale } from '@/lib/i18n';
import { DueBadge, LockedBadge, ValueStatusBadge } from './indicator-badges';
import { formatMeasured } from './indicator-format';
import { EvidencePanel } from './evidence-panel';
import { UnlockPeriod } from './unlock-period';
import { ValueDetails } from './value-details';
import { ValueEntryForm } from './value-entry-form';
import { ValueReview } from './value-review';

type EntryCardProps = {
  indicator: IndicatorDetail;
  period: Period;
  due: boolean;
  late: boolean;
  user: { id: number; role: Role };
  indicatorHref: (id: number) => string;
  onChanged?: () => void;
};

type Done = 'submitted' | 'approved' | 'returned' | 'unlocked' | null;

/** One indicator in one reporting period: its value to enter, review, or read. */
export function EntryCard({ indicator, period, due, late, user, indicatorHref, onChanged }: EntryCardProps) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [done, setDone] = useState<Done>(null);
  const noticeRef = useRef<HTMLDivElement>(null);
  const status0 = period.value?.status ?? null;
  // The form or the review buttons go away after a submission or a review: focus moves to what happened.
  useEffect(() => {
    if (done) noticeRef.current?.focus();
  }, [done, status0]);
  const value = period.value;
  const status = value?.status ?? null;
  const canEdit = hasPermission(user.role, 'indicator:edit');
  const canApprove = hasPermission(user.role, 'value:approve');
  const canUnlock = hasPermission(user.role, 'period:unlock');
  const editable = canEdit && (value === null || isValueEditable(value.status));
  const headingId = `entry-${period.id}-title`;
  const changed = (what: Done) => {
    setDone(what);
    onChanged?.();
  };

  return (
    <article className={`entry-card entry-${status ?? (due ? 'missing' : 'none')}`} id={`entry-${period.id}`} aria-labelledby={headingId}>
      <header className="entry-header">
        <h3 className="entry-title" id={headingId}>
          <span className="node-code indicator-code">{indicator.code}</span> <Link to={indicatorHref(indicator.id)}>{indicator.title}</Link>
        </h3>
        <div className="badge-row">
          <ValueStatusBadge status={status} due={due} />
          <DueBadge due={due} late={late} />
          {period.locked ? <LockedBadge /> : null}
        </div>
      </header>
      <p className="muted small entry-meta">
        {t(`indicators.measure.${indicator.measure}`)}
        {indicator.unit ? ` · ${indicator.unit}` : ''} ·{' '}
        {t('dataEntry.periodTarget', { target: formatMeasured(t, locale, indicator, period.target) })}
        {indicator.disaggregations.length > 0
          ? ` · ${t('dataEntry.brokenDownBy', { dimensions: indicator.disaggregations.map((d) => t(`indicators.dimension.${d}`)).join(', ') })}`
          : ''}
      </p>

      <div ref={noticeRef} tabIndex={-1} className="entry-notice">
        {done === 'submitted' && status === 'submitted' ? <Notice tone="success">{t('dataEntry.submittedNotice')}</Notice> : null}
        {done === 'approved' && status === 'approved' ? <Notice tone="success">{t('dataEntry.approvedNotice')}</Notice> : null}
        {done === 'returned' && status === 'returned' ? <Notice tone="success">{t('dataEntry.returnedNotice')}</Notice> : null}
        {done === 'unlocked' ? <Notice tone="success">{t('dataEntry.unlock.done')}</Notice> : null}
      </div>
      {status === 'returned' && value?.reviewNote ? (
        <Notice tone="warning">
          <p className="banner-title">{t('dataEntry.returnedBy', { name: value.reviewedBy?.name ?? t('history.system') })}</p>
          <p>{value.reviewNote}</p>
        </Notice>
      ) : null}

      {editable ? (
        <ValueEntryForm
          indicator={indicator}
          period={period}
          onChanged={(v) => {
            if (v.status === 'submitted') setDone('submitted');
            onChanged?.();
          }}
        />
      ) : value ? (
        <ValueDetails indicator={indicator} value={value} />
      ) : (
        <p className="muted">{t('dataEntry.nothingYet')}</p>
      )}

      <EvidencePanel value={value} editable={editable} />

      {status === 'submitted' && canApprove && value ? (
        <ValueReview value={value} userId={user.id} onChanged={(v) => changed(v.status === 'approved' ? 'approved' : 'returned')} />
      ) : null}
      {status === 'submitted' && !canApprove ? <p className="muted small">{t('dataEntry.awaitingReview')}</p> : null}
      {period.locked ? (
        <div className="entry-locked">
          <p className="muted small">{canUnlock ? t('dataEntry.lockedAdmin') : t('dataEntry.lockedHint')}</p>
          {canUnlock ? <UnlockPeriod periodId={period.id} onChanged={() => changed('unlocked')} /> : null}
        </div>
      ) : null}
    </article>
  );
}
