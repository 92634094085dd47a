import '@/features/registry/registry.css';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { hasPermission } from '@shared/permissions';
import { Panel } from '@/components/ui/layout';
import { PanelBoundary } from '@/components/ui/panel-boundary';
import { useSessionUser } from '@/features/auth/api/use-session-user';
import { RegistrySummaryView } from '@/features/registry/components/registry-summary';
import { paths } from '../../../paths';
import { RouteErrorBoundary } from '../../error-fallback';
import { NotFound } from '../../not-found';
import { ProjectPageHeader, useProjectPage } from '../projects/project-page';
import { RegistryEyebrow, useRegistryIdParam } from './registry-params';

export function RegistrySummaryRoute() {
  const projectId = useRegistryIdParam('projectId');
  return projectId === null ? <NotFound /> : <RegistrySummaryPage projectId={projectId} />;
}

/** The distribution of the registry: aggregates only, for everyone with access to the project. */
function RegistrySummaryPage({ projectId }: { projectId: number }) {
  const { t } = useTranslation();
  const user = useSessionUser();
  const { project: p, fallback } = useProjectPage(projectId, (project) => t('registry.summary.pageTitle', { code: project.code }));
  if (!p) return fallback;
  const canSeePeople = hasPermission(user.role, 'registry:read-personal');
  return (
    <div className="page registry-summary-page">
      <ProjectPageHeader
        project={p}
        eyebrow={<RegistryEyebrow projectId={p.id} code={p.code} last={canSeePeople ? 'registry' : undefined} />}
        title={t('registry.summary.title')}
        actions={
          canSeePeople ? (
            <Link className="btn btn-secondary" to={paths.registry(p.id)}>
              {t('registry.link')}
            </Link>
          ) : null
        }
      />
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
