import type { Locale } from '@shared/locales';
import type { ExportTable } from '@shared/schemas/report';
import { buildUrl } from '@/lib/api-client';

/** Addresses of the downloads; the browser fetches them itself (the server answers as an attachment). */
export const downloadUrls = {
  reportPdf: (id: number, lang: Locale) => buildUrl(`/reports/${id}/export.pdf`, { lang }),
  reportXlsx: (id: number, lang: Locale) => buildUrl(`/reports/${id}/export.xlsx`, { lang }),
  reportCsv: (id: number, table: ExportTable, lang: Locale) => buildUrl(`/reports/${id}/export.csv`, { table, lang }),
  projectPdf: (projectId: number, lang: Locale) => buildUrl(`/projects/${projectId}/export.pdf`, { lang }),
  projectXlsx: (projectId: number, lang: Locale) => buildUrl(`/projects/${projectId}/export.xlsx`, { lang }),
  projectCsv: (projectId: number, table: ExportTable, lang: Locale) => buildUrl(`/projects/${projectId}/export.csv`, { table, lang }),
  projectIati: (projectId: number) => buildUrl(`/projects/${projectId}/iati.xml`),
  portfolioIati: () => buildUrl('/iati.xml'),
};
