import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { IatiImportResult } from '@shared/schemas/iati';
import { Button } from '@/components/ui/button';
import { ErrorBanner, Notice } from '@/components/ui/error-banner';
import { Field, Input } from '@/components/ui/field';
import { Panel } from '@/components/ui/layout';
import { ScrollTable } from '@/components/ui/scroll-table';
import { useImportIati } from '../api/import-iati';

const KINDS = ['outcomes', 'outputs', 'indicators', 'periods', 'values', 'budgets', 'transactions'] as const;

function ResultTable({ result, projectHref }: { result: IatiImportResult; projectHref: (id: number) => string }) {
  const { t } = useTranslation();
  return (
    <>
      <ScrollTable
        label={t('iati.preview.title')}
        columns={[
          t('iati.preview.activity'),
          t('iati.preview.action'),
          ...KINDS.map((k) => ({ label: t(`iati.preview.kinds.${k}`), numeric: true })),
        ]}
      >
        {result.activities.map((a) => (
          <tr key={a.identifier}>
            <td>
              {a.projectId && !result.dryRun ? <Link to={projectHref(a.projectId)}>{a.title}</Link> : a.title}
              <div className="mono small muted">{a.identifier}</div>
            </td>
            <td>{t(`iati.preview.actions.${a.action}`)}</td>
            {KINDS.map((k) => (
              <td key={k} className="num small nowrap">
                {t('iati.preview.counts', { create: a[k].create, update: a[k].update, unchanged: a[k].unchanged })}
              </td>
            ))}
          </tr>
        ))}
      </ScrollTable>
      {result.activities.some((a) => a.warnings.length) ? (
        <div className="iati-warnings">
          <h3 className="subheading">{t('iati.preview.warnings')}</h3>
          <ul>{result.activities.flatMap((a) => a.warnings.map((w, i) => <li key={`${a.identifier}-${i}`}>{w}</li>))}</ul>
        </div>
      ) : null}
      {result.ignored.length ? (
        <div className="iati-ignored">
          <h3 className="subheading">{t('iati.preview.ignored')}</h3>
          <ul>
            {result.ignored.map((x) => (
              <li key={x.path}>
                <span className="mono">{x.path.replace('iati-activities/iati-activity/', '')}</span> × {x.count}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </>
  );
}

/** Upload an IATI 2.03 file, see what it would create or update, then import it in one go. */
export function IatiImport({ projectHref }: { projectHref: (id: number) => string }) {
  const { t } = useTranslation();
  const mutation = useImportIati();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<IatiImportResult | null>(null);
  const [done, setDone] = useState<IatiImportResult | null>(null);

  return (
    <>
      <Panel title={t('iati.steps.choose')}>
        <form
          className="form"
          onSubmit={(e) => {
            e.preventDefault();
            if (!file) return;
            setDone(null);
            mutation.mutate({ file, dryRun: true }, { onSuccess: setPreview });
          }}
        >
          <Field label={t('iati.file')} hint={t('iati.fileHint')}>
            <Input
              type="file"
              accept=".xml,application/xml,text/xml"
              onChange={(e) => {
                setFile(e.target.files?.[0] ?? null);
                setPreview(null);
                setDone(null);
              }}
            />
          </Field>
          <div className="form-actions">
            <Button type="submit" variant="primary" disabled={!file} busy={mutation.isPending && !preview}>
              {t('iati.previewButton')}
            </Button>
          </div>
        </form>
        {mutation.isError ? <ErrorBanner error={mutation.error} title={t('iati.refused')} /> : null}
      </Panel>
      {preview && !done ? (
        <Panel title={t('iati.steps.preview')}>
          <Notice>{t('iati.dryRunNote')}</Notice>
          <ResultTable result={preview} projectHref={projectHref} />
          <div className="form-actions">
            <Button
              variant="primary"
              busy={mutation.isPending}
              onClick={() => file && mutation.mutate({ file, dryRun: false }, { onSuccess: setDone })}
            >
              {t('iati.confirm')}
            </Button>
            <Button onClick={() => setPreview(null)}>{t('common.cancel')}</Button>
          </div>
        </Panel>
      ) : null}
      {done ? (
        <Panel title={t('iati.steps.done')}>
          <Notice tone="success">{t('iati.imported', { count: done.activities.length })}</Notice>
          <ResultTable result={done} projectHref={projectHref} />
        </Panel>
      ) : null}
    </>
  );
}
