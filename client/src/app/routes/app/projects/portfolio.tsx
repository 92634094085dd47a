import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { hasPermission } from '@shared/permissions';
import { PageHeader } from '@/components/ui/layout';
import { useSessionUser } from '@/features/auth/api/use-session-user';
import { Portfolio } from '@/features/projects/components/portfolio';
import { useDocumentTitle } from '@/lib/use-document-title';
import { paths } from '../../../paths';
import { RouteErrorBoundary } from '../../error-fallback';

export function PortfolioRoute() {
  const { t } = useTranslation();
  const user = useSessionUser();
  useDocumentTitle(t('projects.title'));
  return (
    <div className="page">
      <PageHeader
        title={t('projects.title')}
        actions={
          hasPermission(user.role, 'project:create') ? (
            <Link className="btn btn-primary" to={paths.newProject}>
              {t('projects.new')}
            </Link>
          ) : null
        }
      >
        <p className="page-lead">{t('projects.lead')}</p>
      </PageHeader>
      <Portfolio projectHref={paths.project} />
    </div>
  );
}

export { PortfolioRoute as Component, RouteErrorBoundary as ErrorBoundary };
