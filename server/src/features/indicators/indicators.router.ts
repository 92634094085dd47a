import type { Router } from 'express';
import { IdParams, VersionQuery } from '@shared/schemas/common';
import { CreateIndicatorInput, UpdateIndicatorInput } from '@shared/schemas/indicator';
import { EVIDENCE_MAX_BYTES } from '@shared/schemas/evidence';
import { CreatePeriodsInput, UpdatePeriodInput } from '@shared/schemas/indicator-period';
import { UpdateRagThresholdsInput } from '@shared/schemas/indicator-summary';
import { RecordValueInput, ReturnValueInput, UnlockPeriodInput, UpdateValueInput, ValueTransitionInput } from '@shared/schemas/indicator-value';
import { sendUploadedFile } from '../../http/download';
import { readSingleFile } from '../../http/multipart';
import { parseBody, parseParams, parseQuery } from '../../http/parse';
import { authOf, route } from '../../http/route';
import type { IndicatorValuesService } from './indicator-values.service';
import type { IndicatorsService } from './indicators.service';

export function registerIndicatorRoutes(router: Router, indicators: IndicatorsService, values: IndicatorValuesService): void {
  route(router, 'GET /projects/:id/indicators', async (req, res) => {
    res.json(await indicators.list(authOf(req).user, parseParams(IdParams, req).id));
  });
  route(router, 'POST /projects/:id/indicators', async (req, res) => {
    const { id } = parseParams(IdParams, req);
    res.status(201).json(await indicators.create(authOf(req).user, id, parseBody(CreateIndicatorInput, req)));
  });
  route(router, 'GET /indicators/:id', async (req, res) => {
    res.json(await indicators.get(authOf(req).user, parseParams(IdParams, req).id));
  });
  route(router, 'PATCH /indicators/:id', async (req, res) => {
    const { id } = parseParams(IdParams, req);
    res.json(await indicators.update(authOf(req).user, id, parseBody(UpdateIndicatorInput, req)));
  });
  route(router, 'DELETE /indicators/:id', async (req, res) => {
    const { id } = parseParams(IdParams, req);
    await indicators.delete(authOf(req).user, id, parseQuery(VersionQuery, req).version);
    res.status(204).end();
  });

  route(router, 'GET /indicators/:id/periods', async (req, res) => {
    res.json(await indicators.listPeriods(authOf(req).user, parseParams(IdParams, req).id));
  });
  route(router, 'POST /indicators/:id/periods', async (req, res) => {
    const { id } = parseParams(IdParams, req);
    res.status(201).json(await indicators.createPeriods(authOf(req).user, id, parseBody(CreatePeriodsInput, req)));
  });
  route(router, 'PATCH /periods/:id', async (req, res) => {
    const { id } = parseParams(IdParams, req);
    res.json(await indicators.updatePeriod(authOf(req).user, id, parseBody(UpdatePeriodInput, req)));
  });
  route(router, 'DELETE /periods/:id', async (req, res) => {
    const { id } = parseParams(IdParams, req);
    await indicators.deletePeriod(authOf(req).user, id, parseQuery(VersionQuery, req).version);
    res.status(204).end();
  });
  route(router, 'POST /periods/:id/unlock', async (req, res) => {
    const { id } = parseParams(IdParams, req);
    res.json(await values.unlock(authOf(req).user, id, parseBody(UnlockPeriodInput, req)));
  });

  route(router, 'POST /periods/:id/values', async (req, res) => {
    const { id } = parseParams(IdParams, req);
    res.status(201).json(await values.record(authOf(req).user, id, parseBody(RecordValueInput, req)));
  });
  route(router, 'PATCH /values/:id', async (req, res) => {
    const { id } = parseParams(IdParams, req);
    res.json(await values.update(authOf(req).user, id, parseBody(UpdateValueInput, req)));
  });
  route(router, 'DELETE /values/:id', async (req, res) => {
    const { id } = parseParams(IdParams, req);
    await values.delete(authOf(req).user, id, parseQuery(VersionQuery, req).version);
    res.status(204).end();
  });
  route(router, 'POST /values/:id/submit', async (req, res) => {
    const { id } = parseParams(IdParams, req);
    res.json(await values.submit(authOf(req).user, id, parseBody(ValueTransitionInput, req)));
  });
  route(router, 'POST /values/:id/approve', async (req, res) => {
    const { id } = parseParams(IdParams, req);
    res.json(await values.approve(authOf(req).user, id, parseBody(ValueTransitionInput, req)));
  });
  route(router, 'POST /values/:id/return', async (req, res) => {
    const { id } = parseParams(IdParams, req);
    res.json(await values.return(authOf(req).user, id, parseBody(ReturnValueInput, req)));
  });

  route(
    router,
    'POST /values/:id/evidence',
    async (req, res) => {
      const { id } = parseParams(IdParams, req);
      const { user } = authOf(req);
      await values.assertCanAttach(user, id);
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

  route(router, 'GET /projects/:id/me-overview', async (req, res) => {
    res.json(await indicators.overview(authOf(req).user, parseParams(IdParams, req).id));
  });
  route(router, 'GET /projects/:id/rag-thresholds', async (req, res) => {
    res.json(await indicators.ragThresholds(authOf(req).user, parseParams(IdParams, req).id));
  });
  route(router, 'PATCH /projects/:id/rag-thresholds', async (req, res) => {
    const { id } = parseParams(IdParams, req);
    res.json(await indicators.updateRagThresholds(authOf(req).user, id, parseBody(UpdateRagThresholdsInput, req)));
  });
}
