import { useRef, useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { todayIso } from '@shared/calc/dates';
import { PARTICIPANT_GROUPS, REGISTRY_SECTORS, SEXES } from '@shared/enums';
import { CreatePersonInput, PersonSchema, UpdatePersonInput, type Organisation, type Person } from '@shared/schemas/registry';
import { Button } from '@/components/ui/button';
import { ConflictNotice } from '@/components/ui/conflict-notice';
import { ErrorBanner } from '@/components/ui/error-banner';
import { Field, Fieldset, Input, Select, Textarea } from '@/components/ui/field';
import { MultiSelect } from '@/components/ui/multi-select';
import { isApiError } from '@/lib/api-client';
import { zodFieldErrors, type FieldErrors } from '@/lib/errors';
import { countryOptions } from '@/lib/format';
import { currentLocale } from '@/lib/i18n';
import { describeSaveError } from '@/lib/save-errors';
import { useFocusFirstError } from '@/lib/use-focus-first-error';
import { useRecordForm } from '@/lib/use-record-form';
import { useCreatePerson } from '../api/create-person';
import { registryKeys } from '../api/query-keys';
import { useUpdatePerson } from '../api/update-person';

export type PersonValues = {
  name: string;
  sex: string;
  birthYear: string;
  country: string;
  city: string;
  yearsAbroad: string;
  occupation: string;
  sectors: string[];
  skills: string;
  languages: string;
  email: string;
  phone: string;
  group: string;
  organisationIds: string[];
  notes: string;
  consentGiven: boolean;
  consentPurpose: string;
  consentNotice: string;
  consentDate: string;
};

export function toPersonValues(p: Person | undefined): PersonValues {
  return {
    name: p?.name ?? '',
    sex: p?.sex ?? 'not_stated',
    birthYear: p?.birthYear === null || p?.birthYear === undefined ? '' : String(p.birthYear),
    country: p?.country ?? '',
    city: p?.city ?? '',
    yearsAbroad: p?.yearsAbroad === null || p?.yearsAbroad === undefined ? '' : String(p.yearsAbroad),
    occupation: p?.occupation ?? '',
    sectors: p?.sectors ?? [],
    skills: (p?.skills ?? []).join(', '),
    languages: (p?.languages ?? []).join(', '),
    email: p?.email ?? '',
    phone: p?.phone ?? '',
    group: p?.group ?? '',
    organisationIds: (p?.organisationIds ?? []).map(String),
    notes: p?.notes ?? '',
    consentGiven: false,
    consentPurpose: '',
    consentNotice: '',
    consentDate: todayIso(),
  };
}

const whole = (s: string) => (s.trim() === '' ? null : /^\d+$/.test(s.trim()) ? Number(s.trim()) : Number.NaN);
const list = (s: string) =>
  s
    .split(/[,;]/)
    .map((v) => v.trim())
    .filter(Boolean);

/** The fields of a person as the API takes them (the shared schema checks them). */
export function personFieldsOf(v: PersonValues) {
  return {
    name: v.name,
    sex: v.sex,
    birthYear: whole(v.birthYear),
    country: v.country || null,
    city: v.city,
    yearsAbroad: whole(v.yearsAbroad),
    occupation: v.occupation,
    sectors: v.sectors,
    skills: list(v.skills),
    languages: list(v.languages),
    email: v.email.trim() || null,
    phone: v.phone.trim() || null,
    group: v.group || null,
    organisationIds: v.organisationIds.map(Number),
    notes: v.notes,
  };
}

type PersonFormProps = {
  projectId: number;
  organisations: Organisation[];
  /** Absent when adding a person. */
  person?: Person;
  onSaved: (person: Person) => void;
  onCancel: () => void;
};

/** Adds or edits a person; a stale save (409) keeps what was typed and offers the latest version. */
export function PersonForm({ projectId, organisations, person, onSaved, onCancel }: PersonFormProps) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const queryClient = useQueryClient();
  const form = useRecordForm(person, toPersonValues);
  const { values, setField } = form;
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const create = useCreatePerson({ onSuccess: onSaved });
  const update = useUpdatePerson({
    onSuccess: (saved) => {
      form.reset(saved);
      onSaved(saved);
    },
  });
  const mutation = person ? update : create;
  const saveError = describeSaveError(t, mutation.error);
  const errors: FieldErrors = { ...saveError.fieldErrors, ...clientErrors };
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstError(formRef, [saveError.isConflict ? 'conflict' : '', mutation.failureCount, ...Object.keys(errors)].join(' ').trim());

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const fields = personFieldsOf(values);
    if (person) {
      const parsed = UpdatePersonInput.safeParse({ ...fields, version: form.base?.version ?? person.version });
      if (!parsed.success) return setClientErrors(zodFieldErrors(t, parsed.error.issues));
      setClientErrors({});
      update.mutate({ id: person.id, input: parsed.data });
      return;
    }
    const consent = values.consentGiven ? { purpose: values.consentPurpose, noticeVersion: values.consentNotice, givenOn: values.consentDate } : undefined;
    const parsed = CreatePersonInput.safeParse({ projectId, ...fields, ...(consent ? { consent } : {}) });
    if (!parsed.success) return setClientErrors(zodFieldErrors(t, parsed.error.issues));
    setClientErrors({});
    create.mutate(parsed.data);
  };

  const reload = () => {
    const current = isApiError(mutation.error) ? mutation.error.current(PersonSchema) : null;
    if (current) {
      queryClient.setQueryData(registryKeys.person(current.id), current);
      form.reset(current);
    } else if (person) {
      void queryClient.invalidateQueries({ queryKey: registryKeys.person(person.id) });
    }
    mutation.reset();
    setClientErrors({});
  };

  const text = (key: 'name' | 'city' | 'occupation' | 'email' | 'phone' | 'birthYear' | 'yearsAbroad' | 'skills' | 'languages', extra: { hint?: string; required?: boolean; type?: string; inputMode?: 'numeric' } = {}) => (
    <Field label={t(`registry.fields.${key}`)} error={errors[key]} hint={extra.hint} required={extra.required}>
      <Input type={extra.type ?? 'text'} inputMode={extra.inputMode} autoComplete="off" value={values[key]} onChange={(e) => setField(key, e.target.value)} />
    </Field>
  );

  return (
    <form ref={formRef} className="form person-form" onSubmit={submit} noValidate>
      {saveError.isConflict ? <ConflictNotice onReload={reload} /> : null}
      {saveError.banner ? <ErrorBanner error={saveError.banner} /> : null}
      <div className="form-grid">
        {text('name', { required: true })}
        <Field label={t('registry.fields.sex')} error={errors.sex}>
          <Select value={values.sex} onChange={(e) => setField('sex', e.target.value)}>
            {SEXES.map((s) => (
              <option key={s} value={s}>
                {t(`registry.sex.${s}`)}
              </option>
            ))}
          </Select>
        </Field>
        {text('birthYear', { inputMode: 'numeric' })}
        <Field label={t('registry.fields.group')} error={errors.group}>
          <Select value={values.group} onChange={(e) => setField('group', e.target.value)}>
            <option value="">{t('common.notSet')}</option>
            {PARTICIPANT_GROUPS.map((g) => (
              <option key={g} value={g}>
                {t(`registry.group.${g}`)}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t('registry.fields.country')} error={errors.country}>
          <Select value={values.country} onChange={(e) => setField('country', e.target.value)}>
            <option value="">{t('common.notSet')}</option>
            {countryOptions(locale).map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </Select>
        </Field>
        {text('city')}
        {text('yearsAbroad', { inputMode: 'numeric' })}
        {text('occupation')}
        {text('email', { type: 'email' })}
        {text('phone', { type: 'tel' })}
        {text('skills', { hint: t('registry.form.listHint') })}
        {text('languages', { hint: t('registry.form.languagesHint') })}
      </div>
      <MultiSelect
        legend={t('registry.fields.sectors')}
        options={REGISTRY_SECTORS.map((s) => ({ value: s, label: t(`registry.sector.${s}`) }))}
        selected={values.sectors}
        onChange={(v) => setField('sectors', v)}
        error={errors.sectors}
      />
      {organisations.length ? (
        <MultiSelect
          legend={t('registry.fields.organisations')}
          options={organisations.map((o) => ({ value: String(o.id), label: o.name }))}
          selected={values.organisationIds}
          onChange={(v) => setField('organisationIds', v)}
          error={errors.organisationIds}
        />
      ) : null}
      <Field label={t('registry.fields.notes')} error={errors.notes}>
        <Textarea rows={3} value={values.notes} onChange={(e) => setField('notes', e.target.value)} />
      </Field>
      {person ? null : (
        <Fieldset legend={t('registry.consent.atCreation')} hint={t('registry.consent.atCreationHint')}>
          <label className="check">
            <input type="checkbox" checked={values.consentGiven} onChange={(e) => setField('consentGiven', e.target.checked)} />
            <span>{t('registry.consent.given')}</span>
          </label>
          {values.consentGiven ? (
            <div className="form-grid">
              <Field label={t('registry.consent.purpose')} error={errors['consent.purpose']} required>
                <Input value={values.consentPurpose} onChange={(e) => setField('consentPurpose', e.target.value)} />
              </Field>
              <Field label={t('registry.consent.noticeVersion')} error={errors['consent.noticeVersion']} required>
                <Input value={values.consentNotice} onChange={(e) => setField('consentNotice', e.target.value)} />
              </Field>
              <Field label={t('registry.consent.date')} error={errors['consent.givenOn']} required>
                <Input type="date" value={values.consentDate} onChange={(e) => setField('consentDate', e.target.value)} />
              </Field>
            </div>
          ) : null}
        </Fieldset>
      )}
      <div className="form-actions">
        <Button onClick={onCancel}>{t('common.cancel')}</Button>
        <Button type="submit" variant="primary" busy={mutation.isPending}>
          {person ? t('common.saveChanges') : t('registry.people.add')}
        </Button>
      </div>
    </form>
  );
}
