import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '@/components/ui/dialog';
import { isApiError } from '@/lib/api-client';
import { errorMessage } from '@/lib/errors';

type DeleteNodeDialogProps = {
  open: boolean;
  kind: 'outcome' | 'output';
  label: string;
  pending: boolean;
  error: unknown;
  onConfirm: () => void;
  onCancel: () => void;
};

/** Confirms deleting an outcome or output, and explains a refusal in plain words. */
export function DeleteNodeDialog({ open, kind, label, pending, error, onConfirm, onCancel }: DeleteNodeDialogProps) {
  const { t } = useTranslation();
  let message: string | null = null;
  if (error) {
    if (isApiError(error) && error.code === 'HAS_DEPENDENTS') {
      message = kind === 'outcome' ? t('results.deleteOutcomeRefused') : t('results.deleteOutputRefused');
    } else if (isApiError(error) && error.isVersionConflict) {
      message = t('results.deleteConflict');
    } else {
      message = errorMessage(t, error);
    }
  }
  return (
    <ConfirmDialog
      open={open}
      danger
      title={kind === 'outcome' ? t('results.deleteOutcomeTitle') : t('results.deleteOutputTitle')}
      message={<p>{t('results.deleteConfirm', { item: label })}</p>}
      confirmLabel={t('common.delete')}
      busy={pending}
      error={message ? <p role="alert">{message}</p> : null}
      onConfirm={onConfirm}
      onCancel={onCancel}
    />
  );
}
