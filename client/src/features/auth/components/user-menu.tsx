import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionUser } from '@shared/schemas/auth';
import { Button } from '@/components/ui/button';
import { useLogout } from '../api/logout';
import { ChangePasswordDialog } from './change-password-dialog';

export function UserMenu({ user, onSignedOut }: { user: SessionUser; onSignedOut: () => void | Promise<void> }) {
  const { t } = useTranslation();
  const logout = useLogout({ onSuccess: onSignedOut });
  const [passwordOpen, setPasswordOpen] = useState(false);
  return (
    <div className="user-menu">
      <div className="user-menu-who">
        <span className="user-menu-name">{user.name}</span>
        <span className="user-menu-role">{t(`enums.role.${user.role}`)}</span>
      </div>
      <Button size="sm" variant="ghost" onClick={() => setPasswordOpen(true)} aria-label={t('auth.changePassword')}>
        <span className="label-long">{t('auth.changePassword')}</span>
        <span className="label-short" aria-hidden="true">
          {t('auth.changePasswordShort')}
        </span>
      </Button>
      <Button size="sm" onClick={() => logout.mutate()} busy={logout.isPending}>
        {t('auth.signOut')}
      </Button>
      <ChangePasswordDialog open={passwordOpen} onClose={() => setPasswordOpen(false)} />
    </div>
  );
}
