import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { hasPermission } from '@shared/permissions';
import { Notice } from '@/components/ui/error-banner';
import { PageHeader, Panel } from '@/components/ui/layout';
import { useSessionUser } from '@/features/auth/api/use-session-user';
import { ProjectForm } from '@/features/projects/components/project-form';
import { useDocumentTitle } from '@/lib/use-document-title';
import { paths } from '../../../paths';
import { RouteErrorBoundary } from '../../error-fallback';

export function NewProjectRoute() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const user = useSessionUser();
  useDocumentTitle(t('projects.newTitle'));
  return (
    <div className="page page-narrow">
      <PageHeader title={t('projects.newTitle')} eyebrow={<Link to={paths.projects}>{t('projects.title')}</Link>} />
      {hasPermission(user.role, 'project:create') ? (
        <Panel>
          <ProjectForm onSaved={(p) => void navigate(paths.project(p.id))} onCancel={() => void navigate(paths.projects)} />
        </Panel>
      ) : (
        <Notice tone="warning">{t('errors.FORBIDDEN')}</Notice>
      )}
    </div>
  );
}

export { NewProjectRoute as Component, RouteErrorBoundary as ErrorBoundary };
