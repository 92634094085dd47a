import type { ButtonHTMLAttributes, ReactNode } from 'react';
import { Button } from './button';

type ItemButtonProps = Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'children'> & {
  /** The item acted on, read after the visible verb by screen readers ("Edit" → "Edit Water points"). */
  item: string;
  /** Destructive actions (delete, remove) are drawn in the danger colour. */
  danger?: boolean;
  children: ReactNode;
};

/** A small action in a row or list item, named after the item it acts on. */
export function ItemButton({ item, danger = false, children, ...rest }: ItemButtonProps) {
  return (
    <Button size="sm" variant="ghost" className={danger ? 'btn-danger-text' : undefined} {...rest}>
      {children}
      <span className="visually-hidden"> {item}</span>
    </Button>
  );
}
