import { useRef, useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ACTIVITY_KINDS, ACTIVITY_STATUSES } from '@shared/enums';
import { ActivitySchema, CreateActivityInput, type Activity, type Participants } from '@shared/schemas/activity';
import type { Results } from '@shared/schemas/results';
import { Notice } from '@/components/ui/error-banner';
import { Field, Fieldset, Input, Options, Select, Textarea } from '@/components/ui/field';
import { ParticipantsSourceNote } from '@/components/ui/participants-source';
import { FormActions } from '@/components/form/form-actions';
import { FormAlerts } from '@/components/form/form-alerts';
import { useSaveForm } from '@/components/form/use-save-form';
import { useFocusFirstError } from '@/lib/use-focus-first-error';
import { useRecordForm } from '@/lib/use-record-form';
import { useCreateActivity } from '../api/create-activity';
import { activitiesKeys } from '../api/query-keys';
import { useUpdateActivity } from '../api/update-activity';
import { PARTICIPANT_KEYS } from './participants-table';
import { parsePlacement, placementOptions, placementValue } from './placement';

type ParticipantValues = Record<keyof Participants, string>;
type Values = {
  placement: string;
  kind: string;
  title: string;
  description: string;
  status: string;
  plannedStart: string;
  plannedEnd: string;
  actualStart: string;
  actualEnd: string;
  percentComplete: string;
  location: string;
  responsible: string;
  participants: ParticipantValues;
  notes: string;
};

function participantValues(p: Participants | undefined): ParticipantValues {
  return Object.fromEntries(PARTICIPANT_KEYS.map((k) => [k, p?.[k] === null || p?.[k] === undefined ? '' : String(p[k])])) as ParticipantValues;
}

function makeToValues(defaultPlacement: string) {
  return (a: Activity | undefined): Values => ({
    placement: a ? placementValue(a) : defaultPlacement,
    kind: a?.kind ?? 'other',
    title: a?.title ?? '',
    description: a?.description ?? '',
    status: a?.status ?? 'planned',
    plannedStart: a?.plannedStart ?? '',
    plannedEnd: a?.plannedEnd ?? '',
    actualStart: a?.actualStart ?? '',
    actualEnd: a?.actualEnd ?? '',
    percentComplete: String(a?.percentComplete ?? 0),
    location: a?.location ?? '',
    responsible: a?.responsible ?? '',
    participants: participantValues(a?.participants),
    notes: a?.notes ?? '',
  });
}

function toCount(s: string): number | null {
  const v = s.trim();
  if (v === '') return null;
  return /^\d+$/.test(v) ? Number(v) : Number.NaN;
}

function toInput(v: Values) {
  const placement = parsePlacement(v.placement);
  return {
    outcomeId: placement?.outcomeId ?? Number.NaN,
    outputId: placement?.outputId ?? null,
    kind: v.kind,
    title: v.title,
    description: v.description,
    status: v.status,
    plannedStart: v.plannedStart || null,
    plannedEnd: v.plannedEnd || null,
    actualStart: v.actualStart || null,
    actualEnd: v.actualEnd || null,
    percentComplete: /^\d{1,3}$/.test(v.percentComplete.trim()) ? Number(v.percentComplete.trim()) : Number.NaN,
    location: v.location,
    responsible: v.responsible,
    participants: Object.fromEntries(PARTICIPANT_KEYS.map((k) => [k, toCount(v.participants[k])])),
    notes: v.notes,
  };
}

type ActivityFormProps = {
  projectId: number;
  framework: Results;
  /** Absent when adding an activity. */
  activity?: Activity;
  /** Where a new activity goes unless the user picks another place. */
  defaultPlacement?: { outcomeId: number; outputId: number | null };
  /** Only the essentials, for adding an activity from the results framework. */
  compact?: boolean;
  onSaved: (activity: Activity) => void;
  onCancel: () => void;
};

export function ActivityForm({ projectId, framework, activity, defaultPlacement, compact = false, onSaved, onCancel }: ActivityFormProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const options = placementOptions(t, framework);
  const fallback = defaultPlacement ? placementValue(defaultPlacement) : (options[0]?.value ?? '');
  const [toValues] = useState(() => makeToValues(fallback));
  const form = useRecordForm(activity, toValues);
  const { values, setField } = form;
  const createMutation = useCreateActivity({ onSuccess: onSaved });
  const updateMutation = useUpdateActivity({
    onSuccess: (saved) => {
      form.reset(saved);
      onSaved(saved);
    },
  });
  const mutation = activity ? updateMutation : createMutation;
  // A conflict shows the activity as it is now, in the form and on its page.
  const save = useSaveForm({
    mutation,
    record: ActivitySchema,
    version: activity?.version,
    onReload: (current) => {
      queryClient.setQueryData(activitiesKeys.detail(current.id), current);
      form.reset(current);
      save.clearErrors();
    },
  });
  const { errors } = save;
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstError(formRef, [save.isConflict ? 'conflict' : '', mutation.failureCount, ...Object.keys(errors)].join(' ').trim());
  const placementError = errors.outcomeId ?? errors.outputId;

  const setParticipant = (key: keyof Participants, value: string) => setField('participants', { ...values.participants, [key]: value });

  // Counts from attendance are shown, not edited: they change with the attendance list.
  const countedFromAttendance = (form.base ?? activity)?.participantsSource === 'attendance';

  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.save(CreateActivityInput, toInput(values), (data) => {
      if (activity) {
        const { participants, ...fields } = data;
        const input = countedFromAttendance ? fields : { ...fields, participants };
        updateMutation.mutate({ id: activity.id, input: { ...input, version: form.base?.version ?? activity.version } });
      } else {
        createMutation.mutate({ projectId, input: data });
      }
    });
  };

  const dateField = (key: 'plannedStart' | 'plannedEnd' | 'actualStart' | 'actualEnd') => (
    <Field label={t(`activities.fields.${key}`)} error={errors[key]}>
      <Input type="date" value={values[key]} onChange={(e) => setField(key, e.target.value)} />
    </Field>
  );

  return (
    <form ref={formRef} className="form activity-form" onSubmit={submit} noValidate>
      <FormAlerts form={save} />
      {Object.keys(errors).length > 0 && !save.banner ? (
        <Notice tone="warning" role="alert">
          {t('common.fixFields')}
        </Notice>
      ) : null}
      <Field label={t('activities.fields.title')} error={errors.title} required>
        <Input value={values.title} onChange={(e) => setField('title', e.target.value)} autoFocus={compact} />
      </Field>
      <div className="form-grid">
        <Field label={t('activities.fields.kind')} error={errors.kind} required>
          <Select value={values.kind} onChange={(e) => setField('kind', e.target.value)}>
            <Options values={ACTIVITY_KINDS} label={(k) => t(`enums.activityKind.${k}`)} />
          </Select>
        </Field>
        <Field label={t('activities.fields.placement')} error={placementError} required>
          <Select value={values.placement} onChange={(e) => setField('placement', e.target.value)}>
            {options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t('activities.fields.status')} error={errors.status} required>
          <Select value={values.status} onChange={(e) => setField('status', e.target.value)}>
            <Options values={ACTIVITY_STATUSES} label={(s) => t(`enums.activityStatus.${s}`)} />
          </Select>
        </Field>
        {compact ? null : (
          <Field label={t('activities.fields.percentComplete')} error={errors.percentComplete}>
            <Input
              type="number"
              min={0}
              max={100}
              inputMode="numeric"
              value={values.percentComplete}
              onChange={(e) => setField('percentComplete', e.target.value)}
            />
          </Field>
        )}
        {dateField('plannedStart')}
        {dateField('plannedEnd')}
        {compact ? null : dateField('actualStart')}
        {compact ? null : dateField('actualEnd')}
        {compact ? null : (
          <Field label={t('activities.fields.location')} error={errors.location}>
            <Input value={values.location} onChange={(e) => setField('location', e.target.value)} />
          </Field>
        )}
        <Field label={t('activities.fields.responsible')} error={errors.responsible}>
          <Input value={values.responsible} onChange={(e) => setField('responsible', e.target.value)} />
        </Field>
      </div>
      {compact ? null : (
        <>
          <Field label={t('activities.fields.description')} error={errors.description}>
            <Textarea rows={3} value={values.description} onChange={(e) => setField('description', e.target.value)} />
          </Field>
          <Fieldset
            legend={t('activities.fields.participants')}
            hint={countedFromAttendance ? t('activities.participants.readOnly') : t('activities.participants.hint')}
            error={errors.participants}
          >
            {countedFromAttendance && form.base ? (
              <p className="participants-source-line">
                <ParticipantsSourceNote source="attendance" attendeeCount={form.base.attendeeCount} />
              </p>
            ) : null}
            <div className="form-grid form-grid-narrow">
              {PARTICIPANT_KEYS.map((k) => (
                <Field key={k} label={t(`activities.participants.${k}`)} error={errors[`participants.${k}`]}>
                  <Input
                    type="number"
                    min={0}
                    inputMode="numeric"
                    value={values.participants[k]}
                    readOnly={countedFromAttendance}
                    onChange={(e) => setParticipant(k, e.target.value)}
                  />
                </Field>
              ))}
            </div>
          </Fieldset>
          <Field label={t('activities.fields.notes')} error={errors.notes}>
            <Textarea rows={3} value={values.notes} onChange={(e) => setField('notes', e.target.value)} />
          </Field>
        </>
      )}
      <FormActions onCancel={onCancel} busy={mutation.isPending}>
        {activity ? t('common.saveChanges') : t('activities.add')}
      </FormActions>
    </form>
  );
}
