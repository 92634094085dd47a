import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isMfaChallenge, LoginInput, type SessionResponse } from '@shared/schemas/auth';
import { Button } from '@/components/ui/button';
import { ErrorBanner, Notice } from '@/components/ui/error-banner';
import { Field, Input } from '@/components/ui/field';
import { zodFieldErrors, type FieldErrors } from '@/lib/errors';
import { currentLocale } from '@/lib/i18n';
import { useLogin } from '../api/login';
import { TotpStep } from './totp-step';

/** Signing in: e-mail and password, then (accounts with two-factor sign-in) the code step. */
export function LoginForm({ onSuccess }: { onSuccess: (session: SessionResponse) => void }) {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [mfaToken, setMfaToken] = useState<string | null>(null);
  const [challengeExpired, setChallengeExpired] = useState(false);
  const loginMutation = useLogin({
    onSuccess: (response) => {
      if (isMfaChallenge(response)) {
        setChallengeExpired(false);
        setMfaToken(response.mfaToken);
      } else {
        onSuccess(response);
      }
    },
  });

  if (mfaToken) {
    return (
      <TotpStep
        mfaToken={mfaToken}
        onSuccess={onSuccess}
        onRestart={(expired) => {
          setMfaToken(null);
          setPassword('');
          setChallengeExpired(expired);
          loginMutation.reset();
        }}
      />
    );
  }

  const submit = (e: FormEvent) => {
    e.preventDefault();
    // The page's language becomes the account's if it has none yet (a new account).
    const parsed = LoginInput.safeParse({ email, password, locale: currentLocale() });
    if (!parsed.success) {
      setFieldErrors(zodFieldErrors(t, parsed.error.issues));
      return;
    }
    setFieldErrors({});
    loginMutation.mutate(parsed.data);
  };

  return (
    <form className="form login-form" onSubmit={submit} noValidate>
      {challengeExpired ? <Notice tone="warning">{t('auth.totp.expired')}</Notice> : null}
      {loginMutation.isError ? <ErrorBanner error={loginMutation.error} /> : null}
      <Field label={t('auth.email')} error={fieldErrors.email} required>
        <Input type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} />
      </Field>
      <Field label={t('auth.password')} error={fieldErrors.password} required>
        <Input type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
      </Field>
      <Button type="submit" variant="primary" busy={loginMutation.isPending} className="btn-block">
        {t('auth.signIn')}
      </Button>
    </form>
  );
}
