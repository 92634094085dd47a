import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Dashboard } from '@shared/schemas/report';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/layout';
import { formatDate, formatMoney, formatNumber, formatPercent } from '@/lib/format';
import { RagBadge, ReportStatusBadge } from './report-badges';

type Hrefs = { project: (id: number) => string; reports: (id: number) => string; report: (id: number) => string };

function Meter({ label, percent, tone }: { label: string; percent: number | null; tone: 'spent' | 'time' }) {
  const { i18n } = useTranslation();
  const width = percent === null ? 0 : Math.max(0, Math.min(100, percent));
  return (
    <div className="dash-meter">
      <span className="dash-meter-label">{label}</span>
      <span className={`report-bar report-bar-${tone}`} aria-hidden="true">
        <span style={{ width: `${width}%` }} />
      </span>
      <span className="dash-meter-value">{percent === null ? '–' : formatPercent(percent, i18n.language)}</span>
    </div>
  );
}

/** Each of the user's projects at a glance: latest report and its status, outcome progress, budget against time. */
export function DonorDashboard({ dashboard, hrefs }: { dashboard: Dashboard; hrefs: Hrefs }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  if (dashboard.projects.length === 0) return <EmptyState>{t('dashboard.empty')}</EmptyState>;
  return (
    <ul className="dash-grid">
      {dashboard.projects.map((p) => (
        <li key={p.id} className="panel dash-card">
          <div className="dash-card-head">
            <h2 className="panel-title">
              <Link to={hrefs.project(p.id)}>
                <span className="mono">{p.code}</span> {p.title}
              </Link>
            </h2>
            <Badge tone="neutral">{t(`enums.projectStatus.${p.status}`)}</Badge>
            {p.illustrative ? <Badge tone="muted">{t('common.illustrative')}</Badge> : null}
          </div>
          <div className="dash-section">
            <h3 className="subheading">{t('dashboard.latestReport')}</h3>
            {p.latestReport ? (
              <p>
                <Link to={hrefs.report(p.latestReport.id)}>{p.latestReport.title}</Link> <ReportStatusBadge status={p.latestReport.status} />{' '}
                <span className="muted small">
                  {formatDate(p.latestReport.periodStart, lang)} – {formatDate(p.latestReport.periodEnd, lang)}
                </span>
              </p>
            ) : (
              <p className="muted">{t('dashboard.noReport')}</p>
            )}
            {p.awaitingReview > 0 ? (
              <p>
                <Badge tone="info">{t('dashboard.awaiting', { count: p.awaitingReview })}</Badge>
              </p>
            ) : null}
            <Link to={hrefs.reports(p.id)}>{t('dashboard.allReports')}</Link>
          </div>
          <div className="dash-section">
            <h3 className="subheading">{t('dashboard.outcomes')}</h3>
            {p.outcomes.length === 0 ? (
              <p className="muted">{t('dashboard.noOutcomes')}</p>
            ) : (
              <ul className="dash-outcomes">
                {p.outcomes.map((o) => (
                  <li key={o.id}>
                    <span className="dash-outcome-title">
                      <span className="mono">{o.code}</span> {o.title}
                    </span>
                    <RagBadge rag={o.rag} />
                    <span className="muted small">
                      {o.percent === null
                        ? t('dashboard.noProgress')
                        : t('dashboard.progress', { percent: formatPercent(o.percent, lang), count: o.indicators })}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </div>
          <div className="dash-section">
            <h3 className="subheading">{t('dashboard.participants')}</h3>
            {p.participants.counted > 0 ? (
              <p>
                <span className="dash-figure">{formatNumber(p.participants.total, lang, 0)}</span>{' '}
                <span className="muted small">
                  {t('dashboard.participantsHint', {
                    counted: formatNumber(p.participants.counted, lang, 0),
                    fromAttendance: formatNumber(p.participants.fromAttendance, lang, 0),
                  })}
                </span>
              </p>
            ) : (
              <p className="muted">{t('dashboard.participantsNotRecorded')}</p>
            )}
          </div>
          <div className="dash-section">
            <h3 className="subheading">{t('dashboard.budget')}</h3>
            {p.budget ? (
              <>
                <p className="small">
                  {t('dashboard.spentOf', { spent: formatMoney(p.budget.spent, lang), budget: formatMoney(p.budget.budget, lang) })}
                </p>
                <Meter label={t('dashboard.spent')} percent={p.budget.spentPercent} tone="spent" />
                <Meter label={t('dashboard.time')} percent={p.budget.timeElapsedPercent} tone="time" />
              </>
            ) : (
              <p className="muted">{t('dashboard.noBudget')}</p>
            )}
          </div>
        </li>
      ))}
    </ul>
  );
}
