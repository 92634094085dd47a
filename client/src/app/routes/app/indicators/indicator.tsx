import '@/features/attendance/attendance.css';
import '@/features/indicators/indicators.css';
import '@/features/results/results.css';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { hasPermission } from '@shared/permissions';
import { PageHeader, Panel } from '@/components/ui/layout';
import { PanelBoundary } from '@/components/ui/panel-boundary';
import { ProposeFromAttendance } from '@/features/attendance/components/propose-from-attendance';
import { useSessionUser } from '@/features/auth/api/use-session-user';
import { getIndicatorQueryOptions, useIndicator } from '@/features/indicators/api/get-indicator';
import { RagBadge } from '@/features/indicators/components/indicator-badges';
import { IndicatorChart } from '@/features/indicators/components/indicator-chart';
import { IndicatorDefinition, PeriodValues } from '@/features/indicators/components/indicator-definition';
import { formatMeasured, periodKey } from '@/features/indicators/components/indicator-format';
import { IndicatorProgress } from '@/features/indicators/components/indicator-progress';
import { PeriodsTable } from '@/features/indicators/components/periods-table';
import { useProject } from '@/features/projects/api/get-project';
import { getResultsQueryOptions } from '@/features/results/api/get-results';
import { formatDate } from '@/lib/format';
import { currentLocale } from '@/lib/i18n';
import { useDocumentTitle } from '@/lib/use-document-title';
import { paths } from '../../../paths';
import { RouteErrorBoundary } from '../../error-fallback';
import { NotFound } from '../../not-found';
import { QueryState } from '../../query-state';
import { ProjectCrumbs } from '../projects/project-page';
import { useIdParam } from '../projects/use-project-id';

export function IndicatorRoute() {
  const indicatorId = useIdParam('indicatorId');
  return indicatorId === null ? <NotFound /> : <IndicatorPage indicatorId={indicatorId} />;
}

const TABLE_ID = 'indicator-periods-table';

function IndicatorPage({ indicatorId }: { indicatorId: number }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const user = useSessionUser();
  const queryClient = useQueryClient();
  const indicator = useIndicator(indicatorId);
  const project = useProject(indicator.data?.projectId ?? null);
  useDocumentTitle(indicator.data ? t('indicators.pageTitle', { code: indicator.data.code, title: indicator.data.title }) : null);
  if (!indicator.data) return <QueryState query={indicator} label={t('indicators.loadingOne')} />;
  const ind = indicator.data;
  const canEdit = hasPermission(user.role, 'indicator:edit');
  const canSeeUnapproved = hasPermission(user.role, 'value:view_unapproved');
  const latest = ind.latestActual;
  const refreshResults = () => void queryClient.invalidateQueries({ queryKey: getResultsQueryOptions(ind.projectId).queryKey });

  return (
    <div className="page">
      <PageHeader
        eyebrow={
          <ProjectCrumbs projectId={ind.projectId} code={project.data?.code}>
            <Link to={paths.results(ind.projectId)}>{t('results.title')}</Link>
          </ProjectCrumbs>
        }
        title={
          <>
            <span className="node-code indicator-code">{t('indicators.codeLabel', { code: ind.code })}</span> {ind.title}
          </>
        }
        actions={
          canSeeUnapproved ? (
            <Link className="btn btn-primary" to={paths.dataEntry(ind.projectId)}>
              {t('dataEntry.title')}
            </Link>
          ) : null
        }
      >
        <div className="badge-row">
          <RagBadge rag={ind.rag} />
          <span className="badge badge-neutral">{t(`indicators.level.${ind.level}`)}</span>
          {ind.illustrative ? <span className="badge badge-muted">{t('common.illustrative')}</span> : null}
        </div>
      </PageHeader>
      {ind.illustrative ? <p className="muted small illustrative-note">{t('indicators.illustrativeHint')}</p> : null}

      <div className="layout-split">
        <div className="layout-main">
          <Panel title={t('indicators.progressTitle')}>
            <div className="indicator-headline">
              <div className="metric">
                <div className="metric-label">{t('indicators.columns.progress')}</div>
                <IndicatorProgress
                  progress={ind.progress}
                  expectedPercent={ind.expectedPercent}
                  label={t('indicators.progressOf', { code: ind.code })}
                />
              </div>
              <div className="metric">
                <div className="metric-label">{t('indicators.columns.latestActual')}</div>
                <div className="metric-value">
                  {latest ? formatMeasured(t, locale, ind, ind.measure === 'qualitative' ? latest.score : latest.value) : t('indicators.noActual')}
                </div>
                {latest ? <p className="metric-hint">{t('indicators.asOf', { date: formatDate(latest.end, locale) })}</p> : null}
              </div>
              <div className="metric">
                <div className="metric-label">{t('indicators.columns.target')}</div>
                <div className="metric-value">{formatMeasured(t, locale, ind, ind.target.value)}</div>
              </div>
            </div>
            {canSeeUnapproved ? null : <p className="muted small">{t('indicators.approvedOnly')}</p>}
          </Panel>

          <Panel title={t('indicators.chart.title')}>
            <PanelBoundary>
              <IndicatorChart indicator={ind} tableId={TABLE_ID} />
            </PanelBoundary>
          </Panel>
        </div>
        <aside className="layout-side">
          <Panel title={t('indicators.definitionTitle')}>
            <IndicatorDefinition indicator={ind} />
          </Panel>
        </aside>
      </div>
      <Panel title={t('indicators.periods.title')}>
        <PeriodsTable
          indicator={ind}
          tableId={TABLE_ID}
          canSeeUnapproved={canSeeUnapproved}
          canEditTargets={canEdit}
          entryHref={canSeeUnapproved ? (p) => `${paths.dataEntry(ind.projectId, periodKey(p))}#entry-${p.id}` : null}
          onChanged={refreshResults}
        />
      </Panel>

      {canEdit && ind.measure === 'number' ? (
        <Panel title={t('attendance.propose.title')}>
          <PanelBoundary>
            <ProposeFromAttendance
              indicator={ind}
              entryHref={(p) => `${paths.dataEntry(ind.projectId, periodKey(p))}#entry-${p.id}`}
              onProposed={() => {
                void queryClient.invalidateQueries({ queryKey: getIndicatorQueryOptions(ind.id).queryKey });
                refreshResults();
              }}
            />
          </PanelBoundary>
        </Panel>
      ) : null}

      <Panel title={t('indicators.valuesTitle')}>
        <PeriodValues indicator={ind} />
      </Panel>
    </div>
  );
}

export { IndicatorRoute as Component, RouteErrorBoundary as ErrorBoundary };
