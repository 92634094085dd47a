import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES } from '@shared/enums';
import type { User } from '@shared/schemas/user';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ConfirmDialog, Dialog } from '@/components/ui/dialog';
import { ErrorBanner, Notice } from '@/components/ui/error-banner';
import { Field, Input, Options, Select } from '@/components/ui/field';
import { TableHead } from '@/components/ui/table-head';
import { EmptyState, TableScroll } from '@/components/ui/layout';
import { LoadingBlock } from '@/components/ui/spinner';
import { isApiError } from '@/lib/api-client';
import { errorMessage } from '@/lib/errors';
import { useUsers, type UserListParams } from '../api/list-users';
import { useUpdateUser } from '../api/update-user';
import { UserForm, type ProjectOption } from './user-form';

type UsersAdminProps = {
  projects: ProjectOption[];
  currentUserId: number;
  /** More per-user actions from other features (password reset, sessions), drawn after Edit and Disable. */
  renderActions?: (user: User) => ReactNode;
};

/** Accounts: who has which role, where they work, which projects they belong to. */
export function UsersAdmin({ projects, currentUserId, renderActions }: UsersAdminProps) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [role, setRole] = useState('');
  const params = { ...(q.trim() ? { q: q.trim() } : {}), ...(role ? { role } : {}) } as UserListParams;
  const users = useUsers(params);
  const [editing, setEditing] = useState<User | 'new' | null>(null);
  const [toggling, setToggling] = useState<User | null>(null);
  const [flash, setFlash] = useState<string | null>(null);
  const toggle = useUpdateUser({
    onSuccess: (u) => {
      setToggling(null);
      setFlash(u.disabled ? t('users.disabledDone', { name: u.name }) : t('users.enabledDone', { name: u.name }));
    },
  });
  const projectLabel = new Map(projects.map((p) => [p.id, p.code]));

  return (
    <div className="users-admin">
      <div className="toolbar">
        <div className="filters-grid filters-grid-2">
          <Field label={t('users.search')}>
            <Input type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder={t('users.searchPlaceholder')} />
          </Field>
          <Field label={t('users.fields.role')}>
            <Select value={role} onChange={(e) => setRole(e.target.value)}>
              <option value="">{t('projects.filters.any')}</option>
              <Options values={ROLES} label={(r) => t(`enums.role.${r}`)} />
            </Select>
          </Field>
        </div>
        <Button
          variant="primary"
          onClick={() => {
            setFlash(null);
            setEditing('new');
          }}
        >
          {t('users.new')}
        </Button>
      </div>
      {flash ? <Notice tone="success">{flash}</Notice> : null}
      {users.isPending ? <LoadingBlock label={t('users.loading')} /> : null}
      {users.isError ? <ErrorBanner error={users.error} onRetry={() => void users.refetch()} /> : null}
      {users.data ? (
        users.data.items.length === 0 ? (
          <EmptyState>{t('users.empty')}</EmptyState>
        ) : (
          <TableScroll label={t('users.tableLabel')}>
            <table className="table">
              <TableHead
                columns={[
                  t('users.fields.name'),
                  t('users.fields.email'),
                  t('users.fields.role'),
                  t('users.fields.organisation'),
                  t('users.fields.status'),
                  t('users.fields.projects'),
                  { label: t('common.actions'), hidden: true },
                ]}
              />
              <tbody>
                {users.data.items.map((u) => (
                  <tr key={u.id} className={u.disabled ? 'row-muted' : undefined}>
                    <td>{u.name}</td>
                    <td className="nowrap">{u.email}</td>
                    <td>{t(`enums.role.${u.role}`)}</td>
                    <td>{u.organisation || <span className="muted">{t('common.notSet')}</span>}</td>
                    <td>{u.disabled ? <Badge tone="muted">{t('users.disabled')}</Badge> : <Badge tone="success">{t('users.active')}</Badge>}</td>
                    <td>
                      {u.role === 'admin' ? (
                        t('users.allProjects')
                      ) : u.projectIds.length === 0 ? (
                        <span className="muted">{t('users.noMemberships')}</span>
                      ) : (
                        u.projectIds.map((id) => projectLabel.get(id) ?? `#${id}`).join(', ')
                      )}
                    </td>
                    <td className="nowrap">
                      <Button
                        size="sm"
                        variant="ghost"
                        onClick={() => {
                          setFlash(null);
                          setEditing(u);
                        }}
                      >
                        {t('common.edit')}
                        <span className="visually-hidden"> {u.name}</span>
                      </Button>
                      {u.id === currentUserId ? null : (
                        <Button
                          size="sm"
                          variant="ghost"
                          className={u.disabled ? undefined : 'btn-danger-text'}
                          onClick={() => {
                            toggle.reset();
                            setToggling(u);
                          }}
                        >
                          {u.disabled ? t('users.enable') : t('users.disable')}
                          <span className="visually-hidden"> {u.name}</span>
                        </Button>
                      )}
                      {renderActions?.(u)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )
      ) : null}

      <Dialog open={editing !== null} title={editing === 'new' ? t('users.new') : t('users.editTitle')} onClose={() => setEditing(null)}>
        {editing !== null ? (
          <UserForm
            user={editing === 'new' ? undefined : editing}
            projects={projects}
            onCancel={() => setEditing(null)}
            onSaved={(u) => {
              setEditing(null);
              setFlash(t('users.saved', { name: u.name }));
            }}
          />
        ) : null}
      </Dialog>

      <ConfirmDialog
        open={toggling !== null}
        danger={toggling ? !toggling.disabled : false}
        title={toggling?.disabled ? t('users.enableTitle') : t('users.disableTitle')}
        message={
          <p>
            {toggling
              ? toggling.disabled
                ? t('users.enableConfirm', { name: toggling.name })
                : t('users.disableConfirm', { name: toggling.name })
              : null}
          </p>
        }
        confirmLabel={toggling?.disabled ? t('users.enable') : t('users.disable')}
        busy={toggle.isPending}
        error={
          toggle.error ? (
            <p role="alert">
              {isApiError(toggle.error) && toggle.error.isVersionConflict ? t('users.toggleConflict') : errorMessage(t, toggle.error)}
            </p>
          ) : null
        }
        onCancel={() => setToggling(null)}
        onConfirm={() => {
          if (!toggling) return;
          // After a conflict the list has been refetched: send the version it shows now.
          const fresh = users.data?.items.find((u) => u.id === toggling.id) ?? toggling;
          toggle.mutate({ id: fresh.id, input: { version: fresh.version, disabled: !toggling.disabled } });
        }}
      />
    </div>
  );
}
