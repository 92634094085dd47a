import type { Router } from 'express';
import { IdParams, VersionQuery } from '@shared/schemas/common';
import {
  CreateIndicatorInput,
  CreatePeriodsInput,
  EVIDENCE_MAX_BYTES,
  RecordValueInput,
  ReturnValueInput,
  UnlockPeriodInput,
  UpdateIndicatorInput,
  UpdatePeriodInput,
  UpdateRagThresholdsInput,
  UpdateValueInput,
  ValueTransitionInput,
} from '@shared/schemas/indicator';
import { sendUploadedFile } from '../../http/download';
import { readSingleFile } from '../../http/multipart';
import { parseBody, parseParams, parseQuery } from '../../http/parse';
import { authOf, route } from '../../http/route';
import type { IndicatorValuesService } from './indicator-values.service';
import type { IndicatorsService } from './indicators.service';

export function registerIndicatorRoutes(router: Router, indicators: IndicatorsService, values: IndicatorValuesService): void {
  route(router, 'GET /projects/:id/indicators', (req, res) => {
    res.json(indicators.list(authOf(req).user, parseParams(IdParams, req).id));
  });
  route(router, 'POST /projects/:id/indicators', (req, res) => {
    const { id } = parseParams(IdParams, req);
    res.status(201).json(indicators.create(authOf(req).user, id, parseBody(CreateIndicatorInput, req)));
  });
  route(router, 'GET /indicators/:id', (req, res) => {
    res.json(indicators.get(authOf(req).user, parseParams(IdParams, req).id));
  });
  route(router, 'PATCH /indicators/:id', (req, res) => {
    const { id } = parseParams(IdParams, req);
    res.json(indicators.update(authOf(req).user, id, parseBody(UpdateIndicatorInput, req)));
  });
  route(router, 'DELETE /indicators/:id', (req, res) => {
    const { id } = parseParams(IdParams, req);
    indicators.delete(authOf(req).user, id, parseQuery(VersionQuery, req).version);
    res.status(204).end();
  });

  route(router, 'GET /indicators/:id/periods', (req, res) => {
    res.json(indicators.listPeriods(authOf(req).user, parseParams(IdParams, req).id));
  });
  route(router, 'POST /indicators/:id/periods', (req, res) => {
    const { id } = parseParams(IdParams, req);
    res.status(201).json(indicators.createPeriods(authOf(req).user, id, parseBody(CreatePeriodsInput, req)));
  });
  route(router, 'PATCH /periods/:id', (req, res) => {
    const { id } = parseParams(IdParams, req);
    res.json(indicators.updatePeriod(authOf(req).user, id, parseBody(UpdatePeriodInput, req)));
  });
  route(router, 'DELETE /periods/:id', (req, res) => {
    const { id } = parseParams(IdParams, req);
    indicators.deletePeriod(authOf(req).user, id, parseQuery(VersionQuery, req).version);
    res.status(204).end();
  });
  route(router, 'POST /periods/:id/unlock', (req, res) => {
    const { id } = parseParams(IdParams, req);
    res.json(values.unlock(authOf(req).user, id, parseBody(UnlockPeriodInput, req)));
  });

  route(router, 'POST /periods/:id/values', (req, res) => {
    const { id } = parseParams(IdParams, req);
    res.status(201).json(values.record(authOf(req).user, id, parseBody(RecordValueInput, req)));
  });
  route(router, 'PATCH /values/:id', (req, res) => {
    const { id } = parseParams(IdParams, req);
    res.json(values.update(authOf(req).user, id, parseBody(UpdateValueInput, req)));
  });
  route(router, 'DELETE /values/:id', async (req, res) => {
    const { id } = parseParams(IdParams, req);
    await values.delete(authOf(req).user, id, parseQuery(VersionQuery, req).version);
    res.status(204).end();
  });
  route(router, 'POST /values/:id/submit', (req, res) => {
    const { id } = parseParams(IdParams, req);
    res.json(values.submit(authOf(req).user, id, parseBody(ValueTransitionInput, req)));
  });
  route(router, 'POST /values/:id/approve', (req, res) => {
    const { id } = parseParams(IdParams, req);
    res.json(values.approve(authOf(req).user, id, parseBody(ValueTransitionInput, req)));
  });
  route(router, 'POST /values/:id/return', (req, res) => {
    const { id } = parseParams(IdParams, req);
    res.json(values.return(authOf(req).user, id, parseBody(ReturnValueInput, req)));
  });

  route(
    router,
    'POST /values/:id/evidence',
    async (req, res) => {
      const { id } = parseParams(IdParams, req);
      const { user } = authOf(req);
      values.assertCanAttach(user, id);
      const upload = await readSingleFile(req, { field: 'file', maxBytes: EVIDENCE_MAX_BYTES });
      res.status(201).json(await values.attach(user, id, upload));
    },
    { body: 'multipart' },
  );
  route(router, 'GET /evidence/:id', async (req, res) => {
    const { evidence, data } = await values.download(authOf(req).user, parseParams(IdParams, req).id);
    sendUploadedFile(res, evidence, data);
  });
  route(router, 'DELETE /evidence/:id', async (req, res) => {
    await values.removeEvidence(authOf(req).user, parseParams(IdParams, req).id);
    res.status(204).end();
  });

  route(router, 'GET /projects/:id/me-overview', (req, res) => {
    res.json(indicators.overview(authOf(req).user, parseParams(IdParams, req).id));
  });
  route(router, 'GET /projects/:id/rag-thresholds', (req, res) => {
    res.json(indicators.ragThresholds(authOf(req).user, parseParams(IdParams, req).id));
  });
  route(router, 'PATCH /projects/:id/rag-thresholds', (req, res) => {
    const { id } = parseParams(IdParams, req);
    res.json(indicators.updateRagThresholds(authOf(req).user, id, parseBody(UpdateRagThresholdsInput, req)));
  });
}
