import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { Suspense, useState, type ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { ConnectionBanner } from '@/components/ui/connection-banner';
import { ErrorBoundary } from '@/components/ui/error-boundary';
import { LoadingBlock } from '@/components/ui/spinner';
import { isApiError } from '@/lib/api-client';
import { i18n } from '@/lib/i18n';
import { RootErrorFallback } from './routes/error-fallback';

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        // A 4xx will not get better by asking again.
        retry: (count, error) => !(isApiError(error) && error.status >= 400 && error.status < 500) && count < 2,
        refetchOnWindowFocus: false,
      },
      // A save that cannot be sent fails at once and stays in its form with a retry, rather
      // than waiting invisibly for the browser to say it is online again.
      mutations: { retry: false, networkMode: 'always' },
    },
  });
}

export function AppProvider({ children, queryClient }: { children: ReactNode; queryClient?: QueryClient }) {
  const [client] = useState(() => queryClient ?? createQueryClient());
  return (
    <ErrorBoundary fallback={({ error }) => <RootErrorFallback error={error} />}>
      <I18nextProvider i18n={i18n}>
        <QueryClientProvider client={client}>
          <ConnectionBanner onRetry={() => void client.refetchQueries({ type: 'active' })} />
          <Suspense fallback={<LoadingBlock label={i18n.t('common.loading')} />}>{children}</Suspense>
        </QueryClientProvider>
      </I18nextProvider>
    </ErrorBoundary>
  );
}
