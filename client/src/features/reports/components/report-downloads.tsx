import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LOCALES, type Locale } from '@shared/locales';
import { EXPORT_TABLES, type ExportTable } from '@shared/schemas/report';
import { Field, Options, Select } from '@/components/ui/field';
import { downloadUrls } from '../api/downloads';

/**
 * Download links for a report (reportId) or for the live project view: PDF, XLSX, one
 * table as CSV, and the project's IATI file. The browser saves what the server sends.
 */
export function ReportDownloads({ reportId, projectId, defaultLanguage }: { reportId?: number; projectId: number; defaultLanguage: Locale }) {
  const { t } = useTranslation();
  const [lang, setLang] = useState<Locale>(defaultLanguage);
  const [table, setTable] = useState<ExportTable>('indicators');
  const urls =
    reportId !== undefined
      ? {
          pdf: downloadUrls.reportPdf(reportId, lang),
          xlsx: downloadUrls.reportXlsx(reportId, lang),
          csv: downloadUrls.reportCsv(reportId, table, lang),
        }
      : {
          pdf: downloadUrls.projectPdf(projectId, lang),
          xlsx: downloadUrls.projectXlsx(projectId, lang),
          csv: downloadUrls.projectCsv(projectId, table, lang),
        };
  return (
    <div className="report-downloads">
      <Field label={t('reports.downloads.language')} className="report-downloads-field">
        <Select value={lang} onChange={(e) => setLang(e.target.value as Locale)}>
          <Options values={LOCALES} label={(l) => t(`languages.${l}`)} />
        </Select>
      </Field>
      <div className="report-downloads-links">
        <a className="btn btn-secondary" href={urls.pdf} download>
          {t('reports.downloads.pdf')}
        </a>
        <a className="btn btn-secondary" href={urls.xlsx} download>
          {t('reports.downloads.xlsx')}
        </a>
        <a className="btn btn-secondary" href={downloadUrls.projectIati(projectId)} download>
          {t('reports.downloads.iati')}
        </a>
      </div>
      <div className="report-downloads-csv">
        <Field label={t('reports.downloads.table')} className="report-downloads-field">
          <Select value={table} onChange={(e) => setTable(e.target.value as ExportTable)}>
            <Options values={EXPORT_TABLES} label={(x) => t(`reports.tables.${x}`)} />
          </Select>
        </Field>
        <a className="btn btn-secondary" href={urls.csv} download>
          {t('reports.downloads.csv')}
        </a>
      </div>
    </div>
  );
}
