import '@/features/activities/activities.css';
import '@/features/timeline/timeline.css';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { hasPermission } from '@shared/permissions';
import { Button } from '@/components/ui/button';
import { ErrorBanner, Notice } from '@/components/ui/error-banner';
import { PageHeader, Panel } from '@/components/ui/layout';
import { PanelBoundary } from '@/components/ui/panel-boundary';
import { LoadingBlock } from '@/components/ui/spinner';
import { activitiesQueryFilter } from '@/features/activities/api/list-activities';
import { useSessionUser } from '@/features/auth/api/use-session-user';
import { useProject } from '@/features/projects/api/get-project';
import { useTimeline } from '@/features/timeline/api/get-timeline';
import { allActivities } from '@/features/timeline/components/gantt-rows';
import { MilestonesPanel } from '@/features/timeline/components/milestones-panel';
import { TimelineView } from '@/features/timeline/components/timeline-view';
import { useDocumentTitle } from '@/lib/use-document-title';
import { paths } from '../../../paths';
import { RouteErrorBoundary } from '../../error-fallback';
import { NotFound } from '../../not-found';
import { QueryState } from '../../query-state';
import { useIdParam } from './use-project-id';

export function ProjectTimelineRoute() {
  const projectId = useIdParam('projectId');
  return projectId === null ? <NotFound /> : <ProjectTimeline projectId={projectId} />;
}

function ProjectTimeline({ projectId }: { projectId: number }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const user = useSessionUser();
  const project = useProject(projectId);
  const timeline = useTimeline(projectId);
  useDocumentTitle(project.data ? t('timeline.pageTitle', { code: project.data.code }) : null);
  if (!project.data) return <QueryState query={project} label={t('projects.loadingOne')} />;
  const p = project.data;
  const canEdit = hasPermission(user.role, 'activity:edit');
  const activities = timeline.data ? allActivities(timeline.data).map((a) => ({ id: a.id, title: a.title })) : [];
  const illustrative = timeline.data ? allActivities(timeline.data).some((a) => a.illustrative) : false;

  return (
    <div className="page timeline-page print-landscape">
      <PageHeader
        eyebrow={
          <>
            <Link to={paths.projects}>{t('projects.title')}</Link>
            <span aria-hidden="true"> / </span>
            <Link to={paths.project(p.id)}>{p.code}</Link>
          </>
        }
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
      >
        <p className="page-lead">{p.title}</p>
      </PageHeader>
      {canEdit ? null : <Notice>{t('timeline.readOnly')}</Notice>}
      {illustrative ? <p className="muted small">{t('timeline.illustrativeNote')}</p> : null}
      <Panel title={t('timeline.chartTitle')} className="timeline-panel">
        <PanelBoundary>
          {timeline.data ? (
            <TimelineView
              timeline={timeline.data}
              canEdit={canEdit}
              activityHref={paths.activity}
              onDatesSaved={() => void queryClient.invalidateQueries(activitiesQueryFilter())}
            />
          ) : timeline.isError ? (
            <ErrorBanner error={timeline.error} onRetry={() => void timeline.refetch()} />
          ) : (
            <LoadingBlock label={t('timeline.loading')} />
          )}
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

export { ProjectTimelineRoute as Component, RouteErrorBoundary as ErrorBoundary };
