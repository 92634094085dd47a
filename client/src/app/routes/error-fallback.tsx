import { useTranslation } from 'react-i18next';
import { isRouteErrorResponse, Link, useRouteError } from 'react-router-dom';
import { ErrorBanner } from '@/components/ui/error-banner';
import { isApiError } from '@/lib/api-client';
import { paths } from '../paths';
import { NotFound } from './not-found';

/** The last line of defence: the whole app failed to render. */
export function RootErrorFallback({ error }: { error: unknown }) {
  const { t } = useTranslation();
  return (
    <main className="fatal" id="main">
      <h1>{t('errors.fatalTitle')}</h1>
      <ErrorBanner error={error} />
      <p>
        <a href={paths.projects}>{t('errors.backHome')}</a>
      </p>
    </main>
  );
}

/** A route that failed: the shell stays, the page says what went wrong. */
export function RouteErrorBoundary() {
  const { t } = useTranslation();
  const error = useRouteError();
  if ((isRouteErrorResponse(error) && error.status === 404) || (isApiError(error) && error.status === 404)) {
    return <NotFound />;
  }
  return (
    <div className="page">
      <h1 className="page-title">{t('errors.pageFailed')}</h1>
      <ErrorBanner error={error} />
      <p>
        <Link to={paths.projects}>{t('errors.backHome')}</Link>
      </p>
    </div>
  );
}
