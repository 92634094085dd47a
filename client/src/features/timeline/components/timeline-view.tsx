import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Timeline } from '@shared/schemas/timeline';
import { EmptyState } from '@/components/ui/layout';
import type { DateSaveResult } from '../api/update-activity-dates';
import { Gantt } from './gantt';
import { allActivities } from './gantt-rows';
import { GanttTable } from './gantt-table';

type TimelineViewProps = {
  timeline: Timeline;
  canEdit: boolean;
  activityHref: (id: number) => string;
  onDatesSaved?: (result: DateSaveResult) => void;
};

/** The Gantt chart, or the same content as a table (for screen readers, and for reading dates). */
export function TimelineView({ timeline, canEdit, activityHref, onDatesSaved }: TimelineViewProps) {
  const { t } = useTranslation();
  const [view, setView] = useState<'chart' | 'table'>('chart');
  if (allActivities(timeline).length === 0 && timeline.milestones.length === 0) return <EmptyState>{t('timeline.empty')}</EmptyState>;
  return (
    <div className="timeline-view">
      <div className="segmented no-print" role="group" aria-label={t('timeline.view.label')}>
        <button type="button" className="segmented-option" aria-pressed={view === 'chart'} onClick={() => setView('chart')}>
          {t('timeline.view.chart')}
        </button>
        <button type="button" className="segmented-option" aria-pressed={view === 'table'} onClick={() => setView('table')}>
          {t('timeline.view.table')}
        </button>
      </div>
      <p className="visually-hidden">{t('timeline.view.hint')}</p>
      {view === 'chart' ? (
        <Gantt timeline={timeline} canEdit={canEdit} activityHref={activityHref} onDatesSaved={onDatesSaved} />
      ) : (
        <GanttTable timeline={timeline} activityHref={activityHref} />
      )}
    </div>
  );
}
