import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { participantsTotal } from '@shared/calc/participants';
import type { ReportActivity, ReportData } from '@shared/schemas/report';
import { DefinitionList, EmptyState, Panel } from '@/components/ui/layout';
import { ScrollTable } from '@/components/ui/scroll-table';
import type { Column } from '@/components/ui/table-head';
import { ParticipantsSourceNote } from '@/components/ui/participants-source';
import { formatDate, formatMoney, formatNumber, formatPercent } from '@/lib/format';
import { RagBadge } from './report-badges';

const TABLE = 'table report-table';

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
  const summary: { term: string; value: string | null | undefined }[] = [
    { term: t('reports.fields.code'), value: p.code },
    { term: t('reports.fields.implementingOrg'), value: p.implementingOrg },
    { term: t('reports.fields.funder'), value: p.funder },
    {
      term: t('reports.fields.dates'),
      value: `${p.plannedStart ? formatDate(p.plannedStart, lang) : p.startYear} – ${p.plannedEnd ? formatDate(p.plannedEnd, lang) : p.endYear}`,
    },
    { term: t('reports.fields.budget'), value: formatMoney(p.budget, lang) },
    { term: t('reports.fields.status'), value: t(`enums.projectStatus.${p.status}`) },
    { term: t('reports.fields.goal'), value: p.goal },
  ];
  return (
    <div className="report-data">
      <Panel title={t('reports.sections.summary')}>
        <DefinitionList items={summary.filter((row) => row.value).map((row) => ({ ...row, key: row.term }))} />
      </Panel>

      <TablePanel
        title={t('reports.sections.indicators')}
        empty={data.indicators.length === 0 ? t('reports.noIndicators') : null}
        columns={[
          t('reports.cols.code'),
          t('reports.cols.indicator'),
          { label: t('reports.cols.baseline'), numeric: true },
          { label: t('reports.cols.target'), numeric: true },
          { label: t('reports.cols.actual'), numeric: true },
          t('reports.cols.progress'),
          t('reports.cols.rag'),
          t('reports.cols.disaggregation'),
        ]}
        lead={
          data.outcomes.length ? (
            <ul className="report-outcomes">
              {data.outcomes.map((o) => (
                <li key={o.id}>
                  <span className="mono">{o.code}</span> {o.title} <RagBadge rag={o.rag} />
                </li>
              ))}
            </ul>
          ) : null
        }
      >
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
      </TablePanel>

      <TablePanel
        title={t('reports.sections.activities')}
        empty={data.activities.length === 0 ? t('reports.noActivities') : null}
        columns={[
          t('reports.cols.outcome'),
          t('reports.cols.activity'),
          t('reports.cols.status'),
          t('reports.cols.planned'),
          t('reports.cols.actualDates'),
          { label: t('reports.cols.complete'), numeric: true },
          { label: t('reports.cols.slippage'), numeric: true },
          { label: t('reports.cols.participants'), numeric: true },
        ]}
      >
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
      </TablePanel>

      <TablePanel
        title={t('reports.sections.milestones')}
        empty={data.milestones.length === 0 ? t('reports.noMilestones') : null}
        columns={[t('reports.cols.milestone'), t('reports.cols.activity'), t('reports.cols.due'), t('reports.cols.done'), t('reports.cols.status')]}
      >
        {data.milestones.map((m) => (
          <tr key={m.id}>
            <td>{m.title}</td>
            <td>{m.activityTitle ?? ''}</td>
            <td className="nowrap">{formatDate(m.dueDate, lang)}</td>
            <td className="nowrap">{m.doneDate ? formatDate(m.doneDate, lang) : t('reports.none')}</td>
            <td>{t(`reports.milestone.${m.status}`)}</td>
          </tr>
        ))}
      </TablePanel>

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
              <ScrollTable
                key={table.key}
                label={table.title}
                className={TABLE}
                caption={table.title}
                columns={[
                  table.key === 'category' ? t('reports.cols.category') : t('reports.cols.outcome'),
                  { label: t('reports.cols.budget'), numeric: true },
                  { label: t('reports.cols.committed'), numeric: true },
                  { label: t('reports.cols.spent'), numeric: true },
                  { label: t('reports.cols.remaining'), numeric: true },
                  t('reports.cols.use'),
                ]}
              >
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
              </ScrollTable>
            ))}
          </>
        )}
      </Panel>
    </div>
  );
}

type TablePanelProps = { title: string; empty: string | null; columns: readonly Column[]; lead?: ReactNode; children: ReactNode };

/** One section of the report: what leads into it, then its table, or the line saying there is nothing to show. */
function TablePanel({ title, empty, columns, lead, children }: TablePanelProps) {
  return (
    <Panel title={title}>
      {lead}
      {empty ? (
        <EmptyState>{empty}</EmptyState>
      ) : (
        <ScrollTable label={title} className={TABLE} columns={columns}>
          {children}
        </ScrollTable>
      )}
    </Panel>
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
