import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isIsoDate, isoDateIssue } from '@shared/schemas/common';
import { ActivitySchema, activityDateIssues } from '@shared/schemas/activity';
import type { Dependency, TimelineActivity } from '@shared/schemas/timeline';
import { Button } from '@/components/ui/button';
import { ConflictNotice } from '@/components/ui/conflict-notice';
import { Dialog } from '@/components/ui/dialog';
import { ErrorBanner, Notice } from '@/components/ui/error-banner';
import { Field, Input } from '@/components/ui/field';
import { isApiError } from '@/lib/api-client';
import { toFieldErrors, type FieldErrors } from '@/lib/errors';
import { describeSaveError } from '@/lib/save-errors';
import { useDependencyCheck, type ProposedDates } from '../api/check-dependencies';
import { useUpdateActivityDates, type DateSaveResult } from '../api/update-activity-dates';

const DATE_KEYS = ['plannedStart', 'plannedEnd', 'actualStart', 'actualEnd'] as const;
type DateKey = (typeof DATE_KEYS)[number];
type Values = Record<DateKey, string>;
type Base = Record<DateKey, string | null> & { version: number };

const toValues = (b: Base): Values => ({
  plannedStart: b.plannedStart ?? '',
  plannedEnd: b.plannedEnd ?? '',
  actualStart: b.actualStart ?? '',
  actualEnd: b.actualEnd ?? '',
});

type DateDialogProps = {
  activity: TimelineActivity;
  dependencies: readonly Dependency[];
  titleOf: (id: number) => string;
  onClose: () => void;
  onSaved: (result: DateSaveResult) => void;
};

/**
 * The keyboard-friendly way to move an activity: four date fields. Before saving, the
 * server is asked which dependencies the typed dates would break.
 */
export function DateDialog({ activity, dependencies, titleOf, onClose, onSaved }: DateDialogProps) {
  const { t } = useTranslation();
  const [base, setBase] = useState<Base>(activity);
  const [values, setValues] = useState<Values>(() => toValues(activity));
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const mutation = useUpdateActivityDates({ onSuccess: onSaved });
  const saveError = describeSaveError(t, mutation.error);
  const errors = { ...saveError.fieldErrors, ...clientErrors };

  const proposed: ProposedDates = {};
  let changed = false;
  for (const k of DATE_KEYS) {
    if (values[k] !== (base[k] ?? '')) changed = true;
    if (values[k] === '' || isIsoDate(values[k])) proposed[k] = values[k];
  }
  const hasDependencies = dependencies.some((d) => d.from === activity.id || d.to === activity.id);
  const check = useDependencyCheck(activity.id, proposed, { enabled: changed && hasDependencies });
  const wouldBreak = changed && check.data ? check.data.broken : [];

  const set = (k: DateKey, v: string) => {
    setValues((prev) => ({ ...prev, [k]: v }));
    setClientErrors({});
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const dates = Object.fromEntries(DATE_KEYS.map((k) => [k, values[k] || null])) as Record<DateKey, string | null>;
    const issues = [
      ...DATE_KEYS.flatMap((k) => {
        const problem = dates[k] === null ? null : isoDateIssue(dates[k] ?? '');
        return problem ? [{ path: k, ...problem }] : [];
      }),
      ...activityDateIssues(dates),
    ];
    if (issues.length > 0) {
      setClientErrors(toFieldErrors(t, issues));
      return;
    }
    mutation.mutate({ id: activity.id, version: base.version, dates });
  };

  /** Takes the version now on the server and keeps what the user typed, so a second save can work. */
  const reload = () => {
    const current = isApiError(mutation.error) ? mutation.error.current(ActivitySchema) : null;
    if (current) setBase(current);
    mutation.reset();
  };

  return (
    <Dialog
      open
      title={t('timeline.dialog.title', { title: activity.title })}
      onClose={onClose}
      footer={
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="submit" form="gantt-date-form" variant="primary" busy={mutation.isPending}>
            {t('timeline.dialog.save')}
          </Button>
        </>
      }
    >
      <form id="gantt-date-form" className="form" onSubmit={submit} noValidate>
        {saveError.isConflict ? <ConflictNotice onReload={reload} /> : null}
        {saveError.banner ? <ErrorBanner error={saveError.banner} /> : null}
        <div className="form-grid">
          {DATE_KEYS.map((k, i) => (
            <Field key={k} label={t(`activities.fields.${k}`)} error={errors[k]}>
              <Input type="date" value={values[k]} onChange={(e) => set(k, e.target.value)} data-autofocus={i === 0 ? true : undefined} />
            </Field>
          ))}
        </div>
        {wouldBreak.length > 0 ? (
          <Notice tone="warning" role="alert">
            <span aria-hidden="true">⚠ </span>
            {t('timeline.wouldBreak', {
              list: wouldBreak.map((d) => t('timeline.dependency', { from: titleOf(d.from), to: titleOf(d.to) })).join('; '),
            })}
          </Notice>
        ) : null}
      </form>
    </Dialog>
  );
}
