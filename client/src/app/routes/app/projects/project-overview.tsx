import '@/features/activities/activities.css';
import '@/features/budget/budget.css';
import '@/features/indicators/indicators.css';
import '@/features/results/results.css';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { hasPermission } from '@shared/permissions';
import { PageHeader, Panel } from '@/components/ui/layout';
import { PanelBoundary } from '@/components/ui/panel-boundary';
import { QueryContent } from '@/components/ui/query-content';
import { useActivities } from '@/features/activities/api/list-activities';
import { ActivityList } from '@/features/activities/components/activity-list';
import { useSessionUser } from '@/features/auth/api/use-session-user';
import { ProjectHealthStrip } from '@/features/budget/components/project-health-strip';
import { IndicatorRollUp } from '@/features/indicators/components/indicator-rollup';
import { GoalEditor } from '@/features/projects/components/goal-editor';
import { IllustrativeBadge, PublishedRecordLabel } from '@/features/projects/components/project-badges';
import { ProjectRecord } from '@/features/projects/components/project-record';
import { ProjectStatusSummary } from '@/features/projects/components/project-status-summary';
import { useResults } from '@/features/results/api/get-results';
import { ResultsFramework } from '@/features/results/components/results-framework';
import { paths } from '../../../paths';
import { RouteErrorBoundary } from '../../error-fallback';
import { projectRoute, useProjectPage } from './project-page';

function ProjectOverview({ projectId }: { projectId: number }) {
  const { t } = useTranslation();
  const user = useSessionUser();
  const { project: p, fallback } = useProjectPage(projectId, (project) => project.title);
  const results = useResults(projectId);
  const activities = useActivities(projectId);
  if (!p) return fallback;
  const canEdit = hasPermission(user.role, 'project:update');
  const canMonitor = hasPermission(user.role, 'value:view_unapproved');
  const items = activities.data?.items;

  return (
    <div className="page">
      <PageHeader
        eyebrow={
          <>
            <Link to={paths.projects}>{t('projects.title')}</Link>
            <span aria-hidden="true"> / </span>
            <span className="mono">{p.code}</span>
          </>
        }
        title={p.title}
        actions={
          <>
            <Link className="btn btn-secondary" to={paths.results(p.id)}>
              {canEdit ? t('results.editLink') : t('results.viewLink')}
            </Link>
            <Link className="btn btn-secondary" to={paths.timeline(p.id)}>
              {t('timeline.link')}
            </Link>
            <Link className="btn btn-secondary" to={paths.reports(p.id)}>
              {t('reports.link')}
            </Link>
            <Link className="btn btn-secondary" to={paths.budget(p.id)}>
              {t('budget.link')}
            </Link>
            <Link
              className="btn btn-secondary"
              to={hasPermission(user.role, 'registry:read-personal') ? paths.registry(p.id) : paths.registrySummary(p.id)}
            >
              {hasPermission(user.role, 'registry:read-personal') ? t('registry.link') : t('registry.summary.link')}
            </Link>
            {canMonitor ? (
              <>
                <Link className="btn btn-secondary" to={paths.dataEntry(p.id)}>
                  {t('dataEntry.title')}
                </Link>
                <Link className="btn btn-secondary" to={paths.monitoring(p.id)}>
                  {t('monitoring.title')}
                </Link>
              </>
            ) : null}
            {canEdit ? (
              <Link className="btn btn-primary" to={paths.editProject(p.id)}>
                {t('projects.edit')}
              </Link>
            ) : null}
          </>
        }
      >
        <div className="badge-row">{p.illustrative ? <IllustrativeBadge /> : <PublishedRecordLabel />}</div>
      </PageHeader>

      <div className="layout-split">
        <div className="layout-main">
          <Panel title={t('budget.health.title')}>
            <PanelBoundary>
              <ProjectHealthStrip projectId={p.id} />
            </PanelBoundary>
          </Panel>
          <Panel title={t('summary.title')}>
            <PanelBoundary>
              <QueryContent query={activities} label={t('activities.loading')}>
                {(data) => <ProjectStatusSummary project={p} activities={data.items} />}
              </QueryContent>
            </PanelBoundary>
          </Panel>
          <Panel title={t('projects.fields.goal')}>
            <GoalEditor project={p} canEdit={false} />
          </Panel>
          <Panel title={t('projects.outcomesAndActivities')} actions={<Link to={paths.results(p.id)}>{t('results.openFramework')}</Link>}>
            <PanelBoundary>
              <QueryContent query={results} label={t('results.loading')}>
                {(framework) => (
                  <ResultsFramework
                    results={framework}
                    projectId={p.id}
                    editable={false}
                    renderIndicators={({ outcome, outputId, indicators }) =>
                      outputId === null ? (
                        <IndicatorRollUp
                          rag={outcome.rag}
                          counts={outcome.ragCounts}
                          total={outcome.indicators.length + outcome.outputs.reduce((n, o) => n + o.indicators.length, 0)}
                        />
                      ) : indicators.length > 0 ? (
                        <p className="muted small">{t('indicators.countLabel', { count: indicators.length })}</p>
                      ) : null
                    }
                    renderActivities={(outcome, outputId) =>
                      items ? (
                        <ActivityList
                          outcomeActivities={items.filter((a) => a.outcomeId === outcome.id)}
                          outputId={outputId}
                          activityHref={paths.activity}
                          editable={false}
                        />
                      ) : null
                    }
                  />
                )}
              </QueryContent>
            </PanelBoundary>
          </Panel>
        </div>
        <aside className="layout-side">
          <Panel title={t('projects.record')}>
            <p className="muted small">{p.illustrative ? t('projects.illustrativeHint') : t('projects.publishedRecordHint')}</p>
            <ProjectRecord project={p} />
          </Panel>
          {p.description ? (
            <Panel title={t('projects.fields.description')}>
              <p className="prose">{p.description}</p>
            </Panel>
          ) : null}
        </aside>
      </div>
    </div>
  );
}

export const ProjectOverviewRoute = projectRoute(ProjectOverview);

export { ProjectOverviewRoute as Component, RouteErrorBoundary as ErrorBoundary };
