import type { Router } from 'express';
import {
  CreateExpenditureInput,
  EXPENDITURE_EVIDENCE_MAX_BYTES,
  ImportExpendituresQuery,
  ListExpendituresQuery,
  UpdateExpenditureInput,
} from '@shared/schemas/budget-ledger';
import { IdParams } from '@shared/schemas/common';
import { IMPORT_LIMITS } from '../../core/import-limits';
import { readCsvRecords } from '../../core/tabular';
import { evidenceRoutes } from '../../http/evidence-routes';
import { parseParams, parseQuery } from '../../http/parse';
import { recordRoutes } from '../../http/record-routes';
import { authOf, route } from '../../http/route';
import { readCsvText } from './csv-body';
import { LEDGER_CSV, type ExpendituresService } from './expenditures.service';

export function registerExpenditureRoutes(router: Router, expenditures: ExpendituresService): void {
  const routes = recordRoutes(router);
  routes.query('GET /projects/:id/expenditures', ListExpendituresQuery, expenditures.list);
  routes.create('POST /projects/:id/expenditures', CreateExpenditureInput, expenditures.create);
  routes.update('PATCH /expenditures/:id', UpdateExpenditureInput, expenditures.update);
  routes.remove('DELETE /expenditures/:id', expenditures.delete);
  evidenceRoutes(
    router,
    { attach: 'POST /expenditures/:id/evidence', download: 'GET /expenditure-evidence/:id', remove: 'DELETE /expenditure-evidence/:id' },
    expenditures,
    EXPENDITURE_EVIDENCE_MAX_BYTES,
  );
  route(
    router,
    'POST /projects/:id/expenditures/import',
    async (req, res) => {
      const { id } = parseParams(IdParams, req);
      const { dryRun = false } = parseQuery(ImportExpendituresQuery, req);
      await expenditures.assertCanImport(authOf(req).user, id);
      const parsed = await readCsvRecords(await readCsvText(req), LEDGER_CSV, IMPORT_LIMITS.ledger.maxRows);
      const result = await expenditures.importCsv(authOf(req).user, id, parsed, dryRun);
      res.status(dryRun ? 200 : 201).json(result);
    },
    { body: 'csv' },
  );
}
