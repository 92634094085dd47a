import '@/features/registry/registry.css';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { hasPermission } from '@shared/permissions';
import { Panel } from '@/components/ui/layout';
import { PanelBoundary } from '@/components/ui/panel-boundary';
import { useSessionUser } from '@/features/auth/api/use-session-user';
import { OrganisationsList } from '@/features/registry/components/organisations-list';
import { PeopleList } from '@/features/registry/components/people-list';
import { paths } from '../../../paths';
import { RouteErrorBoundary } from '../../error-fallback';
import { NotFound } from '../../not-found';
import { ProjectPageHeader, useProjectPage } from '../projects/project-page';
import { PersonalOnly, RegistryEyebrow, useRegistryIdParam } from './registry-params';

export function RegistryRoute() {
  const projectId = useRegistryIdParam('projectId');
  if (projectId === null) return <NotFound />;
  return (
    <PersonalOnly projectId={projectId}>
      <RegistryPage projectId={projectId} />
    </PersonalOnly>
  );
}

function RegistryPage({ projectId }: { projectId: number }) {
  const { t } = useTranslation();
  const user = useSessionUser();
  const { project: p, fallback } = useProjectPage(projectId, (project) => t('registry.pageTitle', { code: project.code }));
  if (!p) return fallback;
  const canEdit = hasPermission(user.role, 'registry:edit');

  return (
    <div className="page registry-page">
      <ProjectPageHeader
        project={p}
        eyebrow={<RegistryEyebrow projectId={p.id} code={p.code} />}
        title={t('registry.title')}
        actions={
          <>
            <Link className="btn btn-secondary" to={paths.registrySummary(p.id)}>
              {t('registry.summary.link')}
            </Link>
            {canEdit ? (
              <>
                <Link className="btn btn-secondary" to={paths.registryImport(p.id)}>
                  {t('registry.import.link')}
                </Link>
                <Link className="btn btn-primary" to={paths.newPerson(p.id)}>
                  {t('registry.people.add')}
                </Link>
              </>
            ) : null}
          </>
        }
      />
      <p className="muted small">{t('registry.privacyNote')}</p>

      <Panel title={t('registry.people.title')}>
        <PanelBoundary>
          <PeopleList projectId={p.id} personHref={(id) => paths.person(p.id, id)} />
        </PanelBoundary>
      </Panel>
      <Panel title={t('registry.organisations.title')}>
        <PanelBoundary>
          <OrganisationsList
            projectId={p.id}
            canEdit={canEdit}
            organisationHref={(id) => paths.organisation(p.id, id)}
            personHref={(id) => paths.person(p.id, id)}
          />
        </PanelBoundary>
      </Panel>
    </div>
  );
}

export { RegistryRoute as Component, RouteErrorBoundary as ErrorBoundary };
