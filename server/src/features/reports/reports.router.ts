import type { Request, Response, Router } from 'express';
import type { Locale } from '@shared/locales';
import { IdParams } from '@shared/schemas/common';
import {
  AcceptReportInput,
  CreateReportInput,
  CsvExportQuery,
  ExportQuery,
  ReportTransitionInput,
  ReturnReportInput,
  UpdateReportInput,
  type Report,
  type ReportData,
} from '@shared/schemas/report';
import { notFound } from '../../core/errors';
import { parseParams, parseQuery } from '../../http/parse';
import { recordRoutes } from '../../http/record-routes';
import { authOf, route } from '../../http/route';
import { tableCsv } from './export/csv';
import { headingsFor } from './export/headings';
import { reportTables } from './export/tables';
import type { ReportsService } from './reports.service';

/** A file name safe in Content-Disposition: the project code and what it is, ASCII only. */
const fileName = (data: ReportData, report: Report | null, ext: string, suffix = '') =>
  `${data.project.code.replace(/[^A-Za-z0-9._-]/g, '_')}-${report ? `report-${report.id}` : 'status'}${suffix}.${ext}`;

function download(res: Response, type: string, name: string) {
  res.status(200);
  res.set({ 'Content-Type': type, 'Content-Disposition': `attachment; filename="${name}"`, 'X-Content-Type-Options': 'nosniff' });
}

type Source = { data: ReportData; report: Report | null };

async function sendPdf(req: Request, res: Response, source: Source) {
  const { lang } = parseQuery(ExportQuery, req);
  const language: Locale = lang ?? source.report?.language ?? 'en';
  const h = headingsFor(language);
  // The PDF and spreadsheet writers (and their libraries, tens of MB) load on the first export, not at start.
  const { writeReportPdf } = await import('./export/pdf');
  download(res, 'application/pdf', fileName(source.data, source.report, 'pdf'));
  writeReportPdf(res, source.data, source.report, reportTables(source.data, h), h, language);
}

async function sendXlsx(req: Request, res: Response, source: Source) {
  const { lang } = parseQuery(ExportQuery, req);
  const h = headingsFor(lang ?? source.report?.language ?? 'en');
  const { writeReportXlsx } = await import('./export/xlsx');
  download(res, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', fileName(source.data, source.report, 'xlsx'));
  await writeReportXlsx(res, source.data, source.report, reportTables(source.data, h), h);
  res.end();
}

function sendCsv(req: Request, res: Response, source: Source) {
  const { lang, table } = parseQuery(CsvExportQuery, req);
  const h = headingsFor(lang ?? source.report?.language ?? 'en');
  const found = reportTables(source.data, h).find((t) => t.name === table);
  if (!found) throw notFound('Table');
  download(res, 'text/csv; charset=utf-8', fileName(source.data, source.report, 'csv', `-${table}`));
  res.send(tableCsv(found));
}

export function registerReportRoutes(router: Router, reports: ReportsService): void {
  const routes = recordRoutes(router);
  routes.read('GET /projects/:id/reports', reports.list);
  routes.create('POST /projects/:id/reports', CreateReportInput, reports.create);
  routes.read('GET /reports/:id', reports.get);
  routes.update('PATCH /reports/:id', UpdateReportInput, reports.update);
  routes.remove('DELETE /reports/:id', reports.delete);
  routes.update('POST /reports/:id/submit', ReportTransitionInput, (user, id, { version }) => reports.submit(user, id, version));
  routes.update('POST /reports/:id/accept', AcceptReportInput, reports.accept);
  routes.update('POST /reports/:id/return', ReturnReportInput, reports.return);
  routes.read('GET /reports/:id/compare', reports.compare);

  const ofReport = (req: Request): Promise<Source> => reports.forExport(authOf(req).user, parseParams(IdParams, req).id);
  const ofProject = async (req: Request): Promise<Source> => ({
    data: await reports.liveData(authOf(req).user, parseParams(IdParams, req).id),
    report: null,
  });
  route(router, 'GET /reports/:id/export.pdf', async (req, res) => sendPdf(req, res, await ofReport(req)));
  route(router, 'GET /reports/:id/export.xlsx', async (req, res) => sendXlsx(req, res, await ofReport(req)));
  route(router, 'GET /reports/:id/export.csv', async (req, res) => sendCsv(req, res, await ofReport(req)));
  route(router, 'GET /projects/:id/export.pdf', async (req, res) => sendPdf(req, res, await ofProject(req)));
  route(router, 'GET /projects/:id/export.xlsx', async (req, res) => sendXlsx(req, res, await ofProject(req)));
  route(router, 'GET /projects/:id/export.csv', async (req, res) => sendCsv(req, res, await ofProject(req)));

  route(router, 'GET /dashboard', async (req, res) => {
    res.json(await reports.dashboard(authOf(req).user));
  });
}
