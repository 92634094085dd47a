import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LoginInput, type SessionUser } from '@shared/schemas/auth';
import { Button } from '@/components/ui/button';
import { ErrorBanner } from '@/components/ui/error-banner';
import { Field, Input } from '@/components/ui/field';
import { zodFieldErrors, type FieldErrors } from '@/lib/errors';
import { useLogin } from '../api/login';

export function LoginForm({ onSuccess }: { onSuccess: (user: SessionUser) => void }) {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const loginMutation = useLogin({ onSuccess });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = LoginInput.safeParse({ email, password });
    if (!parsed.success) {
      setFieldErrors(zodFieldErrors(t, parsed.error.issues));
      return;
    }
    setFieldErrors({});
    loginMutation.mutate(parsed.data);
  };

  return (
    <form className="form login-form" onSubmit={submit} noValidate>
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
