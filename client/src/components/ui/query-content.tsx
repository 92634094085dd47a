import type { ReactNode } from 'react';
import { ErrorBanner } from './error-banner';
import { LoadingBlock } from './spinner';

type PendingQuery = { isError: boolean; error: unknown; refetch: () => unknown };

/** What a panel shows before its query has answered: a spinner, or the error with a retry. */
export function QueryPending({ query, label }: { query: PendingQuery; label: string }) {
  return query.isError ? <ErrorBanner error={query.error} onRetry={() => void query.refetch()} /> : <LoadingBlock label={label} />;
}

type QueryContentProps<T> = { query: PendingQuery & { data: T | undefined }; label: string; children: (data: T) => ReactNode };

/** A panel's content once its query has answered; until then, `QueryPending`. */
export function QueryContent<T>({ query, label, children }: QueryContentProps<T>) {
  return query.data === undefined ? <QueryPending query={query} label={label} /> : <>{children(query.data)}</>;
}
