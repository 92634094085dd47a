import '@/features/activities/activities.css';
import '@/features/indicators/indicators.css';
import '@/features/results/results.css';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { hasPermission } from '@shared/permissions';
import { ErrorBanner, Notice } from '@/components/ui/error-banner';
import { Panel } from '@/components/ui/layout';
import { PanelBoundary } from '@/components/ui/panel-boundary';
import { QueryContent } from '@/components/ui/query-content';
import { activitiesQueryFilter, useActivities } from '@/features/activities/api/list-activities';
import { ActivityList } from '@/features/activities/components/activity-list';
import { AddActivity } from '@/features/activities/components/add-activity';
import { useSessionUser } from '@/features/auth/api/use-session-user';
import { IndicatorTable } from '@/features/indicators/components/indicator-table';
import { OutcomeRag } from '@/features/indicators/components/indicator-rollup';
import { GoalEditor } from '@/features/projects/components/goal-editor';
import { getResultsQueryOptions, useResults } from '@/features/results/api/get-results';
import { ResultsFramework } from '@/features/results/components/results-framework';
import { paths } from '../../../paths';
import { RouteErrorBoundary } from '../../error-fallback';
import { ProjectPageHeader, projectRoute, useProjectPage } from './project-page';

function ProjectResults({ projectId }: { projectId: number }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const user = useSessionUser();
  const { project: p, fallback } = useProjectPage(projectId, (project) => t('results.pageTitle', { code: project.code }));
  const results = useResults(projectId);
  const activities = useActivities(projectId);
  if (!p) return fallback;
  const canEditResults = hasPermission(user.role, 'results:edit');
  const canEditActivities = hasPermission(user.role, 'activity:edit');
  const canEditProject = hasPermission(user.role, 'project:update');
  const canEditIndicators = hasPermission(user.role, 'indicator:edit');
  const canMonitor = hasPermission(user.role, 'value:view_unapproved');
  const items = activities.data?.items;

  // The framework and the activities are separate features; a change to one can move the other.
  const refreshActivities = () => void queryClient.invalidateQueries(activitiesQueryFilter());
  const refreshResults = () => void queryClient.invalidateQueries({ queryKey: getResultsQueryOptions(projectId).queryKey });

  return (
    <div className="page">
      <ProjectPageHeader
        project={p}
        title={t('results.title')}
        actions={
          canMonitor ? (
            <>
              <Link className="btn btn-secondary" to={paths.monitoring(p.id)}>
                {t('monitoring.title')}
              </Link>
              <Link className="btn btn-primary" to={paths.dataEntry(p.id)}>
                {t('dataEntry.title')}
              </Link>
            </>
          ) : null
        }
      />
      {canEditResults ? null : <Notice>{t('results.readOnly')}</Notice>}

      <Panel title={t('projects.fields.goal')}>
        <GoalEditor project={p} canEdit={canEditProject} onSaved={refreshResults} />
        {results.data ? (
          <PanelBoundary>
            <IndicatorTable
              indicators={results.data.goalIndicators}
              projectId={p.id}
              parent={{ outcomeId: null, outputId: null }}
              parentLabel={t('indicators.goalLabel')}
              editable={canEditIndicators}
              indicatorHref={paths.indicator}
              onChanged={refreshResults}
            />
          </PanelBoundary>
        ) : null}
      </Panel>

      <Panel title={t('results.frameworkTitle')}>
        <PanelBoundary>
          <QueryContent query={results} label={t('results.loading')}>
            {(framework) => (
              <ResultsFramework
                results={framework}
                projectId={p.id}
                editable={canEditResults}
                onChanged={refreshActivities}
                renderOutcomeStatus={(outcome) =>
                  outcome.indicators.length + outcome.outputs.reduce((n, o) => n + o.indicators.length, 0) > 0 ? (
                    <OutcomeRag rag={outcome.rag} counts={outcome.ragCounts} />
                  ) : null
                }
                renderIndicators={({ outcome, outputId, code, indicators }) => (
                  <IndicatorTable
                    indicators={indicators}
                    projectId={p.id}
                    parent={{ outcomeId: outputId === null ? outcome.id : null, outputId }}
                    parentLabel={outputId === null ? t('results.outcomeCode', { code }) : t('results.outputCode', { code })}
                    editable={canEditIndicators}
                    indicatorHref={paths.indicator}
                    onChanged={refreshResults}
                  />
                )}
                renderActivities={(outcome, outputId) => {
                  if (!items) return activities.isError ? <ErrorBanner error={activities.error} /> : null;
                  const list = (
                    <ActivityList
                      outcomeActivities={items.filter((a) => a.outcomeId === outcome.id)}
                      outputId={outputId}
                      activityHref={paths.activity}
                      editable={canEditActivities}
                      framework={framework}
                    />
                  );
                  if (outputId !== null || !canEditActivities) return list;
                  return (
                    <>
                      <h4 className="subheading">{t('activities.title')}</h4>
                      {list}
                      <AddActivity
                        projectId={p.id}
                        framework={framework}
                        outcomeId={outcome.id}
                        label={t('activities.addTo', { code: outcome.code })}
                      />
                    </>
                  );
                }}
              />
            )}
          </QueryContent>
        </PanelBoundary>
      </Panel>
    </div>
  );
}

export const ProjectResultsRoute = projectRoute(ProjectResults);

export { ProjectResultsRoute as Component, RouteErrorBoundary as ErrorBoundary };
