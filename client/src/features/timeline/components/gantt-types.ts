import type { MouseEvent, PointerEvent, KeyboardEvent } from 'react';
import type { DragMode } from './schedule';

/** A move not saved yet: by pointer (drag) or by keyboard (arrow keys, then Enter). */
export type Preview = { id: number; mode: DragMode; delta: number; source: 'drag' | 'key' };

/** One set of event handlers for every bar, so that rows stay memoised while the chart re-renders. */
export type BarHandlers = {
  pointerDown: (e: PointerEvent<HTMLElement>, id: number, mode: DragMode) => void;
  pointerMove: (e: PointerEvent<HTMLElement>) => void;
  pointerUp: (e: PointerEvent<HTMLElement>) => void;
  pointerCancel: () => void;
  click: (e: MouseEvent<HTMLAnchorElement>) => void;
  keyDown: (e: KeyboardEvent<HTMLElement>, id: number) => void;
  blur: (id: number) => void;
  editDates: (id: number) => void;
};
