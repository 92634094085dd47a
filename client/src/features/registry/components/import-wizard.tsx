import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportDecisions, ImportPreview, ImportResult } from '@shared/schemas/registry-import';
import { issueText } from '@/lib/errors';
import { useCommitImport, usePreviewImport, type ImportConsent } from '../api/import-survey';
import { ImportDoneStep } from './import-done-step';
import { ImportFileStep } from './import-file-step';
import { emptyMapping, parseDecision, toMapping, type MappingValues } from './import-mapping';
import { ImportMappingStep } from './import-mapping-step';
import { ImportReviewStep } from './import-review-step';
import type { UploadState } from './upload-progress';

type Step = 'file' | 'mapping' | 'review' | 'done';

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
        <ImportFileStep fileError={fileError} upload={upload} busy={busy} error={previewMutation.error} onFile={setFile} onRead={readFile} />
      ) : null}
      {step === 'mapping' && preview ? (
        <ImportMappingStep
          preview={preview}
          mapping={mapping}
          setMapping={setMapping}
          consent={consent}
          setConsent={setConsent}
          upload={upload}
          busy={busy}
          error={previewMutation.error}
          onCheck={() => check()}
          onRestart={restart}
        />
      ) : null}
      {step === 'review' && preview ? (
        <ImportReviewStep
          preview={preview}
          decisions={decisions}
          onDecision={setDecision}
          blockers={blockers}
          upload={upload}
          busy={busy}
          checking={previewMutation.isPending}
          committing={commitMutation.isPending}
          checkError={previewMutation.error}
          commitError={commitMutation.error}
          onBack={() => setStep('mapping')}
          onCheck={() => check()}
          onCommit={commit}
        />
      ) : null}
      {step === 'done' && result ? (
        <ImportDoneStep result={result} registryHref={registryHref} summaryHref={summaryHref} onRestart={restart} />
      ) : null}
    </div>
  );
}
