import { useRef, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES } from '@shared/enums';
import { LOCALES } from '@shared/locales';
import { PASSWORD_MIN_LENGTH } from '@shared/passwords';
import type { Project } from '@shared/schemas/project';
import { CreateUserInput, UpdateUserInput, UserSchema, type User } from '@shared/schemas/user';
import { Field, Fieldset, Input, Options, Select } from '@/components/ui/field';
import { FormActions } from '@/components/form/form-actions';
import { FormAlerts } from '@/components/form/form-alerts';
import { useSaveForm } from '@/components/form/use-save-form';
import { useFocusFirstError } from '@/lib/use-focus-first-error';
import { useRecordForm } from '@/lib/use-record-form';
import { useCreateUser } from '../api/create-user';
import { useUpdateUser } from '../api/update-user';

export type ProjectOption = Pick<Project, 'id' | 'code' | 'title'>;

/** `locale` '' is "not chosen": the account then takes the language its owner first signs in with. */
type Values = { email: string; name: string; organisation: string; role: string; password: string; locale: string; projectIds: number[] };

function toValues(u: User | undefined): Values {
  return {
    email: u?.email ?? '',
    name: u?.name ?? '',
    organisation: u?.organisation ?? '',
    role: u?.role ?? 'partner',
    password: '',
    locale: u?.locale ?? '',
    projectIds: u?.projectIds ?? [],
  };
}

type UserFormProps = { user?: User; projects: ProjectOption[]; onSaved: (user: User) => void; onCancel: () => void };

/** Create an account, or change its name, role and project memberships. */
export function UserForm({ user, projects, onSaved, onCancel }: UserFormProps) {
  const { t } = useTranslation();
  const form = useRecordForm(user, toValues);
  const { values, setField } = form;
  const createMutation = useCreateUser({ onSuccess: onSaved });
  const updateMutation = useUpdateUser({ onSuccess: onSaved });
  const mutation = user ? updateMutation : createMutation;
  // A conflict shows the account as it is now: the admin edits from there.
  const save = useSaveForm({ mutation, record: UserSchema, version: user?.version, onReload: (current) => form.reset(current) });
  const { errors } = save;
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstError(formRef, [save.isConflict ? 'conflict' : '', mutation.failureCount, ...Object.keys(errors)].join(' ').trim());
  const isAdminRole = values.role === 'admin';

  const toggleProject = (id: number, on: boolean) =>
    setField('projectIds', on ? [...values.projectIds, id] : values.projectIds.filter((p) => p !== id));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const common = { name: values.name, organisation: values.organisation, role: values.role, projectIds: isAdminRole ? [] : values.projectIds };
    if (user) {
      save.save(UpdateUserInput, { ...common, version: form.base?.version ?? user.version }, (input) =>
        updateMutation.mutate({ id: user.id, input }),
      );
      return;
    }
    const locale = values.locale === '' ? null : values.locale;
    save.save(CreateUserInput, { ...common, email: values.email, password: values.password, locale }, (input) => createMutation.mutate(input));
  };

  return (
    <form ref={formRef} className="form" onSubmit={submit} noValidate>
      <FormAlerts form={save} />
      <div className="form-grid">
        <Field label={t('users.fields.email')} error={errors.email} required={!user}>
          <Input type="email" autoComplete="off" value={values.email} readOnly={Boolean(user)} onChange={(e) => setField('email', e.target.value)} />
        </Field>
        <Field label={t('users.fields.name')} error={errors.name} required>
          <Input value={values.name} autoComplete="off" onChange={(e) => setField('name', e.target.value)} />
        </Field>
        <Field label={t('users.fields.organisation')} error={errors.organisation}>
          <Input value={values.organisation} onChange={(e) => setField('organisation', e.target.value)} />
        </Field>
        <Field
          label={t('users.fields.role')}
          error={errors.role}
          hint={t(`users.roleHint.${isRole(values.role) ? values.role : 'partner'}`)}
          required
        >
          <Select value={values.role} onChange={(e) => setField('role', e.target.value)}>
            <Options values={ROLES} label={(r) => t(`enums.role.${r}`)} />
          </Select>
        </Field>
        {user ? null : (
          <Field label={t('users.fields.password')} error={errors.password} hint={t('users.passwordHint', { min: PASSWORD_MIN_LENGTH })} required>
            <Input type="password" autoComplete="new-password" value={values.password} onChange={(e) => setField('password', e.target.value)} />
          </Field>
        )}
        {user ? null : (
          <Field label={t('users.fields.language')} error={errors.locale} hint={t('users.languageHint')}>
            <Select value={values.locale} onChange={(e) => setField('locale', e.target.value)}>
              <option value="">{t('users.languageNotChosen')}</option>
              {LOCALES.map((l) => (
                <option key={l} value={l} lang={l}>
                  {t(`languages.${l}`)}
                </option>
              ))}
            </Select>
          </Field>
        )}
      </div>
      <Fieldset legend={t('users.fields.projects')} error={errors.projectIds} hint={isAdminRole ? t('users.adminAllProjects') : undefined}>
        {isAdminRole ? null : projects.length === 0 ? (
          <p className="muted small">{t('users.noProjects')}</p>
        ) : (
          <div className="check-list">
            {projects.map((p) => (
              <label key={p.id} className="check">
                <input type="checkbox" checked={values.projectIds.includes(p.id)} onChange={(e) => toggleProject(p.id, e.target.checked)} />
                <span>
                  <span className="mono">{p.code}</span> {p.title}
                </span>
              </label>
            ))}
          </div>
        )}
      </Fieldset>
      <FormActions onCancel={onCancel} busy={mutation.isPending}>
        {user ? t('common.saveChanges') : t('users.create')}
      </FormActions>
    </form>
  );
}

function isRole(r: string): r is (typeof ROLES)[number] {
  return (ROLES as readonly string[]).includes(r);
}
