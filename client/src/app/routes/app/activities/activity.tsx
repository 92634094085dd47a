import '@/features/activities/activities.css';
import '@/features/results/results.css';
import '@/features/timeline/timeline.css';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { scheduleFlag } from '@shared/calc/activity-progress';
import { todayIso } from '@shared/calc/dates';
import { hasPermission } from '@shared/permissions';
import { Button } from '@/components/ui/button';
import { ErrorBanner } from '@/components/ui/error-banner';
import { PageHeader, Panel } from '@/components/ui/layout';
import { PanelBoundary } from '@/components/ui/panel-boundary';
import { useActivity } from '@/features/activities/api/get-activity';
import { ActivityStatusBadge, IllustrativeMarker, ScheduleFlagBadge } from '@/features/activities/components/activity-badges';
import { ActivityDetails } from '@/features/activities/components/activity-details';
import { ActivityForm } from '@/features/activities/components/activity-form';
import { ActivityHistory } from '@/features/activities/components/activity-history';
import { ActivityStatusForm } from '@/features/activities/components/activity-status-form';
import { useSessionUser } from '@/features/auth/api/use-session-user';
import { CommentsPanel } from '@/features/comments/components/comments-panel';
import { useProject } from '@/features/projects/api/get-project';
import { useResults } from '@/features/results/api/get-results';
import { timelineQueryFilter } from '@/features/timeline/api/get-timeline';
import { DependenciesPanel } from '@/features/timeline/components/dependencies-panel';
import { MilestonesPanel } from '@/features/timeline/components/milestones-panel';
import { SubEventsPanel } from '@/features/timeline/components/sub-events-panel';
import { useDocumentTitle } from '@/lib/use-document-title';
import { paths } from '../../../paths';
import { RouteErrorBoundary } from '../../error-fallback';
import { NotFound } from '../../not-found';
import { QueryState } from '../../query-state';
import { ProjectCrumbs } from '../projects/project-page';
import { useIdParam } from '../projects/use-project-id';
import { ActivityAttendance } from './activity-attendance';

export function ActivityRoute() {
  const activityId = useIdParam('activityId');
  return activityId === null ? <NotFound /> : <ActivityPage activityId={activityId} />;
}

function ActivityPage({ activityId }: { activityId: number }) {
  const { t } = useTranslation();
  const user = useSessionUser();
  const queryClient = useQueryClient();
  const activity = useActivity(activityId);
  const projectId = activity.data?.projectId ?? null;
  const project = useProject(projectId);
  const results = useResults(projectId);
  const [editing, setEditing] = useState(false);
  useDocumentTitle(activity.data?.title);
  if (!activity.data) return <QueryState query={activity} label={t('activities.loadingOne')} />;
  const a = activity.data;
  const canEdit = hasPermission(user.role, 'activity:edit');
  const canComment = hasPermission(user.role, 'comment:create');
  const flag = scheduleFlag(a, todayIso());

  return (
    <div className="page">
      <PageHeader
        eyebrow={
          <ProjectCrumbs projectId={a.projectId} code={project.data?.code}>
            <span>{t('activities.one')}</span>
          </ProjectCrumbs>
        }
        title={a.title}
        actions={
          canEdit && !editing && results.data ? (
            <Button variant="primary" onClick={() => setEditing(true)}>
              {t('activities.edit')}
            </Button>
          ) : null
        }
      >
        <div className="badge-row">
          <ActivityStatusBadge status={a.status} />
          <ScheduleFlagBadge flag={flag} />
          {a.illustrative ? <IllustrativeMarker /> : null}
        </div>
      </PageHeader>
      {a.illustrative ? <p className="muted small illustrative-note">{t('activities.illustrativeHint')}</p> : null}

      <div className="layout-split layout-split-side-first">
        <div className="layout-main">
          {editing && results.data ? (
            <Panel title={t('activities.editTitle')}>
              <ActivityForm
                projectId={a.projectId}
                framework={results.data}
                activity={a}
                onCancel={() => setEditing(false)}
                onSaved={() => {
                  setEditing(false);
                  // New dates can break or mend dependencies: the lists below and the Gantt read them again.
                  void queryClient.invalidateQueries(timelineQueryFilter());
                }}
              />
            </Panel>
          ) : (
            <Panel title={t('activities.details')}>
              {results.isError ? <ErrorBanner title={t('results.loadFailed')} error={results.error} onRetry={() => void results.refetch()} /> : null}
              <ActivityDetails activity={a} framework={results.data} />
            </Panel>
          )}
          <Panel title={t('timeline.dependencies.title')}>
            <PanelBoundary>
              <DependenciesPanel projectId={a.projectId} activityId={a.id} canEdit={canEdit} activityHref={paths.activity} />
            </PanelBoundary>
          </Panel>
          <Panel title={t('timeline.subEvents.title')}>
            <PanelBoundary>
              <SubEventsPanel activityId={a.id} canEdit={canEdit} />
            </PanelBoundary>
          </Panel>
          <Panel title={t('attendance.title')}>
            <PanelBoundary>
              <ActivityAttendance activity={a} />
            </PanelBoundary>
          </Panel>
          <Panel title={t('timeline.milestones.activityTitle')}>
            <PanelBoundary>
              <MilestonesPanel projectId={a.projectId} activityId={a.id} canEdit={canEdit} />
            </PanelBoundary>
          </Panel>
          <Panel title={t('comments.title')}>
            <PanelBoundary>
              <CommentsPanel activityId={a.id} canComment={canComment} />
            </PanelBoundary>
          </Panel>
        </div>
        <aside className="layout-side">
          {canEdit ? (
            <section className="panel">
              <div className="panel-body">
                <PanelBoundary>
                  <ActivityStatusForm activity={a} />
                </PanelBoundary>
              </div>
            </section>
          ) : null}
          <Panel title={t('history.title')}>
            <PanelBoundary>
              <ActivityHistory activityId={a.id} framework={results.data} />
            </PanelBoundary>
          </Panel>
        </aside>
      </div>
    </div>
  );
}

export { ActivityRoute as Component, RouteErrorBoundary as ErrorBoundary };
