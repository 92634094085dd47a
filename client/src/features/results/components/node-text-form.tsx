import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { CreateOutcomeInput } from '@shared/schemas/results';
import { FormAlerts } from '@/components/form/form-alerts';
import { useSaveForm, type SaveMutation } from '@/components/form/use-save-form';
import { Field, Input, Textarea } from '@/components/ui/field';
import { FormActions } from '@/components/form/form-actions';

export type NodeText = { title: string; description: string };

type NodeTextFormProps = {
  /** The outcome or output being renamed; none when adding one. */
  initial?: NodeText & { version: number };
  titleLabel: string;
  submitLabel: string;
  mutation: SaveMutation;
  /** The node's schema, to show its text as it is now after a version conflict. */
  record?: z.ZodType<NodeText & { version: number }>;
  /** The checked text, and the version it was edited on. */
  onSubmit: (text: NodeText, version: number) => void;
  onCancel: () => void;
};

/** Title and description of an outcome or output, for creating or renaming it. */
export function NodeTextForm({ initial, titleLabel, submitLabel, mutation, record, onSubmit, onCancel }: NodeTextFormProps) {
  const { t } = useTranslation();
  const [title, setTitle] = useState(initial?.title ?? '');
  const [description, setDescription] = useState(initial?.description ?? '');
  const form = useSaveForm({
    mutation,
    record,
    version: initial?.version,
    // A rename shows the text someone else saved, to rename from.
    onReload: (current) => {
      setTitle(current.title);
      setDescription(current.description);
    },
  });
  const { errors } = form;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    form.save(CreateOutcomeInput, { title, description }, (text) => onSubmit(text, form.version));
  };

  return (
    <form className="form node-form" onSubmit={submit} noValidate>
      <FormAlerts form={form} />
      <Field label={titleLabel} error={errors.title} required>
        <Input value={title} onChange={(e) => setTitle(e.target.value)} autoFocus />
      </Field>
      <Field label={t('results.description')} error={errors.description}>
        <Textarea rows={2} value={description} onChange={(e) => setDescription(e.target.value)} />
      </Field>
      <FormActions onCancel={onCancel} busy={form.isPending}>
        {submitLabel}
      </FormActions>
    </form>
  );
}
