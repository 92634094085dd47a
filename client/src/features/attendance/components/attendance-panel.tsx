import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { PARTICIPANT_GROUPS, SEXES } from '@shared/enums';
import { NewPersonFields, type DuplicateMatch } from '@shared/schemas/registry';
import { Button } from '@/components/ui/button';
import { ErrorBanner, Notice } from '@/components/ui/error-banner';
import { Field, Input, Options, Select } from '@/components/ui/field';
import { EmptyState, TableScroll } from '@/components/ui/layout';
import { LoadingBlock } from '@/components/ui/spinner';
import { FormActions } from '@/components/form/form-actions';
import { CountryOptions } from '@/components/ui/country-options';
import { zodFieldErrors, type FieldErrors } from '@/lib/errors';
import { formatDate } from '@/lib/format';
import { currentLocale } from '@/lib/i18n';
import { useAddAttendance } from '../api/add-attendance';
import { useCheckDuplicates } from '@/lib/registry-people';
import { useAttendance } from '../api/list-attendance';
import { useRemoveAttendance } from '../api/remove-attendance';
import { usePeopleSearch } from '../api/search-people';
import { AttendanceCounts } from './attendance-counts';
import { AttendanceImport } from './attendance-import';

export type AttendanceSubEvent = { id: number; title: string; date: string };

type AttendancePanelProps = {
  activityId: number;
  projectId: number;
  subEvents: AttendanceSubEvent[];
  /** Admins and managers: add, remove and import attendance. */
  canEdit: boolean;
  personHref: (id: number) => string;
};

/**
 * Who attended the activity or one of its events. Counts for everyone; the list of
 * people (personal data) only comes back for admins and managers.
 */
export function AttendancePanel({ activityId, projectId, subEvents, canEdit, personHref }: AttendancePanelProps) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const scopeId = useId();
  const [subEventId, setSubEventId] = useState<number | null>(null);
  const attendance = useAttendance(activityId, subEventId);
  const remove = useRemoveAttendance();
  const data = attendance.data;
  const subTitle = new Map(subEvents.map((s) => [s.id, s.title]));

  return (
    <div className="stack attendance">
      {subEvents.length ? (
        <div className="attendance-scope">
          <label className="field-label" htmlFor={scopeId}>
            {t('attendance.scope')}
          </label>
          <select
            id={scopeId}
            className="input select"
            value={subEventId === null ? '' : String(subEventId)}
            onChange={(e) => setSubEventId(e.target.value ? Number(e.target.value) : null)}
          >
            <option value="">{t('attendance.wholeActivity')}</option>
            {subEvents.map((s) => (
              <option key={s.id} value={s.id}>
                {s.title} ({formatDate(s.date, locale)})
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {attendance.isError ? <ErrorBanner error={attendance.error} onRetry={() => void attendance.refetch()} /> : null}
      {attendance.isPending ? <LoadingBlock label={t('attendance.loading')} /> : null}
      {data ? <AttendanceCounts counts={data.counts} /> : null}
      {data?.redacted ? <p className="muted small">{t('attendance.redacted')}</p> : null}

      {data && !data.redacted ? (
        data.items.length === 0 ? (
          <EmptyState>{t('attendance.empty')}</EmptyState>
        ) : (
          <TableScroll label={t('attendance.listTitle')}>
            <table className="table table-compact attendance-table">
              <caption className="table-caption">{t('attendance.listTitle')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('registry.fields.name')}</th>
                  <th scope="col">{t('registry.fields.sex')}</th>
                  <th scope="col">{t('registry.fields.group')}</th>
                  <th scope="col">{t('attendance.event')}</th>
                  <th scope="col">{t('attendance.date')}</th>
                  {canEdit ? <th scope="col">{t('common.actions')}</th> : null}
                </tr>
              </thead>
              <tbody>
                {data.items.map((a) => (
                  <tr key={a.id}>
                    <th scope="row">
                      {a.person.erased ? a.person.name : <Link to={personHref(a.person.id)}>{a.person.name}</Link>}
                      {a.person.consent !== 'given' && !a.person.erased ? (
                        <span className="badge badge-warning attendance-consent">{t(`registry.consentStatus.${a.person.consent}`)}</span>
                      ) : null}
                    </th>
                    <td>{t(`registry.sex.${a.person.sex}`)}</td>
                    <td>{a.person.group ? t(`registry.group.${a.person.group}`) : t('common.notSet')}</td>
                    <td>{a.subEventId === null ? t('attendance.activityItself') : (subTitle.get(a.subEventId) ?? `#${a.subEventId}`)}</td>
                    <td className="nowrap">{formatDate(a.date, locale)}</td>
                    {canEdit ? (
                      <td>
                        <Button
                          size="sm"
                          variant="ghost"
                          busy={remove.isPending && remove.variables?.id === a.id}
                          onClick={() => remove.mutate({ id: a.id, activityId })}
                        >
                          {t('attendance.remove')}
                          <span className="visually-hidden"> {a.person.name}</span>
                        </Button>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )
      ) : null}
      {remove.error ? <ErrorBanner error={remove.error} /> : null}

      {canEdit ? (
        <>
          <AddFromRegistry activityId={activityId} projectId={projectId} subEventId={subEventId} />
          <AddNewPerson activityId={activityId} projectId={projectId} subEventId={subEventId} />
          <AttendanceImport activityId={activityId} subEventId={subEventId} />
        </>
      ) : null}
    </div>
  );
}

function AddFromRegistry({ activityId, projectId, subEventId }: { activityId: number; projectId: number; subEventId: number | null }) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const [term, setTerm] = useState('');
  const [date, setDate] = useState('');
  const search = usePeopleSearch(projectId, term);
  const add = useAddAttendance();
  const [message, setMessage] = useState('');

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTerm(typed.trim());
  };
  const addPerson = (id: number, name: string) => {
    setMessage('');
    add.mutate(
      { activityId, input: { subEventId, personIds: [id], ...(date ? { date } : {}) } },
      { onSuccess: (r) => setMessage(r.alreadyPresent.length ? t('attendance.alreadyPresent', { name }) : t('attendance.added', { name })) },
    );
  };

  return (
    <section className="inline-panel stack" aria-labelledby={`add-registry-${activityId}`}>
      <h3 className="subheading" id={`add-registry-${activityId}`}>
        {t('attendance.addFromRegistry')}
      </h3>
      <form className="filters-search" role="search" onSubmit={submit}>
        <Field label={t('attendance.searchPerson')} className="filters-search-field">
          <Input type="search" autoComplete="off" value={typed} onChange={(e) => setTyped(e.target.value)} />
        </Field>
        <Button type="submit">{t('registry.people.searchButton')}</Button>
      </form>
      <Field label={t('attendance.dateOptional')} hint={t('attendance.dateHint')}>
        <Input type="date" value={date} onChange={(e) => setDate(e.target.value)} />
      </Field>
      {search.isError ? <ErrorBanner error={search.error} /> : null}
      {search.data && search.data.items.length === 0 ? <p className="muted small">{t('registry.people.noMatches')}</p> : null}
      {search.data && search.data.items.length > 0 ? (
        <ul className="plain-list attendance-results">
          {search.data.items.map((p) => (
            <li key={p.id} className="attendance-result">
              <span>
                {p.name}
                {p.erased ? null : <span className="muted small"> · {p.group ? t(`registry.group.${p.group}`) : t('common.notSet')}</span>}
              </span>
              <Button
                size="sm"
                disabled={p.erased}
                busy={add.isPending && add.variables?.input.personIds?.[0] === p.id}
                onClick={() => addPerson(p.id, p.name)}
              >
                {t('attendance.add')}
                <span className="visually-hidden"> {p.name}</span>
              </Button>
            </li>
          ))}
        </ul>
      ) : null}
      <p className="form-status" role="status">
        {message}
      </p>
      {add.error ? <ErrorBanner error={add.error} /> : null}
    </section>
  );
}

/**
 * A person not yet in the registry, created and recorded as present in one step. The
 * registry is first asked whether they may already be in it (the same e-mail, or the same
 * name in Cyrillic or Latin letters with the same country); if so, the existing record
 * can be recorded instead.
 */
function AddNewPerson({ activityId, projectId, subEventId }: { activityId: number; projectId: number; subEventId: number | null }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [open, setOpen] = useState(false);
  const empty = { name: '', sex: 'not_stated', group: '', country: '', email: '' };
  const [values, setValues] = useState(empty);
  const [errors, setErrors] = useState<FieldErrors>({});
  const add = useAddAttendance();
  const duplicateCheck = useCheckDuplicates();
  const [warning, setWarning] = useState<{ identity: string; items: DuplicateMatch[] } | null>(null);
  const [done, setDone] = useState('');
  const set = (k: keyof typeof empty) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [k]: e.target.value }));
  const identity = JSON.stringify([values.name.trim(), values.country, values.email.trim().toLowerCase()]);
  const shownWarning = warning?.identity === identity ? warning : null;

  const finish = (name: string) => {
    setDone(t('attendance.added', { name }));
    setValues(empty);
    setWarning(null);
    setOpen(false);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const parsed = NewPersonFields.safeParse({
      name: values.name,
      sex: values.sex,
      group: values.group || null,
      country: values.country || null,
      email: values.email.trim() || null,
    });
    if (!parsed.success) return setErrors(zodFieldErrors(t, parsed.error.issues));
    setErrors({});
    if (!shownWarning) {
      const { name, country, email } = parsed.data;
      // The check is a courtesy: when it fails, the person is added and the server still validates.
      const found = await duplicateCheck.mutateAsync({ projectId, name, country, email }).catch(() => null);
      if (found && found.items.length > 0) return setWarning({ identity, items: found.items });
    }
    add.mutate({ activityId, input: { subEventId, person: parsed.data } }, { onSuccess: () => finish(parsed.data.name) });
  };

  const recordExisting = (match: DuplicateMatch) => {
    if (match.personId === null) return;
    add.mutate({ activityId, input: { subEventId, personIds: [match.personId] } }, { onSuccess: () => finish(match.name) });
  };

  if (!open) {
    return (
      <div className="stack">
        <div className="button-row">
          <Button onClick={() => setOpen(true)}>{t('attendance.addNew')}</Button>
        </div>
        <p className="form-status" role="status">
          {done}
        </p>
      </div>
    );
  }
  return (
    <form className="form inline-panel" onSubmit={(e) => void submit(e)} noValidate>
      <h3 className="subheading">{t('attendance.addNew')}</h3>
      <Notice>{t('attendance.addNewHint')}</Notice>
      {add.error ? <ErrorBanner error={add.error} /> : null}
      <div className="form-grid">
        <Field label={t('registry.fields.name')} error={errors.name} required>
          <Input value={values.name} autoComplete="off" onChange={set('name')} />
        </Field>
        <Field label={t('registry.fields.sex')} error={errors.sex}>
          <Select value={values.sex} onChange={set('sex')}>
            <Options values={SEXES} label={(s) => t(`registry.sex.${s}`)} />
          </Select>
        </Field>
        <Field label={t('registry.fields.group')} error={errors.group}>
          <Select value={values.group} onChange={set('group')}>
            <option value="">{t('common.notSet')}</option>
            <Options values={PARTICIPANT_GROUPS} label={(g) => t(`registry.group.${g}`)} />
          </Select>
        </Field>
        <Field label={t('registry.fields.country')} error={errors.country}>
          <Select value={values.country} onChange={set('country')}>
            <CountryOptions locale={locale} none={t('common.notSet')} />
          </Select>
        </Field>
        <Field label={t('registry.fields.email')} error={errors.email}>
          <Input type="email" autoComplete="off" value={values.email} onChange={set('email')} />
        </Field>
      </div>
      {shownWarning ? (
        <Notice tone="warning" role="alert">
          <p>
            <strong>{t('registry.people.duplicatesTitle')}</strong>
          </p>
          <ul className="plain-list attendance-results">
            {shownWarning.items.map((d) => (
              <li key={d.personId ?? d.name} className="attendance-result">
                <span>
                  {d.name} <span className="muted small">({t(`registry.import.reason.${d.reason}`)})</span>
                </span>
                <Button size="sm" onClick={() => recordExisting(d)}>
                  {t('attendance.useExisting', { name: d.name })}
                </Button>
              </li>
            ))}
          </ul>
        </Notice>
      ) : null}
      <FormActions onCancel={() => setOpen(false)} busy={add.isPending || duplicateCheck.isPending}>
        {shownWarning ? t('attendance.addNewAnyway') : t('attendance.addNewSubmit')}
      </FormActions>
    </form>
  );
}
