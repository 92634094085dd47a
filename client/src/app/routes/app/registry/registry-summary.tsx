import '@/features/registry/registry.css';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { hasPermission } from '@shared/permissions';
import { PageHeader, Panel } from '@/components/ui/layout';
import { PanelBoundary } from '@/components/ui/panel-boundary';
import { useSessionUser } from '@/features/auth/api/use-session-user';
import { useProject } from '@/features/projects/api/get-project';
import { RegistrySummaryView } from '@/features/registry/components/registry-summary';
import { useDocumentTitle } from '@/lib/use-document-title';
import { paths } from '../../../paths';
import { RouteErrorBoundary } from '../../error-fallback';
import { NotFound } from '../../not-found';
import { QueryState } from '../../query-state';
import { RegistryEyebrow, useRegistryIdParam } from './registry-params';

export function RegistrySummaryRoute() {
  const projectId = useRegistryIdParam('projectId');
  return projectId === null ? <NotFound /> : <RegistrySummaryPage projectId={projectId} />;
}

/** The distribution of the registry: aggregates only, for everyone with access to the project. */
function RegistrySummaryPage({ projectId }: { projectId: number }) {
  const { t } = useTranslation();
  const user = useSessionUser();
  const project = useProject(projectId);
  useDocumentTitle(project.data ? t('registry.summary.pageTitle', { code: project.data.code }) : null);
  if (!project.data) return <QueryState query={project} label={t('projects.loadingOne')} />;
  const p = project.data;
  const canSeePeople = hasPermission(user.role, 'registry:read-personal');
  return (
    <div className="page registry-summary-page">
      <PageHeader
        eyebrow={<RegistryEyebrow projectId={p.id} code={p.code} last={canSeePeople ? 'registry' : undefined} />}
        title={t('registry.summary.title')}
        actions={
          canSeePeople ? (
            <Link className="btn btn-secondary" to={paths.registry(p.id)}>
              {t('registry.link')}
            </Link>
          ) : null
        }
      >
        <p className="page-lead">{p.title}</p>
      </PageHeader>
      <p className="muted small">{t('registry.summary.intro')}</p>
      <Panel>
        <PanelBoundary>
          <RegistrySummaryView projectId={p.id} projectCode={p.code} />
        </PanelBoundary>
      </Panel>
    </div>
  );
}

export { RegistrySummaryRoute as Component, RouteErrorBoundary as ErrorBoundary };
