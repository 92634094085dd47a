import '@/features/reports/reports.css';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { PageHeader } from '@/components/ui/layout';
import { useComparison } from '@/features/reports/api/get-comparison';
import { ReportCompare } from '@/features/reports/components/report-compare';
import { formatDate } from '@/lib/format';
import { useDocumentTitle } from '@/lib/use-document-title';
import { paths } from '../../../paths';
import { RouteErrorBoundary } from '../../error-fallback';
import { NotFound } from '../../not-found';
import { QueryState } from '../../query-state';
import { useIdParam } from '../projects/use-project-id';

export function ReportCompareRoute() {
  const reportId = useIdParam('reportId');
  return reportId === null ? <NotFound /> : <ReportComparePage reportId={reportId} />;
}

function ReportComparePage({ reportId }: { reportId: number }) {
  const { t, i18n } = useTranslation();
  const query = useComparison(reportId);
  useDocumentTitle(query.data ? t('reports.compare.pageTitle', { title: query.data.report.title }) : null);
  if (!query.data) return <QueryState query={query} label={t('reports.loading')} />;
  const c = query.data;
  const period = (x: { periodStart: string; periodEnd: string }) =>
    `${formatDate(x.periodStart, i18n.language)} – ${formatDate(x.periodEnd, i18n.language)}`;
  return (
    <div className="page report-compare-page">
      <PageHeader eyebrow={<Link to={paths.report(c.report.id)}>{c.report.title}</Link>} title={t('reports.compare.title')}>
        <p className="page-lead">
          {c.previous
            ? t('reports.compare.lead', {
                previous: `${c.previous.title} (${period(c.previous)})`,
                current: `${c.report.title} (${period(c.report)})`,
              })
            : t('reports.compare.leadFirst', { current: c.report.title })}
        </p>
      </PageHeader>
      <ReportCompare comparison={c} />
    </div>
  );
}

export { ReportCompareRoute as Component, RouteErrorBoundary as ErrorBoundary };
