import { useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import type { Dependency, Timeline, TimelineActivity } from '@shared/schemas/timeline';
import { useUpdateActivityDates, type DateSaveResult } from '../api/update-activity-dates';
import type { Scale } from './gantt-scale';
import type { BarHandlers, Preview } from './gantt-types';
import { brokenBy, shiftPlanned, type DragMode } from './schedule';

type DragOptions = {
  timeline: Timeline;
  scale: Scale;
  byId: ReadonlyMap<number, TimelineActivity>;
  onDatesSaved?: ((result: DateSaveResult) => void) | undefined;
};

/**
 * Editing dates on the chart: a bar dragged by pointer or moved with the arrow keys is a
 * preview (with the dependencies it would break) until it is dropped or Enter saves it;
 * the date dialog for exact dates; what the last save did.
 */
export function useGanttDrag({ timeline, scale, byId, onDatesSaved }: DragOptions) {
  const navigate = useNavigate();
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

  const savedFromDialog = (result: DateSaveResult) => {
    setDialogFor(null);
    setSaved({ title: result.activity.title, broken: result.broken });
    onDatesSaved?.(result);
  };

  return {
    preview,
    previewActivity,
    previewDates,
    previewBroken,
    handlers,
    mutation,
    saved,
    dialogFor,
    closeDialog: () => setDialogFor(null),
    savedFromDialog,
  };
}
