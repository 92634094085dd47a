import '@/features/reports/reports.css';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { hasPermission } from '@shared/permissions';
import { ErrorBanner } from '@/components/ui/error-banner';
import { PageHeader, Panel } from '@/components/ui/layout';
import { PanelBoundary } from '@/components/ui/panel-boundary';
import { LoadingBlock } from '@/components/ui/spinner';
import { useSessionUser } from '@/features/auth/api/use-session-user';
import { useProject } from '@/features/projects/api/get-project';
import { useReports } from '@/features/reports/api/list-reports';
import { ReportDownloads } from '@/features/reports/components/report-downloads';
import { CreateReportForm, ReportList } from '@/features/reports/components/report-list';
import { currentLocale } from '@/lib/i18n';
import { useDocumentTitle } from '@/lib/use-document-title';
import { paths } from '../../../paths';
import { RouteErrorBoundary } from '../../error-fallback';
import { NotFound } from '../../not-found';
import { QueryState } from '../../query-state';
import { useIdParam } from '../projects/use-project-id';

export function ProjectReportsRoute() {
  const projectId = useIdParam('projectId');
  return projectId === null ? <NotFound /> : <ProjectReports projectId={projectId} />;
}

function ProjectReports({ projectId }: { projectId: number }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const user = useSessionUser();
  const project = useProject(projectId);
  const reports = useReports(projectId);
  useDocumentTitle(project.data ? t('reports.pageTitle', { code: project.data.code }) : null);
  if (!project.data) return <QueryState query={project} label={t('reports.loading')} />;
  const p = project.data;
  const canEdit = hasPermission(user.role, 'report:edit');
  return (
    <div className="page reports-page">
      <PageHeader
        eyebrow={
          <>
            <Link to={paths.projects}>{t('reports.breadcrumbProjects')}</Link>
            <span aria-hidden="true"> / </span>
            <Link to={paths.project(p.id)}>{p.code}</Link>
          </>
        }
        title={t('reports.list.title')}
      >
        <p className="page-lead">{p.title}</p>
      </PageHeader>
      <Panel title={t('reports.list.title')}>
        <PanelBoundary>
          {reports.data ? (
            <ReportList reports={reports.data.items} reportHref={paths.report} />
          ) : reports.isError ? (
            <ErrorBanner error={reports.error} onRetry={() => void reports.refetch()} />
          ) : (
            <LoadingBlock label={t('reports.loading')} />
          )}
        </PanelBoundary>
      </Panel>
      {canEdit ? (
        <Panel title={t('reports.form.heading')}>
          <CreateReportForm projectId={p.id} onCreated={(id) => void navigate(paths.report(id))} />
        </Panel>
      ) : null}
      <Panel title={t('reports.downloads.liveTitle')}>
        <p className="muted small">{t('reports.downloads.liveHint')}</p>
        <ReportDownloads projectId={p.id} defaultLanguage={currentLocale()} />
      </Panel>
    </div>
  );
}

export { ProjectReportsRoute as Component, RouteErrorBoundary as ErrorBoundary };
