import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LoginTotpInput, type SessionResponse } from '@shared/schemas/auth';
import { Button } from '@/components/ui/button';
import { ErrorBanner } from '@/components/ui/error-banner';
import { Field, Input } from '@/components/ui/field';
import { isApiError } from '@/lib/api-client';
import { useLoginWithTotp } from '../api/login-totp';

type TotpStepProps = {
  mfaToken: string;
  onSuccess: (session: SessionResponse) => void;
  /** Back to the password; `expired` when the server no longer knows this sign-in. */
  onRestart: (expired: boolean) => void;
};

/** The second step of signing in: the six-digit code from the app, or one of the recovery codes. */
export function TotpStep({ mfaToken, onSuccess, onRestart }: TotpStepProps) {
  const { t } = useTranslation();
  const [useRecovery, setUseRecovery] = useState(false);
  const [value, setValue] = useState('');
  const [fieldError, setFieldError] = useState<string | undefined>();
  const mutation = useLoginWithTotp({ onSuccess });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = LoginTotpInput.safeParse(useRecovery ? { mfaToken, recoveryCode: value } : { mfaToken, code: value });
    if (!parsed.success) {
      setFieldError(useRecovery ? t('auth.totp.recoveryInvalid') : t('auth.totp.codeInvalid'));
      return;
    }
    setFieldError(undefined);
    mutation.mutate(parsed.data, {
      onError: (error) => {
        if (isApiError(error) && error.code === 'MFA_CHALLENGE_EXPIRED') onRestart(true);
        else setValue('');
      },
    });
  };

  const switchMode = () => {
    setUseRecovery((r) => !r);
    setValue('');
    setFieldError(undefined);
    mutation.reset();
  };

  return (
    <form className="form login-form" onSubmit={submit} noValidate aria-labelledby="totp-step-title">
      <h2 className="login-step-title" id="totp-step-title">
        {t('auth.totp.title')}
      </h2>
      <p className="muted">{useRecovery ? t('auth.totp.recoveryLead') : t('auth.totp.lead')}</p>
      {mutation.isError ? <ErrorBanner error={mutation.error} /> : null}
      {useRecovery ? (
        <Field label={t('auth.totp.recoveryCode')} error={fieldError} required>
          <Input
            key="recovery"
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            className="mono"
            value={value}
            onChange={(e) => setValue(e.target.value)}
            autoFocus
          />
        </Field>
      ) : (
        <Field label={t('auth.totp.code')} error={fieldError} required>
          <Input
            key="code"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={7}
            className="mono totp-input"
            value={value}
            onChange={(e) => setValue(e.target.value)}
            autoFocus
          />
        </Field>
      )}
      <Button type="submit" variant="primary" busy={mutation.isPending} className="btn-block">
        {t('auth.totp.verify')}
      </Button>
      <div className="login-step-links">
        <Button variant="ghost" size="sm" onClick={switchMode}>
          {useRecovery ? t('auth.totp.useCode') : t('auth.totp.useRecovery')}
        </Button>
        <Button variant="ghost" size="sm" onClick={() => onRestart(false)}>
          {t('auth.totp.back')}
        </Button>
      </div>
    </form>
  );
}
