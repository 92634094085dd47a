import '@/features/registry/registry.css';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router-dom';
import { hasPermission } from '@shared/permissions';
import { PageHeader, Panel } from '@/components/ui/layout';
import { useSessionUser } from '@/features/auth/api/use-session-user';
import { useProject } from '@/features/projects/api/get-project';
import { ImportWizard } from '@/features/registry/components/import-wizard';
import { useDocumentTitle } from '@/lib/use-document-title';
import { paths } from '../../../paths';
import { RouteErrorBoundary } from '../../error-fallback';
import { NotFound } from '../../not-found';
import { QueryState } from '../../query-state';
import { RegistryEyebrow, useRegistryIdParam } from './registry-params';

export function RegistryImportRoute() {
  const projectId = useRegistryIdParam('projectId');
  return projectId === null ? <NotFound /> : <RegistryImportPage projectId={projectId} />;
}

function RegistryImportPage({ projectId }: { projectId: number }) {
  const { t } = useTranslation();
  const user = useSessionUser();
  const project = useProject(projectId);
  useDocumentTitle(t('registry.import.title'));
  if (!hasPermission(user.role, 'registry:edit')) return <Navigate to={paths.registrySummary(projectId)} replace />;
  if (!project.data) return <QueryState query={project} label={t('projects.loadingOne')} />;
  return (
    <div className="page">
      <PageHeader eyebrow={<RegistryEyebrow projectId={projectId} code={project.data.code} last="registry" />} title={t('registry.import.title')}>
        <p className="page-lead">{project.data.title}</p>
      </PageHeader>
      <Panel>
        <ImportWizard projectId={projectId} registryHref={paths.registry(projectId)} summaryHref={paths.registrySummary(projectId)} />
      </Panel>
    </div>
  );
}

export { RegistryImportRoute as Component, RouteErrorBoundary as ErrorBoundary };
