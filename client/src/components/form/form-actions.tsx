import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '@/components/ui/button';

type FormActionsProps = {
  onCancel: () => void;
  /** The save in flight: the submit button shows it and cannot be pressed twice. */
  busy: boolean;
  /** A submit that destroys or undoes something (unlock, return) is drawn as such. */
  danger?: boolean;
  /** The submit button's label. */
  children: ReactNode;
};

/** A form's closing row: cancel, then the submit button. */
export function FormActions({ onCancel, busy, danger = false, children }: FormActionsProps) {
  const { t } = useTranslation();
  return (
    <div className="form-actions">
      <Button onClick={onCancel}>{t('common.cancel')}</Button>
      <Button type="submit" variant={danger ? 'danger' : 'primary'} busy={busy}>
        {children}
      </Button>
    </div>
  );
}
