import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PasswordResetInput } from '@shared/schemas/auth';
import { Button } from '@/components/ui/button';
import { ErrorBanner, Notice } from '@/components/ui/error-banner';
import { Field, Input } from '@/components/ui/field';
import { isApiError } from '@/lib/api-client';
import { toFieldErrors, zodFieldErrors, type FieldErrors } from '@/lib/errors';
import { useResetPassword } from '../api/reset-password';

type ResetPasswordFormProps = {
  /** The token from the link's fragment; null when the link carried none. */
  token: string | null;
  /** Shown after success, to sign in with the new password. */
  signInLink: (email: string) => ReactNode;
};

/** Choosing a new password with a one-time link from an administrator. */
export function ResetPasswordForm({ token, signInLink }: ResetPasswordFormProps) {
  const { t } = useTranslation();
  const [newPassword, setNewPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const mutation = useResetPassword();

  if (!token) return <Notice tone="warning">{t('auth.reset.noToken')}</Notice>;
  if (mutation.isSuccess) {
    return (
      <>
        <Notice tone="success">{t('auth.reset.done')}</Notice>
        <p>{signInLink(mutation.data.email)}</p>
      </>
    );
  }

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = PasswordResetInput.safeParse({ token, newPassword });
    const errors: FieldErrors = parsed.success ? {} : zodFieldErrors(t, parsed.error.issues);
    if (!errors.newPassword && confirm !== newPassword) errors.confirm = t('auth.reset.mismatch');
    setFieldErrors(errors);
    if (!parsed.success || Object.keys(errors).length > 0) return;
    mutation.mutate(parsed.data, {
      onError: (error) => {
        if (isApiError(error)) setFieldErrors(toFieldErrors(t, error.issues));
      },
    });
  };

  return (
    <form className="form login-form" onSubmit={submit} noValidate>
      {mutation.isError ? <ErrorBanner error={mutation.error} /> : null}
      <Field label={t('auth.newPassword')} hint={t('auth.passwordHint')} error={fieldErrors.newPassword} required>
        <Input type="password" autoComplete="new-password" value={newPassword} onChange={(e) => setNewPassword(e.target.value)} />
      </Field>
      <Field label={t('auth.reset.confirm')} error={fieldErrors.confirm} required>
        <Input type="password" autoComplete="new-password" value={confirm} onChange={(e) => setConfirm(e.target.value)} />
      </Field>
      <Button type="submit" variant="primary" busy={mutation.isPending} className="btn-block">
        {t('auth.reset.submit')}
      </Button>
    </form>
  );
}
