import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { hasPermission } from '@shared/permissions';
import { Notice } from '@/components/ui/error-banner';
import { PageHeader, Panel } from '@/components/ui/layout';
import { useSessionUser } from '@/features/auth/api/use-session-user';
import { useProject } from '@/features/projects/api/get-project';
import { ProjectForm } from '@/features/projects/components/project-form';
import { useDocumentTitle } from '@/lib/use-document-title';
import { paths } from '../../../paths';
import { RouteErrorBoundary } from '../../error-fallback';
import { NotFound } from '../../not-found';
import { QueryState } from '../../query-state';
import { useIdParam } from './use-project-id';

export function EditProjectRoute() {
  const projectId = useIdParam('projectId');
  return projectId === null ? <NotFound /> : <EditProject projectId={projectId} />;
}

function EditProject({ projectId }: { projectId: number }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const user = useSessionUser();
  const project = useProject(projectId);
  useDocumentTitle(project.data ? t('projects.editTitle', { code: project.data.code }) : null);
  if (!project.data) return <QueryState query={project} label={t('projects.loadingOne')} />;
  return (
    <div className="page page-narrow">
      <PageHeader
        title={t('projects.editTitle', { code: project.data.code })}
        eyebrow={<Link to={paths.project(projectId)}>{project.data.title}</Link>}
      />
      {hasPermission(user.role, 'project:update') ? (
        <Panel>
          <ProjectForm
            project={project.data}
            onSaved={(p) => void navigate(paths.project(p.id))}
            onCancel={() => void navigate(paths.project(projectId))}
          />
        </Panel>
      ) : (
        <Notice tone="warning">{t('errors.FORBIDDEN')}</Notice>
      )}
    </div>
  );
}

export { EditProjectRoute as Component, RouteErrorBoundary as ErrorBoundary };
