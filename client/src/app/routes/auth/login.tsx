import '@/features/auth/auth.css';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router-dom';
import { SkipLink } from '@/components/ui/skip-link';
import { useUser } from '@/features/auth/api/get-me';
import { authKeys } from '@/features/auth/api/query-keys';
import { useUpdatePreferences } from '@/features/auth/api/update-preferences';
import { LanguageSwitcher } from '@/features/auth/components/language-switcher';
import { LoginForm } from '@/features/auth/components/login-form';
import { currentLocale, i18n, takePickedLanguage } from '@/lib/i18n';
import { useDocumentTitle } from '@/lib/use-document-title';
import { paths, type LoginState } from '../../paths';
import { RouteErrorBoundary } from '../error-fallback';

function safeFrom(state: unknown): string {
  const from = (state as LoginState | null)?.from;
  // Only paths inside the app; never an absolute URL handed in from elsewhere.
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') && from !== paths.login ? from : paths.home;
}

export function LoginRoute() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const preferences = useUpdatePreferences();
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
      <SkipLink label={t('shell.skipToContent')} />
      <header className="login-top">
        <LanguageSwitcher signedIn={false} />
      </header>
      <main id="main" tabIndex={-1} className="login-main">
        <div className="login-card">
          <p className="brand brand-lg">{t('app.name')}</p>
          <p className="login-tagline">{t('app.tagline')}</p>
          <h1 className="login-title">{t('auth.title')}</h1>
          <LoginForm
            onSuccess={({ user, mfaEnrolmentRequired }) => {
              // Two-factor sign-in required and not set up: the Security page is the only way on.
              const enter = () => void navigate(mfaEnrolmentRequired ? paths.security : target, { replace: true });
              const picked = takePickedLanguage();
              if (picked && picked !== user.locale) {
                // Chosen by hand on this page: it stays, and becomes the account's language.
                queryClient.setQueryData(authKeys.me(), { ...user, locale: picked });
                preferences.mutate({ locale: picked });
                enter();
              } else if (user.locale !== null && user.locale !== currentLocale()) {
                // The account's language: the next page opens in it, not in this one first.
                void i18n.changeLanguage(user.locale).finally(enter);
              } else enter(); // Already this page's language (a new account takes it at sign-in), or none yet: it stays.
            }}
          />
        </div>
      </main>
    </div>
  );
}

export { LoginRoute as Component, RouteErrorBoundary as ErrorBoundary };
