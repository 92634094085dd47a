import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '@/components/ui/button';
import { Field, Input } from '@/components/ui/field';
import { ImportError } from './import-error';
import { UploadProgress, type UploadState } from './upload-progress';

type FileStepProps = {
  fileError: string | null;
  upload: UploadState;
  busy: boolean;
  error: unknown;
  onFile: (file: File | null) => void;
  onRead: (e: FormEvent) => void;
};

/** Step 1: the survey file, read in a dry run. */
export function ImportFileStep({ fileError, upload, busy, error, onFile, onRead }: FileStepProps) {
  const { t } = useTranslation();
  return (
    <form className="form" onSubmit={onRead} noValidate>
      <p className="muted">{t('registry.import.fileHint')}</p>
      <Field label={t('registry.import.file')} error={fileError ?? undefined} required>
        <Input
          type="file"
          className="input-file"
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          onChange={(e) => onFile(e.target.files?.[0] ?? null)}
        />
      </Field>
      <UploadProgress state={upload} busy={busy} />
      {error ? <ImportError error={error} /> : null}
      <div className="form-actions form-actions-start">
        <Button type="submit" variant="primary" busy={busy}>
          {t('registry.import.read')}
        </Button>
      </div>
    </form>
  );
}
