import type { Router } from 'express';
import {
  AddAttendanceInput,
  AttendanceImportQuery,
  EngagementQuery,
  ListAttendanceQuery,
  PeriodParams,
  ProposeFromAttendanceInput,
} from '@shared/schemas/attendance';
import { IdParams } from '@shared/schemas/common';
import { IMPORT_LIMITS } from '../../core/import-limits';
import { readTable } from '../../core/tabular';
import { readSingleFile } from '../../http/multipart';
import { parseBody, parseParams, parseQuery } from '../../http/parse';
import { recordRoutes } from '../../http/record-routes';
import { authOf, route } from '../../http/route';
import type { AttendanceService } from './attendance.service';

export function registerAttendanceRoutes(router: Router, attendance: AttendanceService): void {
  const personal = recordRoutes(router, (res) => res.set('Cache-Control', 'no-store'));
  personal.query('GET /activities/:id/attendance', ListAttendanceQuery, (user, id, { subEventId }) => attendance.list(user, id, subEventId));
  personal.create('POST /activities/:id/attendance', AddAttendanceInput, attendance.add);
  route(
    router,
    'POST /activities/:id/attendance/import',
    async (req, res) => {
      const { id } = parseParams(IdParams, req);
      const { subEventId, dryRun } = parseQuery(AttendanceImportQuery, req);
      const isDryRun = dryRun === '1' || dryRun === 'true';
      const result = await attendance.importSheet(authOf(req).user, id, subEventId, isDryRun, async () =>
        readTable(
          (await readSingleFile(req, { field: 'file', maxBytes: IMPORT_LIMITS.attendance.maxUploadBytes })).data,
          IMPORT_LIMITS.attendance.maxRows,
        ),
      );
      res
        .set('Cache-Control', 'no-store')
        .status(isDryRun ? 200 : 201)
        .json(result);
    },
    { body: 'multipart' },
  );
  route(router, 'DELETE /attendance/:id', async (req, res) => {
    await attendance.delete(authOf(req).user, parseParams(IdParams, req).id);
    res.status(204).end();
  });
  recordRoutes(router).query('GET /projects/:id/attendance/engagement', EngagementQuery, attendance.engagement);
  route(router, 'POST /indicators/:id/periods/:periodId/propose-from-attendance', async (req, res) => {
    const { id, periodId } = parseParams(PeriodParams, req);
    res.status(201).json(await attendance.proposeFromAttendance(authOf(req).user, id, periodId, parseBody(ProposeFromAttendanceInput, req)));
  });
}
