import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Timeline } from '@shared/schemas/timeline';
import { TableScroll } from '@/components/ui/layout';
import { TableHead } from '@/components/ui/table-head';
import { formatDate } from '@/lib/format';
import { currentLocale } from '@/lib/i18n';
import { buildRows } from './gantt-rows';
import { slippageText } from './schedule';

type GanttTableProps = { timeline: Timeline; activityHref: (id: number) => string };

/** The chart's content as a table: the same rows, dates and flags, read in order. */
export function GanttTable({ timeline, activityHref }: GanttTableProps) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const rows = buildRows(timeline);
  const titles = new Map(rows.flatMap((r) => (r.kind === 'activity' ? [[r.activity.id, r.activity.title] as const] : [])));
  const range = (from: string | null, to: string | null) =>
    from || to ? t('timeline.range', { start: formatDate(from, locale) || '…', end: formatDate(to, locale) || '…' }) : t('timeline.noDates');

  return (
    <TableScroll label={t('timeline.tableLabel')}>
      <table className="table table-compact gantt-table">
        <caption className="visually-hidden">{t('timeline.tableCaption')}</caption>
        <TableHead
          columns={[
            t('timeline.activityColumn'),
            t('timeline.legend.planned'),
            t('timeline.legend.actual'),
            t('activities.fields.status'),
            t('timeline.scheduleColumn'),
            t('timeline.dependsOnColumn'),
            t('timeline.milestonesColumn'),
          ]}
        />
        <tbody>
          {rows.map((row) => {
            if (row.kind === 'project') {
              return (
                <tr key={row.key} className="gantt-table-group">
                  <th scope="rowgroup" colSpan={6}>
                    {t('timeline.projectMilestones')}
                  </th>
                  <td>
                    <ul className="plain-list">
                      {row.milestones.map((m) => (
                        <li key={m.id}>
                          {t('timeline.milestoneTitle', {
                            kind: t(`timeline.milestoneKind.${m.kind}`),
                            title: m.title,
                            due: formatDate(m.dueDate, locale),
                            status: t(`timeline.milestoneStatus.${m.status}`),
                          })}
                        </li>
                      ))}
                    </ul>
                  </td>
                </tr>
              );
            }
            if (row.kind !== 'activity') {
              return (
                <tr key={row.key} className="gantt-table-group">
                  <th scope="rowgroup" colSpan={7}>
                    {t(row.kind === 'outcome' ? 'timeline.outcomeLabel' : 'timeline.outputLabel', { code: row.code, title: row.title })}
                  </th>
                </tr>
              );
            }
            const a = row.activity;
            const slip = slippageText(t, a);
            const preds = timeline.dependencies.filter((d) => d.to === a.id);
            return (
              <tr key={row.key}>
                <th scope="row" className="cell-title">
                  <Link to={activityHref(a.id)}>{a.title}</Link>
                </th>
                <td className="nowrap">{range(a.plannedStart, a.plannedEnd)}</td>
                <td className="nowrap">{a.actualStart ? range(a.actualStart, a.actualEnd) : t('timeline.notStarted')}</td>
                <td>{t(`enums.activityStatus.${a.status}`)}</td>
                <td>
                  {slip ? (
                    <>
                      <span aria-hidden="true">⚠ </span>
                      {slip}
                    </>
                  ) : (
                    t('timeline.onSchedule')
                  )}
                </td>
                <td>
                  {preds.length === 0
                    ? t('common.notSet')
                    : preds.map((d, i) => (
                        <Fragment key={d.id}>
                          {i > 0 ? '; ' : ''}
                          {titles.get(d.from) ?? `#${d.from}`}
                          {d.broken ? ` (${t('timeline.brokenShort')})` : ''}
                        </Fragment>
                      ))}
                </td>
                <td>
                  {a.milestones.length === 0 ? (
                    t('common.notSet')
                  ) : (
                    <ul className="plain-list">
                      {a.milestones.map((m) => (
                        <li key={m.id}>
                          {t('timeline.milestoneShort', {
                            title: m.title,
                            due: formatDate(m.dueDate, locale),
                            status: t(`timeline.milestoneStatus.${m.status}`),
                          })}
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableScroll>
  );
}
