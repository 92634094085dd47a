import '@/features/budget/budget.css';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { hasPermission } from '@shared/permissions';
import { Button } from '@/components/ui/button';
import { Notice } from '@/components/ui/error-banner';
import { Panel } from '@/components/ui/layout';
import { PanelBoundary } from '@/components/ui/panel-boundary';
import { QueryContent, QueryPending } from '@/components/ui/query-content';
import { LoadingBlock } from '@/components/ui/spinner';
import { useSessionUser } from '@/features/auth/api/use-session-user';
import { useBudgetAnalysis } from '@/features/budget/api/get-budget-analysis';
import { useBudgetLines } from '@/features/budget/api/list-budget-lines';
import { BudgetBreakdowns, BudgetSummary, ToleranceForm } from '@/features/budget/components/budget-analysis';
import { BudgetLines } from '@/features/budget/components/budget-lines';
import { ExpenditureLedger } from '@/features/budget/components/expenditure-ledger';
import { paths } from '../../../paths';
import { RouteErrorBoundary } from '../../error-fallback';
import { ProjectPageHeader, projectRoute, useProjectPage } from './project-page';

// recharts is loaded with the charts only, after the numbers are on screen.
const BudgetCharts = lazy(() => import('@/features/budget/components/budget-charts'));

function ProjectBudget({ projectId }: { projectId: number }) {
  const { t } = useTranslation();
  const user = useSessionUser();
  const { project: p, fallback } = useProjectPage(projectId, (project) => t('budget.pageTitle', { code: project.code }));
  const analysis = useBudgetAnalysis(projectId);
  const lines = useBudgetLines(projectId);
  if (!p) return fallback;
  const canEdit = hasPermission(user.role, 'budget:edit');
  const a = analysis.data;
  const activities = a ? a.byActivity.rows.map((r) => ({ id: r.activityId, title: r.title })) : [];
  const figures = a ? new Map(a.byLine.rows.map((r) => [r.id, r])) : undefined;

  return (
    <div className="page budget-page">
      <ProjectPageHeader
        project={p}
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
      />
      {canEdit ? null : <Notice>{t('budget.readOnly')}</Notice>}

      <Panel title={t('budget.summaryTitle')}>
        <PanelBoundary>
          <QueryContent query={analysis} label={t('budget.loading')}>
            {(data) => <BudgetSummary analysis={data} />}
          </QueryContent>
        </PanelBoundary>
      </Panel>

      <Panel title={t('budget.lines.title')}>
        <PanelBoundary>
          <QueryContent query={lines} label={t('budget.lines.loading')}>
            {(data) => (
              <BudgetLines
                projectId={p.id}
                currency={data.sum.currency}
                lines={data.items}
                figures={figures}
                activities={activities}
                canEdit={canEdit}
              />
            )}
          </QueryContent>
        </PanelBoundary>
      </Panel>

      <Panel title={t('budget.ledger.title')}>
        <PanelBoundary>
          {a && lines.data ? (
            <ExpenditureLedger projectId={p.id} projectCurrency={a.currency} lines={lines.data.items} activities={activities} canEdit={canEdit} />
          ) : (
            <QueryPending query={a ? lines : analysis} label={t('budget.ledger.loading')} />
          )}
        </PanelBoundary>
      </Panel>

      <Panel title={t('budget.charts.title')}>
        <PanelBoundary>
          <QueryContent query={analysis} label={t('budget.loading')}>
            {(data) => (
              <Suspense fallback={<LoadingBlock label={t('budget.charts.loading')} />}>
                <BudgetCharts analysis={data} />
              </Suspense>
            )}
          </QueryContent>
        </PanelBoundary>
      </Panel>

      <Panel title={t('budget.analysis.title')}>
        <PanelBoundary>
          <QueryContent query={analysis} label={t('budget.loading')}>
            {(data) => (
              <>
                {canEdit ? <ToleranceForm projectId={p.id} settings={data.settings} /> : null}
                <BudgetBreakdowns analysis={data} />
              </>
            )}
          </QueryContent>
        </PanelBoundary>
      </Panel>
    </div>
  );
}

export const ProjectBudgetRoute = projectRoute(ProjectBudget);

export { ProjectBudgetRoute as Component, RouteErrorBoundary as ErrorBoundary };
