import '@/features/reports/reports.css';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { hasPermission } from '@shared/permissions';
import { PageHeader } from '@/components/ui/layout';
import { useSessionUser } from '@/features/auth/api/use-session-user';
import { downloadUrls } from '@/features/reports/api/downloads';
import { IatiImport } from '@/features/reports/components/iati-import';
import { useDocumentTitle } from '@/lib/use-document-title';
import { paths } from '../../../paths';
import { RouteErrorBoundary } from '../../error-fallback';
import { NotFound } from '../../not-found';

export function IatiImportRoute() {
  const { t } = useTranslation();
  const user = useSessionUser();
  useDocumentTitle(t('iati.title'));
  if (!hasPermission(user.role, 'iati:import')) return <NotFound />;
  return (
    <div className="page iati-page">
      <PageHeader
        eyebrow={<Link to={paths.projects}>{t('reports.breadcrumbProjects')}</Link>}
        title={t('iati.title')}
        actions={
          <a className="btn btn-secondary" href={downloadUrls.portfolioIati()} download>
            {t('iati.exportAll')}
          </a>
        }
      >
        <p className="page-lead">{t('iati.lead')}</p>
      </PageHeader>
      <IatiImport projectHref={paths.project} />
    </div>
  );
}

export { IatiImportRoute as Component, RouteErrorBoundary as ErrorBoundary };
