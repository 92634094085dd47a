import type { ReactNode } from 'react';

/** One column heading: a plain label, or with `numeric` (right-aligned figures) or `hidden` (read by screen readers only). */
export type ColumnSpec = { label: ReactNode; numeric?: boolean; hidden?: boolean; className?: string };
export type Column = ReactNode | ColumnSpec;

function isColumnObject(column: Column): column is ColumnSpec {
  return typeof column === 'object' && column !== null && 'label' in column;
}

/** A table's header row, one `<th scope="col">` a column. */
export function TableHead({ columns }: { columns: readonly Column[] }) {
  return (
    <thead>
      <tr>
        {columns.map((column, i) => {
          if (!isColumnObject(column)) {
            return (
              <th key={i} scope="col">
                {column}
              </th>
            );
          }
          const className = [column.numeric ? 'num' : '', column.className ?? ''].filter(Boolean).join(' ') || undefined;
          return (
            <th key={i} scope="col" className={className}>
              {column.hidden ? <span className="visually-hidden">{column.label}</span> : column.label}
            </th>
          );
        })}
      </tr>
    </thead>
  );
}
