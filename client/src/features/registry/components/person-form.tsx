import { useRef, useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { todayIso } from '@shared/calc/dates';
import { PARTICIPANT_GROUPS, REGISTRY_SECTORS, SEXES } from '@shared/enums';
import { CreatePersonInput, PersonSchema, UpdatePersonInput, type DuplicateMatch, type Person } from '@shared/schemas/registry';
import type { Organisation } from '@shared/schemas/registry-organisation';
import { ConflictNotice } from '@/components/ui/conflict-notice';
import { ErrorBanner, Notice } from '@/components/ui/error-banner';
import { Field, Fieldset, Input, Options, Select, Textarea } from '@/components/ui/field';
import { MultiSelect } from '@/components/ui/multi-select';
import { FormActions } from '@/components/form/form-actions';
import { CountryOptions } from '@/components/ui/country-options';
import { isApiError } from '@/lib/api-client';
import { zodFieldErrors, type FieldErrors } from '@/lib/errors';
import { currentLocale } from '@/lib/i18n';
import { describeSaveError } from '@/lib/save-errors';
import { useFocusFirstError } from '@/lib/use-focus-first-error';
import { useRecordForm } from '@/lib/use-record-form';
import { useCheckDuplicates } from '@/lib/registry-people';
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
  /** Where a possible duplicate's record opens. */
  personHref?: (id: number) => string;
};

/** What duplicate detection compares: name (in either script), birth year, country, e-mail. */
type Identity = { name: string; birthYear: number | null; country: string | null; email: string | null };
const identityOf = (p: Identity) => JSON.stringify([p.name.trim(), p.birthYear, p.country, p.email?.trim().toLowerCase() ?? null]);

/**
 * Adds or edits a person; a stale save (409) keeps what was typed and offers the latest
 * version. Before a new person is saved, or a person's name, birth year, country or
 * e-mail changes, the registry is asked for possible duplicates (the same name in
 * Cyrillic or Latin letters included); saving again with the same details goes ahead.
 */
export function PersonForm({ projectId, organisations, person, onSaved, onCancel, personHref }: PersonFormProps) {
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
  const duplicateCheck = useCheckDuplicates();
  const [warning, setWarning] = useState<{ identity: string; items: DuplicateMatch[] } | null>(null);
  // A warning holds while the details it was about stay as they are.
  const fields = personFieldsOf(values);
  const shownWarning = warning && warning.identity === identityOf(fields) ? warning : null;
  const saveError = describeSaveError(t, mutation.error);
  const errors: FieldErrors = { ...saveError.fieldErrors, ...clientErrors };
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstError(formRef, [saveError.isConflict ? 'conflict' : '', mutation.failureCount, ...Object.keys(errors)].join(' ').trim());

  /**
   * Saves at once, unless the identity is new (a new person, or changed details) and was
   * not yet checked: then asks for duplicates first, and stops to show any it finds.
   */
  const saveUnlessDuplicate = async (identity: Identity, save: () => void) => {
    const key = identityOf(identity);
    const unchanged = person !== undefined && key === identityOf(person);
    if (unchanged || warning?.identity === key) return save();
    const found = await duplicateCheck.mutateAsync({ projectId, ...identity, ...(person ? { personId: person.id } : {}) }).catch(() => null);
    // The check is a courtesy: when it fails, the save goes ahead and the server still validates.
    if (found && found.items.length > 0) return setWarning({ identity: key, items: found.items });
    setWarning(null);
    save();
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (person) {
      const parsed = UpdatePersonInput.safeParse({ ...fields, version: form.base?.version ?? person.version });
      if (!parsed.success) return setClientErrors(zodFieldErrors(t, parsed.error.issues));
      setClientErrors({});
      void saveUnlessDuplicate(
        {
          name: parsed.data.name ?? person.name,
          birthYear: parsed.data.birthYear ?? null,
          country: parsed.data.country ?? null,
          email: parsed.data.email ?? null,
        },
        () => update.mutate({ id: person.id, input: parsed.data }),
      );
      return;
    }
    const consent = values.consentGiven
      ? { purpose: values.consentPurpose, noticeVersion: values.consentNotice, givenOn: values.consentDate }
      : undefined;
    const parsed = CreatePersonInput.safeParse({ projectId, ...fields, ...(consent ? { consent } : {}) });
    if (!parsed.success) return setClientErrors(zodFieldErrors(t, parsed.error.issues));
    setClientErrors({});
    void saveUnlessDuplicate(parsed.data, () => create.mutate(parsed.data));
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

  const text = (
    key: 'name' | 'city' | 'occupation' | 'email' | 'phone' | 'birthYear' | 'yearsAbroad' | 'skills' | 'languages',
    extra: { hint?: string; required?: boolean; type?: string; inputMode?: 'numeric' } = {},
  ) => (
    <Field label={t(`registry.fields.${key}`)} error={errors[key]} hint={extra.hint} required={extra.required}>
      <Input
        type={extra.type ?? 'text'}
        inputMode={extra.inputMode}
        autoComplete="off"
        value={values[key]}
        onChange={(e) => setField(key, e.target.value)}
      />
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
            <Options values={SEXES} label={(s) => t(`registry.sex.${s}`)} />
          </Select>
        </Field>
        {text('birthYear', { inputMode: 'numeric' })}
        <Field label={t('registry.fields.group')} error={errors.group}>
          <Select value={values.group} onChange={(e) => setField('group', e.target.value)}>
            <option value="">{t('common.notSet')}</option>
            <Options values={PARTICIPANT_GROUPS} label={(g) => t(`registry.group.${g}`)} />
          </Select>
        </Field>
        <Field label={t('registry.fields.country')} error={errors.country}>
          <Select value={values.country} onChange={(e) => setField('country', e.target.value)}>
            <CountryOptions locale={locale} none={t('common.notSet')} />
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
      {shownWarning ? (
        <Notice tone="warning" role="alert">
          <p>
            <strong>{t('registry.people.duplicatesTitle')}</strong>
          </p>
          <ul className="plain-list">
            {shownWarning.items.map((d) => (
              <li key={d.personId ?? d.name}>
                {d.personId !== null && personHref ? <Link to={personHref(d.personId)}>{d.name}</Link> : d.name}{' '}
                <span className="muted small">({t(`registry.import.reason.${d.reason}`)})</span>
              </li>
            ))}
          </ul>
          <p className="small">{t('registry.people.duplicatesHint')}</p>
        </Notice>
      ) : null}
      <FormActions onCancel={onCancel} busy={mutation.isPending || duplicateCheck.isPending}>
        {shownWarning ? t('registry.people.saveAnyway') : person ? t('common.saveChanges') : t('registry.people.add')}
      </FormActions>
    </form>
  );
}
