import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { scheduleFlag } from '@shared/calc/activity-progress';
import { todayIso } from '@shared/calc/dates';
import type { Activity } from '@shared/schemas/activity';
import type { Results } from '@shared/schemas/results';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/dialog';
import { ErrorBanner } from '@/components/ui/error-banner';
import { Select } from '@/components/ui/field';
import { isApiError } from '@/lib/api-client';
import { errorMessage } from '@/lib/errors';
import { formatDate, formatPercent } from '@/lib/format';
import { currentLocale } from '@/lib/i18n';
import { useDeleteActivity } from '../api/delete-activity';
import { useUpdateActivity } from '../api/update-activity';
import { ActivityStatusBadge, IllustrativeMarker, ScheduleFlagBadge } from './activity-badges';
import { parsePlacement, placementOptions, placementValue } from './placement';

type ActivityListProps = {
  /** The activities of one outcome (all its outputs included), in their order. */
  outcomeActivities: Activity[];
  /** Which of them to show here: those directly under the outcome (null) or under one output. */
  outputId: number | null;
  activityHref: (id: number) => string;
  editable: boolean;
  framework?: Results;
};

export function ActivityList({ outcomeActivities, outputId, activityHref, editable, framework }: ActivityListProps) {
  const { t } = useTranslation();
  const shown = outcomeActivities.filter((a) => a.outputId === outputId);
  if (shown.length === 0) {
    return outputId === null ? null : <p className="muted small activity-empty">{t('activities.noneHere')}</p>;
  }
  return (
    <ul className="activity-list" aria-label={t('activities.listLabel')}>
      {shown.map((a, i) => (
        <ActivityRow
          key={a.id}
          activity={a}
          outcomeActivities={outcomeActivities}
          previous={shown[i - 1]}
          next={shown[i + 1]}
          activityHref={activityHref}
          editable={editable}
          framework={framework}
        />
      ))}
    </ul>
  );
}

type ActivityRowProps = {
  activity: Activity;
  outcomeActivities: Activity[];
  previous: Activity | undefined;
  next: Activity | undefined;
  activityHref: (id: number) => string;
  editable: boolean;
  framework: Results | undefined;
};

function ActivityRow({ activity: a, outcomeActivities, previous, next, activityHref, editable, framework }: ActivityRowProps) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const flag = scheduleFlag(a, todayIso());
  const update = useUpdateActivity();
  const remove = useDeleteActivity();
  const [confirming, setConfirming] = useState(false);
  const dates =
    a.plannedStart || a.plannedEnd
      ? t('activities.plannedRange', { start: formatDate(a.plannedStart, locale) || '…', end: formatDate(a.plannedEnd, locale) || '…' })
      : t('activities.noPlannedDates');

  // Positions count among all activities of the outcome; a neighbour in this group gives the target.
  const positionOf = (other: Activity) => outcomeActivities.findIndex((x) => x.id === other.id) + 1;
  const move = (target: Activity | undefined) => {
    if (!target) return;
    update.mutate({ id: a.id, input: { version: a.version, position: positionOf(target) } });
  };
  const place = (value: string) => {
    const p = parsePlacement(value);
    if (!p) return;
    update.mutate({ id: a.id, input: { version: a.version, outcomeId: p.outcomeId, outputId: p.outputId } });
  };
  const deleteMessage = remove.error
    ? isApiError(remove.error) && remove.error.isVersionConflict
      ? t('activities.deleteConflict')
      : errorMessage(t, remove.error)
    : null;

  return (
    <li className="activity-row">
      <div className="activity-main">
        <Link className="activity-title" to={activityHref(a.id)}>
          {a.title}
        </Link>
        <div className="activity-meta">
          <span>{t(`enums.activityKind.${a.kind}`)}</span>
          <span>{dates}</span>
          <span>{t('activities.percentDone', { percent: formatPercent(a.status === 'completed' ? 100 : a.percentComplete, locale) })}</span>
        </div>
      </div>
      <div className="activity-badges">
        <ActivityStatusBadge status={a.status} />
        <ScheduleFlagBadge flag={flag} />
        {a.illustrative ? <IllustrativeMarker /> : null}
      </div>
      {editable ? (
        <div className="activity-controls">
          <Button
            size="sm"
            variant="ghost"
            disabled={!previous || update.isPending}
            onClick={() => move(previous)}
            aria-label={t('common.moveUpItem', { item: a.title })}
          >
            <span aria-hidden="true">↑</span>
          </Button>
          <Button
            size="sm"
            variant="ghost"
            disabled={!next || update.isPending}
            onClick={() => move(next)}
            aria-label={t('common.moveDownItem', { item: a.title })}
          >
            <span aria-hidden="true">↓</span>
          </Button>
          {framework ? (
            <>
              <label className="control-label" htmlFor={`place-${a.id}`}>
                <span aria-hidden="true">{t('activities.moveToShort')}</span>
                <span className="visually-hidden">{t('activities.moveTo', { item: a.title })}</span>
              </label>
              <Select
                id={`place-${a.id}`}
                className="select-sm"
                value={placementValue(a)}
                disabled={update.isPending}
                onChange={(e) => place(e.target.value)}
              >
                {placementOptions(t, framework).map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </Select>
            </>
          ) : null}
          <Button
            size="sm"
            variant="ghost"
            className="btn-danger-text"
            onClick={() => {
              remove.reset();
              setConfirming(true);
            }}
          >
            {t('common.delete')}
            <span className="visually-hidden"> {a.title}</span>
          </Button>
        </div>
      ) : null}
      {update.isError ? <ErrorBanner error={update.error} className="activity-row-error" /> : null}
      <ConfirmDialog
        open={confirming}
        danger
        title={t('activities.deleteTitle')}
        message={<p>{t('activities.deleteConfirm', { item: a.title })}</p>}
        confirmLabel={t('common.delete')}
        busy={remove.isPending}
        error={deleteMessage ? <p role="alert">{deleteMessage}</p> : null}
        onCancel={() => setConfirming(false)}
        onConfirm={() => remove.mutate({ id: a.id, version: a.version }, { onSuccess: () => setConfirming(false) })}
      />
    </li>
  );
}
