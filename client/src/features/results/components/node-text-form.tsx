import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CreateOutcomeInput } from '@shared/schemas/results';
import { Button } from '@/components/ui/button';
import { ConflictNotice } from '@/components/ui/conflict-notice';
import { ErrorBanner } from '@/components/ui/error-banner';
import { Field, Input, Textarea } from '@/components/ui/field';
import { zodFieldErrors, type FieldErrors } from '@/lib/errors';
import { describeSaveError } from '@/lib/save-errors';

export type NodeText = { title: string; description: string };

type NodeTextFormProps = {
  initial: NodeText;
  titleLabel: string;
  submitLabel: string;
  pending: boolean;
  error: unknown;
  onSubmit: (text: NodeText) => void;
  onCancel: () => void;
  /** Called from the conflict notice; returns the text now on the server, if known. */
  onReload?: () => NodeText | null;
};

/** Title and description of an outcome or output, for creating or renaming it. */
export function NodeTextForm({ initial, titleLabel, submitLabel, pending, error, onSubmit, onCancel, onReload }: NodeTextFormProps) {
  const { t } = useTranslation();
  const [title, setTitle] = useState(initial.title);
  const [description, setDescription] = useState(initial.description);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const saveError = describeSaveError(t, error);
  const errors = { ...saveError.fieldErrors, ...clientErrors };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = CreateOutcomeInput.safeParse({ title, description });
    if (!parsed.success) {
      setClientErrors(zodFieldErrors(t, parsed.error.issues));
      return;
    }
    setClientErrors({});
    onSubmit(parsed.data);
  };
  const reload = () => {
    const current = onReload?.();
    if (current) {
      setTitle(current.title);
      setDescription(current.description);
    }
  };

  return (
    <form className="form node-form" onSubmit={submit} noValidate>
      {saveError.isConflict ? <ConflictNotice onReload={reload} /> : null}
      {saveError.banner ? <ErrorBanner error={saveError.banner} /> : null}
      <Field label={titleLabel} error={errors.title} required>
        <Input value={title} onChange={(e) => setTitle(e.target.value)} autoFocus />
      </Field>
      <Field label={t('results.description')} error={errors.description}>
        <Textarea rows={2} value={description} onChange={(e) => setDescription(e.target.value)} />
      </Field>
      <div className="form-actions">
        <Button onClick={onCancel}>{t('common.cancel')}</Button>
        <Button type="submit" variant="primary" busy={pending}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}
