import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '@shared/schemas/user';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { ErrorBanner, Notice } from '@/components/ui/error-banner';
import { Field, Input } from '@/components/ui/field';
import { isApiError } from '@/lib/api-client';
import { formatDateTime } from '@/lib/format';
import { useCreatePasswordReset } from '../api/create-password-reset';
import { useUserSessions } from '../api/list-sessions';
import { useResetUserTotp } from '../api/reset-user-totp';
import { CopyButton } from './copy-button';
import { SessionsTable } from './sessions-table';

function PasswordResetDialog({ user, onClose }: { user: User; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const create = useCreatePasswordReset();
  const url = create.data ? `${window.location.origin}${create.data.path}` : '';
  return (
    <Dialog open title={t('security.admin.resetTitle', { name: user.name })} onClose={onClose}>
      {create.data ? (
        <>
          <Notice tone="success">{t('security.admin.resetMade', { date: formatDateTime(create.data.expiresAt, i18n.language) })}</Notice>
          <Field label={t('security.admin.resetLink')} hint={t('security.admin.resetPassOn')}>
            <Input readOnly className="mono" value={url} onFocus={(e) => e.currentTarget.select()} />
          </Field>
          <div className="form-actions">
            <CopyButton text={url} />
            <Button variant="primary" onClick={onClose}>
              {t('common.close')}
            </Button>
          </div>
        </>
      ) : (
        <>
          <p>{t('security.admin.resetExplain', { name: user.name })}</p>
          {create.isError ? <ErrorBanner error={create.error} /> : null}
          <div className="form-actions">
            <Button onClick={onClose} data-autofocus>
              {t('common.cancel')}
            </Button>
            <Button variant="primary" busy={create.isPending} onClick={() => create.mutate(user.id)}>
              {t('security.admin.resetMake')}
            </Button>
          </div>
        </>
      )}
    </Dialog>
  );
}

function SessionsDialog({ user, isSelf, onClose }: { user: User; isSelf: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const sessions = useUserSessions(user.id);
  const [confirmTotp, setConfirmTotp] = useState(false);
  const resetTotp = useResetUserTotp({ onSuccess: () => setConfirmTotp(false) });
  const hasNone = isApiError(resetTotp.error) && resetTotp.error.code === 'CONFLICT';
  return (
    <Dialog open title={t('security.admin.sessionsTitle', { name: user.name })} onClose={onClose}>
      <SessionsTable query={sessions} />
      {isSelf ? null : (
        <div className="admin-totp">
          <h3 className="subheading">{t('security.totp.title')}</h3>
          {resetTotp.isSuccess ? <Notice tone="success">{t('security.admin.totpResetDone', { name: user.name })}</Notice> : null}
          {hasNone ? <Notice tone="info">{t('security.admin.totpNone', { name: user.name })}</Notice> : null}
          {resetTotp.isError && !hasNone ? <ErrorBanner error={resetTotp.error} /> : null}
          {confirmTotp ? (
            <>
              <p>{t('security.admin.totpResetConfirm', { name: user.name })}</p>
              <div className="form-actions">
                <Button onClick={() => setConfirmTotp(false)}>{t('common.cancel')}</Button>
                <Button variant="danger" busy={resetTotp.isPending} onClick={() => resetTotp.mutate(user.id)}>
                  {t('security.admin.totpReset')}
                </Button>
              </div>
            </>
          ) : (
            <Button
              size="sm"
              variant="ghost"
              className="btn-danger-text"
              onClick={() => {
                resetTotp.reset();
                setConfirmTotp(true);
              }}
            >
              {t('security.admin.totpReset')}
            </Button>
          )}
        </div>
      )}
      <div className="form-actions">
        <Button variant="primary" onClick={onClose}>
          {t('common.close')}
        </Button>
      </div>
    </Dialog>
  );
}

/** Per-user actions for administrators: a one-time password-reset link, and the user's sessions. */
export function UserSecurityActions({ user, isSelf }: { user: User; isSelf: boolean }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<'reset' | 'sessions' | null>(null);
  return (
    <>
      {isSelf ? null : (
        <Button size="sm" variant="ghost" onClick={() => setOpen('reset')}>
          {t('security.admin.reset')}
          <span className="visually-hidden"> {user.name}</span>
        </Button>
      )}
      <Button size="sm" variant="ghost" onClick={() => setOpen('sessions')}>
        {t('security.admin.sessions')}
        <span className="visually-hidden"> {user.name}</span>
      </Button>
      {open === 'reset' ? <PasswordResetDialog user={user} onClose={() => setOpen(null)} /> : null}
      {open === 'sessions' ? <SessionsDialog user={user} isSelf={isSelf} onClose={() => setOpen(null)} /> : null}
    </>
  );
}
