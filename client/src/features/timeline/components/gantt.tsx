import { memo, useCallback, useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { useNavigate } from 'react-router-dom';
import { isDateInRange, MAX_DATE, MIN_DATE } from '@shared/bounds';
import { daysBetween } from '@shared/calc/dates';
import type { Dependency, Milestone, Timeline, TimelineActivity } from '@shared/schemas/timeline';
import { ErrorBanner, Notice } from '@/components/ui/error-banner';
import { formatDate, formatMonth } from '@/lib/format';
import { currentLocale } from '@/lib/i18n';
import { useUpdateActivityDates, type DateSaveResult } from '../api/update-activity-dates';
import { actualRange, allActivities, buildRows, type GanttRow } from './gantt-rows';
import { makeScale, span, ticks, zoomForDensity, ZOOMS, type Box, type Scale, type Zoom } from './gantt-scale';
import { DateDialog } from './date-dialog';
import { brokenBy, shiftPlanned, slippageText, type DragMode } from './schedule';
import { usePrintMode } from './use-print-mode';

export const ROW_H = 40;
/** Printed rows are lower, so that a page holds more of them. */
const PRINT_ROW_H = 28;
const HEAD_H = 48;
/** Rows drawn beyond each edge of the view; the window moves only after half of them scrolled by. */
const OVERSCAN = 12;
/** Rows per printed block: each block repeats the axis and fits one A4 landscape page. */
const PRINT_ROWS = 14;
/** A4 landscape less 10 mm margins, in CSS pixels. */
const PRINT_WIDTH = 1000;
const PRINT_LABEL_W = 230;
/** Room after the axis for a slippage label next to the last bars. */
const SLIP_ROOM = 200;

/** A move not saved yet: by pointer (drag) or by keyboard (arrow keys, then Enter). */
type Preview = { id: number; mode: DragMode; delta: number; source: 'drag' | 'key' };

type GanttProps = {
  timeline: Timeline;
  canEdit: boolean;
  activityHref: (id: number) => string;
  /** After dates were saved, e.g. to refresh other screens' copies of the activity. */
  onDatesSaved?: (result: DateSaveResult) => void;
  /** Starting zoom; by default a month view for short projects, quarters otherwise. */
  initialZoom?: Zoom;
};

function useLabelWidth(): number {
  const [narrow, setNarrow] = useState(() => typeof window.matchMedia === 'function' && window.matchMedia('(max-width: 640px)').matches);
  useEffect(() => {
    if (typeof window.matchMedia !== 'function') return;
    const mq = window.matchMedia('(max-width: 640px)');
    const sync = () => setNarrow(mq.matches);
    mq.addEventListener('change', sync);
    return () => mq.removeEventListener('change', sync);
  }, []);
  return narrow ? 150 : 290;
}

/**
 * The project on one time axis: planned and actual bars, milestones, dependencies and
 * today. Only the rows in view are in the DOM, so hundreds of activities scroll smoothly;
 * printing draws them all, page by page, scaled to the paper.
 */
export function Gantt({ timeline, canEdit, activityHref, onDatesSaved, initialZoom }: GanttProps) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const navigate = useNavigate();
  const hintId = useId();
  const printing = usePrintMode();
  const screenLabelW = useLabelWidth();
  const labelW = printing ? PRINT_LABEL_W : screenLabelW;
  const [zoom, setZoom] = useState<Zoom>(() => initialZoom ?? (daysBetween(timeline.span.start, timeline.span.end) < 430 ? 'month' : 'quarter'));

  const rows = useMemo(() => buildRows(timeline), [timeline]);
  const activities = useMemo(() => allActivities(timeline), [timeline]);
  const byId = useMemo(() => new Map(activities.map((a) => [a.id, a])), [activities]);
  const rowOf = useMemo(() => new Map(rows.flatMap((r, i) => (r.kind === 'activity' ? [[r.activity.id, i] as const] : []))), [rows]);

  const scale = useMemo(
    () => (printing ? makeScale(timeline.span, 'month', PRINT_WIDTH - PRINT_LABEL_W) : makeScale(timeline.span, zoom)),
    [printing, timeline.span, zoom],
  );
  const tickUnit: Zoom = printing ? zoomForDensity(scale.pxPerDay) : zoom;
  const rowH = printing ? PRINT_ROW_H : ROW_H;

  // ---- virtual window
  const scrollRef = useRef<HTMLDivElement>(null);
  const [view, setView] = useState({ top: 0, height: 720 });
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const measure = () => setView({ top: el.scrollTop, height: el.clientHeight || 720 });
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, [printing]);
  const frame = useRef(0);
  const onScroll = useCallback(() => {
    if (frame.current) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = 0;
      const el = scrollRef.current;
      if (!el) return;
      // Between re-renders the browser just scrolls what is drawn: React works every few rows, not every frame.
      setView((v) =>
        Math.abs(v.top - el.scrollTop) < (OVERSCAN / 2) * ROW_H && v.height === el.clientHeight ? v : { top: el.scrollTop, height: el.clientHeight },
      );
    });
  }, []);
  useEffect(
    () => () => {
      if (frame.current) cancelAnimationFrame(frame.current);
    },
    [],
  );

  // Scroll so that today is in view when the chart first opens.
  const scrolledToToday = useRef(false);
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el || scrolledToToday.current || printing) return;
    scrolledToToday.current = true;
    // A finished project opens at its start; a running one around today.
    if (timeline.today < timeline.span.start || timeline.today > timeline.span.end) return;
    const x = scale.x(timeline.today);
    if (x > el.clientWidth - labelW) el.scrollLeft = Math.max(0, x - (el.clientWidth - labelW) / 2);
  }, [scale, timeline.today, timeline.span, labelW, printing]);

  // ---- editing: drag, keyboard, dialog
  const [preview, setPreview] = useState<Preview | null>(null);
  const [dialogFor, setDialogFor] = useState<TimelineActivity | null>(null);
  const [saved, setSaved] = useState<{ title: string; broken: Dependency[] } | null>(null);
  const mutation = useUpdateActivityDates({
    onSuccess: (result) => {
      setSaved({ title: result.activity.title, broken: result.broken });
      onDatesSaved?.(result);
    },
  });

  const commit = useCallback(
    (a: TimelineActivity, mode: DragMode, delta: number) => {
      setSaved(null);
      if (delta === 0) return;
      const next = shiftPlanned(a, mode, delta);
      mutation.mutate({ id: a.id, version: a.version, dates: next });
    },
    [mutation],
  );

  const latest = useRef({ scale, byId, commit, preview, navigate });
  useLayoutEffect(() => {
    latest.current = { scale, byId, commit, preview, navigate };
  });
  const drag = useRef<{ id: number; mode: DragMode; x0: number; moved: boolean } | null>(null);
  const suppressClick = useRef(false);

  const handlers = useMemo<BarHandlers>(
    () => ({
      pointerDown: (e, id, mode) => {
        if (e.button !== 0) return;
        e.stopPropagation();
        e.currentTarget.setPointerCapture?.(e.pointerId);
        drag.current = { id, mode, x0: e.clientX, moved: false };
      },
      pointerMove: (e) => {
        const d = drag.current;
        if (!d) return;
        const dx = e.clientX - d.x0;
        if (!d.moved && Math.abs(dx) < 4) return;
        d.moved = true;
        const delta = Math.round(dx / latest.current.scale.pxPerDay);
        setPreview((p) => (p && p.id === d.id && p.delta === delta && p.mode === d.mode ? p : { id: d.id, mode: d.mode, delta, source: 'drag' }));
      },
      pointerUp: (e) => {
        const d = drag.current;
        drag.current = null;
        if (!d || !d.moved) return;
        suppressClick.current = true;
        const delta = Math.round((e.clientX - d.x0) / latest.current.scale.pxPerDay);
        setPreview(null);
        const a = latest.current.byId.get(d.id);
        if (a) latest.current.commit(a, d.mode, delta);
      },
      pointerCancel: () => {
        drag.current = null;
        setPreview(null);
      },
      click: (e) => {
        if (suppressClick.current) {
          suppressClick.current = false;
          e.preventDefault();
          return;
        }
        // Plain links (cheaper than a router Link per row), opened in the app unless a new tab is asked for.
        if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
        const href = e.currentTarget.getAttribute('href');
        if (!href) return;
        e.preventDefault();
        void latest.current.navigate(href);
      },
      keyDown: (e, id) => {
        const p = latest.current.preview;
        const step = e.shiftKey ? 7 : 1;
        if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
          e.preventDefault();
          const base = p && p.id === id && p.source === 'key' ? p.delta : 0;
          setPreview({ id, mode: 'move', delta: base + (e.key === 'ArrowRight' ? step : -step), source: 'key' });
          return;
        }
        if (e.key === 'Escape' && p?.id === id) {
          e.preventDefault();
          setPreview(null);
          return;
        }
        if (e.key === 'Enter' && p?.id === id) {
          // With a move pending, Enter saves it instead of opening the activity.
          e.preventDefault();
          setPreview(null);
          const a = latest.current.byId.get(id);
          if (a) latest.current.commit(a, p.mode, p.delta);
        }
      },
      blur: (id) => {
        setPreview((p) => (p?.id === id && p.source === 'key' ? null : p));
      },
      editDates: (id) => {
        const a = latest.current.byId.get(id);
        if (a) setDialogFor(a);
      },
    }),
    [],
  );

  const previewActivity = preview ? byId.get(preview.id) : undefined;
  const previewDates = previewActivity && preview ? shiftPlanned(previewActivity, preview.mode, preview.delta) : null;
  const previewBroken = useMemo(() => {
    if (!previewActivity || !previewDates) return [];
    return brokenBy(previewActivity.id, { ...previewActivity, ...previewDates }, timeline.dependencies, byId);
  }, [previewActivity, previewDates, timeline.dependencies, byId]);

  // Dates stored before dates were bounded: drawn cut off at the edge, and said so once above the chart.
  const outOfRange = useMemo(
    () =>
      [...activities.flatMap((a) => [a.plannedStart, a.plannedEnd, a.actualStart, a.actualEnd, ...a.milestones.map((m) => m.dueDate)]), ...timeline.milestones.map((m) => m.dueDate)].some(
        (d) => d !== null && !isDateInRange(d),
      ),
    [activities, timeline.milestones],
  );

  const titleOf = (id: number) => byId.get(id)?.title ?? `#${id}`;
  const dependencyText = (d: Dependency) => t('timeline.dependency', { from: titleOf(d.from), to: titleOf(d.to) });
  const brokenNow = timeline.dependencies.filter((d) => d.broken);

  // ---- what to draw
  const bodyH = rows.length * rowH;
  const first = printing ? 0 : Math.max(0, Math.floor(view.top / rowH) - OVERSCAN);
  const last = printing ? rows.length : Math.min(rows.length, Math.ceil((view.top + view.height) / rowH) + OVERSCAN);
  const blocks = printing
    ? Array.from({ length: Math.ceil(rows.length / PRINT_ROWS) }, (_, i) => ({ from: i * PRINT_ROWS, to: Math.min(rows.length, (i + 1) * PRINT_ROWS) }))
    : [{ from: first, to: last }];

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
        <DateDialog
          activity={dialogFor}
          dependencies={timeline.dependencies}
          titleOf={titleOf}
          onClose={() => setDialogFor(null)}
          onSaved={(result) => {
            setDialogFor(null);
            setSaved({ title: result.activity.title, broken: result.broken });
            onDatesSaved?.(result);
          }}
        />
      ) : null}
    </div>
  );
}

function GanttLegend() {
  const { t } = useTranslation();
  return (
    <ul className="gantt-legend" aria-label={t('timeline.legend.title')}>
      <li>
        <span className="legend-swatch legend-planned" aria-hidden="true" />
        {t('timeline.legend.planned')}
      </li>
      <li>
        <span className="legend-swatch legend-actual" aria-hidden="true" />
        {t('timeline.legend.actual')}
      </li>
      <li>
        <span className="gantt-diamond gantt-diamond-legend" aria-hidden="true" />
        {t('timeline.legend.milestone')}
      </li>
      <li>
        <span className="legend-today" aria-hidden="true" />
        {t('timeline.legend.today')}
      </li>
      <li>
        <span className="legend-dependency" aria-hidden="true">→</span>
        {t('timeline.legend.dependency')}
      </li>
      <li>
        <span aria-hidden="true">⚠ </span>
        {t('timeline.legend.slipped')}
      </li>
    </ul>
  );
}

function GanttHeader({ scale, unit, today, labelW }: { scale: Scale; unit: Zoom; today: string; labelW: number }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const years = unit === 'year' ? [] : ticks(scale, 'year');
  const minor = ticks(scale, unit);
  const label = (tick: (typeof minor)[number]) => {
    if (unit === 'year') return String(tick.year);
    if (unit === 'quarter') return t('timeline.quarter', { quarter: Math.floor((tick.month - 1) / 3) + 1 });
    return tick.width >= 34 ? formatMonth(tick.start, locale) : formatMonth(tick.start, locale).slice(0, 1);
  };
  const todayX = scale.x(today);
  return (
    <div className="gantt-head" style={{ height: HEAD_H }}>
      <div className="gantt-head-label" style={{ width: labelW }}>
        {t('timeline.activityColumn')}
      </div>
      <div className="gantt-head-axis" style={{ width: scale.width }} aria-hidden="true">
        {years.map((y) => (
          <span key={`y${y.start}`} className="gantt-tick gantt-tick-major" style={{ left: y.x, width: y.width }}>
            {y.year}
          </span>
        ))}
        {minor.map((m) => (
          <span key={m.start} className={`gantt-tick ${unit === 'year' ? 'gantt-tick-single' : 'gantt-tick-minor'}`} style={{ left: m.x, width: m.width }}>
            {label(m)}
          </span>
        ))}
        {todayX >= 0 && todayX <= scale.width ? (
          <span className="gantt-today-label" style={{ left: todayX }}>
            {t('timeline.today')}
          </span>
        ) : null}
      </div>
    </div>
  );
}

type OverlayProps = {
  scale: Scale;
  rowH: number;
  top: number;
  unit: Zoom;
  labelW: number;
  today: string;
  height: number;
  offsetRow: number;
  visible: { from: number; to: number };
  dependencies: Dependency[];
  rowOf: ReadonlyMap<number, number>;
  byId: ReadonlyMap<number, TimelineActivity>;
  preview: Preview | null;
};

/** Grid lines, the today line and the dependency arrows, behind the bars. */
const GanttOverlay = memo(function GanttOverlay({ scale, rowH, top, unit, labelW, today, height, offsetRow, visible, dependencies, rowOf, byId, preview }: OverlayProps) {
  const markerId = useId();
  const brokenMarkerId = `${markerId}-broken`;
  const todayX = scale.x(today);
  const grid = ticks(scale, unit);
  const datesOf = (a: TimelineActivity) => (preview?.id === a.id ? { ...a, ...shiftPlanned(a, preview.mode, preview.delta) } : a);
  const arrows = dependencies.flatMap((d) => {
    const fromRow = rowOf.get(d.from);
    const toRow = rowOf.get(d.to);
    const from = byId.get(d.from);
    const to = byId.get(d.to);
    if (fromRow === undefined || toRow === undefined || !from || !to) return [];
    if (Math.max(fromRow, toRow) < visible.from || Math.min(fromRow, toRow) >= visible.to) return [];
    const f = datesOf(from);
    const s = datesOf(to);
    const end = f.actualEnd ?? f.plannedEnd;
    const start = s.actualStart ?? s.plannedStart;
    if (!end || !start) return [];
    const x1 = scale.x(scale.clamp(end)) + scale.pxPerDay;
    const x2 = scale.x(scale.clamp(start));
    const y1 = fromRow * rowH + rowH / 2;
    const y2 = toRow * rowH + rowH / 2;
    const down = y2 >= y1;
    const path =
      x2 >= x1 + 12
        ? `M${x1},${y1} H${x1 + 6} V${y2} H${x2 - 1}`
        : `M${x1},${y1} H${x1 + 6} V${y2 + (down ? -rowH / 2 : rowH / 2)} H${x2 - 8} V${y2} H${x2 - 1}`;
    const broken = d.broken || (preview !== null && (preview.id === d.from || preview.id === d.to) && start < end);
    return [{ id: d.id, path, broken }];
  });
  return (
    <svg className="gantt-overlay" width={scale.width} height={height} style={{ left: labelW, top }} aria-hidden="true" focusable="false">
      <defs>
        <marker id={markerId} viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
          <path d="M0,0 L8,4 L0,8 z" className="gantt-arrowhead" />
        </marker>
        <marker id={brokenMarkerId} viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
          <path d="M0,0 L8,4 L0,8 z" className="gantt-arrowhead gantt-arrowhead-broken" />
        </marker>
      </defs>
      {grid.map((g) => (
        <line key={g.start} x1={g.x} x2={g.x} y1={0} y2={height} className="gantt-gridline" />
      ))}
      {/* Row coordinates of the whole chart, shifted to this window: paths stay the same while scrolling. */}
      <g transform={`translate(0 ${-offsetRow * rowH})`}>
        {arrows.map((a) => (
          <path key={a.id} d={a.path} className={a.broken ? 'gantt-dep gantt-dep-broken' : 'gantt-dep'} markerEnd={`url(#${a.broken ? brokenMarkerId : markerId})`} />
        ))}
      </g>
      {todayX >= 0 && todayX <= scale.width ? <line x1={todayX} x2={todayX} y1={0} y2={height} className="gantt-today" /> : null}
    </svg>
  );
});

type BarHandlers = {
  pointerDown: (e: PointerEvent<HTMLElement>, id: number, mode: DragMode) => void;
  pointerMove: (e: PointerEvent<HTMLElement>) => void;
  pointerUp: (e: PointerEvent<HTMLElement>) => void;
  pointerCancel: () => void;
  click: (e: MouseEvent<HTMLAnchorElement>) => void;
  keyDown: (e: KeyboardEvent<HTMLElement>, id: number) => void;
  blur: (id: number) => void;
  editDates: (id: number) => void;
};

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

const GanttRowView = memo(function GanttRowView({ row, top, scale, today, canEdit, href, preview, busy, handlers, hintId, t, locale }: RowProps) {
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
    <div className={['gantt-row', 'gantt-row-activity', a.flag ? 'gantt-row-slipped' : '', preview ? 'gantt-row-preview' : ''].filter(Boolean).join(' ')} style={{ top }}>
      <div className={`gantt-label gantt-depth-${depth}`}>
        <a href={href} className="gantt-activity-link" title={a.title} onClick={handlers.click}>
          {a.title}
        </a>
        {canEdit ? (
          <button type="button" className="gantt-edit" onClick={() => handlers.editDates(a.id)} aria-label={t('timeline.editDatesOf', { title: a.title })} title={t('timeline.editDates')}>
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
                className={['gantt-bar', 'gantt-bar-planned', editable ? 'gantt-bar-draggable' : '', ...cutClasses(plannedBox)].filter(Boolean).join(' ')}
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
                className={['gantt-bar', 'gantt-bar-actual', actual?.open ? 'gantt-bar-open' : '', ...cutClasses(actualBox)].filter(Boolean).join(' ')}
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
    <span className={`gantt-milestone gantt-milestone-${m.status}${cut ? ' gantt-milestone-cut' : ''}`} style={{ left: x }} title={text} data-date={date}>
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
