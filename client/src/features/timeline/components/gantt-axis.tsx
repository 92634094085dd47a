import { memo, useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Dependency, TimelineActivity } from '@shared/schemas/timeline';
import { formatMonth } from '@/lib/format';
import { currentLocale } from '@/lib/i18n';
import { ticks, type Scale, type Zoom } from './gantt-scale';
import type { Preview } from './gantt-types';
import { shiftPlanned } from './schedule';

const HEAD_H = 48;

export function GanttLegend() {
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
        <span className="legend-dependency" aria-hidden="true">
          →
        </span>
        {t('timeline.legend.dependency')}
      </li>
      <li>
        <span aria-hidden="true">⚠ </span>
        {t('timeline.legend.slipped')}
      </li>
    </ul>
  );
}

export function GanttHeader({ scale, unit, today, labelW }: { scale: Scale; unit: Zoom; today: string; labelW: number }) {
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
          <span
            key={m.start}
            className={`gantt-tick ${unit === 'year' ? 'gantt-tick-single' : 'gantt-tick-minor'}`}
            style={{ left: m.x, width: m.width }}
          >
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
export const GanttOverlay = memo(function GanttOverlay({
  scale,
  rowH,
  top,
  unit,
  labelW,
  today,
  height,
  offsetRow,
  visible,
  dependencies,
  rowOf,
  byId,
  preview,
}: OverlayProps) {
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
          <path
            key={a.id}
            d={a.path}
            className={a.broken ? 'gantt-dep gantt-dep-broken' : 'gantt-dep'}
            markerEnd={`url(#${a.broken ? brokenMarkerId : markerId})`}
          />
        ))}
      </g>
      {todayX >= 0 && todayX <= scale.width ? <line x1={todayX} x2={todayX} y1={0} y2={height} className="gantt-today" /> : null}
    </svg>
  );
});
