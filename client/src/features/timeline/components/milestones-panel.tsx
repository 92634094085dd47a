import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { todayIso } from '@shared/calc/dates';
import { CreateMilestoneInput, MILESTONE_KINDS, MilestoneSchema, UpdateMilestoneInput, type Milestone } from '@shared/schemas/timeline';
import { FormAlerts } from '@/components/form/form-alerts';
import { DeleteRecordDialog, InlineFormSlot, RowButton, useListEditing } from '@/components/form/record-list';
import { useSaveForm } from '@/components/form/use-save-form';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { ErrorBanner } from '@/components/ui/error-banner';
import { Field, Input, Options, RecordOptions, Select, Textarea } from '@/components/ui/field';
import { EmptyState, TableScroll } from '@/components/ui/layout';
import { LoadingBlock } from '@/components/ui/spinner';
import { FormActions } from '@/components/form/form-actions';
import { formatDate } from '@/lib/format';
import { currentLocale } from '@/lib/i18n';
import { useCreateMilestone } from '../api/create-milestone';
import { useDeleteMilestone } from '../api/delete-milestone';
import { useMilestones } from '../api/list-milestones';
import { useUpdateMilestone } from '../api/update-milestone';

const STATUS_TONE: Record<Milestone['status'], BadgeTone> = { upcoming: 'info', overdue: 'danger', done: 'success', done_late: 'warning' };
const STATUS_ICON: Record<Milestone['status'], string> = { upcoming: '◇', overdue: '!', done: '✓', done_late: '✓' };

export function MilestoneStatusBadge({ status }: { status: Milestone['status'] }) {
  const { t } = useTranslation();
  return (
    <Badge tone={STATUS_TONE[status]}>
      <span aria-hidden="true">{STATUS_ICON[status]} </span>
      {t(`timeline.milestoneStatus.${status}`)}
    </Badge>
  );
}

type ActivityOption = { id: number; title: string };

type MilestonesPanelProps = {
  projectId: number;
  /** Only the milestones of this activity, and new ones go to it. */
  activityId?: number;
  /** On the project's page: the activities a milestone may belong to. */
  activities?: ActivityOption[];
  canEdit: boolean;
};

/** Milestones and deliverables: due date, when done, what shows it, and whether it slipped. */
export function MilestonesPanel({ projectId, activityId, activities, canEdit }: MilestonesPanelProps) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const query = useMilestones(projectId, activityId);
  const list = useListEditing<Milestone>();
  const update = useUpdateMilestone();
  const remove = useDeleteMilestone({ onSuccess: list.cancelDelete });
  const titleOf = new Map((activities ?? []).map((a) => [a.id, a.title]));

  if (query.isPending) return <LoadingBlock label={t('timeline.milestones.loading')} />;
  if (query.isError) return <ErrorBanner error={query.error} onRetry={() => void query.refetch()} />;
  const items = query.data.items;
  const { editing, deleting } = list;

  const markDone = (m: Milestone) => update.mutate({ id: m.id, input: { version: m.version, doneDate: todayIso() } });

  return (
    <div className="stack">
      {update.isError ? <ErrorBanner error={update.error} /> : null}
      {items.length === 0 ? (
        <EmptyState>{t('timeline.milestones.empty')}</EmptyState>
      ) : (
        <TableScroll label={t('timeline.milestones.title')}>
          <table className="table table-compact">
            <thead>
              <tr>
                <th scope="col">{t('timeline.milestones.fields.title')}</th>
                {activityId === undefined ? <th scope="col">{t('timeline.milestones.fields.activityId')}</th> : null}
                <th scope="col">{t('timeline.milestones.fields.dueDate')}</th>
                <th scope="col">{t('timeline.milestones.fields.doneDate')}</th>
                <th scope="col">{t('timeline.milestones.status')}</th>
                <th scope="col">{t('timeline.milestones.fields.evidenceNote')}</th>
                {canEdit ? <th scope="col">{t('common.actions')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {items.map((m) => (
                <tr key={m.id}>
                  <th scope="row" className="cell-title">
                    <span className="muted small">{t(`timeline.milestoneKind.${m.kind}`)}</span>
                    <br />
                    {m.title}
                  </th>
                  {activityId === undefined ? (
                    <td>{m.activityId === null ? t('timeline.milestones.wholeProject') : (titleOf.get(m.activityId) ?? `#${m.activityId}`)}</td>
                  ) : null}
                  <td className="nowrap">{formatDate(m.dueDate, locale)}</td>
                  <td className="nowrap">{m.doneDate ? formatDate(m.doneDate, locale) : t('common.notSet')}</td>
                  <td>
                    <MilestoneStatusBadge status={m.status} />
                  </td>
                  <td>{m.evidenceNote || t('common.notSet')}</td>
                  {canEdit ? (
                    <td>
                      <div className="row-actions">
                        <RowButton label={t('common.edit')} name={m.title} onClick={() => list.edit(m)} />
                        {m.doneDate ? null : (
                          <RowButton
                            label={t('timeline.milestones.markDone')}
                            name={m.title}
                            onClick={() => markDone(m)}
                            disabled={update.isPending}
                          />
                        )}
                        <RowButton
                          danger
                          label={t('common.delete')}
                          name={m.title}
                          onClick={() => {
                            remove.reset();
                            list.askDelete(m);
                          }}
                        />
                      </div>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <InlineFormSlot
        canEdit={canEdit}
        open={editing !== null}
        heading={editing === 'new' ? t('timeline.milestones.add') : t('timeline.milestones.editTitle')}
        addLabel={t('timeline.milestones.add')}
        onAdd={() => list.edit('new')}
      >
        {editing ? (
          <MilestoneForm
            key={editing === 'new' ? 'new' : editing.id}
            projectId={projectId}
            activityId={activityId}
            activities={activities}
            milestone={editing === 'new' ? undefined : editing}
            onDone={list.close}
          />
        ) : null}
      </InlineFormSlot>
      <DeleteRecordDialog
        record={deleting}
        title={t('timeline.milestones.deleteTitle')}
        message={t('timeline.milestones.deleteConfirm', { title: deleting?.title ?? '' })}
        remove={remove}
        refusal={(error) => (error.isVersionConflict ? t('timeline.milestones.deleteConflict') : null)}
        onCancel={list.cancelDelete}
      />
    </div>
  );
}

type FormValues = { kind: string; title: string; dueDate: string; doneDate: string; evidenceNote: string; activityId: string };

type MilestoneFormProps = {
  projectId: number;
  activityId?: number;
  activities?: ActivityOption[];
  milestone?: Milestone;
  onDone: () => void;
};

function MilestoneForm({ projectId, activityId, activities, milestone, onDone }: MilestoneFormProps) {
  const { t } = useTranslation();
  const [values, setValues] = useState<FormValues>({
    kind: milestone?.kind ?? 'milestone',
    title: milestone?.title ?? '',
    dueDate: milestone?.dueDate ?? '',
    doneDate: milestone?.doneDate ?? '',
    evidenceNote: milestone?.evidenceNote ?? '',
    activityId: String(milestone ? (milestone.activityId ?? '') : (activityId ?? '')),
  });
  const create = useCreateMilestone({ onSuccess: onDone });
  const update = useUpdateMilestone({ onSuccess: onDone });
  const form = useSaveForm({ mutation: milestone ? update : create, record: MilestoneSchema, version: milestone?.version });
  const { errors } = form;
  const set = (k: keyof FormValues, v: string) => setValues((prev) => ({ ...prev, [k]: v }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const fields = {
      kind: values.kind,
      title: values.title,
      dueDate: values.dueDate,
      doneDate: values.doneDate || null,
      evidenceNote: values.evidenceNote,
      activityId: values.activityId ? Number(values.activityId) : null,
    };
    if (milestone) form.save(UpdateMilestoneInput, { ...fields, version: form.version }, (input) => update.mutate({ id: milestone.id, input }));
    else form.save(CreateMilestoneInput, fields, (input) => create.mutate({ projectId, input }));
  };

  return (
    <form className="form" onSubmit={submit} noValidate>
      <FormAlerts form={form} />
      <Field label={t('timeline.milestones.fields.title')} error={errors.title} required>
        <Input value={values.title} onChange={(e) => set('title', e.target.value)} maxLength={300} />
      </Field>
      <div className="form-grid">
        <Field label={t('timeline.milestones.fields.kind')} error={errors.kind}>
          <Select value={values.kind} onChange={(e) => set('kind', e.target.value)}>
            <Options values={MILESTONE_KINDS} label={(k) => t(`timeline.milestoneKind.${k}`)} />
          </Select>
        </Field>
        {activities && activityId === undefined ? (
          <Field label={t('timeline.milestones.fields.activityId')} error={errors.activityId}>
            <Select value={values.activityId} onChange={(e) => set('activityId', e.target.value)}>
              <option value="">{t('timeline.milestones.wholeProject')}</option>
              <RecordOptions records={activities} label={(a) => a.title} />
            </Select>
          </Field>
        ) : null}
        <Field label={t('timeline.milestones.fields.dueDate')} error={errors.dueDate} required>
          <Input type="date" value={values.dueDate} onChange={(e) => set('dueDate', e.target.value)} />
        </Field>
        <Field label={t('timeline.milestones.fields.doneDate')} error={errors.doneDate} hint={t('timeline.milestones.doneHint')}>
          <Input type="date" value={values.doneDate} onChange={(e) => set('doneDate', e.target.value)} />
        </Field>
      </div>
      <Field label={t('timeline.milestones.fields.evidenceNote')} error={errors.evidenceNote} hint={t('timeline.milestones.evidenceHint')}>
        <Textarea rows={2} value={values.evidenceNote} onChange={(e) => set('evidenceNote', e.target.value)} maxLength={2000} />
      </Field>
      <FormActions onCancel={onDone} busy={form.isPending}>
        {milestone ? t('common.saveChanges') : t('timeline.milestones.add')}
      </FormActions>
    </form>
  );
}
