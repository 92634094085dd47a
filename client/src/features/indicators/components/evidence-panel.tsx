import { useId, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { EVIDENCE_MAX_BYTES, EVIDENCE_MEDIA_TYPES } from '@shared/schemas/evidence';
import type { Evidence, IndicatorValue } from '@shared/schemas/indicator-value';
import { Button } from '@/components/ui/button';
import { Notice } from '@/components/ui/error-banner';
import { Spinner } from '@/components/ui/spinner';
import { isApiError } from '@/lib/api-client';
import { errorMessage } from '@/lib/errors';
import { formatDateTime } from '@/lib/format';
import { currentLocale } from '@/lib/i18n';
import { evidenceHref, useDeleteEvidence, useUploadEvidence } from '../api/evidence';
import { formatBytes } from './indicator-format';

/** Short names of the accepted formats (names of file formats, the same in every language). */
const FORMAT_NAME: Record<Evidence['mediaType'], string> = {
  'application/pdf': 'PDF',
  'image/png': 'PNG',
  'image/jpeg': 'JPEG',
  'image/gif': 'GIF',
  'image/webp': 'WebP',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'DOCX',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'XLSX',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'PPTX',
  'application/vnd.oasis.opendocument.text': 'ODT',
  'application/vnd.oasis.opendocument.spreadsheet': 'ODS',
  'application/vnd.oasis.opendocument.presentation': 'ODP',
  'application/msword': 'DOC',
  'application/vnd.ms-excel': 'XLS',
  'application/vnd.ms-powerpoint': 'PPT',
};
const ACCEPT = [
  ...EVIDENCE_MEDIA_TYPES,
  '.pdf',
  '.png',
  '.jpg',
  '.jpeg',
  '.gif',
  '.webp',
  '.docx',
  '.xlsx',
  '.pptx',
  '.odt',
  '.ods',
  '.odp',
  '.doc',
  '.xls',
  '.ppt',
].join(',');

/** The size and (when the browser knows it) type of a file, checked before it is sent. */
export function checkEvidenceFile(file: { size: number; type: string }): 'tooLarge' | 'type' | null {
  if (file.size > EVIDENCE_MAX_BYTES) return 'tooLarge';
  if (file.size === 0) return 'type';
  if (file.type && !(EVIDENCE_MEDIA_TYPES as readonly string[]).includes(file.type)) return 'type';
  return null;
}

type EvidencePanelProps = {
  value: IndicatorValue | null;
  /** Files can be attached to and removed from drafts and returned values. */
  editable: boolean;
};

/** The evidence files of a value: downloads for everyone who may see it, upload and removal while it is editable. */
export function EvidencePanel({ value, editable }: EvidencePanelProps) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const id = useId();
  const [fileError, setFileError] = useState<string | null>(null);
  const [uploaded, setUploaded] = useState<string | null>(null);
  const upload = useUploadEvidence();
  const remove = useDeleteEvidence();
  const items = value?.evidence ?? [];
  const maxSize = formatBytes(t, locale, EVIDENCE_MAX_BYTES);

  const choose = (e: ChangeEvent<HTMLInputElement>) => {
    const input = e.currentTarget;
    const file = input.files?.[0];
    setUploaded(null);
    setFileError(null);
    upload.reset();
    if (!file || !value) return;
    const problem = checkEvidenceFile(file);
    if (problem === 'tooLarge') {
      setFileError(t('evidence.tooLarge', { name: file.name, size: formatBytes(t, locale, file.size), max: maxSize }));
    } else if (problem === 'type') {
      setFileError(t('evidence.typeNotAllowed', { name: file.name }));
    } else {
      upload.mutate({ valueId: value.id, file }, { onSuccess: (ev) => setUploaded(ev.fileName) });
    }
    input.value = '';
  };

  const serverError = upload.error
    ? isApiError(upload.error) && upload.error.code === 'PAYLOAD_TOO_LARGE'
      ? t('evidence.tooLargeServer', { max: maxSize })
      : isApiError(upload.error) && upload.error.code === 'FILE_TYPE_NOT_ALLOWED'
        ? t('evidence.typeRefused')
        : errorMessage(t, upload.error)
    : null;
  const shownError = fileError ?? serverError;

  return (
    <section className="evidence" aria-labelledby={`${id}-title`}>
      <h4 className="evidence-title" id={`${id}-title`}>
        {t('evidence.title')}
      </h4>
      {items.length === 0 ? (
        <p className="muted small">{t('evidence.none')}</p>
      ) : (
        <ul className="evidence-list">
          {items.map((ev) => (
            <li key={ev.id} className="evidence-item">
              <a href={evidenceHref(ev.id)} download={ev.fileName}>
                <span aria-hidden="true">⬇ </span>
                {ev.fileName}
                <span className="visually-hidden"> {t('evidence.download')}</span>
              </a>
              <span className="muted small">
                {FORMAT_NAME[ev.mediaType]} · {formatBytes(t, locale, ev.size)}
                {ev.uploadedBy ? ` · ${t('evidence.uploadedBy', { name: ev.uploadedBy.name, when: formatDateTime(ev.uploadedAt, locale) })}` : ''}
              </span>
              {editable ? (
                <Button
                  size="sm"
                  variant="ghost"
                  className="btn-danger-text"
                  busy={remove.isPending && remove.variables?.id === ev.id}
                  onClick={() => remove.mutate({ id: ev.id })}
                >
                  {t('evidence.remove')}
                  <span className="visually-hidden"> {ev.fileName}</span>
                </Button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {remove.isError ? (
        <p className="field-error" role="alert">
          {errorMessage(t, remove.error)}
        </p>
      ) : null}
      {editable ? (
        value ? (
          <div className={`field evidence-upload${shownError ? ' field-invalid' : ''}`}>
            <label className="field-label" htmlFor={`${id}-file`}>
              {t('evidence.attach')}
            </label>
            <input
              id={`${id}-file`}
              type="file"
              className="input input-file"
              accept={ACCEPT}
              disabled={upload.isPending}
              aria-describedby={`${id}-hint${shownError ? ` ${id}-error` : ''}`}
              aria-invalid={shownError ? true : undefined}
              onChange={choose}
            />
            <p className="field-hint" id={`${id}-hint`}>
              {t('evidence.hint', { max: maxSize })}
            </p>
            {upload.isPending ? <Spinner size="sm" label={t('evidence.uploading')} /> : null}
            {shownError ? (
              <p className="field-error" id={`${id}-error`} role="alert">
                {shownError}
              </p>
            ) : null}
            {uploaded ? <Notice tone="success">{t('evidence.uploaded', { name: uploaded })}</Notice> : null}
          </div>
        ) : (
          <p className="muted small">{t('evidence.saveFirst')}</p>
        )
      ) : null}
    </section>
  );
}
