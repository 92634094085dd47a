import type { Dispatch, SetStateAction } from 'react';
import { useTranslation } from 'react-i18next';
import { IMPORT_FIELDS, type ImportPreview } from '@shared/schemas/registry-import';
import { Button } from '@/components/ui/button';
import { Notice } from '@/components/ui/error-banner';
import { Field, Input } from '@/components/ui/field';
import { TableScroll } from '@/components/ui/layout';
import { TableHead } from '@/components/ui/table-head';
import type { ImportConsent } from '../api/import-survey';
import { ImportError } from './import-error';
import type { MappingValues } from './import-mapping';
import { UploadProgress, type UploadState } from './upload-progress';

type MappingStepProps = {
  preview: ImportPreview;
  mapping: MappingValues;
  setMapping: Dispatch<SetStateAction<MappingValues>>;
  consent: ImportConsent;
  setConsent: Dispatch<SetStateAction<ImportConsent>>;
  upload: UploadState;
  busy: boolean;
  error: unknown;
  onCheck: () => void;
  onRestart: () => void;
};

/** Step 2: which column holds which field (the server's suggestion first), and the consent the survey records. */
export function ImportMappingStep({ preview, mapping, setMapping, consent, setConsent, upload, busy, error, onCheck, onRestart }: MappingStepProps) {
  const { t } = useTranslation();
  const consentMapped = mapping.consent !== '';
  return (
    <form
      className="form"
      onSubmit={(e) => {
        e.preventDefault();
        onCheck();
      }}
      noValidate
    >
      <h2 className="subheading">{t('registry.import.mappingTitle')}</h2>
      <p className="muted">{t('registry.import.mappingHint', { rows: preview.totals.rows })}</p>
      <TableScroll label={t('registry.import.mappingTitle')}>
        <table className="table table-compact mapping-table">
          <TableHead columns={[t('registry.import.field'), t('registry.import.column'), t('registry.import.samples')]} />
          <tbody>
            {IMPORT_FIELDS.map((field) => {
              const column = preview.columns.find((c) => c.header === mapping[field]);
              const id = `map-${field}`;
              return (
                <tr key={field}>
                  <th scope="row">
                    <label htmlFor={id}>
                      {t(`registry.import.fields.${field}`)}
                      {field === 'name' ? (
                        <span className="field-required" aria-hidden="true">
                          {' '}
                          *
                        </span>
                      ) : null}
                    </label>
                  </th>
                  <td>
                    <select
                      id={id}
                      className="input select select-sm"
                      value={mapping[field]}
                      required={field === 'name'}
                      onChange={(e) => setMapping((m) => ({ ...m, [field]: e.target.value }))}
                    >
                      <option value="">{t('registry.import.notMapped')}</option>
                      {preview.columns.map((c) => (
                        <option key={c.header} value={c.header}>
                          {c.header}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td className="small muted">{column ? column.samples.filter(Boolean).join(' · ') : ''}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableScroll>
      {mapping.name === '' ? <Notice tone="warning">{t('registry.import.nameRequired')}</Notice> : null}
      {consentMapped ? (
        <div className="form-grid">
          <Field label={t('registry.consent.purpose')} hint={t('registry.import.consentHint')} required>
            <Input value={consent.purpose} onChange={(e) => setConsent((c) => ({ ...c, purpose: e.target.value }))} />
          </Field>
          <Field label={t('registry.consent.noticeVersion')} required>
            <Input value={consent.noticeVersion} onChange={(e) => setConsent((c) => ({ ...c, noticeVersion: e.target.value }))} />
          </Field>
        </div>
      ) : null}
      <UploadProgress state={upload} busy={busy} />
      {error ? <ImportError error={error} /> : null}
      <div className="form-actions">
        <Button onClick={onRestart}>{t('registry.import.otherFile')}</Button>
        <Button type="submit" variant="primary" busy={busy} disabled={mapping.name === ''}>
          {t('registry.import.checkMapping')}
        </Button>
      </div>
    </form>
  );
}
