import { useEffect, useState } from 'react';

/**
 * True while the page is printed (or emulated as print). The Gantt then draws every row
 * at a scale that fits A4 landscape instead of the few rows visible on screen.
 */
export function usePrintMode(): boolean {
  const [printing, setPrinting] = useState(
    () => typeof window !== 'undefined' && typeof window.matchMedia === 'function' && window.matchMedia('print').matches,
  );
  useEffect(() => {
    if (typeof window.matchMedia !== 'function') return;
    const mq = window.matchMedia('print');
    const sync = () => setPrinting(mq.matches);
    const on = () => setPrinting(true);
    const off = () => setPrinting(mq.matches);
    mq.addEventListener('change', sync);
    window.addEventListener('beforeprint', on);
    window.addEventListener('afterprint', off);
    return () => {
      mq.removeEventListener('change', sync);
      window.removeEventListener('beforeprint', on);
      window.removeEventListener('afterprint', off);
    };
  }, []);
  return printing;
}
