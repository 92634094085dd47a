import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import {
  IMPORT_FIELDS,
  type ImportDecision,
  type ImportDecisions,
  type ImportField,
  type ImportMapping,
  type ImportPreview,
  type ImportResult,
  type ImportRowReport,
} from '@shared/schemas/registry-import';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ErrorBanner, Notice } from '@/components/ui/error-banner';
import { Field, Input, Select } from '@/components/ui/field';
import { TableScroll } from '@/components/ui/layout';
import { isApiError } from '@/lib/api-client';
import { issueText } from '@/lib/errors';
import { useCommitImport, usePreviewImport, type ImportConsent } from '../api/import-survey';
import { UploadProgress, type UploadState } from './upload-progress';

type Step = 'file' | 'mapping' | 'review' | 'done';
type MappingValues = Record<ImportField, string>;

const emptyMapping = () => Object.fromEntries(IMPORT_FIELDS.map((f) => [f, ''])) as MappingValues;

function toMapping(values: MappingValues): ImportMapping {
  return Object.fromEntries(Object.entries(values).filter(([, header]) => header !== '')) as ImportMapping;
}

/** A decision as a select value: create, skip, person:<id> or row:<n>. */
function decisionValue(d: ImportDecision | undefined): string {
  if (!d) return '';
  if (d.action !== 'merge') return d.action;
  return 'personId' in d ? `person:${d.personId}` : `row:${d.row}`;
}

function parseDecision(value: string): ImportDecision | null {
  if (value === 'create' || value === 'skip') return { action: value };
  const [kind, n] = value.split(':');
  if (kind === 'person') return { action: 'merge', personId: Number(n) };
  if (kind === 'row') return { action: 'merge', row: Number(n) };
  return null;
}

type ImportWizardProps = { projectId: number; registryHref: string; summaryHref: string };

/**
 * The mapping-survey import: a file, a dry run, the column mapping (starting from the
 * server's suggestion), a per-row report with a decision for every duplicate, and one
 * all-or-nothing commit. The file stays in memory and is sent again with each step.
 */
export function ImportWizard({ projectId, registryHref, summaryHref }: ImportWizardProps) {
  const { t } = useTranslation();
  const [step, setStep] = useState<Step>('file');
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [mapping, setMapping] = useState<MappingValues>(emptyMapping);
  const [consent, setConsent] = useState<ImportConsent>({ purpose: '', noticeVersion: '' });
  const [decisions, setDecisions] = useState<ImportDecisions>({});
  const [result, setResult] = useState<ImportResult | null>(null);
  const [upload, setUpload] = useState<UploadState>(null);
  const previewMutation = usePreviewImport();
  const commitMutation = useCommitImport();
  const busy = previewMutation.isPending || commitMutation.isPending;
  const onProgress = (loaded: number, total: number) => setUpload({ loaded, total });
  const consentMapped = mapping.consent !== '';
  const consentInput = consentMapped ? consent : null;

  const readFile = (e: FormEvent) => {
    e.preventDefault();
    if (!file) return setFileError(t('registry.import.chooseFile'));
    setFileError(null);
    setUpload(null);
    previewMutation.mutate(
      { projectId, file, onProgress },
      {
        onSuccess: (p) => {
          setPreview(p);
          setMapping({ ...emptyMapping(), ...p.suggestedMapping });
          setDecisions({});
          setStep('mapping');
        },
      },
    );
  };

  const check = (nextDecisions: ImportDecisions = decisions) => {
    if (!file) return;
    setUpload(null);
    previewMutation.mutate(
      { projectId, file, mapping: toMapping(mapping), decisions: nextDecisions, consent: consentInput, onProgress },
      {
        onSuccess: (p) => {
          setPreview(p);
          setStep('review');
        },
      },
    );
  };

  const commit = () => {
    if (!file) return;
    setUpload(null);
    commitMutation.mutate(
      { projectId, file, mapping: toMapping(mapping), decisions, consent: consentInput, onProgress },
      {
        onSuccess: (r) => {
          setResult(r);
          setStep('done');
        },
      },
    );
  };

  const restart = () => {
    setStep('file');
    setFile(null);
    setPreview(null);
    setResult(null);
    setDecisions({});
    previewMutation.reset();
    commitMutation.reset();
  };

  const setDecision = (row: number, value: string) => {
    setDecisions((all) => {
      const next = { ...all };
      const d = parseDecision(value);
      if (d) next[String(row)] = d;
      else delete next[String(row)];
      return next;
    });
  };

  // Decisions made since the last check may already settle every blocking row: the server checks again on commit.
  const undecided = preview
    ? preview.rows.filter((r) => {
        const d = decisions[String(r.row)];
        return (r.status === 'duplicate' && !d) || (r.status === 'invalid' && d?.action !== 'skip');
      })
    : [];
  const otherBlocking = preview ? preview.blocking.filter((b) => !preview.rows.some((r) => r.row === b.row && r.status !== 'ok')) : [];
  const blockers = [
    ...otherBlocking.map((b) => ({ row: b.row, text: issueText(t, b) })),
    ...undecided.map((r) => ({ row: r.row, text: r.status === 'invalid' ? t('registry.import.fixOrSkip') : t('registry.import.chooseDecision') })),
  ];
  const isReady = blockers.length === 0;

  const stepLabels: Record<Step, string> = {
    file: t('registry.import.steps.file'),
    mapping: t('registry.import.steps.mapping'),
    review: t('registry.import.steps.review'),
    done: t('registry.import.steps.done'),
  };
  const steps: Step[] = ['file', 'mapping', 'review', 'done'];

  return (
    <div className="stack import-wizard">
      <ol className="steps" aria-label={t('registry.import.stepsLabel')}>
        {steps.map((s, i) => (
          <li key={s} className={s === step ? 'step step-current' : 'step'} aria-current={s === step ? 'step' : undefined}>
            <span className="step-number">{i + 1}</span> {stepLabels[s]}
          </li>
        ))}
      </ol>

      {step === 'file' ? (
        <form className="form" onSubmit={readFile} noValidate>
          <p className="muted">{t('registry.import.fileHint')}</p>
          <Field label={t('registry.import.file')} error={fileError ?? undefined} required>
            <Input
              type="file"
              className="input-file"
              accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            />
          </Field>
          <UploadProgress state={upload} busy={busy} />
          {previewMutation.error ? <ImportError error={previewMutation.error} /> : null}
          <div className="form-actions form-actions-start">
            <Button type="submit" variant="primary" busy={busy}>
              {t('registry.import.read')}
            </Button>
          </div>
        </form>
      ) : null}

      {step === 'mapping' && preview ? (
        <form
          className="form"
          onSubmit={(e) => {
            e.preventDefault();
            check();
          }}
          noValidate
        >
          <h2 className="subheading">{t('registry.import.mappingTitle')}</h2>
          <p className="muted">{t('registry.import.mappingHint', { rows: preview.totals.rows })}</p>
          <TableScroll label={t('registry.import.mappingTitle')}>
            <table className="table table-compact mapping-table">
              <thead>
                <tr>
                  <th scope="col">{t('registry.import.field')}</th>
                  <th scope="col">{t('registry.import.column')}</th>
                  <th scope="col">{t('registry.import.samples')}</th>
                </tr>
              </thead>
              <tbody>
                {IMPORT_FIELDS.map((field) => {
                  const column = preview.columns.find((c) => c.header === mapping[field]);
                  const id = `map-${field}`;
                  return (
                    <tr key={field}>
                      <th scope="row">
                        <label htmlFor={id}>
                          {t(`registry.import.fields.${field}`)}
                          {field === 'name' ? <span className="field-required" aria-hidden="true"> *</span> : null}
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
          {previewMutation.error ? <ImportError error={previewMutation.error} /> : null}
          <div className="form-actions">
            <Button onClick={restart}>{t('registry.import.otherFile')}</Button>
            <Button type="submit" variant="primary" busy={busy} disabled={mapping.name === ''}>
              {t('registry.import.checkMapping')}
            </Button>
          </div>
        </form>
      ) : null}

      {step === 'review' && preview ? (
        <div className="stack">
          <ImportTotals preview={preview} />
          <ReviewRows preview={preview} decisions={decisions} onDecision={setDecision} />
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
          {previewMutation.error ? <ImportError error={previewMutation.error} /> : null}
          {commitMutation.error ? <ImportError error={commitMutation.error} /> : null}
          <div className="form-actions">
            <Button onClick={() => setStep('mapping')}>{t('registry.import.backToMapping')}</Button>
            <Button onClick={() => check()} busy={previewMutation.isPending} disabled={busy}>
              {t('registry.import.checkAgain')}
            </Button>
            <Button variant="primary" onClick={commit} busy={commitMutation.isPending} disabled={busy || !isReady}>
              {t('registry.import.commit', { count: preview.totals.rows })}
            </Button>
          </div>
          <p className="muted small">{t('registry.import.checkAgainHint')}</p>
        </div>
      ) : null}

      {step === 'done' && result ? (
        <div className="stack">
          <Notice tone="success" role="alert">
            <p className="banner-title">{t('registry.import.doneTitle')}</p>
            <p>{t('registry.import.doneBody', { created: result.created, merged: result.merged, skipped: result.skipped, consents: result.consents })}</p>
          </Notice>
          <div className="button-row">
            <Link className="btn btn-primary" to={registryHref}>
              {t('registry.import.toRegistry')}
            </Link>
            <Link className="btn btn-secondary" to={summaryHref}>
              {t('registry.import.toSummary')}
            </Link>
            <Button onClick={restart}>{t('registry.import.another')}</Button>
          </div>
        </div>
      ) : null}
    </div>
  );
}

function ImportError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const issues = isApiError(error) ? error.issues : [];
  return (
    <div className="stack">
      <ErrorBanner error={error} />
      {issues.length ? (
        <ul className="plain-list small import-issues">
          {issues.slice(0, 20).map((i) => (
            <li key={`${i.path}-${i.message}`}>
              <span className="mono">{i.path}</span>: {issueText(t, i)}
            </li>
          ))}
        </ul>
      ) : null}
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
          <thead>
            <tr>
              <th scope="col">{t('registry.import.row')}</th>
              <th scope="col">{t('registry.import.statusLabel')}</th>
              <th scope="col">{t('registry.import.problems')}</th>
              <th scope="col">{t('registry.import.decision')}</th>
            </tr>
          </thead>
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
