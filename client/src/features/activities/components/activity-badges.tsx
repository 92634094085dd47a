import { useTranslation } from 'react-i18next';
import type { ActivityStatus } from '@shared/enums';
import type { ScheduleFlag } from '@shared/calc/activity-progress';
import { Badge, type BadgeTone } from '@/components/ui/badge';

const STATUS_TONE: Record<ActivityStatus, BadgeTone> = {
  planned: 'info',
  in_progress: 'accent',
  completed: 'success',
  on_hold: 'warning',
  cancelled: 'muted',
};

export function ActivityStatusBadge({ status }: { status: ActivityStatus }) {
  const { t } = useTranslation();
  return <Badge tone={STATUS_TONE[status]}>{t(`enums.activityStatus.${status}`)}</Badge>;
}

const FLAG_TONE: Record<ScheduleFlag, BadgeTone> = { overdue: 'danger', finished_late: 'warning', late_start: 'warning' };

/** Behind schedule, said in words; null flags render nothing. */
export function ScheduleFlagBadge({ flag }: { flag: ScheduleFlag | null }) {
  const { t } = useTranslation();
  if (!flag) return null;
  return (
    <Badge tone={FLAG_TONE[flag]} title={t(`enums.scheduleFlagHint.${flag}`)}>
      {t(`enums.scheduleFlag.${flag}`)}
    </Badge>
  );
}

/** Dates, counts or progress of this activity are demo values, not from the record. */
export function IllustrativeMarker() {
  const { t } = useTranslation();
  return (
    <Badge tone="warning" title={t('activities.illustrativeHint')}>
      {t('common.illustrative')}
    </Badge>
  );
}
