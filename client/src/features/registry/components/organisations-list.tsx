import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ORGANISATION_TYPES } from '@shared/enums';
import { CreateOrganisationInput } from '@shared/schemas/registry';
import { Button } from '@/components/ui/button';
import { ErrorBanner } from '@/components/ui/error-banner';
import { Field, Input, Select } from '@/components/ui/field';
import { EmptyState, TableScroll } from '@/components/ui/layout';
import { LoadingBlock } from '@/components/ui/spinner';
import { toFieldErrors, zodFieldErrors, type FieldErrors } from '@/lib/errors';
import { isApiError } from '@/lib/api-client';
import { countryName, countryOptions } from '@/lib/format';
import { currentLocale } from '@/lib/i18n';
import { useCreateOrganisation, useOrganisations } from '../api/organisations';
import { IllustrativeBadge } from './registry-badges';

type OrganisationsListProps = { projectId: number; canEdit: boolean; organisationHref: (id: number) => string };

export function OrganisationsList({ projectId, canEdit, organisationHref }: OrganisationsListProps) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const organisations = useOrganisations(projectId);
  const [adding, setAdding] = useState(false);
  const items = organisations.data?.items;

  return (
    <div className="stack">
      {canEdit ? (
        adding ? (
          <NewOrganisationForm projectId={projectId} onDone={() => setAdding(false)} />
        ) : (
          <div className="button-row">
            <Button onClick={() => setAdding(true)}>{t('registry.organisations.add')}</Button>
          </div>
        )
      ) : null}
      {organisations.isError ? <ErrorBanner error={organisations.error} onRetry={() => void organisations.refetch()} /> : null}
      {organisations.isPending ? <LoadingBlock label={t('registry.organisations.loading')} /> : null}
      {items && items.length === 0 ? <EmptyState>{t('registry.organisations.empty')}</EmptyState> : null}
      {items && items.length > 0 ? (
        <TableScroll label={t('registry.organisations.title')}>
          <table className="table table-compact">
            <thead>
              <tr>
                <th scope="col">{t('registry.fields.name')}</th>
                <th scope="col">{t('registry.organisations.type')}</th>
                <th scope="col">{t('registry.fields.country')}</th>
                <th scope="col" className="num">
                  {t('registry.organisations.members')}
                </th>
                <th scope="col" className="num">
                  {t('registry.organisations.engagements')}
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((o) => (
                <tr key={o.id}>
                  <th scope="row">
                    <Link to={organisationHref(o.id)}>{o.name}</Link> {o.illustrative ? <IllustrativeBadge /> : null}
                  </th>
                  <td>{t(`registry.orgType.${o.type}`)}</td>
                  <td>
                    {countryName(o.country, locale)}
                    {o.city ? `, ${o.city}` : ''}
                  </td>
                  <td className="num">{o.memberCount}</td>
                  <td className="num">{o.engagements.length}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : null}
    </div>
  );
}

function NewOrganisationForm({ projectId, onDone }: { projectId: number; onDone: () => void }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const create = useCreateOrganisation();
  const [values, setValues] = useState({ name: '', country: '', city: '', type: 'association', contactPerson: '', contactEmail: '', description: '' });
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const errors = { ...(isApiError(create.error) ? toFieldErrors(t, create.error.issues) : {}), ...clientErrors };
  const set = (k: keyof typeof values) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [k]: e.target.value }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = CreateOrganisationInput.safeParse({
      projectId,
      name: values.name,
      country: values.country,
      city: values.city,
      type: values.type,
      contactPerson: values.contactPerson,
      contactEmail: values.contactEmail.trim() || null,
      description: values.description,
    });
    if (!parsed.success) return setClientErrors(zodFieldErrors(t, parsed.error.issues));
    setClientErrors({});
    create.mutate(parsed.data, { onSuccess: onDone });
  };

  return (
    <form className="form inline-panel" onSubmit={submit} noValidate>
      {create.error && !isApiError(create.error) ? <ErrorBanner error={create.error} /> : null}
      {isApiError(create.error) && create.error.issues.length === 0 ? <ErrorBanner error={create.error} /> : null}
      <div className="form-grid">
        <Field label={t('registry.fields.name')} error={errors.name} required>
          <Input value={values.name} onChange={set('name')} />
        </Field>
        <Field label={t('registry.organisations.type')} error={errors.type}>
          <Select value={values.type} onChange={set('type')}>
            {ORGANISATION_TYPES.map((o) => (
              <option key={o} value={o}>
                {t(`registry.orgType.${o}`)}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t('registry.fields.country')} error={errors.country} required>
          <Select value={values.country} onChange={set('country')}>
            <option value="">{t('common.notSet')}</option>
            {countryOptions(locale).map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t('registry.fields.city')} error={errors.city}>
          <Input value={values.city} onChange={set('city')} />
        </Field>
        <Field label={t('registry.organisations.contactPerson')} error={errors.contactPerson}>
          <Input value={values.contactPerson} onChange={set('contactPerson')} />
        </Field>
        <Field label={t('registry.organisations.contactEmail')} error={errors.contactEmail}>
          <Input type="email" value={values.contactEmail} onChange={set('contactEmail')} />
        </Field>
      </div>
      <Field label={t('registry.organisations.description')} error={errors.description}>
        <Input value={values.description} onChange={set('description')} />
      </Field>
      <div className="form-actions">
        <Button onClick={onDone}>{t('common.cancel')}</Button>
        <Button type="submit" variant="primary" busy={create.isPending}>
          {t('registry.organisations.add')}
        </Button>
      </div>
    </form>
  );
}
