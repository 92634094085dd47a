import '@/features/auth/auth.css';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { LanguageSwitcher } from '@/features/auth/components/language-switcher';
import { ResetPasswordForm } from '@/features/auth/components/reset-password-form';
import { useDocumentTitle } from '@/lib/use-document-title';
import { paths } from '../../paths';
import { RouteErrorBoundary } from '../error-fallback';

/**
 * The token sits in the fragment (#token=…), which browsers never send to a server, so
 * no access log holds it. It is read once and dropped from the address bar and history.
 */
function readTokenFromFragment(): string | null {
  return new URLSearchParams(window.location.hash.replace(/^#/, '')).get('token');
}

export function ResetPasswordRoute() {
  const { t } = useTranslation();
  const [token] = useState(readTokenFromFragment);
  useDocumentTitle(t('auth.reset.title'));
  useEffect(() => {
    if (window.location.hash) window.history.replaceState(window.history.state, '', window.location.pathname);
  }, []);

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
          <h1 className="login-title">{t('auth.reset.title')}</h1>
          <p className="muted">{t('auth.reset.lead')}</p>
          <ResetPasswordForm
            token={token}
            signInLink={(email) => (
              <Link to={paths.login} className="btn btn-primary btn-block">
                {t('auth.reset.signInAs', { email })}
              </Link>
            )}
          />
        </div>
      </main>
    </div>
  );
}

export { ResetPasswordRoute as Component, RouteErrorBoundary as ErrorBoundary };
