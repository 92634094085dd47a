import '@/features/indicators/indicators.css';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { hasPermission } from '@shared/permissions';
import { ErrorBanner, Notice } from '@/components/ui/error-banner';
import { PageHeader, Panel } from '@/components/ui/layout';
import { PanelBoundary } from '@/components/ui/panel-boundary';
import { LoadingBlock } from '@/components/ui/spinner';
import { useSessionUser } from '@/features/auth/api/use-session-user';
import { useMeOverview } from '@/features/indicators/api/get-me-overview';
import { MeOverviewView } from '@/features/indicators/components/me-overview';
import { useProject } from '@/features/projects/api/get-project';
import { useDocumentTitle } from '@/lib/use-document-title';
import { paths } from '../../../paths';
import { RouteErrorBoundary } from '../../error-fallback';
import { NotFound } from '../../not-found';
import { QueryState } from '../../query-state';
import { useIdParam } from './use-project-id';

export function ProjectMonitoringRoute() {
  const projectId = useIdParam('projectId');
  return projectId === null ? <NotFound /> : <ProjectMonitoring projectId={projectId} />;
}

function ProjectMonitoring({ projectId }: { projectId: number }) {
  const { t } = useTranslation();
  const user = useSessionUser();
  const allowed = hasPermission(user.role, 'value:view_unapproved');
  const project = useProject(projectId);
  const overview = useMeOverview(projectId, { enabled: allowed });
  useDocumentTitle(project.data ? t('monitoring.pageTitle', { code: project.data.code }) : null);
  if (!project.data) return <QueryState query={project} label={t('projects.loadingOne')} />;
  const p = project.data;

  return (
    <div className="page">
      <PageHeader
        eyebrow={
          <>
            <Link to={paths.projects}>{t('projects.title')}</Link>
            <span aria-hidden="true"> / </span>
            <Link to={paths.project(p.id)}>{p.code}</Link>
          </>
        }
        title={t('monitoring.title')}
        actions={
          allowed ? (
            <Link className="btn btn-primary" to={paths.dataEntry(p.id)}>
              {t('dataEntry.title')}
            </Link>
          ) : null
        }
      >
        <p className="page-lead">{p.title}</p>
      </PageHeader>
      {allowed ? (
        <Panel title={t('monitoring.byPeriod')}>
          <PanelBoundary>
            {overview.data ? (
              <MeOverviewView
                overview={overview.data}
                indicatorHref={paths.indicator}
                entryHref={(period, periodId) => `${paths.dataEntry(p.id, period)}${periodId ? `#entry-${periodId}` : ''}`}
              />
            ) : overview.isError ? (
              <ErrorBanner error={overview.error} onRetry={() => void overview.refetch()} />
            ) : (
              <LoadingBlock label={t('monitoring.loading')} />
            )}
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

export { ProjectMonitoringRoute as Component, RouteErrorBoundary as ErrorBoundary };
