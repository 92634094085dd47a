import type { FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ORGANISATION_TYPES } from '@shared/enums';
import {
  CreateOrganisationInput,
  OrganisationSchema,
  UpdateOrganisationInput,
  type ContactPerson,
  type Organisation,
} from '@shared/schemas/registry-organisation';
import { Field, Input, Options, Select } from '@/components/ui/field';
import { FormActions } from '@/components/form/form-actions';
import { FormAlerts } from '@/components/form/form-alerts';
import { useSaveForm } from '@/components/form/use-save-form';
import { CountryOptions } from '@/components/ui/country-options';
import { currentLocale } from '@/lib/i18n';
import { useRecordForm } from '@/lib/use-record-form';
import { useCreateOrganisation, useUpdateOrganisation } from '../api/organisations';
import { registryKeys } from '../api/query-keys';
import { ContactPersonPicker } from './contact-person-picker';

type Values = {
  name: string;
  type: string;
  country: string;
  city: string;
  contactPerson: ContactPerson | null;
  contactEmail: string;
  contactPhone: string;
  description: string;
};

function toValues(o: Organisation | undefined): Values {
  return {
    name: o?.name ?? '',
    type: o?.type ?? 'association',
    country: o?.country ?? '',
    city: o?.city ?? '',
    contactPerson: o?.contactPerson ?? null,
    contactEmail: o?.contactEmail ?? '',
    contactPhone: o?.contactPhone ?? '',
    description: o?.description ?? '',
  };
}

function fieldsOf(v: Values) {
  return {
    name: v.name,
    type: v.type,
    country: v.country,
    city: v.city,
    contactPersonId: v.contactPerson?.id ?? null,
    contactEmail: v.contactEmail.trim() || null,
    contactPhone: v.contactPhone.trim() || null,
    description: v.description,
  };
}

type OrganisationFormProps = {
  projectId: number;
  /** Absent when adding an organisation. */
  organisation?: Organisation;
  onDone: () => void;
};

/** Adds or edits an organisation; its contact is a person of the registry. A stale save (409) offers the latest version. */
export function OrganisationForm({ projectId, organisation, onDone }: OrganisationFormProps) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const queryClient = useQueryClient();
  const form = useRecordForm(organisation, toValues);
  const { values, setField } = form;
  const create = useCreateOrganisation({ onSuccess: onDone });
  const update = useUpdateOrganisation({
    onSuccess: (saved) => {
      form.reset(saved);
      onDone();
    },
  });
  const mutation = organisation ? update : create;
  // A conflict shows the organisation as it is now, in the form and in the registry's cache.
  const save = useSaveForm({
    mutation,
    record: OrganisationSchema,
    version: organisation?.version,
    onReload: (current) => {
      queryClient.setQueryData(registryKeys.organisation(current.id), current);
      form.reset(current);
      save.clearErrors();
    },
  });
  const { errors } = save;
  const text = (k: 'name' | 'city' | 'contactEmail' | 'contactPhone' | 'description') => (e: { target: { value: string } }) =>
    setField(k, e.target.value);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (organisation) {
      save.save(UpdateOrganisationInput, { ...fieldsOf(values), version: form.base?.version ?? organisation.version }, (input) =>
        update.mutate({ id: organisation.id, input }),
      );
      return;
    }
    save.save(CreateOrganisationInput, { projectId, ...fieldsOf(values) }, (input) => create.mutate(input));
  };

  return (
    <form className="form inline-panel" onSubmit={submit} noValidate>
      <FormAlerts form={save} />
      <div className="form-grid">
        <Field label={t('registry.fields.name')} error={errors.name} required>
          <Input value={values.name} onChange={text('name')} />
        </Field>
        <Field label={t('registry.organisations.type')} error={errors.type}>
          <Select value={values.type} onChange={(e) => setField('type', e.target.value)}>
            <Options values={ORGANISATION_TYPES} label={(o) => t(`registry.orgType.${o}`)} />
          </Select>
        </Field>
        <Field label={t('registry.fields.country')} error={errors.country} required>
          <Select value={values.country} onChange={(e) => setField('country', e.target.value)}>
            <CountryOptions locale={locale} none={t('common.notSet')} />
          </Select>
        </Field>
        <Field label={t('registry.fields.city')} error={errors.city}>
          <Input value={values.city} onChange={text('city')} />
        </Field>
        <Field label={t('registry.organisations.contactEmail')} error={errors.contactEmail}>
          <Input type="email" value={values.contactEmail} onChange={text('contactEmail')} />
        </Field>
        <Field label={t('registry.organisations.contactPhone')} error={errors.contactPhone}>
          <Input type="tel" value={values.contactPhone} onChange={text('contactPhone')} />
        </Field>
      </div>
      <ContactPersonPicker
        projectId={projectId}
        value={values.contactPerson}
        onChange={(p) => setField('contactPerson', p)}
        error={errors.contactPersonId}
      />
      <Field label={t('registry.organisations.description')} error={errors.description}>
        <Input value={values.description} onChange={text('description')} />
      </Field>
      <FormActions onCancel={onDone} busy={mutation.isPending}>
        {organisation ? t('common.saveChanges') : t('registry.organisations.add')}
      </FormActions>
    </form>
  );
}
