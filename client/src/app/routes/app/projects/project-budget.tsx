import '@/features/budget/budget.css';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { hasPermission } from '@shared/permissions';
import { Button } from '@/components/ui/button';
import { ErrorBanner, Notice } from '@/components/ui/error-banner';
import { PageHeader, Panel } from '@/components/ui/layout';
import { PanelBoundary } from '@/components/ui/panel-boundary';
import { LoadingBlock } from '@/components/ui/spinner';
import { useSessionUser } from '@/features/auth/api/use-session-user';
import { useBudgetAnalysis } from '@/features/budget/api/get-budget-analysis';
import { useBudgetLines } from '@/features/budget/api/list-budget-lines';
import { BudgetBreakdowns, BudgetSummary, ToleranceForm } from '@/features/budget/components/budget-analysis';
import { BudgetLines } from '@/features/budget/components/budget-lines';
import { ExpenditureLedger } from '@/features/budget/components/expenditure-ledger';
import { useProject } from '@/features/projects/api/get-project';
import { useDocumentTitle } from '@/lib/use-document-title';
import { paths } from '../../../paths';
import { RouteErrorBoundary } from '../../error-fallback';
import { NotFound } from '../../not-found';
import { QueryState } from '../../query-state';
import { useIdParam } from './use-project-id';

// recharts is loaded with the charts only, after the numbers are on screen.
const BudgetCharts = lazy(() => import('@/features/budget/components/budget-charts'));

export function ProjectBudgetRoute() {
  const projectId = useIdParam('projectId');
  return projectId === null ? <NotFound /> : <ProjectBudget projectId={projectId} />;
}

function ProjectBudget({ projectId }: { projectId: number }) {
  const { t } = useTranslation();
  const user = useSessionUser();
  const project = useProject(projectId);
  const analysis = useBudgetAnalysis(projectId);
  const lines = useBudgetLines(projectId);
  useDocumentTitle(project.data ? t('budget.pageTitle', { code: project.data.code }) : null);
  if (!project.data) return <QueryState query={project} label={t('projects.loadingOne')} />;
  const p = project.data;
  const canEdit = hasPermission(user.role, 'budget:edit');
  const a = analysis.data;
  const activities = a ? a.byActivity.rows.map((r) => ({ id: r.activityId, title: r.title })) : [];
  const figures = a ? new Map(a.byLine.rows.map((r) => [r.id, r])) : undefined;
  const loadingOrError = (q: { isError: boolean; error: unknown; refetch: () => unknown }, label: string) =>
    q.isError ? <ErrorBanner error={q.error} onRetry={() => void q.refetch()} /> : <LoadingBlock label={label} />;

  return (
    <div className="page budget-page">
      <PageHeader
        eyebrow={
          <>
            <Link to={paths.projects}>{t('projects.title')}</Link>
            <span aria-hidden="true"> / </span>
            <Link to={paths.project(p.id)}>{p.code}</Link>
          </>
        }
        title={t('budget.title')}
        actions={
          <>
            <Link className="btn btn-secondary no-print" to={paths.timeline(p.id)}>
              {t('timeline.link')}
            </Link>
            <Button className="no-print" onClick={() => window.print()}>
              {t('budget.print')}
            </Button>
          </>
        }
      >
        <p className="page-lead">{p.title}</p>
      </PageHeader>
      {canEdit ? null : <Notice>{t('budget.readOnly')}</Notice>}

      <Panel title={t('budget.summaryTitle')}>
        <PanelBoundary>{a ? <BudgetSummary analysis={a} /> : loadingOrError(analysis, t('budget.loading'))}</PanelBoundary>
      </Panel>

      <Panel title={t('budget.lines.title')}>
        <PanelBoundary>
          {lines.data ? (
            <BudgetLines
              projectId={p.id}
              currency={lines.data.sum.currency}
              lines={lines.data.items}
              figures={figures}
              activities={activities}
              canEdit={canEdit}
            />
          ) : (
            loadingOrError(lines, t('budget.lines.loading'))
          )}
        </PanelBoundary>
      </Panel>

      <Panel title={t('budget.ledger.title')}>
        <PanelBoundary>
          {a && lines.data ? (
            <ExpenditureLedger projectId={p.id} projectCurrency={a.currency} lines={lines.data.items} activities={activities} canEdit={canEdit} />
          ) : (
            loadingOrError(a ? lines : analysis, t('budget.ledger.loading'))
          )}
        </PanelBoundary>
      </Panel>

      <Panel title={t('budget.charts.title')}>
        <PanelBoundary>
          {a ? (
            <Suspense fallback={<LoadingBlock label={t('budget.charts.loading')} />}>
              <BudgetCharts analysis={a} />
            </Suspense>
          ) : (
            loadingOrError(analysis, t('budget.loading'))
          )}
        </PanelBoundary>
      </Panel>

      <Panel title={t('budget.analysis.title')}>
        <PanelBoundary>
          {a ? (
            <>
              {canEdit ? <ToleranceForm projectId={p.id} settings={a.settings} /> : null}
              <BudgetBreakdowns analysis={a} />
            </>
          ) : (
            loadingOrError(analysis, t('budget.loading'))
          )}
        </PanelBoundary>
      </Panel>
    </div>
  );
}

export { ProjectBudgetRoute as Component, RouteErrorBoundary as ErrorBoundary };
