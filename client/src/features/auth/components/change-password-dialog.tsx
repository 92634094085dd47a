import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ChangePasswordInput } from '@shared/schemas/auth';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { ErrorBanner, Notice } from '@/components/ui/error-banner';
import { Field, Input } from '@/components/ui/field';
import { FormActions } from '@/components/form/form-actions';
import { isApiError } from '@/lib/api-client';
import { toFieldErrors, zodFieldErrors, type FieldErrors } from '@/lib/errors';
import { useChangePassword } from '../api/change-password';

export function ChangePasswordDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [done, setDone] = useState(false);
  const mutation = useChangePassword({ onSuccess: () => setDone(true) });

  const close = () => {
    setCurrentPassword('');
    setNewPassword('');
    setFieldErrors({});
    setDone(false);
    mutation.reset();
    onClose();
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = ChangePasswordInput.safeParse({ currentPassword, newPassword });
    if (!parsed.success) {
      setFieldErrors(zodFieldErrors(t, parsed.error.issues));
      return;
    }
    setFieldErrors({});
    mutation.mutate(parsed.data, {
      onError: (error) => {
        if (isApiError(error)) setFieldErrors(toFieldErrors(t, error.issues));
      },
    });
  };

  return (
    <Dialog open={open} title={t('auth.changePassword')} onClose={close}>
      {done ? (
        <>
          <Notice tone="success">{t('auth.passwordChanged')}</Notice>
          <div className="form-actions">
            <Button variant="primary" onClick={close}>
              {t('common.close')}
            </Button>
          </div>
        </>
      ) : (
        <form className="form" onSubmit={submit} noValidate>
          {mutation.isError ? <ErrorBanner error={mutation.error} /> : null}
          <Field label={t('auth.currentPassword')} error={fieldErrors.currentPassword} required>
            <Input type="password" autoComplete="current-password" value={currentPassword} onChange={(e) => setCurrentPassword(e.target.value)} />
          </Field>
          <Field label={t('auth.newPassword')} hint={t('auth.passwordHint')} error={fieldErrors.newPassword} required>
            <Input type="password" autoComplete="new-password" value={newPassword} onChange={(e) => setNewPassword(e.target.value)} />
          </Field>
          <FormActions onCancel={close} busy={mutation.isPending}>
            {t('auth.savePassword')}
          </FormActions>
        </form>
      )}
    </Dialog>
  );
}
