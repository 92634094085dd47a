import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '@/lib/api-client';
import { errorMessage } from '@/lib/errors';
import { Button } from './button';

type ErrorBannerProps = { error: unknown; title?: string; onRetry?: () => void; className?: string };

/** The request never got an answer, or a gateway gave up: sending it again may well work. */
function isTransient(error: unknown): boolean {
  return isApiError(error) && (error.status === 0 || error.status === 502 || error.status === 503 || error.status === 504);
}

/**
 * A translated error with an optional retry; announced as an alert. Inside a form, a save
 * that failed on the network offers to send the form again: the input is still in it.
 */
export function ErrorBanner({ error, title, onRetry, className }: ErrorBannerProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const [inForm, setInForm] = useState(false);
  useLayoutEffect(() => setInForm(Boolean(ref.current?.closest('form'))), []);
  const resend = onRetry ?? (inForm && isTransient(error) ? () => ref.current?.closest('form')?.requestSubmit() : undefined);
  return (
    <div ref={ref} className={['banner', 'banner-error', className ?? ''].filter(Boolean).join(' ')} role="alert">
      <div className="banner-body">
        {title ? <p className="banner-title">{title}</p> : null}
        <p>{errorMessage(t, error)}</p>
      </div>
      {resend ? (
        <Button size="sm" onClick={resend}>
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
