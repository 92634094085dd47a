import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DISAGGREGATION_DIMENSIONS, INDICATOR_AGGREGATIONS, INDICATOR_DIRECTIONS, INDICATOR_MEASURES, REPORTING_FREQUENCIES } from '@shared/enums';
import type { DisaggregationDimension } from '@shared/enums';
import { CreateIndicatorInput, UpdateIndicatorInput, type Indicator } from '@shared/schemas/indicator';
import { IndicatorDetailSchema, type IndicatorDetail } from '@shared/schemas/indicator-summary';
import { FormAlerts } from '@/components/form/form-alerts';
import { useSaveForm } from '@/components/form/use-save-form';
import { Field, Fieldset, Input, Options, Select, Textarea } from '@/components/ui/field';
import { FormActions } from '@/components/form/form-actions';
import { useFocusFirstError } from '@/lib/use-focus-first-error';
import { useCreateIndicator } from '../api/create-indicator';
import { useUpdateIndicator } from '../api/update-indicator';

type Values = {
  title: string;
  definition: string;
  unit: string;
  measure: Indicator['measure'];
  direction: Indicator['direction'];
  aggregation: Indicator['aggregation'];
  baselineValue: string;
  baselineYear: string;
  baselineComment: string;
  targetValue: string;
  targetComment: string;
  frequency: Indicator['frequency'];
  disaggregations: DisaggregationDimension[];
  meansOfVerification: string;
  dataSource: string;
  responsible: string;
};

const numText = (n: number | null) => (n === null ? '' : String(n));

function toValues(i: Indicator | undefined, defaultFrequency: Indicator['frequency']): Values {
  return {
    title: i?.title ?? '',
    definition: i?.definition ?? '',
    unit: i?.unit ?? '',
    measure: i?.measure ?? 'number',
    direction: i?.direction ?? 'higher_is_better',
    aggregation: i?.aggregation ?? 'cumulative',
    baselineValue: numText(i?.baseline.value ?? null),
    baselineYear: numText(i?.baseline.year ?? null),
    baselineComment: i?.baseline.comment ?? '',
    targetValue: numText(i?.target.value ?? null),
    targetComment: i?.target.comment ?? '',
    frequency: i?.frequency ?? defaultFrequency,
    disaggregations: i?.disaggregations ?? [],
    meansOfVerification: i?.meansOfVerification ?? '',
    dataSource: i?.dataSource ?? '',
    responsible: i?.responsible ?? '',
  };
}

/** '' is "not given"; a comma is read as the decimal mark; anything else that is not a number stays NaN for the schema to refuse. */
export function parseDecimal(s: string): number | null {
  const trimmed = s.trim().replace(/\s/g, '').replace(',', '.');
  if (trimmed === '') return null;
  return /^-?\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

function toBody(v: Values) {
  return {
    title: v.title,
    definition: v.definition,
    unit: v.unit,
    measure: v.measure,
    direction: v.direction,
    aggregation: v.aggregation,
    baseline: { value: parseDecimal(v.baselineValue), year: parseDecimal(v.baselineYear), comment: v.baselineComment },
    target: { value: parseDecimal(v.targetValue), comment: v.targetComment },
    frequency: v.frequency,
    disaggregations: v.measure === 'number' ? v.disaggregations : [],
    meansOfVerification: v.meansOfVerification,
    dataSource: v.dataSource,
    responsible: v.responsible,
  };
}

type IndicatorFormProps = {
  /** Edit this indicator; without it a new one is created under `parent`. */
  indicator?: IndicatorDetail;
  projectId: number;
  parent?: { outcomeId: number | null; outputId: number | null };
  /** Names what the new indicator belongs to, e.g. "Output 1.2". */
  parentLabel?: string;
  onDone: (indicator: IndicatorDetail) => void;
  onCancel: () => void;
};

/** Every field of an indicator's definition, for creating or editing it. */
export function IndicatorForm({ indicator, projectId, parent, parentLabel, onDone, onCancel }: IndicatorFormProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const ref = useRef<HTMLFormElement>(null);
  const [values, setValues] = useState<Values>(() => toValues(indicator, 'quarterly'));
  const [attempt, setAttempt] = useState(0);
  const create = useCreateIndicator({ onSuccess: onDone });
  const update = useUpdateIndicator({ onSuccess: onDone });
  const mutation = indicator ? update : create;
  const form = useSaveForm({
    mutation,
    record: IndicatorDetailSchema,
    version: indicator?.version,
    // The definition someone else saved replaces what was typed, to edit from.
    onReload: (current) => setValues(toValues(current, current.frequency)),
  });
  const { errors } = form;
  useFocusFirstError(ref, attempt > 0 && (Object.keys(errors).length > 0 || mutation.isError) ? `${attempt}:${mutation.status}` : '');

  const set = <K extends keyof Values>(key: K, value: Values[K]) => setValues((v) => ({ ...v, [key]: value }));
  const toggleDimension = (d: DisaggregationDimension, on: boolean) =>
    set(
      'disaggregations',
      on ? DISAGGREGATION_DIMENSIONS.filter((x) => x === d || values.disaggregations.includes(x)) : values.disaggregations.filter((x) => x !== d),
    );

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setAttempt((n) => n + 1);
    const body = toBody(values);
    if (indicator) form.save(UpdateIndicatorInput, { ...body, version: form.version }, (input) => update.mutate({ id: indicator.id, input }));
    else {
      const raw = { ...body, outcomeId: parent?.outcomeId ?? null, outputId: parent?.outputId ?? null };
      form.save(CreateIndicatorInput, raw, (input) => create.mutate({ projectId, input }));
    }
  };

  const title = indicator ? t('indicators.form.editTitle', { code: indicator.code }) : t('indicators.form.newTitle', { parent: parentLabel ?? '' });

  return (
    <form className="form indicator-form inline-panel" onSubmit={submit} noValidate aria-labelledby={headingId} ref={ref}>
      <h4 className="subheading" id={headingId}>
        {title}
      </h4>
      <FormAlerts form={form} />

      <Field label={t('indicators.fields.title')} error={errors.title} required>
        <Input value={values.title} onChange={(e) => set('title', e.target.value)} maxLength={500} autoFocus />
      </Field>
      <Field label={t('indicators.fields.definition')} error={errors.definition} hint={t('indicators.form.definitionHint')}>
        <Textarea rows={3} value={values.definition} onChange={(e) => set('definition', e.target.value)} />
      </Field>
      <div className="form-grid">
        <Field label={t('indicators.fields.measure')} error={errors.measure} required>
          <Select
            value={values.measure}
            onChange={(e) => set('measure', e.target.value as Values['measure'])}
            disabled={indicator !== undefined && hasValues(indicator)}
          >
            <Options values={INDICATOR_MEASURES} label={(m) => t(`indicators.measure.${m}`)} />
          </Select>
        </Field>
        <Field label={t('indicators.fields.unit')} error={errors.unit} hint={t('indicators.form.unitHint')}>
          <Input value={values.unit} onChange={(e) => set('unit', e.target.value)} maxLength={100} />
        </Field>
        <Field label={t('indicators.fields.direction')} error={errors.direction} required>
          <Select value={values.direction} onChange={(e) => set('direction', e.target.value as Values['direction'])}>
            <Options values={INDICATOR_DIRECTIONS} label={(d) => t(`indicators.direction.${d}`)} />
          </Select>
        </Field>
        <Field
          label={t('indicators.fields.aggregation')}
          error={errors.aggregation}
          hint={t(`indicators.aggregationHint.${values.aggregation}`)}
          required
        >
          <Select value={values.aggregation} onChange={(e) => set('aggregation', e.target.value as Values['aggregation'])}>
            <Options values={INDICATOR_AGGREGATIONS} label={(a) => t(`indicators.aggregation.${a}`)} />
          </Select>
        </Field>
      </div>

      <fieldset className="form-section">
        <legend>{t('indicators.form.baselineAndTarget')}</legend>
        <div className="form-grid form-grid-narrow">
          <Field label={t('indicators.fields.baselineValue')} error={errors['baseline.value']}>
            <Input inputMode="decimal" value={values.baselineValue} onChange={(e) => set('baselineValue', e.target.value)} />
          </Field>
          <Field label={t('indicators.fields.baselineYear')} error={errors['baseline.year']}>
            <Input inputMode="numeric" value={values.baselineYear} onChange={(e) => set('baselineYear', e.target.value)} />
          </Field>
          <Field label={t('indicators.fields.targetValue')} error={errors['target.value']} hint={t('indicators.form.targetHint')}>
            <Input inputMode="decimal" value={values.targetValue} onChange={(e) => set('targetValue', e.target.value)} />
          </Field>
        </div>
        <div className="form-grid">
          <Field label={t('indicators.fields.baselineComment')} error={errors['baseline.comment']}>
            <Textarea rows={2} value={values.baselineComment} onChange={(e) => set('baselineComment', e.target.value)} />
          </Field>
          <Field label={t('indicators.fields.targetComment')} error={errors['target.comment']}>
            <Textarea rows={2} value={values.targetComment} onChange={(e) => set('targetComment', e.target.value)} />
          </Field>
        </div>
      </fieldset>

      <fieldset className="form-section">
        <legend>{t('indicators.form.reporting')}</legend>
        <div className="form-grid">
          <Field label={t('indicators.fields.frequency')} error={errors.frequency} hint={t('indicators.form.frequencyHint')} required>
            <Select value={values.frequency} onChange={(e) => set('frequency', e.target.value as Values['frequency'])}>
              <Options values={REPORTING_FREQUENCIES} label={(f) => t(`indicators.frequency.${f}`)} />
            </Select>
          </Field>
          <Fieldset
            legend={t('indicators.fields.disaggregations')}
            error={errors.disaggregations}
            hint={values.measure === 'number' ? t('indicators.form.disaggregationHint') : t('indicators.form.disaggregationNumberOnly')}
          >
            <div className="check-list">
              {DISAGGREGATION_DIMENSIONS.map((d) => (
                <label key={d} className="check">
                  <input
                    type="checkbox"
                    checked={values.measure === 'number' && values.disaggregations.includes(d)}
                    disabled={values.measure !== 'number' || (indicator !== undefined && hasValues(indicator))}
                    onChange={(e) => toggleDimension(d, e.target.checked)}
                  />
                  <span>{t(`indicators.dimension.${d}`)}</span>
                </label>
              ))}
            </div>
          </Fieldset>
        </div>
        {indicator !== undefined && hasValues(indicator) ? <p className="field-hint">{t('indicators.form.lockedDefinition')}</p> : null}
      </fieldset>

      <fieldset className="form-section">
        <legend>{t('indicators.form.verification')}</legend>
        <Field label={t('indicators.fields.meansOfVerification')} error={errors.meansOfVerification}>
          <Textarea rows={2} value={values.meansOfVerification} onChange={(e) => set('meansOfVerification', e.target.value)} />
        </Field>
        <div className="form-grid">
          <Field label={t('indicators.fields.dataSource')} error={errors.dataSource}>
            <Input value={values.dataSource} onChange={(e) => set('dataSource', e.target.value)} maxLength={500} />
          </Field>
          <Field label={t('indicators.fields.responsible')} error={errors.responsible}>
            <Input value={values.responsible} onChange={(e) => set('responsible', e.target.value)} maxLength={200} />
          </Field>
        </div>
      </fieldset>

      <FormActions onCancel={onCancel} busy={mutation.isPending}>
        {indicator ? t('common.saveChanges') : t('indicators.add')}
      </FormActions>
    </form>
  );
}

/** Measure and breakdown are fixed once any period has a value the user can see. */
function hasValues(indicator: IndicatorDetail): boolean {
  return indicator.periods.some((p) => p.value !== null);
}
