import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { todayIso } from '@shared/calc/dates';
import { UpdatePeriodInput } from '@shared/schemas/indicator-period';
import type { IndicatorDetail } from '@shared/schemas/indicator-summary';
import { Button } from '@/components/ui/button';
import { ErrorBanner, Notice } from '@/components/ui/error-banner';
import { TableScroll } from '@/components/ui/layout';
import { TableHead } from '@/components/ui/table-head';
import { currentLocale } from '@/lib/i18n';
import { useUpdatePeriod } from '../api/update-period';
import { LockedBadge, ValueStatusBadge } from './indicator-badges';
import { parseDecimal } from './indicator-form';
import { formatMeasured, formatPeriod } from './indicator-format';
import { IndicatorProgress } from './indicator-progress';
import { approvedActual } from './indicator-actual';

type PeriodsTableProps = {
  indicator: IndicatorDetail;
  tableId: string;
  /** Managers see drafts and submissions; others only approved values. */
  canSeeUnapproved: boolean;
  /** Managers can set the target of each unlocked period. */
  canEditTargets: boolean;
  /** Where a period's value is entered or reviewed; null hides the link. */
  entryHref: ((period: IndicatorDetail['periods'][number]) => string) | null;
  onChanged?: () => void;
};

/** Every period: its target, approved actual, progress, value status and lock. Also the chart's table. */
export function PeriodsTable({ indicator, tableId, canSeeUnapproved, canEditTargets, entryHref, onChanged }: PeriodsTableProps) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const today = todayIso();
  const [editing, setEditing] = useState(false);
  const [targets, setTargets] = useState<Record<number, string>>({});
  const [rowErrors, setRowErrors] = useState<Record<number, string>>({});
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const update = useUpdatePeriod();

  const startEditing = () => {
    setTargets(Object.fromEntries(indicator.periods.map((p) => [p.id, p.target === null ? '' : String(p.target)])));
    setRowErrors({});
    setFailure(null);
    setSaved(false);
    setEditing(true);
  };

  const saveTargets = async () => {
    const errors: Record<number, string> = {};
    const changes: { id: number; input: UpdatePeriodInput }[] = [];
    for (const p of indicator.periods) {
      if (p.locked) continue;
      const typed = targets[p.id] ?? '';
      const target = parseDecimal(typed);
      if (target === p.target) continue;
      const parsed = UpdatePeriodInput.safeParse({ version: p.version, target });
      if (!parsed.success) errors[p.id] = t('validation.invalid');
      else changes.push({ id: p.id, input: parsed.data });
    }
    setRowErrors(errors);
    if (Object.keys(errors).length > 0) return;
    setSaving(true);
    setFailure(null);
    try {
      // One period after the other: each carries its own version, and a failure stops the rest.
      for (const c of changes) await update.mutateAsync(c);
      setEditing(false);
      setSaved(changes.length > 0);
      onChanged?.();
    } catch (e) {
      setFailure(e);
    } finally {
      setSaving(false);
    }
  };

  const statusCell = (p: IndicatorDetail['periods'][number]) => {
    const status = p.value?.status ?? null;
    if (status !== null) return <ValueStatusBadge status={status} />;
    if (p.start > today) return <span className="muted small">{t('indicators.periodState.upcoming')}</span>;
    if (p.end >= today) return <span className="muted small">{t('indicators.periodState.current')}</span>;
    return canSeeUnapproved ? <ValueStatusBadge status={null} /> : <span className="muted small">{t('indicators.periodState.noApproved')}</span>;
  };

  return (
    <div className="periods">
      {canEditTargets ? (
        <div className="form-actions form-actions-start">
          {editing ? (
            <>
              <Button variant="primary" busy={saving} onClick={() => void saveTargets()}>
                {t('indicators.periods.saveTargets')}
              </Button>
              <Button onClick={() => setEditing(false)} disabled={saving}>
                {t('common.cancel')}
              </Button>
            </>
          ) : (
            <Button onClick={startEditing}>{t('indicators.periods.editTargets')}</Button>
          )}
          <span className="form-status" role="status">
            {saved ? t('indicators.periods.targetsSaved') : ''}
          </span>
        </div>
      ) : null}
      {failure ? <ErrorBanner error={failure} /> : null}
      {editing ? <Notice>{t('indicators.periods.lockedTargets')}</Notice> : null}
      <TableScroll label={t('indicators.periods.tableLabel')}>
        <table className="table table-compact" id={tableId}>
          <caption className="table-caption">{t('indicators.periods.caption')}</caption>
          <TableHead
            columns={[
              t('indicators.periods.period'),
              { label: t('indicators.columns.target'), numeric: true },
              { label: t('indicators.periods.actual'), numeric: true },
              t('indicators.columns.progress'),
              t('indicators.periods.status'),
              t('indicators.periods.lock'),
              ...(entryHref ? [t('common.actions')] : []),
            ]}
          />
          <tbody>
            {indicator.periods.map((p) => {
              const label = formatPeriod(locale, p);
              return (
                <tr key={p.id}>
                  <th scope="row" className="nowrap">
                    {label}
                  </th>
                  <td className="num nowrap">
                    {editing && !p.locked ? (
                      <>
                        <label className="visually-hidden" htmlFor={`target-${p.id}`}>
                          {t('indicators.periods.targetFor', { period: label })}
                        </label>
                        <input
                          id={`target-${p.id}`}
                          className="input input-num"
                          inputMode="decimal"
                          value={targets[p.id] ?? ''}
                          aria-invalid={rowErrors[p.id] ? true : undefined}
                          aria-describedby={rowErrors[p.id] ? `target-${p.id}-error` : undefined}
                          onChange={(e) => setTargets((all) => ({ ...all, [p.id]: e.target.value }))}
                        />
                        {rowErrors[p.id] ? (
                          <span className="field-error" id={`target-${p.id}-error`}>
                            {rowErrors[p.id]}
                          </span>
                        ) : null}
                      </>
                    ) : (
                      formatMeasured(t, locale, indicator, p.target)
                    )}
                  </td>
                  <td className="num nowrap">{formatMeasured(t, locale, indicator, approvedActual(indicator, p))}</td>
                  <td className="cell-progress">
                    <IndicatorProgress progress={p.progress} label={t('indicators.periods.progressFor', { period: label })} />
                  </td>
                  <td>{statusCell(p)}</td>
                  <td>{p.locked ? <LockedBadge /> : <span className="muted small">{t('indicators.periods.open')}</span>}</td>
                  {entryHref ? (
                    <td className="nowrap">
                      {p.start <= today ? (
                        <Link to={entryHref(p)}>
                          {t(
                            p.value?.status === 'submitted'
                              ? 'monitoring.action.review'
                              : p.value && p.value.status !== 'approved'
                                ? 'monitoring.action.continue'
                                : p.value
                                  ? 'monitoring.action.view'
                                  : 'monitoring.action.enter',
                          )}
                          <span className="visually-hidden"> {label}</span>
                        </Link>
                      ) : null}
                    </td>
                  ) : null}
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableScroll>
    </div>
  );
}
