import '@/features/indicators/indicators.css';
import '@/features/results/results.css';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { hasPermission } from '@shared/permissions';
import { Notice } from '@/components/ui/error-banner';
import { PageHeader } from '@/components/ui/layout';
import { PanelBoundary } from '@/components/ui/panel-boundary';
import { useSessionUser } from '@/features/auth/api/use-session-user';
import { DataEntry } from '@/features/indicators/components/data-entry';
import { useProject } from '@/features/projects/api/get-project';
import { getResultsQueryOptions } from '@/features/results/api/get-results';
import { useDocumentTitle } from '@/lib/use-document-title';
import { paths } from '../../../paths';
import { RouteErrorBoundary } from '../../error-fallback';
import { NotFound } from '../../not-found';
import { QueryState } from '../../query-state';
import { useIdParam } from './use-project-id';

export function ProjectDataEntryRoute() {
  const projectId = useIdParam('projectId');
  return projectId === null ? <NotFound /> : <ProjectDataEntry projectId={projectId} />;
}

function ProjectDataEntry({ projectId }: { projectId: number }) {
  const { t } = useTranslation();
  const user = useSessionUser();
  const queryClient = useQueryClient();
  const project = useProject(projectId);
  const [params, setParams] = useSearchParams();
  useDocumentTitle(project.data ? t('dataEntry.pageTitle', { code: project.data.code }) : null);
  if (!project.data) return <QueryState query={project} label={t('projects.loadingOne')} />;
  const p = project.data;
  const allowed = hasPermission(user.role, 'value:view_unapproved');

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
        title={t('dataEntry.title')}
        actions={
          allowed ? (
            <Link className="btn btn-secondary" to={paths.monitoring(p.id)}>
              {t('monitoring.title')}
            </Link>
          ) : null
        }
      >
        <p className="page-lead">{p.title}</p>
      </PageHeader>
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

export { ProjectDataEntryRoute as Component, RouteErrorBoundary as ErrorBoundary };
