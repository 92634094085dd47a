import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { participantsTotal } from '@shared/calc/participants';
import { PARTICIPANT_FIELDS } from '@shared/calc/timeline';
import type { Participants } from '@shared/schemas/activity';
import { CreateSubEventInput, SubEventSchema, UpdateSubEventInput, type SubEvent } from '@shared/schemas/timeline';
import { Button } from '@/components/ui/button';
import { ConflictNotice } from '@/components/ui/conflict-notice';
import { ConfirmDialog } from '@/components/ui/dialog';
import { ErrorBanner } from '@/components/ui/error-banner';
import { Field, Fieldset, Input, Textarea } from '@/components/ui/field';
import { ParticipantsSourceNote } from '@/components/ui/participants-source';
import { EmptyState, TableScroll } from '@/components/ui/layout';
import { LoadingBlock } from '@/components/ui/spinner';
import { isApiError } from '@/lib/api-client';
import { errorMessage, zodFieldErrors, type FieldErrors } from '@/lib/errors';
import { formatDate, formatNumber } from '@/lib/format';
import { currentLocale } from '@/lib/i18n';
import { describeSaveError } from '@/lib/save-errors';
import { useCreateSubEvent } from '../api/create-sub-event';
import { useDeleteSubEvent } from '../api/delete-sub-event';
import { useSubEvents } from '../api/list-sub-events';
import { useUpdateSubEvent } from '../api/update-sub-event';

type SubEventsPanelProps = { activityId: number; canEdit: boolean };

/** The events of a series (seminars, trust-building events, study-tour legs) and who came. */
export function SubEventsPanel({ activityId, canEdit }: SubEventsPanelProps) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const query = useSubEvents(activityId);
  const [editing, setEditing] = useState<SubEvent | 'new' | null>(null);
  const [deleting, setDeleting] = useState<SubEvent | null>(null);
  const remove = useDeleteSubEvent({ onSuccess: () => setDeleting(null) });

  if (query.isPending) return <LoadingBlock label={t('timeline.subEvents.loading')} />;
  if (query.isError) return <ErrorBanner error={query.error} onRetry={() => void query.refetch()} />;
  const { items, participants, participantsFromSubEvents } = query.data;
  const n = (v: number | null) => (v === null ? <span className="muted">{t('common.notSet')}</span> : formatNumber(v, locale));
  const deleteMessage = remove.error
    ? isApiError(remove.error) && remove.error.isVersionConflict
      ? t('timeline.subEvents.deleteConflict')
      : errorMessage(t, remove.error)
    : null;

  return (
    <div className="stack">
      {items.length === 0 ? (
        <EmptyState>{t('timeline.subEvents.empty')}</EmptyState>
      ) : (
        <TableScroll label={t('timeline.subEvents.title')}>
          <table className="table table-compact">
            <thead>
              <tr>
                <th scope="col">{t('timeline.subEvents.fields.title')}</th>
                <th scope="col">{t('timeline.subEvents.fields.date')}</th>
                <th scope="col">{t('timeline.subEvents.fields.place')}</th>
                <th scope="col" className="num">{t('activities.participants.women')}</th>
                <th scope="col" className="num">{t('activities.participants.men')}</th>
                <th scope="col" className="num">{t('activities.participants.total')}</th>
                <th scope="col" className="num">{t('activities.participants.government')}</th>
                <th scope="col" className="num">{t('activities.participants.diaspora')}</th>
                <th scope="col" className="num">{t('activities.participants.civilSociety')}</th>
                <th scope="col" className="num">{t('activities.participants.international')}</th>
                {canEdit ? <th scope="col">{t('common.actions')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {items.map((s) => (
                <tr key={s.id}>
                  <th scope="row" className="cell-title">
                    {s.title}
                    {s.participantsSource === 'attendance' ? (
                      <>
                        {' '}
                        <ParticipantsSourceNote source={s.participantsSource} attendeeCount={s.attendeeCount} />
                      </>
                    ) : null}
                  </th>
                  <td className="nowrap">
                    {s.endDate && s.endDate !== s.date
                      ? t('timeline.range', { start: formatDate(s.date, locale), end: formatDate(s.endDate, locale) })
                      : formatDate(s.date, locale)}
                  </td>
                  <td>{s.place || t('common.notSet')}</td>
                  <td className="num">{n(s.participants.women)}</td>
                  <td className="num">{n(s.participants.men)}</td>
                  <td className="num">{n(participantsTotal(s))}</td>
                  <td className="num">{n(s.participants.government)}</td>
                  <td className="num">{n(s.participants.diaspora)}</td>
                  <td className="num">{n(s.participants.civilSociety)}</td>
                  <td className="num">{n(s.participants.international)}</td>
                  {canEdit ? (
                    <td>
                      <div className="row-actions">
                        <Button size="sm" variant="ghost" onClick={() => setEditing(s)}>
                          {t('common.edit')}
                          <span className="visually-hidden"> {s.title}</span>
                        </Button>
                        <Button
                          size="sm"
                          variant="ghost"
                          className="btn-danger-text"
                          onClick={() => {
                            remove.reset();
                            setDeleting(s);
                          }}
                        >
                          {t('common.delete')}
                          <span className="visually-hidden"> {s.title}</span>
                        </Button>
                      </div>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr className="row-total">
                <th scope="row" colSpan={3}>
                  {t('timeline.subEvents.total')}
                </th>
                <td className="num">{n(participants.women)}</td>
                <td className="num">{n(participants.men)}</td>
                <td className="num">{n(participantsTotal(query.data))}</td>
                <td className="num">{n(participants.government)}</td>
                <td className="num">{n(participants.diaspora)}</td>
                <td className="num">{n(participants.civilSociety)}</td>
                <td className="num">{n(participants.international)}</td>
                {canEdit ? <td /> : null}
              </tr>
            </tfoot>
          </table>
        </TableScroll>
      )}
      {query.data.participantsSource === 'attendance' ? (
        <p className="small">
          <ParticipantsSourceNote source="attendance" attendeeCount={query.data.attendeeCount} /> {t('timeline.subEvents.attendanceNote')}
        </p>
      ) : participantsFromSubEvents ? (
        <p className="muted small">{t('timeline.subEvents.rollUpNote')}</p>
      ) : null}
      {canEdit && editing ? (
        <div className="inline-panel">
          <h3 className="subheading">{editing === 'new' ? t('timeline.subEvents.add') : t('timeline.subEvents.editTitle')}</h3>
          <SubEventForm key={editing === 'new' ? 'new' : editing.id} activityId={activityId} subEvent={editing === 'new' ? undefined : editing} onDone={() => setEditing(null)} />
        </div>
      ) : null}
      {canEdit && !editing ? (
        <div>
          <Button size="sm" onClick={() => setEditing('new')}>
            {t('timeline.subEvents.add')}
          </Button>
        </div>
      ) : null}
      <ConfirmDialog
        open={deleting !== null}
        danger
        title={t('timeline.subEvents.deleteTitle')}
        message={<p>{t('timeline.subEvents.deleteConfirm', { title: deleting?.title ?? '' })}</p>}
        confirmLabel={t('common.delete')}
        busy={remove.isPending}
        error={deleteMessage ? <p role="alert">{deleteMessage}</p> : null}
        onCancel={() => setDeleting(null)}
        onConfirm={() => deleting && remove.mutate({ id: deleting.id, version: deleting.version })}
      />
    </div>
  );
}

type Counts = Record<keyof Participants, string>;
type FormValues = { title: string; date: string; endDate: string; place: string; notes: string; participants: Counts };

function toCount(s: string): number | null {
  const v = s.trim();
  if (v === '') return null;
  return /^\d+$/.test(v) ? Number(v) : Number.NaN;
}

function SubEventForm({ activityId, subEvent, onDone }: { activityId: number; subEvent?: SubEvent; onDone: () => void }) {
  const { t } = useTranslation();
  const [version, setVersion] = useState(subEvent?.version ?? 1);
  const [values, setValues] = useState<FormValues>({
    title: subEvent?.title ?? '',
    date: subEvent?.date ?? '',
    endDate: subEvent?.endDate ?? '',
    place: subEvent?.place ?? '',
    notes: subEvent?.notes ?? '',
    participants: Object.fromEntries(PARTICIPANT_FIELDS.map((k) => [k, subEvent?.participants[k] == null ? '' : String(subEvent.participants[k])])) as Counts,
  });
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const create = useCreateSubEvent({ onSuccess: onDone });
  const update = useUpdateSubEvent({ onSuccess: onDone });
  const mutation = subEvent ? update : create;
  const saveError = describeSaveError(t, mutation.error);
  const errors = { ...saveError.fieldErrors, ...clientErrors };
  const set = (k: Exclude<keyof FormValues, 'participants'>, v: string) => setValues((prev) => ({ ...prev, [k]: v }));
  const setCount = (k: keyof Participants, v: string) => setValues((prev) => ({ ...prev, participants: { ...prev.participants, [k]: v } }));
  // Counts from the event's attendance are shown, not edited: they change with the attendance list.
  const countedFromAttendance = subEvent?.participantsSource === 'attendance';

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const fields = {
      title: values.title,
      date: values.date,
      endDate: values.endDate || null,
      place: values.place,
      notes: values.notes,
      participants: Object.fromEntries(PARTICIPANT_FIELDS.map((k) => [k, toCount(values.participants[k])])),
    };
    if (subEvent) {
      const { participants, ...rest } = fields;
      const parsed = UpdateSubEventInput.safeParse({ ...rest, ...(countedFromAttendance ? {} : { participants }), version });
      if (!parsed.success) return setClientErrors(zodFieldErrors(t, parsed.error.issues));
      setClientErrors({});
      update.mutate({ id: subEvent.id, input: parsed.data });
    } else {
      const parsed = CreateSubEventInput.safeParse(fields);
      if (!parsed.success) return setClientErrors(zodFieldErrors(t, parsed.error.issues));
      setClientErrors({});
      create.mutate({ activityId, input: parsed.data });
    }
  };

  const reload = () => {
    const current = isApiError(mutation.error) ? mutation.error.current(SubEventSchema) : null;
    if (current) setVersion(current.version);
    mutation.reset();
  };

  return (
    <form className="form" onSubmit={submit} noValidate>
      {saveError.isConflict ? <ConflictNotice onReload={reload} /> : null}
      {saveError.banner ? <ErrorBanner error={saveError.banner} /> : null}
      <Field label={t('timeline.subEvents.fields.title')} error={errors.title} required>
        <Input value={values.title} onChange={(e) => set('title', e.target.value)} maxLength={300} />
      </Field>
      <div className="form-grid">
        <Field label={t('timeline.subEvents.fields.date')} error={errors.date} required>
          <Input type="date" value={values.date} onChange={(e) => set('date', e.target.value)} />
        </Field>
        <Field label={t('timeline.subEvents.fields.endDate')} error={errors.endDate} hint={t('timeline.subEvents.endDateHint')}>
          <Input type="date" value={values.endDate} onChange={(e) => set('endDate', e.target.value)} />
        </Field>
        <Field label={t('timeline.subEvents.fields.place')} error={errors.place}>
          <Input value={values.place} onChange={(e) => set('place', e.target.value)} maxLength={300} />
        </Field>
      </div>
      <Fieldset
        legend={t('activities.fields.participants')}
        hint={countedFromAttendance ? t('activities.participants.readOnly') : t('activities.participants.hint')}
        error={errors.participants}
      >
        {countedFromAttendance ? (
          <p className="participants-source-line">
            <ParticipantsSourceNote source="attendance" attendeeCount={subEvent.attendeeCount} />
          </p>
        ) : null}
        <div className="form-grid form-grid-narrow">
          {PARTICIPANT_FIELDS.map((k) => (
            <Field key={k} label={t(`activities.participants.${k}`)} error={errors[`participants.${k}`]}>
              <Input
                type="number"
                min={0}
                inputMode="numeric"
                value={values.participants[k]}
                readOnly={countedFromAttendance}
                onChange={(e) => setCount(k, e.target.value)}
              />
            </Field>
          ))}
        </div>
      </Fieldset>
      <Field label={t('timeline.subEvents.fields.notes')} error={errors.notes}>
        <Textarea rows={2} value={values.notes} onChange={(e) => set('notes', e.target.value)} />
      </Field>
      <div className="form-actions">
        <Button onClick={onDone}>{t('common.cancel')}</Button>
        <Button type="submit" variant="primary" busy={mutation.isPending}>
          {subEvent ? t('common.saveChanges') : t('timeline.subEvents.add')}
        </Button>
      </div>
    </form>
  );
}
