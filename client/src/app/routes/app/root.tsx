import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { hasPermission } from '@shared/permissions';
import { ErrorBanner } from '@/components/ui/error-banner';
import { SkipLink } from '@/components/ui/skip-link';
import { LoadingBlock } from '@/components/ui/spinner';
import { useUser } from '@/features/auth/api/get-me';
import { LanguageSwitcher } from '@/features/auth/components/language-switcher';
import { UserMenu } from '@/features/auth/components/user-menu';
import { isApiError } from '@/lib/api-client';
import { i18n, retryAllTexts, useAllTexts } from '@/lib/i18n';
import { paths } from '../../paths';
import { RouteErrorBoundary } from '../error-fallback';
import { useRouteFocus } from '../use-route-focus';

/** The signed-in app: it waits for the session, then draws the header around every page. */
export function AppRoot() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const session = useUser();
  const user = session.data;
  useRouteFocus();

  useEffect(() => {
    // The saved preference wins over whatever this browser last used; without one, the browser's stays.
    if (user?.locale && user.locale !== i18n.language) void i18n.changeLanguage(user.locale);
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
      <SkipLink label={t('shell.skipToContent')} />
      <header className="app-header">
        <div className="app-header-inner">
          <NavLink to={paths.projects} className="brand">
            {t('app.name')}
          </NavLink>
          <nav className="main-nav" aria-label={t('shell.mainNav')}>
            <NavLink to={paths.dashboard}>{t('dashboard.nav')}</NavLink>
            <NavLink to={paths.projects}>{t('shell.projects')}</NavLink>
            {hasPermission(user.role, 'iati:import') ? <NavLink to={paths.iatiImport}>{t('iati.nav')}</NavLink> : null}
            {hasPermission(user.role, 'users:manage') ? <NavLink to={paths.users}>{t('shell.users')}</NavLink> : null}
          </nav>
          <div className="header-tools">
            <LanguageSwitcher signedIn />
            <NavLink to={paths.security} className="header-link">
              {t('security.nav')}
            </NavLink>
            <UserMenu user={user} onSignedOut={() => navigate(paths.login, { replace: true })} />
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="app-main">
        <PageTexts>
          <Outlet />
        </PageTexts>
      </main>
      <footer className="app-footer">
        <p>{t('app.footer')}</p>
      </footer>
    </div>
  );
}

/** The pages a user lands on after signing in: they need only the texts that come first. */
const LANDING_PAGES = new Set<string>([paths.home, paths.projects, paths.dashboard]);

/**
 * Any other page waits, if need be, for the rest of the interface texts, which start
 * downloading with the app; once they are here (usually long before) it never waits again.
 */
function PageTexts({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const allTexts = useAllTexts();
  const waiting = !allTexts && !LANDING_PAGES.has(pathname);
  useEffect(() => {
    if (!waiting) return;
    // Fetched on a connection that was lost: try again when it is back.
    retryAllTexts();
    window.addEventListener('online', retryAllTexts);
    return () => window.removeEventListener('online', retryAllTexts);
  }, [waiting]);
  return waiting ? <LoadingBlock label={t('common.loading')} /> : children;
}

export { AppRoot as Component, RouteErrorBoundary as ErrorBoundary };
