import { memo } from 'react';
import type { TFunction } from 'i18next';
import { MAX_DATE, MIN_DATE } from '@shared/bounds';
import type { Milestone, TimelineActivity } from '@shared/schemas/timeline';
import { formatDate } from '@/lib/format';
import { actualRange, type GanttRow } from './gantt-rows';
import { span, type Box, type Scale } from './gantt-scale';
import type { BarHandlers, Preview } from './gantt-types';
import { shiftPlanned, slippageText } from './schedule';

type RowProps = {
  row: GanttRow;
  top: number;
  scale: Scale;
  today: string;
  canEdit: boolean;
  href: string;
  preview: Preview | null;
  busy: boolean;
  handlers: BarHandlers;
  hintId: string;
  /** Passed down rather than a hook per row: rows mount and unmount all the time while scrolling. */
  t: TFunction;
  locale: string;
};

export const GanttRowView = memo(function GanttRowView({
  row,
  top,
  scale,
  today,
  canEdit,
  href,
  preview,
  busy,
  handlers,
  hintId,
  t,
  locale,
}: RowProps) {
  if (row.kind === 'outcome' || row.kind === 'output') {
    return (
      <div className={`gantt-row gantt-row-${row.kind}`} style={{ top }}>
        <div className="gantt-label">
          <span className="gantt-group-title" title={row.title}>
            {t(row.kind === 'outcome' ? 'timeline.outcomeLabel' : 'timeline.outputLabel', { code: row.code, title: row.title })}
          </span>
        </div>
      </div>
    );
  }
  if (row.kind === 'project') {
    return (
      <div className="gantt-row gantt-row-project" style={{ top }}>
        <div className="gantt-label">
          <span className="gantt-group-title">{t('timeline.projectMilestones')}</span>
        </div>
        <div className="gantt-track" style={{ width: scale.width }}>
          {row.milestones.map((m) => (
            <MilestoneDiamond key={m.id} milestone={m} scale={scale} t={t} locale={locale} />
          ))}
        </div>
      </div>
    );
  }
  return (
    <ActivityRow
      activity={row.activity}
      depth={row.depth}
      top={top}
      scale={scale}
      today={today}
      canEdit={canEdit}
      href={href}
      preview={preview}
      busy={busy}
      handlers={handlers}
      hintId={hintId}
      t={t}
      locale={locale}
    />
  );
});

type ActivityRowProps = Omit<RowProps, 'row'> & { activity: TimelineActivity; depth: 1 | 2 };

function ActivityRow({ activity: a, depth, top, scale, today, canEdit, href, preview, busy, handlers, hintId, t, locale }: ActivityRowProps) {
  const planned = preview ? { ...a, ...shiftPlanned(a, preview.mode, preview.delta) } : a;
  const pStart = planned.plannedStart ?? planned.plannedEnd;
  const pEnd = planned.plannedEnd ?? planned.plannedStart;
  const plannedBox = pStart && pEnd ? span(scale, pStart, pEnd) : null;
  const actual = actualRange(a, today);
  const actualBox = actual ? span(scale, actual.from, actual.to) : null;
  const slip = slippageText(t, a);
  const right = Math.max(plannedBox ? plannedBox.left + plannedBox.width : 0, actualBox ? actualBox.left + actualBox.width : 0);
  const cut = [plannedBox, actualBox].some((b) => b && (b.cutStart || b.cutEnd));
  const dates = (from: string | null, to: string | null) =>
    from || to ? t('timeline.range', { start: formatDate(from, locale) || '…', end: formatDate(to, locale) || '…' }) : t('timeline.noDates');
  const label = [
    a.title,
    `${t('timeline.legend.planned')}: ${dates(planned.plannedStart, planned.plannedEnd)}`,
    `${t('timeline.legend.actual')}: ${a.actualStart ? dates(a.actualStart, a.actualEnd) : t('timeline.notStarted')}`,
    slip ?? t('timeline.onSchedule'),
    ...(cut ? [cutOffText(t, locale)] : []),
  ].join('. ');
  const editable = canEdit && !!plannedBox;

  return (
    <div
      className={['gantt-row', 'gantt-row-activity', a.flag ? 'gantt-row-slipped' : '', preview ? 'gantt-row-preview' : ''].filter(Boolean).join(' ')}
      style={{ top }}
    >
      <div className={`gantt-label gantt-depth-${depth}`}>
        <a href={href} className="gantt-activity-link" title={a.title} onClick={handlers.click}>
          {a.title}
        </a>
        {canEdit ? (
          <button
            type="button"
            className="gantt-edit"
            onClick={() => handlers.editDates(a.id)}
            aria-label={t('timeline.editDatesOf', { title: a.title })}
            title={t('timeline.editDates')}
          >
            <span aria-hidden="true">✎</span>
          </button>
        ) : null}
      </div>
      <div className="gantt-track" style={{ width: scale.width }}>
        {plannedBox || actualBox ? (
          <a
            href={href}
            className="gantt-bars"
            aria-label={label}
            aria-describedby={editable ? hintId : undefined}
            tabIndex={editable ? 0 : -1}
            onClick={handlers.click}
            onKeyDown={editable ? (e) => handlers.keyDown(e, a.id) : undefined}
            onBlur={editable ? () => handlers.blur(a.id) : undefined}
            draggable={false}
          >
            {plannedBox ? (
              <span
                className={['gantt-bar', 'gantt-bar-planned', editable ? 'gantt-bar-draggable' : '', ...cutClasses(plannedBox)]
                  .filter(Boolean)
                  .join(' ')}
                style={{ left: plannedBox.left, width: plannedBox.width }}
                data-testid={`planned-${a.id}`}
                onPointerDown={editable ? (e) => handlers.pointerDown(e, a.id, 'move') : undefined}
                onPointerMove={editable ? handlers.pointerMove : undefined}
                onPointerUp={editable ? handlers.pointerUp : undefined}
                onPointerCancel={editable ? handlers.pointerCancel : undefined}
              >
                {editable && a.plannedEnd ? (
                  <span
                    className="gantt-bar-handle"
                    onPointerDown={(e) => handlers.pointerDown(e, a.id, 'end')}
                    onPointerMove={handlers.pointerMove}
                    onPointerUp={handlers.pointerUp}
                    onPointerCancel={handlers.pointerCancel}
                  />
                ) : null}
              </span>
            ) : null}
            {actualBox ? (
              <span
                className={['gantt-bar', 'gantt-bar-actual', actual?.open ? 'gantt-bar-open' : '', ...cutClasses(actualBox)]
                  .filter(Boolean)
                  .join(' ')}
                style={{ left: actualBox.left, width: actualBox.width }}
                data-testid={`actual-${a.id}`}
              >
                <span className="gantt-bar-progress" style={{ width: `${a.status === 'completed' ? 100 : a.percentComplete}%` }} />
              </span>
            ) : null}
          </a>
        ) : (
          <span className="gantt-nodates">{t('timeline.noDates')}</span>
        )}
        {a.milestones.map((m) => (
          <MilestoneDiamond key={m.id} milestone={m} scale={scale} t={t} locale={locale} />
        ))}
        {slip ? (
          <span className="gantt-slip" style={{ left: right + 6 }}>
            <span aria-hidden="true">⚠ </span>
            {slip}
          </span>
        ) : null}
        {busy ? (
          <span className="gantt-saving" style={{ left: right + 6 }}>
            {t('timeline.saving')}
          </span>
        ) : null}
      </div>
    </div>
  );
}

/** Said of a bar or milestone that runs beyond the axis, whose date lies outside the dates the app accepts. */
function cutOffText(t: TFunction, locale: string): string {
  return t('timeline.cutOff', { min: formatDate(MIN_DATE, locale), max: formatDate(MAX_DATE, locale) });
}

function cutClasses(box: Box | null): string[] {
  if (!box) return [];
  return [box.cutStart ? 'gantt-bar-cut-start' : '', box.cutEnd ? 'gantt-bar-cut-end' : ''];
}

const MILESTONE_MARK: Record<Milestone['status'], string> = { upcoming: '', done: '✓', done_late: '✓', overdue: '!' };

function MilestoneDiamond({ milestone: m, scale, t, locale }: { milestone: Milestone; scale: Scale; t: TFunction; locale: string }) {
  const date = m.doneDate ?? m.dueDate;
  const shown = scale.clamp(m.dueDate);
  const cut = shown !== m.dueDate;
  const x = scale.x(shown) + scale.pxPerDay / 2;
  const text = [
    t('timeline.milestoneTitle', {
      kind: t(`timeline.milestoneKind.${m.kind}`),
      title: m.title,
      due: formatDate(m.dueDate, locale),
      status: t(`timeline.milestoneStatus.${m.status}`),
    }),
    ...(cut ? [cutOffText(t, locale)] : []),
  ].join('. ');
  return (
    <span
      className={`gantt-milestone gantt-milestone-${m.status}${cut ? ' gantt-milestone-cut' : ''}`}
      style={{ left: x }}
      title={text}
      data-date={date}
    >
      <span className="gantt-diamond" aria-hidden="true" />
      {MILESTONE_MARK[m.status] ? (
        <span className="gantt-milestone-mark" aria-hidden="true">
          {MILESTONE_MARK[m.status]}
        </span>
      ) : null}
      <span className="visually-hidden">{text}</span>
    </span>
  );
}
