import '@/features/reports/reports.css';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '@/components/ui/layout';
import { useDashboard } from '@/features/reports/api/get-dashboard';
import { DonorDashboard } from '@/features/reports/components/donor-dashboard';
import { formatDate } from '@/lib/format';
import { useDocumentTitle } from '@/lib/use-document-title';
import { paths } from '../../../paths';
import { RouteErrorBoundary } from '../../error-fallback';
import { QueryState } from '../../query-state';

export function DashboardRoute() {
  const { t, i18n } = useTranslation();
  const query = useDashboard();
  useDocumentTitle(t('dashboard.title'));
  if (!query.data) return <QueryState query={query} label={t('dashboard.loading')} />;
  return (
    <div className="page dashboard-page">
      <PageHeader title={t('dashboard.title')}>
        <p className="page-lead">{t('dashboard.lead', { date: formatDate(query.data.asOf, i18n.language) })}</p>
      </PageHeader>
      <DonorDashboard dashboard={query.data} hrefs={{ project: paths.project, reports: paths.reports, report: paths.report }} />
    </div>
  );
}

export { DashboardRoute as Component, RouteErrorBoundary as ErrorBoundary };
