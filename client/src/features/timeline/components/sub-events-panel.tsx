import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { participantsTotal } from '@shared/calc/participants';
import { PARTICIPANT_FIELDS } from '@shared/calc/timeline';
import type { Participants } from '@shared/schemas/activity';
import { CreateSubEventInput, SubEventSchema, UpdateSubEventInput, type SubEvent } from '@shared/schemas/timeline';
import { FormAlerts } from '@/components/form/form-alerts';
import { DeleteRecordDialog, InlineFormSlot, RowButton, useListEditing } from '@/components/form/record-list';
import { useSaveForm } from '@/components/form/use-save-form';
import { ErrorBanner } from '@/components/ui/error-banner';
import { Field, Fieldset, Input, Textarea } from '@/components/ui/field';
import { ParticipantsSourceNote } from '@/components/ui/participants-source';
import { EmptyState, TableScroll } from '@/components/ui/layout';
import { LoadingBlock } from '@/components/ui/spinner';
import { FormActions } from '@/components/form/form-actions';
import { formatDate, formatNumber } from '@/lib/format';
import { currentLocale } from '@/lib/i18n';
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
  const list = useListEditing<SubEvent>();
  const remove = useDeleteSubEvent({ onSuccess: list.cancelDelete });

  if (query.isPending) return <LoadingBlock label={t('timeline.subEvents.loading')} />;
  if (query.isError) return <ErrorBanner error={query.error} onRetry={() => void query.refetch()} />;
  const { items, participants, participantsFromSubEvents } = query.data;
  const n = (v: number | null) => (v === null ? <span className="muted">{t('common.notSet')}</span> : formatNumber(v, locale));
  const { editing, deleting } = list;

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
                <th scope="col" className="num">
                  {t('activities.participants.women')}
                </th>
                <th scope="col" className="num">
                  {t('activities.participants.men')}
                </th>
                <th scope="col" className="num">
                  {t('activities.participants.total')}
                </th>
                <th scope="col" className="num">
                  {t('activities.participants.government')}
                </th>
                <th scope="col" className="num">
                  {t('activities.participants.diaspora')}
                </th>
                <th scope="col" className="num">
                  {t('activities.participants.civilSociety')}
                </th>
                <th scope="col" className="num">
                  {t('activities.participants.international')}
                </th>
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
                        <RowButton label={t('common.edit')} name={s.title} onClick={() => list.edit(s)} />
                        <RowButton
                          danger
                          label={t('common.delete')}
                          name={s.title}
                          onClick={() => {
                            remove.reset();
                            list.askDelete(s);
                          }}
                        />
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
      <InlineFormSlot
        canEdit={canEdit}
        open={editing !== null}
        heading={editing === 'new' ? t('timeline.subEvents.add') : t('timeline.subEvents.editTitle')}
        addLabel={t('timeline.subEvents.add')}
        onAdd={() => list.edit('new')}
      >
        {editing ? (
          <SubEventForm
            key={editing === 'new' ? 'new' : editing.id}
            activityId={activityId}
            subEvent={editing === 'new' ? undefined : editing}
            onDone={list.close}
          />
        ) : null}
      </InlineFormSlot>
      <DeleteRecordDialog
        record={deleting}
        title={t('timeline.subEvents.deleteTitle')}
        message={t('timeline.subEvents.deleteConfirm', { title: deleting?.title ?? '' })}
        remove={remove}
        refusal={(error) => (error.isVersionConflict ? t('timeline.subEvents.deleteConflict') : null)}
        onCancel={list.cancelDelete}
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
  const [values, setValues] = useState<FormValues>({
    title: subEvent?.title ?? '',
    date: subEvent?.date ?? '',
    endDate: subEvent?.endDate ?? '',
    place: subEvent?.place ?? '',
    notes: subEvent?.notes ?? '',
    participants: Object.fromEntries(
      PARTICIPANT_FIELDS.map((k) => [k, subEvent?.participants[k] == null ? '' : String(subEvent.participants[k])]),
    ) as Counts,
  });
  const create = useCreateSubEvent({ onSuccess: onDone });
  const update = useUpdateSubEvent({ onSuccess: onDone });
  const form = useSaveForm({ mutation: subEvent ? update : create, record: SubEventSchema, version: subEvent?.version });
  const { errors } = form;
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
      const raw = { ...rest, ...(countedFromAttendance ? {} : { participants }), version: form.version };
      form.save(UpdateSubEventInput, raw, (input) => update.mutate({ id: subEvent.id, input }));
    } else {
      form.save(CreateSubEventInput, fields, (input) => create.mutate({ activityId, input }));
    }
  };

  return (
    <form className="form" onSubmit={submit} noValidate>
      <FormAlerts form={form} />
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
      <FormActions onCancel={onDone} busy={form.isPending}>
        {subEvent ? t('common.saveChanges') : t('timeline.subEvents.add')}
      </FormActions>
    </form>
  );
}
