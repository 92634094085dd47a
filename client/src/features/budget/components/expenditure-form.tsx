import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { EXPENDITURE_TYPES } from '@shared/calc/budget';
import { CURRENCY_CODES, type CurrencyCode } from '@shared/money';
import { EVIDENCE_MEDIA_TYPES } from '@shared/schemas/evidence';
import type { BudgetLine } from '@shared/schemas/budget';
import { CreateExpenditureInput, ExpenditureSchema, fxRateIssues, UpdateExpenditureInput, type Expenditure } from '@shared/schemas/budget-ledger';
import { FormAlerts } from '@/components/form/form-alerts';
import { useSaveForm } from '@/components/form/use-save-form';
import { ErrorBanner, Notice } from '@/components/ui/error-banner';
import { Field, Input, Options, RecordOptions, Select, Textarea } from '@/components/ui/field';
import { FormActions } from '@/components/form/form-actions';
import { toFieldErrors } from '@/lib/errors';
import { currencyName, formatMoney } from '@/lib/format';
import { currentLocale } from '@/lib/i18n';
import { useCreateExpenditure } from '../api/create-expenditure';
import { useUpdateExpenditure } from '../api/update-expenditure';
import { useUploadExpenditureEvidence } from '../api/upload-expenditure-evidence';
import { normaliseDecimal, previewConversion } from './money';

/** Currencies a Tajik diaspora project pays in most; the rest follow in code order. */
const COMMON = ['TJS', 'USD', 'RUB', 'EUR'];

type Values = {
  type: string;
  date: string;
  amount: string;
  currency: string;
  fxRate: string;
  budgetLineId: string;
  activityId: string;
  payee: string;
  reference: string;
  description: string;
  correction: boolean;
};

function toValues(e: Expenditure | undefined, projectCurrency: CurrencyCode): Values {
  return {
    type: e?.type ?? 'expenditure',
    date: e?.date ?? '',
    amount: e?.amount.amount ?? '',
    currency: e?.amount.currency ?? projectCurrency,
    fxRate: e && e.amount.currency !== projectCurrency ? e.fxRate : '',
    budgetLineId: e?.budgetLineId ? String(e.budgetLineId) : '',
    activityId: e?.activityId ? String(e.activityId) : '',
    payee: e?.payee ?? '',
    reference: e?.reference ?? '',
    description: e?.description ?? '',
    correction: e?.correction ?? false,
  };
}

type ExpenditureFormProps = {
  projectId: number;
  projectCurrency: CurrencyCode;
  lines: BudgetLine[];
  activities: { id: number; title: string }[];
  /** Absent when adding an entry. */
  entry?: Expenditure;
  onDone: (entry?: Expenditure) => void;
};

/**
 * A commitment or an expenditure. In another currency than the project's, the rate is
 * asked for and the converted amount is previewed exactly as the server will record it.
 */
export function ExpenditureForm({ projectId, projectCurrency, lines, activities, entry, onDone }: ExpenditureFormProps) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const previewId = useId();
  const [values, setValues] = useState<Values>(() => toValues(entry, projectCurrency));
  const [file, setFile] = useState<File | null>(null);
  const upload = useUploadExpenditureEvidence();
  const finish = async (saved: Expenditure) => {
    if (file) {
      try {
        await upload.mutateAsync({ expenditureId: saved.id, file });
      } catch {
        // The entry is saved; the upload error stays on screen with a way to try again from the ledger.
        return;
      }
    }
    onDone(saved);
  };
  const create = useCreateExpenditure({ onSuccess: (saved) => void finish(saved) });
  const update = useUpdateExpenditure({ onSuccess: (saved) => void finish(saved) });
  const form = useSaveForm({ mutation: entry ? update : create, record: ExpenditureSchema, version: entry?.version });
  const { errors } = form;

  const foreign = values.currency !== projectCurrency;
  const converted = previewConversion(values.amount, values.currency, values.fxRate, projectCurrency);
  const set = <K extends keyof Values>(k: K, v: Values[K]) => {
    setValues((prev) => ({ ...prev, [k]: v }));
    form.clearErrors();
  };
  const currencies = [...COMMON.filter((c) => (CURRENCY_CODES as string[]).includes(c)), ...CURRENCY_CODES.filter((c) => !COMMON.includes(c))];

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body = {
      type: values.type,
      date: values.date,
      amount: { amount: normaliseDecimal(values.amount), currency: values.currency },
      ...(foreign ? { fxRate: normaliseDecimal(values.fxRate) } : {}),
      budgetLineId: values.budgetLineId ? Number(values.budgetLineId) : null,
      activityId: values.activityId ? Number(values.activityId) : null,
      payee: values.payee,
      reference: values.reference,
      description: values.description,
      correction: values.correction,
    };
    const rateIssues = fxRateIssues(values.currency, foreign ? body.fxRate : null, projectCurrency);
    const also = toFieldErrors(
      t,
      rateIssues.map((i) => ({ ...i, message: t('budget.entry.rateNeeded', { project: projectCurrency, currency: values.currency }) })),
    );
    if (entry) {
      const raw = { ...body, fxRate: foreign ? body.fxRate : null, version: form.version };
      form.save(UpdateExpenditureInput, raw, (input) => update.mutate({ id: entry.id, input }), { also });
    } else {
      form.save(CreateExpenditureInput, body, (input) => create.mutate({ projectId, input }), { also });
    }
  };

  return (
    <form
      className="form expenditure-form"
      onSubmit={submit}
      noValidate
      aria-label={entry ? t('budget.entry.editTitle') : t('budget.entry.addTitle')}
    >
      <FormAlerts form={form} />
      {upload.isError ? <ErrorBanner title={t('budget.entry.uploadFailed')} error={upload.error} /> : null}
      <div className="form-grid">
        <Field label={t('budget.entry.fields.type')} error={errors.type} required>
          <Select value={values.type} onChange={(e) => set('type', e.target.value)}>
            <Options values={EXPENDITURE_TYPES} label={(k) => t(`budget.entryType.${k}`)} />
          </Select>
        </Field>
        <Field label={t('budget.entry.fields.date')} error={errors.date} required>
          <Input type="date" value={values.date} onChange={(e) => set('date', e.target.value)} />
        </Field>
        <Field label={t('budget.entry.fields.amount')} error={errors['amount.amount'] ?? errors.amount} hint={t('budget.entry.amountHint')} required>
          <Input inputMode="decimal" value={values.amount} onChange={(e) => set('amount', e.target.value)} />
        </Field>
        <Field label={t('budget.entry.fields.currency')} error={errors['amount.currency']} required>
          <Select value={values.currency} onChange={(e) => set('currency', e.target.value)}>
            <Options values={currencies} label={(c) => `${c} — ${currencyName(c, locale)}`} />
          </Select>
        </Field>
        {foreign ? (
          <Field
            label={t('budget.entry.fields.fxRate', { project: projectCurrency, currency: values.currency })}
            error={errors.fxRate}
            hint={t('budget.entry.rateHint', { project: projectCurrency, currency: values.currency })}
            required
          >
            <Input inputMode="decimal" value={values.fxRate} onChange={(e) => set('fxRate', e.target.value)} />
          </Field>
        ) : null}
      </div>
      {foreign ? (
        <p className="fx-preview" id={previewId} role="status" aria-live="polite">
          {converted
            ? t('budget.entry.preview', { amount: formatMoney(converted, locale), currency: projectCurrency })
            : t('budget.entry.previewPending', { currency: projectCurrency })}
        </p>
      ) : null}
      <div className="form-grid">
        <Field label={t('budget.entry.fields.budgetLineId')} error={errors.budgetLineId}>
          <Select value={values.budgetLineId} onChange={(e) => set('budgetLineId', e.target.value)}>
            <option value="">{t('budget.entry.noLine')}</option>
            {lines.map((l) => (
              <option key={l.id} value={l.id}>
                {l.code ? `${l.code} — ${l.title}` : l.title}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t('budget.entry.fields.activityId')} error={errors.activityId} hint={t('budget.entry.activityHint')}>
          <Select value={values.activityId} onChange={(e) => set('activityId', e.target.value)}>
            <option value="">{t('budget.entry.noActivity')}</option>
            <RecordOptions records={activities} label={(a) => a.title} />
          </Select>
        </Field>
        <Field label={t('budget.entry.fields.payee')} error={errors.payee}>
          <Input value={values.payee} onChange={(e) => set('payee', e.target.value)} maxLength={300} />
        </Field>
        <Field label={t('budget.entry.fields.reference')} error={errors.reference}>
          <Input value={values.reference} onChange={(e) => set('reference', e.target.value)} maxLength={100} />
        </Field>
      </div>
      <Field label={t('budget.entry.fields.description')} error={errors.description}>
        <Textarea rows={2} value={values.description} onChange={(e) => set('description', e.target.value)} maxLength={2000} />
      </Field>
      <label className="check">
        <input type="checkbox" checked={values.correction} onChange={(e) => set('correction', e.target.checked)} />
        <span>{t('budget.entry.fields.correction')}</span>
      </label>
      <Field label={t('budget.entry.fields.evidence')} hint={t('budget.entry.evidenceHint')}>
        <Input type="file" accept={EVIDENCE_MEDIA_TYPES.join(',')} onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
      </Field>
      {form.checkFailed ? (
        <Notice tone="warning" role="alert">
          {t('common.fixFields')}
        </Notice>
      ) : null}
      <FormActions onCancel={() => onDone()} busy={form.isPending || upload.isPending}>
        {entry ? t('common.saveChanges') : t('budget.entry.add')}
      </FormActions>
    </form>
  );
}
