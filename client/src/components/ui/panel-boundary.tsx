import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorBanner } from './error-banner';
import { ErrorBoundary } from './error-boundary';

/** An error boundary around one independent panel of a page. */
export function PanelBoundary({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <ErrorBoundary fallback={({ error, reset }) => <ErrorBanner title={t('errors.panelFailed')} error={error} onRetry={reset} />}>
      {children}
    </ErrorBoundary>
  );
}
