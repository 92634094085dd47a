import '@/features/registry/registry.css';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { hasPermission } from '@shared/permissions';
import { Button } from '@/components/ui/button';
import { PageHeader, Panel } from '@/components/ui/layout';
import { PanelBoundary } from '@/components/ui/panel-boundary';
import { useSessionUser } from '@/features/auth/api/use-session-user';
import { useProject } from '@/features/projects/api/get-project';
import { useOrganisation } from '@/features/registry/api/organisations';
import { EngagementHistory, OrganisationDetails } from '@/features/registry/components/organisation-details';
import { OrganisationForm } from '@/features/registry/components/organisation-form';
import { IllustrativeBadge } from '@/features/registry/components/registry-badges';
import { useDocumentTitle } from '@/lib/use-document-title';
import { paths } from '../../../paths';
import { RouteErrorBoundary } from '../../error-fallback';
import { NotFound } from '../../not-found';
import { QueryState } from '../../query-state';
import { PersonalOnly, RegistryEyebrow, useRegistryIdParam } from './registry-params';

export function OrganisationRoute() {
  const projectId = useRegistryIdParam('projectId');
  const organisationId = useRegistryIdParam('organisationId');
  if (projectId === null || organisationId === null) return <NotFound />;
  return (
    <PersonalOnly projectId={projectId}>
      <OrganisationPage projectId={projectId} organisationId={organisationId} />
    </PersonalOnly>
  );
}

function OrganisationPage({ projectId, organisationId }: { projectId: number; organisationId: number }) {
  const { t } = useTranslation();
  const user = useSessionUser();
  const organisation = useOrganisation(organisationId);
  const project = useProject(projectId);
  const [editing, setEditing] = useState(false);
  useDocumentTitle(organisation.data?.name);
  if (!organisation.data) return <QueryState query={organisation} label={t('registry.organisations.loading')} />;
  const o = organisation.data;
  if (o.projectId !== projectId) return <NotFound />;
  const canEdit = hasPermission(user.role, 'registry:edit');
  return (
    <div className="page">
      <PageHeader
        eyebrow={<RegistryEyebrow projectId={projectId} code={project.data?.code} last="registry" />}
        title={o.name}
        actions={
          canEdit && !editing ? (
            <Button variant="primary" onClick={() => setEditing(true)}>
              {t('registry.organisations.edit')}
            </Button>
          ) : null
        }
      >
        <div className="badge-row">{o.illustrative ? <IllustrativeBadge /> : null}</div>
      </PageHeader>
      <div className="layout-split">
        <div className="layout-main">
          {editing ? (
            <Panel title={t('registry.organisations.edit')}>
              <OrganisationForm projectId={projectId} organisation={o} onDone={() => setEditing(false)} />
            </Panel>
          ) : null}
          <Panel title={t('registry.organisations.engagementHistory')}>
            <PanelBoundary>
              <EngagementHistory organisation={o} canEdit={canEdit} />
            </PanelBoundary>
          </Panel>
        </div>
        <aside className="layout-side">
          <Panel title={t('registry.organisations.details')}>
            <OrganisationDetails organisation={o} personHref={(id) => paths.person(projectId, id)} />
          </Panel>
        </aside>
      </div>
    </div>
  );
}

export { OrganisationRoute as Component, RouteErrorBoundary as ErrorBoundary };
