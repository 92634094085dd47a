import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { todayIso } from '@shared/calc/dates';
import { ConsentInput, type Person } from '@shared/schemas/registry';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/dialog';
import { ErrorBanner } from '@/components/ui/error-banner';
import { Field, Input } from '@/components/ui/field';
import { EmptyState, TableScroll } from '@/components/ui/layout';
import { LoadingBlock } from '@/components/ui/spinner';
import { TableHead } from '@/components/ui/table-head';
import { FormActions } from '@/components/form/form-actions';
import { zodFieldErrors, type FieldErrors } from '@/lib/errors';
import { formatDate, formatDateTime } from '@/lib/format';
import { currentLocale } from '@/lib/i18n';
import { useConsents, useGiveConsent, useWithdrawConsent } from '../api/consents';
import { ConsentBadge } from './registry-badges';

/**
 * The append-only consent record: every row stays. Giving consent appends a row;
 * withdrawing it is one action (with a confirmation) that appends another.
 */
export function ConsentRecord({ person, canEdit }: { person: Person; canEdit: boolean }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const consents = useConsents(person.id);
  const give = useGiveConsent();
  const withdraw = useWithdrawConsent();
  const [adding, setAdding] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [values, setValues] = useState({
    purpose: person.consent.purpose ?? '',
    noticeVersion: person.consent.noticeVersion ?? '',
    givenOn: todayIso(),
  });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [done, setDone] = useState<'given' | 'withdrawn' | null>(null);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = ConsentInput.safeParse(values);
    if (!parsed.success) return setErrors(zodFieldErrors(t, parsed.error.issues));
    setErrors({});
    give.mutate(
      { personId: person.id, input: parsed.data },
      {
        onSuccess: () => {
          setAdding(false);
          setDone('given');
        },
      },
    );
  };

  const confirmWithdraw = () => {
    withdraw.mutate(
      { personId: person.id },
      {
        onSuccess: () => {
          setConfirming(false);
          setDone('withdrawn');
        },
      },
    );
  };

  const c = person.consent;
  return (
    <div className="stack consent-record">
      <div className="consent-current">
        <ConsentBadge status={c.status} />{' '}
        <span className="muted small">
          {c.status === 'given'
            ? t('registry.consent.currentGiven', { date: formatDate(c.givenOn, locale), purpose: c.purpose ?? '', notice: c.noticeVersion ?? '' })
            : c.status === 'withdrawn'
              ? t('registry.consent.currentWithdrawn', { date: formatDate(c.withdrawnOn, locale) })
              : t('registry.consent.currentNone')}
        </span>
      </div>
      <p className="form-status" role="status">
        {done === 'given' ? t('registry.consent.recorded') : done === 'withdrawn' ? t('registry.consent.withdrawnDone') : ''}
      </p>
      {canEdit && !person.erased ? (
        <div className="button-row">
          {c.status === 'given' ? (
            <Button variant="danger" onClick={() => setConfirming(true)}>
              {t('registry.consent.withdraw')}
            </Button>
          ) : null}
          {adding ? null : <Button onClick={() => setAdding(true)}>{t('registry.consent.add')}</Button>}
        </div>
      ) : null}
      {adding ? (
        <form className="form inline-panel" onSubmit={submit} noValidate>
          {give.error ? <ErrorBanner error={give.error} /> : null}
          <div className="form-grid">
            <Field label={t('registry.consent.purpose')} error={errors.purpose} required>
              <Input value={values.purpose} onChange={(e) => setValues((v) => ({ ...v, purpose: e.target.value }))} />
            </Field>
            <Field label={t('registry.consent.noticeVersion')} error={errors.noticeVersion} required>
              <Input value={values.noticeVersion} onChange={(e) => setValues((v) => ({ ...v, noticeVersion: e.target.value }))} />
            </Field>
            <Field label={t('registry.consent.date')} error={errors.givenOn} required>
              <Input type="date" value={values.givenOn} onChange={(e) => setValues((v) => ({ ...v, givenOn: e.target.value }))} />
            </Field>
          </div>
          <FormActions onCancel={() => setAdding(false)} busy={give.isPending}>
            {t('registry.consent.record')}
          </FormActions>
        </form>
      ) : null}

      {consents.isError ? <ErrorBanner error={consents.error} onRetry={() => void consents.refetch()} /> : null}
      {consents.isPending ? <LoadingBlock label={t('registry.consent.loading')} /> : null}
      {consents.data && consents.data.items.length === 0 ? <EmptyState>{t('registry.consent.empty')}</EmptyState> : null}
      {consents.data && consents.data.items.length > 0 ? (
        <TableScroll label={t('registry.consent.history')}>
          <table className="table table-compact">
            <caption className="table-caption">{t('registry.consent.historyCaption')}</caption>
            <TableHead
              columns={[
                t('registry.consent.date'),
                t('registry.consent.kind'),
                t('registry.consent.purpose'),
                t('registry.consent.noticeVersion'),
                t('registry.consent.recordedBy'),
              ]}
            />
            <tbody>
              {consents.data.items.map((r) => (
                <tr key={r.id}>
                  <td className="nowrap">{formatDate(r.date, locale)}</td>
                  <td>
                    <Badge tone={r.kind === 'given' ? 'success' : 'danger'}>{t(`registry.consent.kinds.${r.kind}`)}</Badge>
                  </td>
                  <td>{r.purpose}</td>
                  <td>{r.noticeVersion}</td>
                  <td className="small">
                    {r.recordedBy?.name ?? t('common.notSet')}
                    <br />
                    <span className="muted">{formatDateTime(r.recordedAt, locale)}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : null}

      <ConfirmDialog
        open={confirming}
        title={t('registry.consent.withdrawTitle')}
        message={<p>{t('registry.consent.withdrawMessage', { name: person.name })}</p>}
        confirmLabel={t('registry.consent.withdraw')}
        danger
        busy={withdraw.isPending}
        error={withdraw.error ? <ErrorBanner error={withdraw.error} /> : undefined}
        onConfirm={confirmWithdraw}
        onCancel={() => {
          setConfirming(false);
          withdraw.reset();
        }}
      />
    </div>
  );
}
