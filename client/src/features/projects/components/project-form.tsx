import { useMemo, useRef, useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { COVERAGES, PROJECT_STATUSES, PROJECT_TYPES, REGIONS } from '@shared/enums';
import { CURRENCY_CODES } from '@shared/money';
import { CreateProjectInput, ProjectSchema, type Project } from '@shared/schemas/project';
import { ConflictNotice } from '@/components/ui/conflict-notice';
import { ErrorBanner, Notice } from '@/components/ui/error-banner';
import { Field, Input, Options, Select, Textarea } from '@/components/ui/field';
import { MultiSelect } from '@/components/ui/multi-select';
import { FormActions } from '@/components/form/form-actions';
import { isApiError } from '@/lib/api-client';
import { zodFieldErrors, type FieldErrors } from '@/lib/errors';
import { countryOptions, currencyName } from '@/lib/format';
import { currentLocale } from '@/lib/i18n';
import { describeSaveError } from '@/lib/save-errors';
import { useFocusFirstError } from '@/lib/use-focus-first-error';
import { useRecordForm } from '@/lib/use-record-form';
import { useCreateProject } from '../api/create-project';
import { projectsKeys } from '../api/query-keys';
import { useUpdateProject } from '../api/update-project';

type Values = {
  code: string;
  title: string;
  description: string;
  goal: string;
  status: string;
  type: string;
  region: string;
  memberStates: string[];
  coverage: string;
  startYear: string;
  endYear: string;
  plannedStart: string;
  plannedEnd: string;
  budgetAmount: string;
  budgetCurrency: string;
  implementingOrg: string;
  funder: string;
};

function toValues(p: Project | undefined): Values {
  const year = String(new Date().getFullYear());
  return {
    code: p?.code ?? '',
    title: p?.title ?? '',
    description: p?.description ?? '',
    goal: p?.goal ?? '',
    status: p?.status ?? 'pipeline',
    type: p?.type ?? 'community_economic_development',
    region: p?.region ?? 'asia_oceania',
    memberStates: p?.memberStates ?? [],
    coverage: p?.coverage ?? 'national',
    startYear: p ? String(p.startYear) : year,
    endYear: p ? String(p.endYear) : year,
    plannedStart: p?.plannedStart ?? '',
    plannedEnd: p?.plannedEnd ?? '',
    budgetAmount: p?.budget.amount ?? '',
    budgetCurrency: p?.budget.currency ?? 'USD',
    implementingOrg: p?.implementingOrg ?? '',
    funder: p?.funder ?? '',
  };
}

/** Accepts 150000, 150 000.00, 150,000.50 or 150000,50 and returns a plain decimal. */
export function normaliseAmount(raw: string): string {
  const s = raw.replace(/[\s\u00a0\u202f_']/g, '');
  if (s.includes('.')) return s.replace(/,/g, '');
  return /^-?\d+,\d{1,3}$/.test(s) && !/^-?\d{1,3},\d{3}$/.test(s) ? s.replace(',', '.') : s.replace(/,/g, '');
}

function toYear(s: string): number {
  return /^\d{4}$/.test(s.trim()) ? Number(s.trim()) : Number.NaN;
}

function toInput(v: Values) {
  return {
    code: v.code,
    title: v.title,
    description: v.description,
    goal: v.goal,
    status: v.status,
    type: v.type,
    region: v.region,
    memberStates: v.memberStates,
    coverage: v.coverage,
    startYear: toYear(v.startYear),
    endYear: toYear(v.endYear),
    plannedStart: v.plannedStart || null,
    plannedEnd: v.plannedEnd || null,
    budget: { amount: normaliseAmount(v.budgetAmount), currency: v.budgetCurrency },
    implementingOrg: v.implementingOrg,
    funder: v.funder,
  };
}

type ProjectFormProps = {
  /** Absent when creating a project. */
  project?: Project;
  onSaved: (project: Project) => void;
  onCancel: () => void;
};

export function ProjectForm({ project, onSaved, onCancel }: ProjectFormProps) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const queryClient = useQueryClient();
  const form = useRecordForm(project, toValues);
  const { values, setField } = form;
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const createMutation = useCreateProject({ onSuccess: onSaved });
  const updateMutation = useUpdateProject({ onSuccess: onSaved });
  const mutation = project ? updateMutation : createMutation;
  const saveError = describeSaveError(t, mutation.error);
  const errors: FieldErrors = { ...saveError.fieldErrors, ...clientErrors };
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstError(formRef, [saveError.isConflict ? 'conflict' : '', mutation.failureCount, ...Object.keys(errors)].join(' ').trim());

  const countries = useMemo(() => countryOptions(locale).map((c) => ({ value: c.code, label: c.name })), [locale]);
  const currencies = useMemo(() => [...CURRENCY_CODES].sort().map((code) => ({ code, label: `${code} — ${currencyName(code, locale)}` })), [locale]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = CreateProjectInput.safeParse(toInput(values));
    if (!parsed.success) {
      setClientErrors(zodFieldErrors(t, parsed.error.issues));
      return;
    }
    setClientErrors({});
    if (project && form.base) {
      updateMutation.mutate({ id: project.id, input: { ...parsed.data, version: form.base.version } });
    } else {
      createMutation.mutate(parsed.data);
    }
  };

  const reloadLatest = () => {
    const current = isApiError(mutation.error) ? mutation.error.current(ProjectSchema) : null;
    if (current) {
      queryClient.setQueryData(projectsKeys.detail(current.id), current);
      form.reset(current);
    } else if (project) {
      void queryClient.invalidateQueries({ queryKey: projectsKeys.detail(project.id) });
      form.reset(undefined);
    }
    mutation.reset();
    setClientErrors({});
  };

  const hasFieldErrors = Object.keys(errors).length > 0;

  return (
    <form ref={formRef} className="form" onSubmit={submit} noValidate>
      {saveError.isConflict ? <ConflictNotice onReload={reloadLatest} /> : null}
      {saveError.banner ? <ErrorBanner error={saveError.banner} /> : null}
      {hasFieldErrors && !saveError.banner ? (
        <Notice tone="warning" role="alert">
          {t('common.fixFields')}
        </Notice>
      ) : null}

      <fieldset className="form-section">
        <legend>{t('projects.form.identity')}</legend>
        <div className="form-grid">
          <Field label={t('projects.fields.code')} error={errors.code} hint={t('projects.form.codeHint')} required>
            <Input value={values.code} onChange={(e) => setField('code', e.target.value)} autoComplete="off" />
          </Field>
          <Field label={t('projects.fields.status')} error={errors.status} required>
            <Select value={values.status} onChange={(e) => setField('status', e.target.value)}>
              <Options values={PROJECT_STATUSES} label={(s) => t(`enums.projectStatus.${s}`)} />
            </Select>
          </Field>
        </div>
        <Field label={t('projects.fields.title')} error={errors.title} required>
          <Input value={values.title} onChange={(e) => setField('title', e.target.value)} />
        </Field>
        <Field label={t('projects.fields.description')} error={errors.description}>
          <Textarea rows={4} value={values.description} onChange={(e) => setField('description', e.target.value)} />
        </Field>
        <Field label={t('projects.fields.goal')} error={errors.goal} hint={t('projects.form.goalHint')}>
          <Textarea rows={3} value={values.goal} onChange={(e) => setField('goal', e.target.value)} />
        </Field>
      </fieldset>

      <fieldset className="form-section">
        <legend>{t('projects.form.classification')}</legend>
        <div className="form-grid">
          <Field label={t('projects.fields.type')} error={errors.type} required>
            <Select value={values.type} onChange={(e) => setField('type', e.target.value)}>
              <Options values={PROJECT_TYPES} label={(s) => t(`enums.projectType.${s}`)} />
            </Select>
          </Field>
          <Field label={t('projects.fields.region')} error={errors.region} required>
            <Select value={values.region} onChange={(e) => setField('region', e.target.value)}>
              <Options values={REGIONS} label={(s) => t(`enums.region.${s}`)} />
            </Select>
          </Field>
          <Field label={t('projects.fields.coverage')} error={errors.coverage} required>
            <Select value={values.coverage} onChange={(e) => setField('coverage', e.target.value)}>
              <Options values={COVERAGES} label={(s) => t(`enums.coverage.${s}`)} />
            </Select>
          </Field>
        </div>
        <MultiSelect
          legend={t('projects.fields.memberStates')}
          options={countries}
          selected={values.memberStates}
          onChange={(next) => setField('memberStates', next)}
          error={errors.memberStates}
          required
        />
      </fieldset>

      <fieldset className="form-section">
        <legend>{t('projects.form.timeline')}</legend>
        <div className="form-grid form-grid-narrow">
          <Field label={t('projects.fields.startYear')} error={errors.startYear} required>
            <Input inputMode="numeric" maxLength={4} value={values.startYear} onChange={(e) => setField('startYear', e.target.value)} />
          </Field>
          <Field label={t('projects.fields.endYear')} error={errors.endYear} required>
            <Input inputMode="numeric" maxLength={4} value={values.endYear} onChange={(e) => setField('endYear', e.target.value)} />
          </Field>
          <Field label={t('projects.fields.plannedStart')} error={errors.plannedStart} hint={t('projects.form.exactDateHint')}>
            <Input type="date" value={values.plannedStart} onChange={(e) => setField('plannedStart', e.target.value)} />
          </Field>
          <Field label={t('projects.fields.plannedEnd')} error={errors.plannedEnd} hint={t('projects.form.exactDateHint')}>
            <Input type="date" value={values.plannedEnd} onChange={(e) => setField('plannedEnd', e.target.value)} />
          </Field>
        </div>
      </fieldset>

      <fieldset className="form-section">
        <legend>{t('projects.form.funding')}</legend>
        <div className="form-grid">
          <Field
            label={t('projects.fields.budgetAmount')}
            error={errors['budget.amount'] ?? errors.budget}
            hint={t('projects.form.amountHint')}
            required
          >
            <Input inputMode="decimal" value={values.budgetAmount} onChange={(e) => setField('budgetAmount', e.target.value)} />
          </Field>
          <Field label={t('projects.fields.currency')} error={errors['budget.currency']} required>
            <Select value={values.budgetCurrency} onChange={(e) => setField('budgetCurrency', e.target.value)}>
              {currencies.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.label}
                </option>
              ))}
            </Select>
          </Field>
        </div>
        <Field label={t('projects.fields.implementingOrg')} error={errors.implementingOrg}>
          <Input value={values.implementingOrg} onChange={(e) => setField('implementingOrg', e.target.value)} />
        </Field>
        <Field label={t('projects.fields.funder')} error={errors.funder}>
          <Input value={values.funder} onChange={(e) => setField('funder', e.target.value)} />
        </Field>
      </fieldset>

      <FormActions onCancel={onCancel} busy={mutation.isPending}>
        {project ? t('common.saveChanges') : t('projects.form.create')}
      </FormActions>
    </form>
  );
}
