import { useTranslation } from 'react-i18next';
import { ACTIVITY_STATUSES } from '@shared/enums';
import { summariseProject } from '@shared/calc/activity-progress';
import { summariseParticipants } from '@shared/calc/participants';
import { todayIso } from '@shared/calc/dates';
import type { Activity } from '@shared/schemas/activity';
import type { Project } from '@shared/schemas/project';
import { Progress } from '@/components/ui/progress';
import { formatMoney, formatNumber, formatPercent } from '@/lib/format';
import { currentLocale } from '@/lib/i18n';

type ProjectStatusSummaryProps = { project: Project; activities: Activity[] };

/** Where the project stands: activities per status, work done, time used, budget. */
export function ProjectStatusSummary({ project, activities }: ProjectStatusSummaryProps) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const summary = summariseProject(project, activities, todayIso());
  const pct = summary.percentComplete;
  const elapsed = summary.timeElapsed;
  const illustrative = activities.some((a) => a.illustrative);
  const participation = summariseParticipants(activities);
  return (
    <div className="summary">
      {illustrative ? <p className="muted small summary-note">{t('summary.illustrativeNote')}</p> : null}
      <div className="summary-metrics">
        <div className="metric">
          <div className="metric-label">{t('summary.percentComplete')}</div>
          <Progress
            value={pct}
            label={t('summary.percentComplete')}
            valueText={pct === null ? t('summary.noActivities') : formatPercent(pct, locale)}
          />
          <p className="metric-hint">{t('summary.percentCompleteHint')}</p>
        </div>
        <div className="metric">
          <div className="metric-label">{t('summary.timeElapsed')}</div>
          <Progress
            value={elapsed?.percent ?? null}
            label={t('summary.timeElapsed')}
            valueText={elapsed ? formatPercent(elapsed.percent, locale) : t('common.notSet')}
          />
          {elapsed ? (
            <p className="metric-hint">
              {t('summary.daysElapsed', {
                elapsed: formatNumber(elapsed.elapsedDays, locale),
                total: formatNumber(elapsed.totalDays, locale),
              })}
            </p>
          ) : null}
        </div>
        <div className="metric">
          <div className="metric-label">{t('summary.totalBudget')}</div>
          <div className="metric-value">{formatMoney(project.budget, locale)}</div>
        </div>
        <div className="metric">
          <div className="metric-label">{t('summary.participants')}</div>
          <div className="metric-value">
            {participation.counted > 0 ? formatNumber(participation.total, locale) : t('activities.participants.notRecorded')}
          </div>
          {participation.counted > 0 ? (
            <p className="metric-hint">
              {t('summary.participantsHint', {
                counted: formatNumber(participation.counted, locale),
                fromAttendance: formatNumber(participation.fromAttendance, locale),
              })}
            </p>
          ) : null}
        </div>
        <div className="metric">
          <div className="metric-label">{t('summary.flagged')}</div>
          <div className="metric-value">{formatNumber(summary.flagged, locale)}</div>
          <p className="metric-hint">{t('summary.flaggedHint')}</p>
        </div>
      </div>
      <div>
        <h3 className="subheading">{t('summary.byStatus', { count: summary.activityCount })}</h3>
        <ul className="status-counts">
          {ACTIVITY_STATUSES.map((s) => (
            <li key={s} className={`status-count status-count-${s}`}>
              <span className="status-count-n">{formatNumber(summary.byStatus[s], locale)}</span>
              <span className="status-count-label">{t(`enums.activityStatus.${s}`)}</span>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
