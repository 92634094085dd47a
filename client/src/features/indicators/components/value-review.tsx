import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ReturnValueInput, type IndicatorValue } from '@shared/schemas/indicator-value';
import { useSaveForm } from '@/components/form/use-save-form';
import { Button } from '@/components/ui/button';
import { ErrorBanner, Notice } from '@/components/ui/error-banner';
import { Field, Textarea } from '@/components/ui/field';
import { FormActions } from '@/components/form/form-actions';
import { isApiError } from '@/lib/api-client';
import { useTransitionValue } from '../api/transition-value';

type ValueReviewProps = {
  value: IndicatorValue;
  /** The signed-in user, to tell them when they cannot approve their own submission. */
  userId: number;
  onChanged?: (value: IndicatorValue) => void;
};

/** Approve a submitted value, or return it with a note saying what to fix. Never one's own. */
export function ValueReview({ value, userId, onChanged }: ValueReviewProps) {
  const { t } = useTranslation();
  const id = useId();
  const [returning, setReturning] = useState(false);
  const [note, setNote] = useState('');
  const transition = useTransitionValue({
    onSuccess: (v) => {
      setReturning(false);
      setNote('');
      onChanged?.(v);
    },
  });
  const form = useSaveForm({ mutation: transition });
  const ownSubmission = value.submittedBy?.id === userId;

  const approve = () => transition.mutate({ action: 'approve', id: value.id, version: value.version });
  const sendBack = (e: FormEvent) => {
    e.preventDefault();
    form.save(ReturnValueInput, { version: value.version, note }, (input) =>
      transition.mutate({ action: 'return', id: value.id, version: input.version, note: input.note }),
    );
  };
  const stale = isApiError(transition.error) && transition.error.isVersionConflict;

  return (
    <div className="value-review" aria-labelledby={`${id}-title`} role="group">
      <h4 className="subheading" id={`${id}-title`}>
        {t('dataEntry.review.title')}
      </h4>
      {ownSubmission ? <Notice tone="warning">{t('dataEntry.review.ownSubmission')}</Notice> : null}
      {transition.isError ? (
        stale ? (
          <ErrorBanner title={t('dataEntry.review.changed')} error={transition.error} />
        ) : (
          <ErrorBanner error={transition.error} />
        )
      ) : null}
      {returning ? (
        <form className="form" onSubmit={sendBack} noValidate>
          <Field label={t('dataEntry.review.note')} hint={t('dataEntry.review.noteHint')} error={form.errors.note} required>
            <Textarea rows={2} value={note} maxLength={2000} onChange={(e) => setNote(e.target.value)} autoFocus />
          </Field>
          <FormActions onCancel={() => setReturning(false)} busy={transition.isPending && transition.variables?.action === 'return'} danger>
            {t('dataEntry.review.return')}
          </FormActions>
        </form>
      ) : (
        <div className="form-actions form-actions-start">
          <Button
            variant="primary"
            onClick={approve}
            disabled={ownSubmission}
            busy={transition.isPending && transition.variables?.action === 'approve'}
            aria-describedby={ownSubmission ? `${id}-why` : undefined}
          >
            {t('dataEntry.review.approve')}
          </Button>
          <Button
            onClick={() => {
              transition.reset();
              setReturning(true);
            }}
          >
            {t('dataEntry.review.returnWithNote')}
          </Button>
          {ownSubmission ? (
            <span className="muted small" id={`${id}-why`}>
              {t('dataEntry.review.ownSubmissionShort')}
            </span>
          ) : null}
        </div>
      )}
    </div>
  );
}
