import '@/features/activities/activities.css';
import '@/features/timeline/timeline.css';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { hasPermission } from '@shared/permissions';
import { Button } from '@/components/ui/button';
import { Notice } from '@/components/ui/error-banner';
import { Panel } from '@/components/ui/layout';
import { PanelBoundary } from '@/components/ui/panel-boundary';
import { QueryContent } from '@/components/ui/query-content';
import { activitiesQueryFilter } from '@/features/activities/api/list-activities';
import { useSessionUser } from '@/features/auth/api/use-session-user';
import { useTimeline } from '@/features/timeline/api/get-timeline';
import { allActivities } from '@/features/timeline/components/gantt-rows';
import { MilestonesPanel } from '@/features/timeline/components/milestones-panel';
import { TimelineView } from '@/features/timeline/components/timeline-view';
import { paths } from '../../../paths';
import { RouteErrorBoundary } from '../../error-fallback';
import { ProjectPageHeader, projectRoute, useProjectPage } from './project-page';

function ProjectTimeline({ projectId }: { projectId: number }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const user = useSessionUser();
  const { project: p, fallback } = useProjectPage(projectId, (project) => t('timeline.pageTitle', { code: project.code }));
  const timeline = useTimeline(projectId);
  if (!p) return fallback;
  const canEdit = hasPermission(user.role, 'activity:edit');
  const activities = timeline.data ? allActivities(timeline.data).map((a) => ({ id: a.id, title: a.title })) : [];
  const illustrative = timeline.data ? allActivities(timeline.data).some((a) => a.illustrative) : false;

  return (
    <div className="page timeline-page print-landscape">
      <ProjectPageHeader
        project={p}
        title={t('timeline.title')}
        actions={
          <>
            <Link className="btn btn-secondary no-print" to={paths.budget(p.id)}>
              {t('budget.link')}
            </Link>
            <Button className="no-print" onClick={() => window.print()}>
              {t('timeline.print')}
            </Button>
          </>
        }
      />
      {canEdit ? null : <Notice>{t('timeline.readOnly')}</Notice>}
      {illustrative ? <p className="muted small">{t('timeline.illustrativeNote')}</p> : null}
      <Panel title={t('timeline.chartTitle')} className="timeline-panel">
        <PanelBoundary>
          <QueryContent query={timeline} label={t('timeline.loading')}>
            {(data) => (
              <TimelineView
                timeline={data}
                canEdit={canEdit}
                activityHref={paths.activity}
                onDatesSaved={() => void queryClient.invalidateQueries(activitiesQueryFilter())}
              />
            )}
          </QueryContent>
        </PanelBoundary>
      </Panel>
      <Panel title={t('timeline.milestones.title')} className="milestones-panel">
        <PanelBoundary>
          <MilestonesPanel projectId={p.id} activities={activities} canEdit={canEdit} />
        </PanelBoundary>
      </Panel>
    </div>
  );
}

export const ProjectTimelineRoute = projectRoute(ProjectTimeline);

export { ProjectTimelineRoute as Component, RouteErrorBoundary as ErrorBoundary };
