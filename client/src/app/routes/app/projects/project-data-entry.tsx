import '@/features/indicators/indicators.css';
import '@/features/results/results.css';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { hasPermission } from '@shared/permissions';
import { Notice } from '@/components/ui/error-banner';
import { PanelBoundary } from '@/components/ui/panel-boundary';
import { useSessionUser } from '@/features/auth/api/use-session-user';
import { DataEntry } from '@/features/indicators/components/data-entry';
import { getResultsQueryOptions } from '@/features/results/api/get-results';
import { paths } from '../../../paths';
import { RouteErrorBoundary } from '../../error-fallback';
import { ProjectPageHeader, projectRoute, useProjectPage } from './project-page';

function ProjectDataEntry({ projectId }: { projectId: number }) {
  const { t } = useTranslation();
  const user = useSessionUser();
  const queryClient = useQueryClient();
  const { project: p, fallback } = useProjectPage(projectId, (project) => t('dataEntry.pageTitle', { code: project.code }));
  const [params, setParams] = useSearchParams();
  if (!p) return fallback;
  const allowed = hasPermission(user.role, 'value:view_unapproved');

  return (
    <div className="page">
      <ProjectPageHeader
        project={p}
        title={t('dataEntry.title')}
        actions={
          allowed ? (
            <Link className="btn btn-secondary" to={paths.monitoring(p.id)}>
              {t('monitoring.title')}
            </Link>
          ) : null
        }
      />
      {allowed ? (
        <>
          <p className="muted">{t('dataEntry.lead')}</p>
          <PanelBoundary>
            <DataEntry
              projectId={p.id}
              selected={params.get('period')}
              onSelect={(period) => setParams({ period }, { replace: true })}
              user={user}
              indicatorHref={paths.indicator}
              onChanged={() => void queryClient.invalidateQueries({ queryKey: getResultsQueryOptions(p.id).queryKey })}
            />
          </PanelBoundary>
        </>
      ) : (
        <Notice>
          {t('dataEntry.notAllowed')} <Link to={paths.results(p.id)}>{t('results.openFramework')}</Link>
        </Notice>
      )}
    </div>
  );
}

export const ProjectDataEntryRoute = projectRoute(ProjectDataEntry);

export { ProjectDataEntryRoute as Component, RouteErrorBoundary as ErrorBoundary };
