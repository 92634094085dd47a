import { useTranslation } from 'react-i18next';
import { participantsTotal } from '@shared/calc/participants';
import type { ReportActivity, ReportData } from '@shared/schemas/report';
import { EmptyState, Panel, TableScroll } from '@/components/ui/layout';
import { ParticipantsSourceNote } from '@/components/ui/participants-source';
import { formatDate, formatMoney, formatNumber, formatPercent } from '@/lib/format';
import { RagBadge } from './report-badges';

function Bar({ percent, tone = 'spent' }: { percent: number | null; tone?: 'spent' | 'time' }) {
  const width = percent === null ? 0 : Math.max(0, Math.min(100, percent));
  return (
    <span className={`report-bar report-bar-${tone}`} aria-hidden="true">
      <span style={{ width: `${width}%` }} />
    </span>
  );
}

/** The compiled part of a report: record, indicators, activities, milestones and budget. */
export function ReportDataView({ data }: { data: ReportData }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const n = (v: number | null) => (v === null ? t('reports.none') : formatNumber(v, lang, 2));
  const p = data.project;
  const b = data.budget;
  return (
    <div className="report-data">
      <Panel title={t('reports.sections.summary')}>
        <dl className="deflist">
          {[
            [t('reports.fields.code'), p.code],
            [t('reports.fields.implementingOrg'), p.implementingOrg],
            [t('reports.fields.funder'), p.funder],
            [
              t('reports.fields.dates'),
              `${p.plannedStart ? formatDate(p.plannedStart, lang) : p.startYear} – ${p.plannedEnd ? formatDate(p.plannedEnd, lang) : p.endYear}`,
            ],
            [t('reports.fields.budget'), formatMoney(p.budget, lang)],
            [t('reports.fields.status'), t(`enums.projectStatus.${p.status}`)],
            [t('reports.fields.goal'), p.goal],
          ]
            .filter(([, v]) => v)
            .map(([k, v]) => (
              <div className="deflist-row" key={k}>
                <dt>{k}</dt>
                <dd>{v}</dd>
              </div>
            ))}
        </dl>
      </Panel>

      <Panel title={t('reports.sections.indicators')}>
        {data.outcomes.length ? (
          <ul className="report-outcomes">
            {data.outcomes.map((o) => (
              <li key={o.id}>
                <span className="mono">{o.code}</span> {o.title} <RagBadge rag={o.rag} />
              </li>
            ))}
          </ul>
        ) : null}
        {data.indicators.length === 0 ? (
          <EmptyState>{t('reports.noIndicators')}</EmptyState>
        ) : (
          <TableScroll label={t('reports.sections.indicators')}>
            <table className="table report-table">
              <thead>
                <tr>
                  <th scope="col">{t('reports.cols.code')}</th>
                  <th scope="col">{t('reports.cols.indicator')}</th>
                  <th scope="col" className="num">
                    {t('reports.cols.baseline')}
                  </th>
                  <th scope="col" className="num">
                    {t('reports.cols.target')}
                  </th>
                  <th scope="col" className="num">
                    {t('reports.cols.actual')}
                  </th>
                  <th scope="col">{t('reports.cols.progress')}</th>
                  <th scope="col">{t('reports.cols.rag')}</th>
                  <th scope="col">{t('reports.cols.disaggregation')}</th>
                </tr>
              </thead>
              <tbody>
                {data.indicators.map((i) => (
                  <tr key={i.id}>
                    <td className="mono">{i.code}</td>
                    <td>
                      {i.title}
                      {i.unit ? <span className="muted"> ({i.unit})</span> : null}
                      {i.narrative ? <div className="muted small">{i.narrative}</div> : null}
                    </td>
                    <td className="num">{n(i.baseline)}</td>
                    <td className="num">{n(i.target)}</td>
                    <td className="num">{n(i.actual)}</td>
                    <td className="nowrap">
                      {i.percent === null ? t('reports.none') : formatPercent(i.percent, lang)} <Bar percent={i.percent} />
                    </td>
                    <td>
                      <RagBadge rag={i.rag} />
                    </td>
                    <td className="small">
                      {i.disaggregation
                        ? Object.entries(i.disaggregation).map(([dim, parts]) => (
                            <div key={dim}>
                              {t(`reports.dimension.${dim}` as 'reports.dimension.sex')}:{' '}
                              {Object.entries(parts)
                                .map(([k, v]) => `${t(`reports.part.${k}` as 'reports.part.women')} ${v ?? '–'}`)
                                .join(', ')}
                            </div>
                          ))
                        : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </Panel>

      <Panel title={t('reports.sections.activities')}>
        {data.activities.length === 0 ? (
          <EmptyState>{t('reports.noActivities')}</EmptyState>
        ) : (
          <TableScroll label={t('reports.sections.activities')}>
            <table className="table report-table">
              <thead>
                <tr>
                  <th scope="col">{t('reports.cols.outcome')}</th>
                  <th scope="col">{t('reports.cols.activity')}</th>
                  <th scope="col">{t('reports.cols.status')}</th>
                  <th scope="col">{t('reports.cols.planned')}</th>
                  <th scope="col">{t('reports.cols.actualDates')}</th>
                  <th scope="col" className="num">
                    {t('reports.cols.complete')}
                  </th>
                  <th scope="col" className="num">
                    {t('reports.cols.slippage')}
                  </th>
                  <th scope="col" className="num">
                    {t('reports.cols.participants')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.activities.map((a) => {
                  const slip = a.finishSlippageDays ?? a.startSlippageDays;
                  return (
                    <tr key={a.id}>
                      <td className="mono">{a.outcomeCode}</td>
                      <td>{a.title}</td>
                      <td>{t(`enums.activityStatus.${a.status}`)}</td>
                      <td className="nowrap">{`${formatDate(a.plannedStart, lang)} – ${formatDate(a.plannedEnd, lang)}`}</td>
                      <td className="nowrap">
                        {a.actualStart ? `${formatDate(a.actualStart, lang)} – ${formatDate(a.actualEnd, lang)}` : t('reports.none')}
                      </td>
                      <td className="num">{formatPercent(a.percentComplete, lang)}</td>
                      <td className={`num ${slip !== null && slip > 0 ? 'report-late' : ''}`}>
                        {slip === null ? t('reports.none') : t('reports.days', { count: slip })}
                      </td>
                      <td className="num">
                        <ActivityParticipants activity={a} />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </TableScroll>
        )}
      </Panel>

      <Panel title={t('reports.sections.milestones')}>
        {data.milestones.length === 0 ? (
          <EmptyState>{t('reports.noMilestones')}</EmptyState>
        ) : (
          <TableScroll label={t('reports.sections.milestones')}>
            <table className="table report-table">
              <thead>
                <tr>
                  <th scope="col">{t('reports.cols.milestone')}</th>
                  <th scope="col">{t('reports.cols.activity')}</th>
                  <th scope="col">{t('reports.cols.due')}</th>
                  <th scope="col">{t('reports.cols.done')}</th>
                  <th scope="col">{t('reports.cols.status')}</th>
                </tr>
              </thead>
              <tbody>
                {data.milestones.map((m) => (
                  <tr key={m.id}>
                    <td>{m.title}</td>
                    <td>{m.activityTitle ?? ''}</td>
                    <td className="nowrap">{formatDate(m.dueDate, lang)}</td>
                    <td className="nowrap">{m.doneDate ? formatDate(m.doneDate, lang) : t('reports.none')}</td>
                    <td>{t(`reports.milestone.${m.status}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </Panel>

      <Panel title={t('reports.sections.budget')}>
        {!b ? (
          <EmptyState>{t('reports.noBudget')}</EmptyState>
        ) : (
          <>
            <div className="report-pace">
              <div>
                {t('reports.spentOfBudget', { spent: formatMoney(b.totals.spent, lang), budget: formatMoney(b.totals.budget, lang) })}{' '}
                <strong>{b.spentPercent === null ? '' : formatPercent(b.spentPercent, lang)}</strong>
                <Bar percent={b.spentPercent} />
              </div>
              <div>
                {t('reports.timeElapsed')} <strong>{b.timeElapsedPercent === null ? '' : formatPercent(b.timeElapsedPercent, lang)}</strong>
                <Bar percent={b.timeElapsedPercent} tone="time" />
              </div>
            </div>
            {[
              {
                key: 'category',
                title: t('reports.byCategory'),
                rows: b.byCategory.map((c) => ({ ...c, label: t(`reports.category.${c.category}`) })),
              },
              {
                key: 'outcome',
                title: t('reports.byOutcome'),
                rows: [
                  ...b.byOutcome.map((o) => ({ ...o, label: `${o.code} ${o.title}` })),
                  { ...b.unallocatedToOutcome, label: t('reports.unallocated') },
                ],
              },
            ].map((table) => (
              <TableScroll key={table.key} label={table.title}>
                <table className="table report-table">
                  <caption>{table.title}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{table.key === 'category' ? t('reports.cols.category') : t('reports.cols.outcome')}</th>
                      <th scope="col" className="num">
                        {t('reports.cols.budget')}
                      </th>
                      <th scope="col" className="num">
                        {t('reports.cols.committed')}
                      </th>
                      <th scope="col" className="num">
                        {t('reports.cols.spent')}
                      </th>
                      <th scope="col" className="num">
                        {t('reports.cols.remaining')}
                      </th>
                      <th scope="col">{t('reports.cols.use')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {table.rows.map((r) => {
                      const budget = Number(r.budget.amount);
                      const used = budget > 0 ? (Number(r.spent.amount) / budget) * 100 : null;
                      return (
                        <tr key={r.label}>
                          <th scope="row">{r.label}</th>
                          <td className="num nowrap">{formatMoney(r.budget, lang)}</td>
                          <td className="num nowrap">{formatMoney(r.committed, lang)}</td>
                          <td className="num nowrap">{formatMoney(r.spent, lang)}</td>
                          <td className="num nowrap">{formatMoney(r.remaining, lang)}</td>
                          <td className="nowrap">
                            {used === null ? '' : formatPercent(used, lang)} <Bar percent={used} />
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </TableScroll>
            ))}
          </>
        )}
      </Panel>
    </div>
  );
}

/** How many took part in an activity and where the figure comes from; reports frozen before they carried it show none. */
function ActivityParticipants({ activity: a }: { activity: ReportActivity }) {
  const { t, i18n } = useTranslation();
  if (!a.participants || !a.participantsSource) return <>{t('reports.none')}</>;
  const reported = { participants: a.participants, participantsSource: a.participantsSource, attendeeCount: a.attendeeCount ?? 0 };
  const total = participantsTotal(reported);
  if (total === null) return <>{t('reports.none')}</>;
  return (
    <>
      {formatNumber(total, i18n.language, 0)}
      {reported.participantsSource === 'attendance' ? (
        <>
          {' '}
          <ParticipantsSourceNote source="attendance" attendeeCount={reported.attendeeCount} />
        </>
      ) : null}
    </>
  );
}
