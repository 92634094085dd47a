import { useEffect, useRef } from 'react';
import { useLocation } from 'react-router-dom';

const GIVE_UP_MS = 10_000;

/**
 * After moving to another page, focus goes to the new page's heading, so a screen reader
 * announces where the user arrived and the keyboard starts from the top of the content.
 * Pages that load their data first get their heading later; focus waits for it, unless
 * the user has meanwhile put it somewhere else. The first page of a visit is left alone.
 */
export function useRouteFocus(mainId = 'main'): void {
  const { pathname } = useLocation();
  const firstPath = useRef(pathname);
  const navigated = useRef(false);
  useEffect(() => {
    if (!navigated.current && pathname === firstPath.current) return;
    navigated.current = true;
    const main = document.getElementById(mainId);
    if (!main) return;
    const startedAt = document.activeElement;
    const focusHeading = (): boolean => {
      const heading = main.querySelector<HTMLElement>('h1');
      if (!heading) return false;
      const now = document.activeElement;
      const untouched = !now || now === document.body || now === main || now === startedAt || !now.isConnected;
      if (untouched) {
        if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
        heading.focus();
      }
      return true;
    };
    if (focusHeading()) return;
    const observer = new MutationObserver(() => {
      if (focusHeading()) observer.disconnect();
    });
    observer.observe(main, { childList: true, subtree: true });
    const timer = window.setTimeout(() => observer.disconnect(), GIVE_UP_MS);
    return () => {
      observer.disconnect();
      window.clearTimeout(timer);
    };
  }, [pathname, mainId]);
}
