import '@/features/reports/reports.css';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { hasPermission } from '@shared/permissions';
import { Panel } from '@/components/ui/layout';
import { PanelBoundary } from '@/components/ui/panel-boundary';
import { QueryContent } from '@/components/ui/query-content';
import { useSessionUser } from '@/features/auth/api/use-session-user';
import { useReports } from '@/features/reports/api/list-reports';
import { ReportDownloads } from '@/features/reports/components/report-downloads';
import { CreateReportForm, ReportList } from '@/features/reports/components/report-list';
import { currentLocale } from '@/lib/i18n';
import { paths } from '../../../paths';
import { RouteErrorBoundary } from '../../error-fallback';
import { ProjectPageHeader, projectRoute, useProjectPage } from '../projects/project-page';

function ProjectReports({ projectId }: { projectId: number }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const user = useSessionUser();
  const { project: p, fallback } = useProjectPage(projectId, (project) => t('reports.pageTitle', { code: project.code }), t('reports.loading'));
  const reports = useReports(projectId);
  if (!p) return fallback;
  const canEdit = hasPermission(user.role, 'report:edit');
  return (
    <div className="page reports-page">
      <ProjectPageHeader project={p} title={t('reports.list.title')} />
      <Panel title={t('reports.list.title')}>
        <PanelBoundary>
          <QueryContent query={reports} label={t('reports.loading')}>
            {(data) => <ReportList reports={data.items} reportHref={paths.report} />}
          </QueryContent>
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

export const ProjectReportsRoute = projectRoute(ProjectReports);

export { ProjectReportsRoute as Component, RouteErrorBoundary as ErrorBoundary };
