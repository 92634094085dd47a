import type { ReactNode } from 'react';
import { TableScroll } from './layout';
import { TableHead, type Column } from './table-head';

type ScrollTableProps = {
  /** Names the scrolling region for screen readers. */
  label: string;
  columns: readonly Column[];
  className?: string;
  caption?: ReactNode;
  /** The caption is read by screen readers only (the heading above already shows it). */
  captionHidden?: boolean;
  /** The body rows. */
  children: ReactNode;
};

/** A data table in its own scrolling region: optional caption, one header row, the body rows. */
export function ScrollTable({ label, columns, className = 'table', caption, captionHidden, children }: ScrollTableProps) {
  return (
    <TableScroll label={label}>
      <table className={className}>
        {caption ? <caption className={captionHidden ? 'visually-hidden' : undefined}>{caption}</caption> : null}
        <TableHead columns={columns} />
        <tbody>{children}</tbody>
      </table>
    </TableScroll>
  );
}
