import '@/features/reports/reports.css';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { hasPermission } from '@shared/permissions';
import { isReportEditable } from '@shared/schemas/report';
import { Notice } from '@/components/ui/error-banner';
import { PageHeader, Panel } from '@/components/ui/layout';
import { PanelBoundary } from '@/components/ui/panel-boundary';
import { useSessionUser } from '@/features/auth/api/use-session-user';
import { useReport } from '@/features/reports/api/get-report';
import { ReportStatusBadge } from '@/features/reports/components/report-badges';
import { ReportDataView } from '@/features/reports/components/report-data';
import { ReportDownloads } from '@/features/reports/components/report-downloads';
import { ReportNarrative } from '@/features/reports/components/report-narrative';
import { ReportWorkflow } from '@/features/reports/components/report-workflow';
import { formatDate, formatDateTime } from '@/lib/format';
import { useDocumentTitle } from '@/lib/use-document-title';
import { paths } from '../../../paths';
import { RouteErrorBoundary } from '../../error-fallback';
import { NotFound } from '../../not-found';
import { QueryState } from '../../query-state';
import { useIdParam } from '../projects/use-project-id';

export function ReportRoute() {
  const reportId = useIdParam('reportId');
  return reportId === null ? <NotFound /> : <ReportPage reportId={reportId} />;
}

function ReportPage({ reportId }: { reportId: number }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const navigate = useNavigate();
  const user = useSessionUser();
  const query = useReport(reportId);
  useDocumentTitle(query.data ? query.data.title : null);
  if (!query.data) return <QueryState query={query} label={t('reports.loading')} />;
  const r = query.data;
  const p = r.data.project;
  const editable = hasPermission(user.role, 'report:edit') && isReportEditable(r.status);

  return (
    <div className="page report-page">
      <PageHeader
        eyebrow={
          <>
            <Link to={paths.projects}>{t('reports.breadcrumbProjects')}</Link>
            <span aria-hidden="true"> / </span>
            <Link to={paths.project(r.projectId)}>{p.code}</Link>
            <span aria-hidden="true"> / </span>
            <Link to={paths.reports(r.projectId)}>{t('reports.list.title')}</Link>
          </>
        }
        title={r.title}
        actions={
          <Link className="btn btn-secondary" to={paths.reportCompare(r.id)}>
            {t('reports.compare.link')}
          </Link>
        }
      >
        <p className="page-lead">
          <ReportStatusBadge status={r.status} /> {t(`reports.kind.${r.kind}`)} · {formatDate(r.periodStart, lang)} – {formatDate(r.periodEnd, lang)}
        </p>
        <p className="muted small report-frozen">
          {r.frozenAt
            ? t('reports.frozenAt', { when: formatDateTime(r.frozenAt, lang) })
            : t('reports.liveData', { when: formatDateTime(r.data.compiledAt, lang) })}
        </p>
      </PageHeader>

      {r.status === 'returned' && r.reviewComment ? (
        <Notice tone="warning" role="alert">
          <p className="banner-title">{t('reports.returnedBy', { name: r.reviewedBy?.name ?? '' })}</p>
          <p className="pre-wrap">{r.reviewComment}</p>
        </Notice>
      ) : null}
      {r.status === 'accepted' && r.reviewComment ? <Notice tone="success">{r.reviewComment}</Notice> : null}
      {r.data.illustrative || r.illustrative ? <Notice tone="warning">{t('reports.illustrativeNote')}</Notice> : null}

      <ReportWorkflow report={r} role={user.role} onDeleted={() => void navigate(paths.reports(r.projectId))} />

      <Panel title={t('reports.downloads.title')}>
        <ReportDownloads reportId={r.id} projectId={r.projectId} defaultLanguage={r.language} />
      </Panel>

      <PanelBoundary>
        <ReportNarrative key={r.id} report={r} editable={editable} />
      </PanelBoundary>
      <PanelBoundary>
        <ReportDataView data={r.data} />
      </PanelBoundary>
    </div>
  );
}

export { ReportRoute as Component, RouteErrorBoundary as ErrorBoundary };
