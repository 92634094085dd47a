import { useState, type ButtonHTMLAttributes, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/dialog';
import { isApiError, type ApiError } from '@/lib/api-client';
import { errorMessage } from '@/lib/errors';

/** Which record of a list is open in its form ('new' for one being added), and which is about to be deleted. */
export function useListEditing<T>() {
  const [editing, setEditing] = useState<T | 'new' | null>(null);
  const [deleting, setDeleting] = useState<T | null>(null);
  return {
    editing,
    deleting,
    edit: (record: T | 'new') => setEditing(record),
    close: () => setEditing(null),
    askDelete: (record: T) => setDeleting(record),
    cancelDelete: () => setDeleting(null),
  };
}

type RowButtonProps = Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'title'> & {
  label: string;
  /** The record's name, read after the label by screen readers ("Edit Round table"). */
  name: string;
  danger?: boolean;
};

/** A small action in a table row, named for the record it acts on. */
export function RowButton({ label, name, danger = false, className, ...props }: RowButtonProps) {
  return (
    <Button
      size="sm"
      variant="ghost"
      className={[danger ? 'btn-danger-text' : '', className ?? ''].filter(Boolean).join(' ') || undefined}
      {...props}
    >
      {label}
      <span className="visually-hidden"> {name}</span>
    </Button>
  );
}

type InlineFormSlotProps = {
  canEdit: boolean;
  open: boolean;
  heading: string;
  addLabel: string;
  onAdd: () => void;
  /** The form, drawn while open. */
  children: ReactNode;
};

/** Below a list: its form in a panel while adding or editing, else the button that adds one. */
export function InlineFormSlot({ canEdit, open, heading, addLabel, onAdd, children }: InlineFormSlotProps) {
  if (!canEdit) return null;
  return open ? (
    <div className="inline-panel">
      <h3 className="subheading">{heading}</h3>
      {children}
    </div>
  ) : (
    <div>
      <Button size="sm" onClick={onAdd}>
        {addLabel}
      </Button>
    </div>
  );
}

type Removable = { id: number; version: number };

type DeleteRecordDialogProps<T extends Removable> = {
  record: T | null;
  title: string;
  message: ReactNode;
  remove: { error: unknown; isPending: boolean; mutate: (target: Removable) => void };
  /** A refusal this list words its own way (a newer version, records that depend on it); null for the error's own text. */
  refusal?: (error: ApiError) => string | null;
  onCancel: () => void;
};

/** Asks before deleting a record of a list; a refusal is shown in the dialog. */
export function DeleteRecordDialog<T extends Removable>({ record, title, message, remove, refusal, onCancel }: DeleteRecordDialogProps<T>) {
  const { t } = useTranslation();
  const error = remove.error;
  const text = error ? ((isApiError(error) ? refusal?.(error) : null) ?? errorMessage(t, error)) : null;
  return (
    <ConfirmDialog
      open={record !== null}
      danger
      title={title}
      message={<p>{message}</p>}
      confirmLabel={t('common.delete')}
      busy={remove.isPending}
      error={text ? <p role="alert">{text}</p> : null}
      onCancel={onCancel}
      onConfirm={() => record && remove.mutate({ id: record.id, version: record.version })}
    />
  );
}
