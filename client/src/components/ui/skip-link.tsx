import type { MouseEvent } from 'react';

/**
 * The first stop of the keyboard: jumps past the header to the page's <main>. Focus is
 * moved by hand, so the address bar does not gain a #main the router would see as a page.
 */
export function SkipLink({ label, target = 'main' }: { label: string; target?: string }) {
  const skip = (e: MouseEvent<HTMLAnchorElement>) => {
    const main = document.getElementById(target);
    if (!main) return;
    e.preventDefault();
    main.focus();
    main.scrollIntoView?.({ block: 'start' });
  };
  return (
    <a className="skip-link" href={`#${target}`} onClick={skip}>
      {label}
    </a>
  );
}
