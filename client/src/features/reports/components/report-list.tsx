import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { CreateReportInput, REPORT_KINDS, type Report, type ReportKind } from '@shared/schemas/report';
import { LOCALES, type Locale } from '@shared/locales';
import { FormAlerts } from '@/components/form/form-alerts';
import { useSaveForm } from '@/components/form/use-save-form';
import { Button } from '@/components/ui/button';
import { Field, Input, Options, Select } from '@/components/ui/field';
import { EmptyState } from '@/components/ui/layout';
import { ScrollTable } from '@/components/ui/scroll-table';
import { formatDate } from '@/lib/format';
import { useCreateReport } from '../api/create-report';
import { ReportStatusBadge } from './report-badges';

export function ReportList({ reports, reportHref }: { reports: Report[]; reportHref: (id: number) => string }) {
  const { t, i18n } = useTranslation();
  if (reports.length === 0) return <EmptyState>{t('reports.list.empty')}</EmptyState>;
  return (
    <ScrollTable
      label={t('reports.list.title')}
      columns={[t('reports.list.report'), t('reports.list.kind'), t('reports.list.period'), t('reports.list.status'), t('reports.list.submitted')]}
    >
      {reports.map((r) => (
        <tr key={r.id}>
          <td>
            <Link to={reportHref(r.id)}>{r.title}</Link>
            {r.illustrative ? <span className="muted small"> · {t('common.illustrative')}</span> : null}
          </td>
          <td>{t(`reports.kind.${r.kind}`)}</td>
          <td className="nowrap">{`${formatDate(r.periodStart, i18n.language)} – ${formatDate(r.periodEnd, i18n.language)}`}</td>
          <td>
            <ReportStatusBadge status={r.status} />
          </td>
          <td className="nowrap">{r.submittedAt ? formatDate(r.submittedAt, i18n.language) : ''}</td>
        </tr>
      ))}
    </ScrollTable>
  );
}

/** Quarter dates for the quarterly kind: the current quarter by default. */
function quarterOf(date: Date) {
  const y = date.getUTCFullYear();
  const q = Math.floor(date.getUTCMonth() / 3);
  const start = `${y}-${String(q * 3 + 1).padStart(2, '0')}-01`;
  const end = new Date(Date.UTC(y, q * 3 + 3, 0)).toISOString().slice(0, 10);
  return { start, end, label: `Q${q + 1} ${y}` };
}

/** The form that starts a report: kind, title, period and the language of its downloads. */
export function CreateReportForm({ projectId, onCreated }: { projectId: number; onCreated: (id: number) => void }) {
  const { t, i18n } = useTranslation();
  const create = useCreateReport();
  const q = quarterOf(new Date());
  const [kind, setKind] = useState<ReportKind>('quarterly');
  const [title, setTitle] = useState('');
  const [start, setStart] = useState(q.start);
  const [end, setEnd] = useState(q.end);
  const [language, setLanguage] = useState<Locale>((LOCALES as readonly string[]).includes(i18n.language) ? (i18n.language as Locale) : 'en');
  const form = useSaveForm({ mutation: create });
  const { errors } = form;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    form.save(
      CreateReportInput,
      { kind, title, periodStart: start, periodEnd: end, language },
      (input) => create.mutate({ projectId, input }, { onSuccess: (r) => onCreated(r.id) }),
      { explain: (i) => (i.path[0] === 'title' ? { ...i, message: t('reports.form.titleRequired') } : i) },
    );
  };

  return (
    <form className="form report-create" onSubmit={submit} noValidate>
      <div className="form-grid">
        <Field label={t('reports.form.kind')}>
          <Select
            value={kind}
            onChange={(e) => {
              const k = e.target.value as ReportKind;
              setKind(k);
              if (k === 'quarterly') {
                setStart(q.start);
                setEnd(q.end);
              }
            }}
          >
            <Options values={REPORT_KINDS} label={(k) => t(`reports.kind.${k}`)} />
          </Select>
        </Field>
        <Field label={t('reports.form.title')} error={errors.title} required hint={t('reports.form.titleHint', { quarter: q.label })}>
          <Input value={title} onChange={(e) => setTitle(e.target.value)} maxLength={300} />
        </Field>
        <Field label={t('reports.form.start')} error={errors.periodStart} required>
          <Input type="date" value={start} onChange={(e) => setStart(e.target.value)} />
        </Field>
        <Field label={t('reports.form.end')} error={errors.periodEnd} required>
          <Input type="date" value={end} onChange={(e) => setEnd(e.target.value)} />
        </Field>
        <Field label={t('reports.form.language')}>
          <Select value={language} onChange={(e) => setLanguage(e.target.value as Locale)}>
            <Options values={LOCALES} label={(l) => t(`languages.${l}`)} />
          </Select>
        </Field>
      </div>
      <FormAlerts form={form} />
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={create.isPending}>
          {t('reports.form.create')}
        </Button>
      </div>
    </form>
  );
}
