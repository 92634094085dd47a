import { useId, useRef, useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { DIMENSION_PARTS, isDisaggregationComplete } from '@shared/calc/disaggregation';
import type { DisaggregationDimension } from '@shared/enums';
import type { Indicator } from '@shared/schemas/indicator';
import type { Period } from '@shared/schemas/indicator-period';
import { IndicatorValueSchema, RecordValueInput, UpdateValueInput, valueShapeIssues, type IndicatorValue } from '@shared/schemas/indicator-value';
import { Button } from '@/components/ui/button';
import { ConflictNotice } from '@/components/ui/conflict-notice';
import { ErrorBanner } from '@/components/ui/error-banner';
import { Field, Fieldset, Input, Select, Textarea } from '@/components/ui/field';
import { isApiError } from '@/lib/api-client';
import { toFieldErrors, zodFieldErrors, type FieldErrors } from '@/lib/errors';
import { describeSaveError } from '@/lib/save-errors';
import { useFocusFirstError } from '@/lib/use-focus-first-error';
import { useRecordForm } from '@/lib/use-record-form';
import { indicatorsKeys } from '../api/query-keys';
import { useSaveValue, type SaveValueArgs } from '../api/save-value';
import { useTransitionValue } from '../api/transition-value';
import { checkDimension, DisaggregationGrid, toDisaggregation, type PartsDraft } from './disaggregation-grid';
import { parseDecimal } from './indicator-form';

type Values = {
  /** A percentage is given directly or as numerator and denominator. */
  mode: 'value' | 'ratio';
  value: string;
  numerator: string;
  denominator: string;
  narrative: string;
  score: string;
  comment: string;
  parts: PartsDraft;
};

const text = (n: number | null | undefined) => (n === null || n === undefined ? '' : String(n));

function toValues(v: IndicatorValue | undefined): Values {
  const isRatio = v !== undefined && v.numerator !== null && v.denominator !== null;
  const parts: PartsDraft = {};
  for (const d of Object.keys(DIMENSION_PARTS) as DisaggregationDimension[]) {
    const stored = v?.disaggregation?.[d];
    if (stored) parts[d] = Object.fromEntries(DIMENSION_PARTS[d].map((p) => [p, text(stored[p])]));
  }
  return {
    mode: isRatio ? 'ratio' : 'value',
    value: isRatio ? '' : text(v?.value),
    numerator: text(v?.numerator),
    denominator: text(v?.denominator),
    narrative: v?.narrative ?? '',
    score: text(v?.score),
    comment: v?.comment ?? '',
    parts,
  };
}

type Measurement = { value?: number; numerator?: number; denominator?: number; narrative?: string; score?: number };

function measurementOf(measure: Indicator['measure'], v: Values): Measurement {
  const num = (s: string) => parseDecimal(s) ?? undefined;
  if (measure === 'qualitative') {
    const narrative = v.narrative.trim();
    return { ...(narrative ? { narrative } : {}), ...(v.score ? { score: Number(v.score) } : {}) };
  }
  if (measure === 'percentage' && v.mode === 'ratio') {
    const numerator = num(v.numerator);
    const denominator = num(v.denominator);
    return { ...(numerator !== undefined ? { numerator } : {}), ...(denominator !== undefined ? { denominator } : {}) };
  }
  const value = num(v.value);
  return value !== undefined ? { value } : {};
}

type ValueEntryFormProps = {
  indicator: Pick<Indicator, 'id' | 'measure' | 'unit' | 'disaggregations' | 'code' | 'title'>;
  period: Period;
  /** Called after a save or a submission, e.g. to refresh the framework. */
  onChanged?: (value: IndicatorValue) => void;
};

/**
 * The value of one indicator for one period: a number, a percentage (or numerator and
 * denominator), or a narrative with an optional score; its breakdown; a comment. Saves
 * a draft or submits it for approval. On a failed save what was typed stays.
 */
export function ValueEntryForm({ indicator, period, onChanged }: ValueEntryFormProps) {
  const { t } = useTranslation();
  const id = useId();
  const ref = useRef<HTMLFormElement>(null);
  const queryClient = useQueryClient();
  // The newest version known here: the period's (refetched) value, or one this form saved or reloaded.
  const [known, setKnown] = useState<IndicatorValue | undefined>(undefined);
  const fromPeriod = period.value ?? undefined;
  const record = known && (!fromPeriod || (known.id === fromPeriod.id && known.version > fromPeriod.version)) ? known : fromPeriod;
  const form = useRecordForm(record, toValues);
  const { values, setField } = form;
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [done, setDone] = useState<'saved' | 'submitted' | null>(null);
  const [attempt, setAttempt] = useState(0);
  const save = useSaveValue();
  const transition = useTransitionValue();
  const error = save.error ?? transition.error;
  const saveError = describeSaveError(t, error);
  const valueConflict = isApiError(error) && error.code === 'CONFLICT' && !error.issues.length;
  const errors: FieldErrors = { ...saveError.fieldErrors, ...clientErrors };
  const busy = save.isPending || transition.isPending;
  useFocusFirstError(ref, attempt > 0 && (Object.keys(errors).length > 0 || error) ? `${attempt}:${save.status}:${transition.status}` : '');

  const { measure } = indicator;
  const configured = indicator.disaggregations;
  const measurement = measurementOf(measure, values);
  const total = measure === 'number' ? (measurement.value ?? null) : null;

  const edit = <K extends keyof Values>(key: K, value: Values[K]) => {
    setField(key, value);
    setDone(null);
  };
  const editPart = (dimension: DisaggregationDimension, part: string, typed: string) => {
    edit('parts', { ...values.parts, [dimension]: { ...values.parts[dimension], [part]: typed } });
  };

  /** The request body, or null after showing what has to be fixed first. */
  const buildArgs = (): SaveValueArgs | null => {
    const issues: FieldErrors = toFieldErrors(t, valueShapeIssues(measure, measurement));
    if (measurement.denominator !== undefined && measurement.denominator <= 0) issues.denominator = t('dataEntry.denominatorPositive');
    for (const d of configured) {
      const kind = checkDimension(total, values.parts[d], d).kind;
      if (kind === 'invalid' || kind === 'exceeds' || kind === 'needsTotal') issues[`disaggregation.${d}`] = t('dataEntry.grid.fixFirst');
    }
    const disaggregation = toDisaggregation(values.parts, configured);
    const complete = isDisaggregationComplete(total, disaggregation, configured);
    const comment = values.comment.trim();
    const current = form.base;
    if (Object.keys(issues).length === 0) {
      const parsed = current
        ? UpdateValueInput.safeParse({ version: current.version, ...measurement, disaggregation, comment, complete })
        : RecordValueInput.safeParse({ ...measurement, ...(disaggregation ? { disaggregation } : {}), comment, complete });
      if (parsed.success) {
        setClientErrors({});
        return current
          ? { kind: 'update', id: current.id, input: parsed.data as UpdateValueInput }
          : { kind: 'record', periodId: period.id, input: parsed.data as RecordValueInput };
      }
      Object.assign(issues, zodFieldErrors(t, parsed.error.issues));
    }
    setClientErrors(issues);
    return null;
  };

  const run = async (andSubmit: boolean) => {
    setAttempt((n) => n + 1);
    setDone(null);
    save.reset();
    transition.reset();
    const needsSave = !form.base || form.dirty || !andSubmit;
    let saved: IndicatorValue | undefined = form.base;
    try {
      if (needsSave) {
        const args = buildArgs();
        if (!args) return;
        saved = await save.mutateAsync(args);
        setKnown(saved);
        form.reset(saved);
      }
      if (andSubmit && saved) {
        saved = await transition.mutateAsync({ action: 'submit', id: saved.id, version: saved.version });
        setKnown(saved);
        form.reset(saved);
      }
      setDone(andSubmit ? 'submitted' : 'saved');
      if (saved) onChanged?.(saved);
    } catch {
      // The mutation keeps the error; the form shows it and keeps what was typed.
    }
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(false);
  };

  const reload = () => {
    const current = isApiError(error) ? error.current(IndicatorValueSchema) : null;
    if (current) {
      setKnown(current);
      form.reset(current);
    } else {
      setKnown(undefined);
      form.reset(undefined);
    }
    save.reset();
    transition.reset();
    void queryClient.invalidateQueries({ queryKey: indicatorsKeys.detail(indicator.id) });
  };

  const gridErrors = Object.fromEntries(configured.map((d) => [d, errors[`disaggregation.${d}`]]).filter(([, m]) => m)) as Partial<
    Record<DisaggregationDimension, string>
  >;
  const unit = indicator.unit ? ` (${indicator.unit})` : '';

  return (
    <form className="form value-form" onSubmit={submit} noValidate ref={ref} aria-label={t('dataEntry.formLabel', { code: indicator.code })}>
      {saveError.isConflict || valueConflict ? <ConflictNotice onReload={reload} /> : null}
      {saveError.banner && !valueConflict ? (
        isApiError(saveError.banner) && saveError.banner.code === 'PERIOD_LOCKED' ? (
          <ErrorBanner title={t('dataEntry.lockedTitle')} error={saveError.banner} />
        ) : (
          <ErrorBanner error={saveError.banner} />
        )
      ) : null}

      {measure === 'qualitative' ? (
        <div className="form-grid">
          <Field label={t('dataEntry.narrative')} error={errors.narrative} hint={t('dataEntry.narrativeHint')} required className="field-wide">
            <Textarea rows={3} value={values.narrative} onChange={(e) => edit('narrative', e.target.value)} maxLength={5000} />
          </Field>
          <Field label={t('dataEntry.score')} error={errors.score} hint={t('dataEntry.scoreHint')}>
            <Select value={values.score} onChange={(e) => edit('score', e.target.value)}>
              <option value="">{t('dataEntry.noScore')}</option>
              {[1, 2, 3, 4, 5].map((s) => (
                <option key={s} value={String(s)}>
                  {String(s)}
                </option>
              ))}
            </Select>
          </Field>
        </div>
      ) : null}

      {measure === 'percentage' ? (
        <Fieldset legend={t('dataEntry.percentAs')}>
          <div className="check-list check-list-inline">
            {(['value', 'ratio'] as const).map((mode) => (
              <label key={mode} className="check">
                <input type="radio" name={`${id}-mode`} checked={values.mode === mode} onChange={() => edit('mode', mode)} />
                <span>{t(`dataEntry.mode.${mode}`)}</span>
              </label>
            ))}
          </div>
        </Fieldset>
      ) : null}

      {measure !== 'qualitative' && (measure === 'number' || values.mode === 'value') ? (
        <div className="form-grid form-grid-narrow">
          <Field label={measure === 'percentage' ? t('dataEntry.percentValue') : `${t('dataEntry.value')}${unit}`} error={errors.value} required>
            <Input inputMode="decimal" value={values.value} onChange={(e) => edit('value', e.target.value)} />
          </Field>
        </div>
      ) : null}

      {measure === 'percentage' && values.mode === 'ratio' ? (
        <div className="form-grid form-grid-narrow">
          <Field label={t('dataEntry.numerator')} error={errors.numerator} required>
            <Input inputMode="decimal" value={values.numerator} onChange={(e) => edit('numerator', e.target.value)} />
          </Field>
          <Field label={t('dataEntry.denominator')} error={errors.denominator} required>
            <Input inputMode="decimal" value={values.denominator} onChange={(e) => edit('denominator', e.target.value)} />
          </Field>
        </div>
      ) : null}

      {configured.length > 0 ? (
        <DisaggregationGrid configured={configured} total={total} draft={values.parts} onChange={editPart} errors={gridErrors} />
      ) : null}

      <Field label={t('dataEntry.comment')} error={errors.comment} hint={t('dataEntry.commentHint')}>
        <Textarea rows={2} value={values.comment} onChange={(e) => edit('comment', e.target.value)} maxLength={5000} />
      </Field>

      <div className="form-actions">
        <span className="form-status" role="status">
          {done === 'saved' ? t('dataEntry.saved') : done === 'submitted' ? t('dataEntry.submitted') : ''}
        </span>
        <Button type="submit" busy={save.isPending && !transition.isPending} disabled={busy}>
          {t('dataEntry.saveDraft')}
        </Button>
        <Button variant="primary" busy={transition.isPending} disabled={busy} onClick={() => void run(true)}>
          {t('dataEntry.submit')}
        </Button>
      </div>
    </form>
  );
}
