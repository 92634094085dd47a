import '@/features/registry/registry.css';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { PageHeader, Panel } from '@/components/ui/layout';
import { useProject } from '@/features/projects/api/get-project';
import { useOrganisations } from '@/features/registry/api/organisations';
import { PersonForm } from '@/features/registry/components/person-form';
import { useDocumentTitle } from '@/lib/use-document-title';
import { paths } from '../../../paths';
import { RouteErrorBoundary } from '../../error-fallback';
import { NotFound } from '../../not-found';
import { QueryState } from '../../query-state';
import { PersonalOnly, RegistryEyebrow, useRegistryIdParam } from './registry-params';

export function NewPersonRoute() {
  const projectId = useRegistryIdParam('projectId');
  if (projectId === null) return <NotFound />;
  return (
    <PersonalOnly projectId={projectId}>
      <NewPersonPage projectId={projectId} />
    </PersonalOnly>
  );
}

function NewPersonPage({ projectId }: { projectId: number }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const project = useProject(projectId);
  const organisations = useOrganisations(projectId);
  useDocumentTitle(t('registry.people.add'));
  if (!project.data) return <QueryState query={project} label={t('projects.loadingOne')} />;
  return (
    <div className="page page-narrow">
      <PageHeader eyebrow={<RegistryEyebrow projectId={projectId} code={project.data.code} last="registry" />} title={t('registry.people.add')} />
      <Panel>
        <PersonForm
          projectId={projectId}
          organisations={organisations.data?.items ?? []}
          onSaved={(person) => navigate(paths.person(projectId, person.id), { replace: true })}
          onCancel={() => navigate(paths.registry(projectId))}
          personHref={(id) => paths.person(projectId, id)}
        />
      </Panel>
    </div>
  );
}

export { NewPersonRoute as Component, RouteErrorBoundary as ErrorBoundary };
