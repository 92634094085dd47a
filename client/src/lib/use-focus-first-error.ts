import { useEffect, type RefObject } from 'react';

/**
 * After a failed save, takes the user to the problem: the first alert (a conflict or
 * a refused save) or the first invalid field, which may be far above the save button.
 */
export function useFocusFirstError(ref: RefObject<HTMLElement | null>, signature: string): void {
  useEffect(() => {
    if (!signature || !ref.current) return;
    const target = ref.current.querySelector<HTMLElement>('[role="alert"], [aria-invalid="true"]');
    if (!target) return;
    if (target.getAttribute('role') === 'alert' && !target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
    target.focus({ preventScroll: true });
    target.scrollIntoView?.({ block: 'center' });
  }, [ref, signature]);
}
