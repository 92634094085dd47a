import '@/features/registry/registry.css';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { hasPermission } from '@shared/permissions';
import { Button } from '@/components/ui/button';
import { Notice } from '@/components/ui/error-banner';
import { PageHeader, Panel } from '@/components/ui/layout';
import { PanelBoundary } from '@/components/ui/panel-boundary';
import { useSessionUser } from '@/features/auth/api/use-session-user';
import { useProject } from '@/features/projects/api/get-project';
import { usePerson } from '@/features/registry/api/get-person';
import { useOrganisations } from '@/features/registry/api/organisations';
import { ConsentRecord } from '@/features/registry/components/consent-record';
import { PersonActions } from '@/features/registry/components/person-actions';
import { PersonDetails } from '@/features/registry/components/person-details';
import { PersonForm } from '@/features/registry/components/person-form';
import { ConsentBadge, ErasedBadge, IllustrativeBadge } from '@/features/registry/components/registry-badges';
import { useDocumentTitle } from '@/lib/use-document-title';
import { paths } from '../../../paths';
import { RouteErrorBoundary } from '../../error-fallback';
import { NotFound } from '../../not-found';
import { QueryState } from '../../query-state';
import { PersonalOnly, RegistryEyebrow, useRegistryIdParam } from './registry-params';

export function PersonRoute() {
  const projectId = useRegistryIdParam('projectId');
  const personId = useRegistryIdParam('personId');
  if (projectId === null || personId === null) return <NotFound />;
  return (
    <PersonalOnly projectId={projectId}>
      <PersonPage projectId={projectId} personId={personId} />
    </PersonalOnly>
  );
}

function PersonPage({ projectId, personId }: { projectId: number; personId: number }) {
  const { t } = useTranslation();
  const user = useSessionUser();
  const person = usePerson(personId);
  const project = useProject(projectId);
  const organisations = useOrganisations(projectId);
  const [editing, setEditing] = useState(false);
  // The title names no one: browser history and tab titles are not a place for personal data.
  useDocumentTitle(t('registry.person.pageTitle', { id: personId }));
  if (!person.data) return <QueryState query={person} label={t('registry.person.loading')} />;
  const p = person.data;
  if (p.projectId !== projectId) return <NotFound />;
  const canEdit = hasPermission(user.role, 'registry:edit');
  const orgs = organisations.data?.items ?? [];

  return (
    <div className="page">
      <PageHeader
        eyebrow={<RegistryEyebrow projectId={projectId} code={project.data?.code} last="registry" />}
        title={p.name}
        actions={
          canEdit && !editing && !p.erased ? (
            <Button variant="primary" onClick={() => setEditing(true)}>
              {t('registry.person.edit')}
            </Button>
          ) : null
        }
      >
        <div className="badge-row">
          <ConsentBadge status={p.consent.status} />
          {p.illustrative ? <IllustrativeBadge /> : null}
          {p.erased ? <ErasedBadge /> : null}
        </div>
      </PageHeader>
      {p.illustrative ? <p className="muted small illustrative-note">{t('registry.illustrativeHint')}</p> : null}
      {p.erased ? <Notice>{t('registry.person.erasedNote')}</Notice> : null}

      <div className="layout-split">
        <div className="layout-main">
          {editing ? (
            <Panel title={t('registry.person.edit')}>
              <PersonForm
                projectId={projectId}
                organisations={orgs}
                person={p}
                onSaved={() => setEditing(false)}
                onCancel={() => setEditing(false)}
                personHref={(id) => paths.person(projectId, id)}
              />
            </Panel>
          ) : (
            <Panel title={t('registry.person.details')}>
              <PersonDetails person={p} organisations={orgs} organisationHref={(id) => paths.organisation(projectId, id)} />
            </Panel>
          )}
          <Panel title={t('registry.consent.title')}>
            <PanelBoundary>
              <ConsentRecord person={p} canEdit={canEdit} />
            </PanelBoundary>
          </Panel>
        </div>
        <aside className="layout-side">
          <Panel title={t('registry.person.dataRights')}>
            <PanelBoundary>
              <PersonActions person={p} canEdit={canEdit} />
            </PanelBoundary>
          </Panel>
        </aside>
      </div>
    </div>
  );
}

export { PersonRoute as Component, RouteErrorBoundary as ErrorBoundary };
