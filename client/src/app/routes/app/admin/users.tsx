import '@/features/security/security.css';
import { useTranslation } from 'react-i18next';
import { hasPermission } from '@shared/permissions';
import { Notice } from '@/components/ui/error-banner';
import { PageHeader } from '@/components/ui/layout';
import { useSessionUser } from '@/features/auth/api/use-session-user';
import { useProjects } from '@/features/projects/api/list-projects';
import { SecuritySettingsPanel } from '@/features/security/components/security-settings-panel';
import { UserSecurityActions } from '@/features/security/components/user-security-actions';
import { UsersAdmin } from '@/features/users/components/users-admin';
import { useDocumentTitle } from '@/lib/use-document-title';
import { RouteErrorBoundary } from '../../error-fallback';

export function UsersRoute() {
  const { t } = useTranslation();
  const user = useSessionUser();
  // Memberships are chosen among all projects; the API caps a page at 200.
  const projects = useProjects({ pageSize: '200' });
  useDocumentTitle(t('users.title'));
  return (
    <div className="page">
      <PageHeader title={t('users.title')}>
        <p className="page-lead">{t('users.lead')}</p>
      </PageHeader>
      {hasPermission(user.role, 'users:manage') ? (
        <>
          <SecuritySettingsPanel />
          <UsersAdmin
            projects={projects.data?.items ?? []}
            currentUserId={user.id}
            renderActions={(u) => <UserSecurityActions user={u} isSelf={u.id === user.id} />}
          />
        </>
      ) : (
        <Notice tone="warning">{t('errors.FORBIDDEN')}</Notice>
      )}
    </div>
  );
}

export { UsersRoute as Component, RouteErrorBoundary as ErrorBoundary };
