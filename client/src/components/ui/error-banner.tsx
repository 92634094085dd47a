import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '@/lib/errors';
import { Button } from './button';

type ErrorBannerProps = { error: unknown; title?: string; onRetry?: () => void; className?: string };

/** A translated error with an optional retry; announced as an alert. */
export function ErrorBanner({ error, title, onRetry, className }: ErrorBannerProps) {
  const { t } = useTranslation();
  return (
    <div className={['banner', 'banner-error', className ?? ''].filter(Boolean).join(' ')} role="alert">
      <div className="banner-body">
        {title ? <p className="banner-title">{title}</p> : null}
        <p>{errorMessage(t, error)}</p>
      </div>
      {onRetry ? (
        <Button size="sm" onClick={onRetry}>
          {t('common.retry')}
        </Button>
      ) : null}
    </div>
  );
}

type NoticeProps = { tone?: 'info' | 'success' | 'warning'; children: ReactNode; role?: 'status' | 'alert' };

export function Notice({ tone = 'info', children, role = 'status' }: NoticeProps) {
  return (
    <div className={`banner banner-${tone}`} role={role}>
      <div className="banner-body">{children}</div>
    </div>
  );
}
