import { useTranslation } from 'react-i18next';
import { ErrorBanner } from '@/components/ui/error-banner';
import { LoadingBlock } from '@/components/ui/spinner';
import { isApiError } from '@/lib/api-client';
import { NotFound } from './not-found';

type QueryLike = { isPending: boolean; isError: boolean; error: unknown; refetch: () => unknown };

/** What a page shows while its main record loads or when it failed: spinner, 404 or error. */
export function QueryState({ query, label }: { query: QueryLike; label: string }) {
  const { t } = useTranslation();
  if (query.isError) {
    if (isApiError(query.error) && query.error.status === 404) return <NotFound />;
    return (
      <div className="page">
        <ErrorBanner error={query.error} onRetry={() => void query.refetch()} />
      </div>
    );
  }
  return <LoadingBlock label={label || t('common.loading')} />;
}
