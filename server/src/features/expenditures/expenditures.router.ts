import type { Router } from 'express';
import {
  CreateExpenditureInput,
  EXPENDITURE_EVIDENCE_MAX_BYTES,
  ImportExpendituresQuery,
  ListExpendituresQuery,
  UpdateExpenditureInput,
} from '@shared/schemas/budget-ledger';
import { IdParams, VersionQuery } from '@shared/schemas/common';
import { IMPORT_LIMITS } from '../../core/import-limits';
import { readCsvRecords } from '../../core/tabular';
import { sendUploadedFile } from '../../http/download';
import { readSingleFile } from '../../http/multipart';
import { parseBody, parseParams, parseQuery } from '../../http/parse';
import { authOf, route } from '../../http/route';
import { readCsvText } from './csv-body';
import { LEDGER_CSV, type ExpendituresService } from './expenditures.service';

export function registerExpenditureRoutes(router: Router, expenditures: ExpendituresService): void {
  route(router, 'GET /projects/:id/expenditures', async (req, res) => {
    const { id } = parseParams(IdParams, req);
    res.json(await expenditures.list(authOf(req).user, id, parseQuery(ListExpendituresQuery, req)));
  });
  route(router, 'POST /projects/:id/expenditures', async (req, res) => {
    const { id } = parseParams(IdParams, req);
    res.status(201).json(await expenditures.create(authOf(req).user, id, parseBody(CreateExpenditureInput, req)));
  });
  route(router, 'PATCH /expenditures/:id', async (req, res) => {
    const { id } = parseParams(IdParams, req);
    res.json(await expenditures.update(authOf(req).user, id, parseBody(UpdateExpenditureInput, req)));
  });
  route(router, 'DELETE /expenditures/:id', async (req, res) => {
    const { id } = parseParams(IdParams, req);
    await expenditures.delete(authOf(req).user, id, parseQuery(VersionQuery, req).version);
    res.status(204).end();
  });
  route(
    router,
    'POST /expenditures/:id/evidence',
    async (req, res) => {
      const { id } = parseParams(IdParams, req);
      const { user } = authOf(req);
      await expenditures.assertCanAttach(user, id);
      const upload = await readSingleFile(req, { field: 'file', maxBytes: EXPENDITURE_EVIDENCE_MAX_BYTES });
      res.status(201).json(await expenditures.attach(user, id, upload));
    },
    { body: 'multipart' },
  );
  route(router, 'GET /expenditure-evidence/:id', async (req, res) => {
    const { evidence, data } = await expenditures.download(authOf(req).user, parseParams(IdParams, req).id);
    sendUploadedFile(res, evidence, data);
  });
  route(router, 'DELETE /expenditure-evidence/:id', async (req, res) => {
    await expenditures.removeEvidence(authOf(req).user, parseParams(IdParams, req).id);
    res.status(204).end();
  });
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
