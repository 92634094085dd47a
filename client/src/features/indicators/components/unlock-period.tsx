import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Period } from '@shared/schemas/indicator-period';
import { UnlockPeriodInput } from '@shared/schemas/indicator-value';
import { FormAlerts } from '@/components/form/form-alerts';
import { useSaveForm } from '@/components/form/use-save-form';
import { Button } from '@/components/ui/button';
import { Field, Textarea } from '@/components/ui/field';
import { FormActions } from '@/components/form/form-actions';
import { useUnlockPeriod } from '../api/unlock-period';

/** An administrator reopens an approved period; the reason becomes the value's review note. */
export function UnlockPeriod({ periodId, onChanged }: { periodId: number; onChanged?: (period: Period) => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const unlock = useUnlockPeriod({
    onSuccess: (p) => {
      setOpen(false);
      setReason('');
      onChanged?.(p);
    },
  });
  const form = useSaveForm({ mutation: unlock });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    form.save(UnlockPeriodInput, { reason }, (input) => unlock.mutate({ id: periodId, input }));
  };
  if (!open) {
    return (
      <div className="form-actions form-actions-start">
        <Button
          onClick={() => {
            unlock.reset();
            setOpen(true);
          }}
        >
          {t('dataEntry.unlock.open')}
        </Button>
      </div>
    );
  }
  return (
    <form className="form unlock-form" onSubmit={submit} noValidate>
      <FormAlerts form={form} />
      <Field label={t('dataEntry.unlock.reason')} hint={t('dataEntry.unlock.reasonHint')} error={form.errors.reason} required>
        <Textarea rows={2} value={reason} maxLength={1000} onChange={(e) => setReason(e.target.value)} autoFocus />
      </Field>
      <FormActions onCancel={() => setOpen(false)} busy={unlock.isPending} danger>
        {t('dataEntry.unlock.confirm')}
      </FormActions>
    </form>
  );
}
