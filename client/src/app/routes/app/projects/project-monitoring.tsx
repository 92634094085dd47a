import '@/features/indicators/indicators.css';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { hasPermission } from '@shared/permissions';
import { Notice } from '@/components/ui/error-banner';
import { Panel } from '@/components/ui/layout';
import { PanelBoundary } from '@/components/ui/panel-boundary';
import { QueryContent } from '@/components/ui/query-content';
import { useSessionUser } from '@/features/auth/api/use-session-user';
import { useMeOverview } from '@/features/indicators/api/get-me-overview';
import { MeOverviewView } from '@/features/indicators/components/me-overview';
import { paths } from '../../../paths';
import { RouteErrorBoundary } from '../../error-fallback';
import { ProjectPageHeader, projectRoute, useProjectPage } from './project-page';

function ProjectMonitoring({ projectId }: { projectId: number }) {
  const { t } = useTranslation();
  const user = useSessionUser();
  const allowed = hasPermission(user.role, 'value:view_unapproved');
  const { project: p, fallback } = useProjectPage(projectId, (project) => t('monitoring.pageTitle', { code: project.code }));
  const overview = useMeOverview(projectId, { enabled: allowed });
  if (!p) return fallback;

  return (
    <div className="page">
      <ProjectPageHeader
        project={p}
        title={t('monitoring.title')}
        actions={
          allowed ? (
            <Link className="btn btn-primary" to={paths.dataEntry(p.id)}>
              {t('dataEntry.title')}
            </Link>
          ) : null
        }
      />
      {allowed ? (
        <Panel title={t('monitoring.byPeriod')}>
          <PanelBoundary>
            <QueryContent query={overview} label={t('monitoring.loading')}>
              {(data) => (
                <MeOverviewView
                  overview={data}
                  indicatorHref={paths.indicator}
                  entryHref={(period, periodId) => `${paths.dataEntry(p.id, period)}${periodId ? `#entry-${periodId}` : ''}`}
                />
              )}
            </QueryContent>
          </PanelBoundary>
        </Panel>
      ) : (
        <Notice>
          {t('monitoring.notAllowed')} <Link to={paths.results(p.id)}>{t('results.openFramework')}</Link>
        </Notice>
      )}
    </div>
  );
}

export const ProjectMonitoringRoute = projectRoute(ProjectMonitoring);

export { ProjectMonitoringRoute as Component, RouteErrorBoundary as ErrorBoundary };
