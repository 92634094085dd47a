import type { ReactNode } from 'react';

export type BadgeTone = 'neutral' | 'info' | 'success' | 'warning' | 'danger' | 'muted' | 'accent';

type BadgeProps = { tone?: BadgeTone; children: ReactNode; title?: string };

/** A short label; the tone only reinforces the text, it never replaces it. */
export function Badge({ tone = 'neutral', children, title }: BadgeProps) {
  return (
    <span className={`badge badge-${tone}`} title={title}>
      <span className="badge-dot" aria-hidden="true" />
      {children}
    </span>
  );
}
