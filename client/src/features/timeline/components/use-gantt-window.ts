import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { Timeline } from '@shared/schemas/timeline';
import type { Scale } from './gantt-scale';
import { ROW_H } from './use-gantt-layout';

/** Rows drawn beyond each edge of the view; the window moves only after half of them scrolled by. */
const OVERSCAN = 12;
/** Rows per printed block: each block repeats the axis and fits one A4 landscape page. */
const PRINT_ROWS = 14;

type WindowOptions = { timeline: Timeline; rowCount: number; rowH: number; scale: Scale; labelW: number; printing: boolean };

/**
 * The rows in the DOM: on screen a window around the scrolled view (so hundreds of rows
 * scroll smoothly), on paper every row in page-sized blocks. Opens scrolled to today.
 */
export function useGanttWindow({ timeline, rowCount, rowH, scale, labelW, printing }: WindowOptions) {
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

  const bodyH = rowCount * rowH;
  const first = printing ? 0 : Math.max(0, Math.floor(view.top / rowH) - OVERSCAN);
  const last = printing ? rowCount : Math.min(rowCount, Math.ceil((view.top + view.height) / rowH) + OVERSCAN);
  const blocks = printing
    ? Array.from({ length: Math.ceil(rowCount / PRINT_ROWS) }, (_, i) => ({ from: i * PRINT_ROWS, to: Math.min(rowCount, (i + 1) * PRINT_ROWS) }))
    : [{ from: first, to: last }];
  return { scrollRef, onScroll, bodyH, blocks };
}
