import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '@shared/schemas/security';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ErrorBanner } from '@/components/ui/error-banner';
import { EmptyState, TableScroll } from '@/components/ui/layout';
import { LoadingBlock } from '@/components/ui/spinner';
import { TableHead } from '@/components/ui/table-head';
import { errorMessage } from '@/lib/errors';
import { formatDateTime } from '@/lib/format';
import { useRevokeSession } from '../api/revoke-session';
import { describeUserAgent } from './user-agent';

type SessionsTableProps = {
  query: { data?: { items: SessionInfo[] }; isPending: boolean; isError: boolean; error: unknown; refetch: () => unknown };
  /** Revoking the session this browser uses signs it out; the caller says where to go then. */
  onCurrentRevoked?: () => void;
};

/** Signed-in sessions with where and when they were used, each with a button that ends it at once. */
export function SessionsTable({ query, onCurrentRevoked }: SessionsTableProps) {
  const { t, i18n } = useTranslation();
  const [pending, setPending] = useState<string | null>(null);
  const revoke = useRevokeSession();

  if (query.isPending) return <LoadingBlock label={t('security.sessions.loading')} />;
  if (query.isError) return <ErrorBanner error={query.error} onRetry={() => void query.refetch()} />;
  const items = query.data?.items ?? [];
  if (items.length === 0) return <EmptyState>{t('security.sessions.empty')}</EmptyState>;

  return (
    <>
      {revoke.isError ? (
        <p role="alert" className="field-error">
          {errorMessage(t, revoke.error)}
        </p>
      ) : null}
      <TableScroll label={t('security.sessions.title')}>
        <table className="table table-compact sessions-table">
          <TableHead
            columns={[
              t('security.sessions.device'),
              t('security.sessions.ip'),
              t('security.sessions.started'),
              t('security.sessions.lastSeen'),
              { label: t('common.actions'), hidden: true },
            ]}
          />
          <tbody>
            {items.map((s) => {
              const { browser, os } = describeUserAgent(s.userAgent);
              const device =
                browser && os ? t('security.sessions.browserOn', { browser, os }) : (browser ?? os ?? t('security.sessions.unknownDevice'));
              return (
                <tr key={s.id}>
                  <td title={s.userAgent ?? undefined}>
                    {device} {s.current ? <Badge tone="info">{t('security.sessions.thisOne')}</Badge> : null}
                  </td>
                  <td className="mono nowrap">{s.ip ?? t('common.notSet')}</td>
                  <td className="nowrap">{formatDateTime(s.createdAt, i18n.language)}</td>
                  <td className="nowrap">{formatDateTime(s.lastSeenAt, i18n.language)}</td>
                  <td className="nowrap">
                    <Button
                      size="sm"
                      variant="ghost"
                      className="btn-danger-text"
                      busy={revoke.isPending && pending === s.id}
                      onClick={() => {
                        setPending(s.id);
                        revoke.mutate(s.id, { onSuccess: () => (s.current ? onCurrentRevoked?.() : undefined) });
                      }}
                    >
                      {s.current ? t('security.sessions.signOutHere') : t('security.sessions.revoke')}
                      <span className="visually-hidden"> {device}</span>
                    </Button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableScroll>
    </>
  );
}
