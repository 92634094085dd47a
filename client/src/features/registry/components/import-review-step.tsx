import { useTranslation } from 'react-i18next';
import { type ImportDecisions, type ImportField, type ImportPreview, type ImportRowReport } from '@shared/schemas/registry-import';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Notice } from '@/components/ui/error-banner';
import { TableScroll } from '@/components/ui/layout';
import { TableHead } from '@/components/ui/table-head';
import { issueText } from '@/lib/errors';
import { ImportError } from './import-error';
import { decisionValue } from './import-mapping';
import { UploadProgress, type UploadState } from './upload-progress';

type ReviewStepProps = {
  preview: ImportPreview;
  decisions: ImportDecisions;
  onDecision: (row: number, value: string) => void;
  blockers: { row: number; text: string }[];
  upload: UploadState;
  busy: boolean;
  checking: boolean;
  committing: boolean;
  checkError: unknown;
  commitError: unknown;
  onBack: () => void;
  onCheck: () => void;
  onCommit: () => void;
};

/** Step 3: the per-row report, a decision for every duplicate, and the one commit. */
export function ImportReviewStep(props: ReviewStepProps) {
  const { preview, decisions, onDecision, blockers, upload, busy, checking, committing, checkError, commitError, onBack, onCheck, onCommit } = props;
  const { t } = useTranslation();
  const isReady = blockers.length === 0;
  return (
    <div className="stack">
      <ImportTotals preview={preview} />
      <ReviewRows preview={preview} decisions={decisions} onDecision={onDecision} />
      {preview.preview.length ? <PreviewTable preview={preview} /> : null}
      {!isReady ? (
        <Notice tone="warning">
          <p className="banner-title">{t('registry.import.blockingTitle', { count: blockers.length })}</p>
          <ul className="plain-list">
            {blockers.slice(0, 10).map((b) => (
              <li key={`${b.row}-${b.text}`}>{t('registry.import.rowMessage', { row: b.row, message: b.text })}</li>
            ))}
          </ul>
        </Notice>
      ) : (
        <Notice tone="success">{t('registry.import.ready')}</Notice>
      )}
      <UploadProgress state={upload} busy={busy} />
      {checkError ? <ImportError error={checkError} /> : null}
      {commitError ? <ImportError error={commitError} /> : null}
      <div className="form-actions">
        <Button onClick={onBack}>{t('registry.import.backToMapping')}</Button>
        <Button onClick={onCheck} busy={checking} disabled={busy}>
          {t('registry.import.checkAgain')}
        </Button>
        <Button variant="primary" onClick={onCommit} busy={committing} disabled={busy || !isReady}>
          {t('registry.import.commit', { count: preview.totals.rows })}
        </Button>
      </div>
      <p className="muted small">{t('registry.import.checkAgainHint')}</p>
    </div>
  );
}

function ImportTotals({ preview }: { preview: ImportPreview }) {
  const { t } = useTranslation();
  const { totals } = preview;
  return (
    <div className="summary-metrics import-totals">
      {(['rows', 'ok', 'duplicate', 'invalid'] as const).map((k) => (
        <div className="metric" key={k}>
          <div className="metric-label">{t(`registry.import.totals.${k}`)}</div>
          <div className="metric-value">{totals[k]}</div>
        </div>
      ))}
    </div>
  );
}

function StatusBadge({ status }: { status: ImportRowReport['status'] }) {
  const { t } = useTranslation();
  const tone = status === 'ok' ? 'success' : status === 'duplicate' ? 'warning' : 'danger';
  return <Badge tone={tone}>{t(`registry.import.status.${status}`)}</Badge>;
}

type ReviewRowsProps = { preview: ImportPreview; decisions: ImportDecisions; onDecision: (row: number, value: string) => void };

/** Rows with issues, warnings or duplicates, each with what will happen to it. */
function ReviewRows({ preview, decisions, onDecision }: ReviewRowsProps) {
  const { t } = useTranslation();
  if (preview.rows.length === 0) return <p className="muted">{t('registry.import.allClean')}</p>;
  const invalid = preview.rows.filter((r) => r.status === 'invalid');
  const skipAllInvalid = () => invalid.forEach((r) => onDecision(r.row, 'skip'));
  return (
    <div className="stack">
      <h2 className="subheading">{t('registry.import.reportTitle')}</h2>
      {invalid.length ? (
        <div className="button-row">
          <Button size="sm" onClick={skipAllInvalid}>
            {t('registry.import.skipInvalid', { count: invalid.length })}
          </Button>
        </div>
      ) : null}
      <TableScroll label={t('registry.import.reportTitle')}>
        <table className="table table-compact import-report">
          <TableHead
            columns={[t('registry.import.row'), t('registry.import.statusLabel'), t('registry.import.problems'), t('registry.import.decision')]}
          />
          <tbody>
            {preview.rows.map((r) => {
              const id = `decision-${r.row}`;
              const value = decisionValue(decisions[String(r.row)]);
              return (
                <tr key={r.row} className={r.status === 'ok' ? undefined : 'row-flagged'}>
                  <th scope="row" className="num">
                    {r.row}
                  </th>
                  <td>
                    <StatusBadge status={r.status} />
                  </td>
                  <td className="small">
                    <ul className="plain-list">
                      {r.issues.map((i) => (
                        <li key={`${i.field}-${i.message}`}>
                          <strong>{t(`registry.import.fields.${i.field as ImportField}`, { defaultValue: i.field })}</strong>
                          {i.column ? ` (${i.column})` : ''}: {issueText(t, i)}
                        </li>
                      ))}
                      {r.warnings.map((w) => (
                        <li key={`${w.code}-${w.message}`} className="muted">
                          {issueText(t, w)}
                        </li>
                      ))}
                      {r.duplicates.map((d) => (
                        <li key={`${d.personId ?? ''}-${d.row ?? ''}`}>
                          {d.personId !== null
                            ? t('registry.import.duplicateOfPerson', { name: d.name, reason: t(`registry.import.reason.${d.reason}`) })
                            : t('registry.import.duplicateOfRow', { row: d.row, name: d.name, reason: t(`registry.import.reason.${d.reason}`) })}
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td>
                    {r.status === 'ok' ? (
                      <span className="muted small">{t('registry.import.willCreate')}</span>
                    ) : (
                      <>
                        <label className="visually-hidden" htmlFor={id}>
                          {t('registry.import.decisionFor', { row: r.row })}
                        </label>
                        <select id={id} className="input select select-sm" value={value} onChange={(e) => onDecision(r.row, e.target.value)}>
                          <option value="">{t('registry.import.decide')}</option>
                          {r.status === 'duplicate'
                            ? r.duplicates.map((d) =>
                                d.personId !== null ? (
                                  <option key={`p${d.personId}`} value={`person:${d.personId}`}>
                                    {t('registry.import.mergeInto', { name: d.name })}
                                  </option>
                                ) : (
                                  <option key={`r${d.row}`} value={`row:${d.row}`}>
                                    {t('registry.import.mergeIntoRow', { row: d.row })}
                                  </option>
                                ),
                              )
                            : null}
                          {r.status === 'duplicate' ? <option value="create">{t('registry.import.createNew')}</option> : null}
                          <option value="skip">{t('registry.import.skip')}</option>
                        </select>
                      </>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableScroll>
    </div>
  );
}

function PreviewTable({ preview }: { preview: ImportPreview }) {
  const { t } = useTranslation();
  const cols = ['name', 'sex', 'birthYear', 'country', 'group', 'occupation', 'email'] as const;
  const show = (v: unknown) => (v === null || v === undefined || v === '' ? '—' : Array.isArray(v) ? v.join(', ') : String(v));
  return (
    <details className="chart-table">
      <summary>{t('registry.import.previewTitle', { count: preview.preview.length })}</summary>
      <TableScroll label={t('registry.import.previewTitle', { count: preview.preview.length })}>
        <table className="table table-compact">
          <thead>
            <tr>
              <th scope="col">{t('registry.import.row')}</th>
              {cols.map((c) => (
                <th key={c} scope="col">
                  {t(`registry.import.fields.${c}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {preview.preview.map((p, i) => (
              <tr key={show(p.row) + String(i)}>
                <td className="num">{show(p.row)}</td>
                {cols.map((c) => (
                  <td key={c}>{show(p[c])}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </details>
  );
}
