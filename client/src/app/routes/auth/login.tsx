import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router-dom';
import { useUser } from '@/features/auth/api/get-me';
import { LanguageSwitcher } from '@/features/auth/components/language-switcher';
import { LoginForm } from '@/features/auth/components/login-form';
import { i18n } from '@/lib/i18n';
import { useDocumentTitle } from '@/lib/use-document-title';
import { paths, type LoginState } from '../../paths';
import { RouteErrorBoundary } from '../error-fallback';

function safeFrom(state: unknown): string {
  const from = (state as LoginState | null)?.from;
  // Only paths inside the app; never an absolute URL handed in from elsewhere.
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') && from !== paths.login ? from : paths.projects;
}

export function LoginRoute() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const target = safeFrom(location.state);
  // Sent here by a 401: there is no session to look for. Visited directly: maybe there is one.
  const session = useUser({ enabled: !(location.state as LoginState | null)?.from });
  useDocumentTitle(t('auth.title'));

  useEffect(() => {
    if (session.data) void navigate(target, { replace: true });
  }, [session.data, navigate, target]);

  return (
    <div className="login-page">
      <a className="skip-link" href="#main">
        {t('shell.skipToContent')}
      </a>
      <header className="login-top">
        <LanguageSwitcher signedIn={false} />
      </header>
      <main id="main" tabIndex={-1} className="login-main">
        <div className="login-card">
          <p className="brand brand-lg">{t('app.name')}</p>
          <p className="login-tagline">{t('app.tagline')}</p>
          <h1 className="login-title">{t('auth.title')}</h1>
          <LoginForm
            onSuccess={(user) => {
              if (user.locale !== i18n.language) void i18n.changeLanguage(user.locale);
              void navigate(target, { replace: true });
            }}
          />
        </div>
      </main>
    </div>
  );
}

export { LoginRoute as Component, RouteErrorBoundary as ErrorBoundary };
