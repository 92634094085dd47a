import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AttendanceImportResult } from '@shared/schemas/attendance';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ErrorBanner, Notice } from '@/components/ui/error-banner';
import { Field, Input } from '@/components/ui/field';
import { TableScroll } from '@/components/ui/layout';
import { Progress } from '@/components/ui/progress';
import { TableHead } from '@/components/ui/table-head';
import { issueText } from '@/lib/errors';
import { useImportAttendance } from '../api/import-attendance';

/** An attendance sheet: a dry run shows how each row matched the registry, then the matched rows are added. */
export function AttendanceImport({ activityId, subEventId }: { activityId: number; subEventId: number | null }) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<AttendanceImportResult | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const mutation = useImportAttendance();

  const run = (dryRun: boolean) => {
    if (!file) return;
    setProgress(0);
    mutation.mutate(
      { activityId, subEventId, file, dryRun, onProgress: (loaded, total) => setProgress(Math.round((loaded / total) * 100)) },
      {
        onSuccess: (r) => setReport(r),
        onSettled: () => setProgress(null),
      },
    );
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    run(true);
  };
  const matched = report?.rows.filter((r) => r.status === 'matched').length ?? 0;
  const tone = (s: string) => (s === 'matched' ? 'success' : s === 'already_present' ? 'neutral' : 'warning');

  return (
    <section className="inline-panel stack">
      <h3 className="subheading">{t('attendance.import.title')}</h3>
      <p className="muted small">{t('attendance.import.hint')}</p>
      <form className="filters-search" onSubmit={submit}>
        <Field label={t('attendance.import.file')} className="filters-search-field">
          <Input
            type="file"
            className="input-file"
            accept=".csv,.xlsx"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setReport(null);
            }}
          />
        </Field>
        <Button type="submit" disabled={!file} busy={mutation.isPending && mutation.variables?.dryRun}>
          {t('attendance.import.check')}
        </Button>
      </form>
      {mutation.isPending ? (
        progress !== null && progress < 100 ? (
          <Progress value={progress} label={t('registry.import.uploading')} valueText={`${progress}%`} />
        ) : (
          <div className="upload-progress" role="status">
            <progress className="progress-bar progress-indeterminate" aria-label={t('registry.import.processing')} />
            <span className="progress-text">{t('registry.import.processing')}</span>
          </div>
        )
      ) : null}
      {mutation.error ? <ErrorBanner error={mutation.error} /> : null}
      {report ? (
        <>
          {report.dryRun ? null : <Notice tone="success">{t('attendance.import.added', { count: report.added })}</Notice>}
          <p className="small">
            {t('attendance.import.columns', {
              name: report.columns.name ?? t('common.notSet'),
              email: report.columns.email ?? t('common.notSet'),
              date: report.columns.date ?? t('common.notSet'),
            })}
          </p>
          <TableScroll label={t('attendance.import.report')}>
            <table className="table table-compact">
              <caption className="table-caption">{t('attendance.import.report')}</caption>
              <TableHead
                columns={[
                  t('registry.import.row'),
                  t('registry.import.statusLabel'),
                  t('attendance.import.matchedBy'),
                  t('attendance.import.message'),
                ]}
              />
              <tbody>
                {report.rows.map((r) => (
                  <tr key={r.row}>
                    <td className="num">{r.row}</td>
                    <td>
                      <Badge tone={tone(r.status)}>{t(`attendance.import.status.${r.status}`)}</Badge>
                    </td>
                    <td>{r.matchedBy ? t(`attendance.import.by.${r.matchedBy}`) : t('common.notSet')}</td>
                    <td className="small">{r.message === null ? '' : issueText(t, { ...r, message: r.message })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          {report.dryRun ? (
            <div className="form-actions form-actions-start">
              <Button variant="primary" disabled={matched === 0} busy={mutation.isPending} onClick={() => run(false)}>
                {t('attendance.import.commit', { count: matched })}
              </Button>
            </div>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
