import { useTranslation } from 'react-i18next';
import { useConnection } from '@/lib/connection';
import { Button } from './button';

/**
 * Says plainly when the connection is lost, on every page. What the user typed stays in
 * its form; saving again once the connection is back sends it.
 */
export function ConnectionBanner({ onRetry }: { onRetry?: () => void }) {
  const { t } = useTranslation();
  const state = useConnection();
  return (
    <div className="connection-slot" role="status">
      {state === 'online' ? null : (
        <div className="connection-banner">
          <p>
            <strong>{state === 'offline' ? t('connection.offline') : t('connection.unreachable')}</strong> {t('connection.keepTyping')}
          </p>
          {state === 'unreachable' && onRetry ? (
            <Button size="sm" onClick={onRetry}>
              {t('common.retry')}
            </Button>
          ) : null}
        </div>
      )}
    </div>
  );
}
