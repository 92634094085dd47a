import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isDateInRange, MAX_DATE, MIN_DATE } from '@shared/bounds';
import type { Dependency, Timeline } from '@shared/schemas/timeline';
import { ErrorBanner, Notice } from '@/components/ui/error-banner';
import { formatDate } from '@/lib/format';
import { currentLocale } from '@/lib/i18n';
import type { DateSaveResult } from '../api/update-activity-dates';
import { DateDialog } from './date-dialog';
import { GanttHeader, GanttLegend, GanttOverlay } from './gantt-axis';
import { GanttRowView } from './gantt-row';
import { ZOOMS, type Zoom } from './gantt-scale';
import { useGanttDrag } from './use-gantt-drag';
import { defaultZoom, useGanttLayout } from './use-gantt-layout';
import { useGanttWindow } from './use-gantt-window';
import { usePrintMode } from './use-print-mode';

/** Room after the axis for a slippage label next to the last bars. */
const SLIP_ROOM = 200;

type GanttProps = {
  timeline: Timeline;
  canEdit: boolean;
  activityHref: (id: number) => string;
  /** After dates were saved, e.g. to refresh other screens' copies of the activity. */
  onDatesSaved?: (result: DateSaveResult) => void;
  /** Starting zoom; by default a month view for short projects, quarters otherwise. */
  initialZoom?: Zoom;
};

/**
 * The project on one time axis: planned and actual bars, milestones, dependencies and
 * today. Only the rows in view are in the DOM, so hundreds of activities scroll smoothly;
 * printing draws them all, page by page, scaled to the paper.
 */
export function Gantt({ timeline, canEdit, activityHref, onDatesSaved, initialZoom }: GanttProps) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const hintId = useId();
  const printing = usePrintMode();
  const [zoom, setZoom] = useState<Zoom>(() => initialZoom ?? defaultZoom(timeline));

  const { rows, activities, byId, rowOf, scale, tickUnit, rowH, labelW } = useGanttLayout(timeline, zoom, printing);
  const { scrollRef, onScroll, bodyH, blocks } = useGanttWindow({ timeline, rowCount: rows.length, rowH, scale, labelW, printing });
  const { preview, previewActivity, previewDates, previewBroken, handlers, mutation, saved, dialogFor, closeDialog, savedFromDialog } = useGanttDrag({
    timeline,
    scale,
    byId,
    onDatesSaved,
  });

  // Dates stored before dates were bounded: drawn cut off at the edge, and said so once above the chart.
  const outOfRange = useMemo(() => {
    const drawn = [
      ...activities.flatMap((a) => [a.plannedStart, a.plannedEnd, a.actualStart, a.actualEnd, ...a.milestones.map((m) => m.dueDate)]),
      ...timeline.milestones.map((m) => m.dueDate),
    ];
    return drawn.some((d) => d !== null && !isDateInRange(d));
  }, [activities, timeline.milestones]);

  const titleOf = (id: number) => byId.get(id)?.title ?? `#${id}`;
  const dependencyText = (d: Dependency) => t('timeline.dependency', { from: titleOf(d.from), to: titleOf(d.to) });
  const brokenNow = timeline.dependencies.filter((d) => d.broken);

  const announce =
    previewActivity && previewDates && preview?.source === 'key'
      ? t('timeline.keyboard.pending', {
          title: previewActivity.title,
          start: formatDate(previewDates.plannedStart, locale) || '…',
          end: formatDate(previewDates.plannedEnd, locale) || '…',
          count: preview.delta,
          shift: preview.delta > 0 ? `+${preview.delta}` : String(preview.delta),
        })
      : '';

  return (
    <div className="gantt">
      <div className="gantt-toolbar">
        <div className="segmented no-print" role="group" aria-label={t('timeline.zoom.label')}>
          {ZOOMS.map((z) => (
            <button key={z} type="button" className="segmented-option" aria-pressed={zoom === z} onClick={() => setZoom(z)}>
              {t(`timeline.zoom.${z}`)}
            </button>
          ))}
        </div>
        <GanttLegend />
      </div>
      {canEdit ? (
        <>
          <p className="muted small no-print" id={hintId}>
            {t('timeline.keyboard.hint')}
          </p>
          <p className="muted small no-print">{t('timeline.dependencies.ganttHint')}</p>
        </>
      ) : null}
      <p className="visually-hidden" role="status" aria-live="polite">
        {announce}
      </p>
      {preview && previewBroken.length > 0 ? (
        <Notice tone="warning">
          <span aria-hidden="true">⚠ </span>
          {t('timeline.wouldBreak', { list: previewBroken.map(dependencyText).join('; ') })}
        </Notice>
      ) : null}
      {mutation.isError ? <ErrorBanner error={mutation.error} title={t('timeline.saveFailed')} /> : null}
      {saved && saved.broken.length > 0 ? (
        <Notice tone="warning" role="alert">
          <span aria-hidden="true">⚠ </span>
          {t('timeline.brokeAfterSave', { title: saved.title, list: saved.broken.map(dependencyText).join('; ') })}
        </Notice>
      ) : null}
      {saved && saved.broken.length === 0 ? <Notice tone="success">{t('timeline.saved', { title: saved.title })}</Notice> : null}
      {outOfRange ? (
        <Notice tone="warning">
          <span aria-hidden="true">⚠ </span>
          {t('timeline.outOfRange', { min: formatDate(MIN_DATE, locale), max: formatDate(MAX_DATE, locale) })}
        </Notice>
      ) : null}
      {brokenNow.length > 0 ? (
        <p className="gantt-broken-summary">
          <span aria-hidden="true">⚠ </span>
          {t('timeline.brokenSummary', { count: brokenNow.length, list: brokenNow.map(dependencyText).join('; ') })}
        </p>
      ) : null}

      {blocks.map((block) => (
        <div
          // On screen one scroller lives on while its window of rows moves; printed blocks are pages.
          key={printing ? block.from : 'screen'}
          ref={printing ? undefined : scrollRef}
          className="gantt-scroll"
          onScroll={printing ? undefined : onScroll}
          role="region"
          aria-label={t('timeline.chartLabel')}
          tabIndex={printing ? undefined : 0}
          style={{ ['--gantt-label-w' as string]: `${labelW}px`, ['--gantt-row-h' as string]: `${rowH}px` }}
        >
          <div className="gantt-canvas" style={{ width: labelW + scale.width + (printing ? 0 : SLIP_ROOM) }}>
            <GanttHeader scale={scale} unit={tickUnit} today={timeline.today} labelW={labelW} />
            <div className="gantt-body" style={{ height: printing ? (block.to - block.from) * rowH : bodyH }}>
              <GanttOverlay
                scale={scale}
                unit={tickUnit}
                labelW={labelW}
                today={timeline.today}
                // Only the window of rows in the DOM: a chart-tall SVG would repaint on every scroll.
                top={printing ? 0 : block.from * rowH}
                height={(block.to - block.from) * rowH}
                rowH={rowH}
                offsetRow={block.from}
                visible={block}
                dependencies={timeline.dependencies}
                rowOf={rowOf}
                byId={byId}
                preview={preview}
              />
              {rows.slice(block.from, block.to).map((row, i) => {
                const index = block.from + i;
                const top = (printing ? i : index) * rowH;
                const isPreview = row.kind === 'activity' && preview?.id === row.activity.id;
                return (
                  <GanttRowView
                    key={row.key}
                    row={row}
                    top={top}
                    scale={scale}
                    today={timeline.today}
                    canEdit={canEdit && !printing}
                    href={row.kind === 'activity' ? activityHref(row.activity.id) : ''}
                    preview={isPreview ? preview : null}
                    busy={mutation.isPending && row.kind === 'activity' && mutation.variables?.id === row.activity.id}
                    handlers={handlers}
                    hintId={hintId}
                    t={t}
                    locale={locale}
                  />
                );
              })}
            </div>
          </div>
        </div>
      ))}
      {dialogFor ? (
        <DateDialog activity={dialogFor} dependencies={timeline.dependencies} titleOf={titleOf} onClose={closeDialog} onSaved={savedFromDialog} />
      ) : null}
    </div>
  );
}
