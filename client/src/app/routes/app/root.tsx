import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet, useNavigate } from 'react-router-dom';
import { hasPermission } from '@shared/permissions';
import { ErrorBanner } from '@/components/ui/error-banner';
import { LoadingBlock } from '@/components/ui/spinner';
import { useUser } from '@/features/auth/api/get-me';
import { LanguageSwitcher } from '@/features/auth/components/language-switcher';
import { UserMenu } from '@/features/auth/components/user-menu';
import { isApiError } from '@/lib/api-client';
import { i18n } from '@/lib/i18n';
import { paths } from '../../paths';
import { RouteErrorBoundary } from '../error-fallback';

/** The signed-in app: it waits for the session, then draws the header around every page. */
export function AppRoot() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const session = useUser();
  const user = session.data;

  useEffect(() => {
    // The saved preference wins over whatever this browser last used.
    if (user && user.locale !== i18n.language) void i18n.changeLanguage(user.locale);
  }, [user]);

  if (!user) {
    if (session.isError && !(isApiError(session.error) && session.error.status === 401)) {
      return (
        <main className="page" id="main">
          <ErrorBanner error={session.error} onRetry={() => void session.refetch()} />
        </main>
      );
    }
    return <LoadingBlock label={t('common.loading')} />;
  }

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {t('shell.skipToContent')}
      </a>
      <header className="app-header">
        <div className="app-header-inner">
          <NavLink to={paths.projects} className="brand">
            {t('app.name')}
          </NavLink>
          <nav className="main-nav" aria-label={t('shell.mainNav')}>
            <NavLink to={paths.projects}>{t('shell.projects')}</NavLink>
            {hasPermission(user.role, 'users:manage') ? <NavLink to={paths.users}>{t('shell.users')}</NavLink> : null}
          </nav>
          <div className="header-tools">
            <LanguageSwitcher signedIn />
            <UserMenu user={user} onSignedOut={() => navigate(paths.login, { replace: true })} />
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="app-main">
        <Outlet />
      </main>
      <footer className="app-footer">
        <p>{t('app.footer')}</p>
      </footer>
    </div>
  );
}

export { AppRoot as Component, RouteErrorBoundary as ErrorBoundary };
