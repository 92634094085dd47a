import { useId, useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ACTIVITY_STATUSES } from '@shared/enums';
import { ActivitySchema, UpdateActivityInput, type Activity } from '@shared/schemas/activity';
import { Button } from '@/components/ui/button';
import { ConflictNotice } from '@/components/ui/conflict-notice';
import { ErrorBanner } from '@/components/ui/error-banner';
import { Field, Input, Options, Select, Textarea } from '@/components/ui/field';
import { isApiError } from '@/lib/api-client';
import { zodFieldErrors, type FieldErrors } from '@/lib/errors';
import { describeSaveError } from '@/lib/save-errors';
import { useRecordForm } from '@/lib/use-record-form';
import { activitiesKeys } from '../api/query-keys';
import { useUpdateActivity } from '../api/update-activity';

type Values = { status: string; percentComplete: string; note: string };

function toValues(a: Activity | undefined): Values {
  return { status: a?.status ?? 'planned', percentComplete: String(a?.percentComplete ?? 0), note: '' };
}

function toPercent(s: string): number {
  return /^\d{1,3}$/.test(s.trim()) ? Number(s.trim()) : Number.NaN;
}

type ActivityStatusFormProps = { activity: Activity; onSaved?: (activity: Activity) => void };

/** The quick update: status, percent complete and a short note kept in the history. */
export function ActivityStatusForm({ activity, onSaved }: ActivityStatusFormProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const queryClient = useQueryClient();
  const form = useRecordForm(activity, toValues);
  const { values, setField } = form;
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [saved, setSaved] = useState(false);
  const mutation = useUpdateActivity({
    onSuccess: (updated) => {
      form.reset(updated);
      setSaved(true);
      onSaved?.(updated);
    },
  });
  const saveError = describeSaveError(t, mutation.error);
  const errors = { ...saveError.fieldErrors, ...clientErrors };

  const changeStatus = (status: string) => {
    setField('status', status);
    if (status === 'completed') setField('percentComplete', '100');
    setSaved(false);
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    const note = values.note.trim();
    const parsed = UpdateActivityInput.safeParse({
      version: form.base?.version ?? activity.version,
      status: values.status,
      percentComplete: toPercent(values.percentComplete),
      ...(note ? { note } : {}),
    });
    if (!parsed.success) {
      setClientErrors(zodFieldErrors(t, parsed.error.issues));
      return;
    }
    setClientErrors({});
    mutation.mutate({ id: activity.id, input: parsed.data });
  };

  /** Takes the latest status and percent from the server; the note is kept, it is still news. */
  const reload = () => {
    const current = isApiError(mutation.error) ? mutation.error.current(ActivitySchema) : null;
    const note = values.note;
    if (current) {
      queryClient.setQueryData(activitiesKeys.detail(current.id), current);
      form.reset(current);
    } else {
      void queryClient.invalidateQueries({ queryKey: activitiesKeys.detail(activity.id) });
    }
    if (note) setField('note', note);
    mutation.reset();
  };

  return (
    <form className="form status-form" onSubmit={submit} noValidate aria-labelledby={headingId}>
      <h2 className="panel-title" id={headingId}>
        {t('activities.statusForm.title')}
      </h2>
      {saveError.isConflict ? <ConflictNotice onReload={reload} /> : null}
      {saveError.banner ? <ErrorBanner error={saveError.banner} /> : null}
      <div className="form-grid">
        <Field label={t('activities.fields.status')} error={errors.status} required>
          <Select value={values.status} onChange={(e) => changeStatus(e.target.value)}>
            <Options values={ACTIVITY_STATUSES} label={(s) => t(`enums.activityStatus.${s}`)} />
          </Select>
        </Field>
        <Field label={t('activities.fields.percentComplete')} error={errors.percentComplete} hint={t('activities.statusForm.percentHint')} required>
          <Input
            type="number"
            inputMode="numeric"
            min={0}
            max={100}
            step={1}
            value={values.percentComplete}
            onChange={(e) => {
              setField('percentComplete', e.target.value);
              setSaved(false);
            }}
          />
        </Field>
      </div>
      <Field label={t('activities.statusForm.note')} error={errors.note} hint={t('activities.statusForm.noteHint')}>
        <Textarea
          rows={2}
          maxLength={1000}
          value={values.note}
          onChange={(e) => {
            setField('note', e.target.value);
            setSaved(false);
          }}
        />
      </Field>
      <div className="form-actions">
        <span className="form-status" role="status">
          {saved ? t('activities.statusForm.saved') : ''}
        </span>
        <Button type="submit" variant="primary" busy={mutation.isPending}>
          {t('activities.statusForm.save')}
        </Button>
      </div>
    </form>
  );
}
