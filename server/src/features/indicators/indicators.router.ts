import type { Router } from 'express';
import { CreateIndicatorInput, UpdateIndicatorInput } from '@shared/schemas/indicator';
import { EVIDENCE_MAX_BYTES } from '@shared/schemas/evidence';
import { CreatePeriodsInput, UpdatePeriodInput } from '@shared/schemas/indicator-period';
import { UpdateRagThresholdsInput } from '@shared/schemas/indicator-summary';
import { RecordValueInput, ReturnValueInput, UnlockPeriodInput, UpdateValueInput, ValueTransitionInput } from '@shared/schemas/indicator-value';
import { evidenceRoutes } from '../../http/evidence-routes';
import { recordRoutes } from '../../http/record-routes';
import type { IndicatorValuesService } from './indicator-values.service';
import type { IndicatorsService } from './indicators.service';

export function registerIndicatorRoutes(router: Router, indicators: IndicatorsService, values: IndicatorValuesService): void {
  const routes = recordRoutes(router);
  routes.read('GET /projects/:id/indicators', indicators.list);
  routes.create('POST /projects/:id/indicators', CreateIndicatorInput, indicators.create);
  routes.read('GET /indicators/:id', indicators.get);
  routes.update('PATCH /indicators/:id', UpdateIndicatorInput, indicators.update);
  routes.remove('DELETE /indicators/:id', indicators.delete);

  routes.read('GET /indicators/:id/periods', indicators.listPeriods);
  routes.create('POST /indicators/:id/periods', CreatePeriodsInput, indicators.createPeriods);
  routes.update('PATCH /periods/:id', UpdatePeriodInput, indicators.updatePeriod);
  routes.remove('DELETE /periods/:id', indicators.deletePeriod);
  routes.update('POST /periods/:id/unlock', UnlockPeriodInput, values.unlock);

  routes.create('POST /periods/:id/values', RecordValueInput, values.record);
  routes.update('PATCH /values/:id', UpdateValueInput, values.update);
  routes.remove('DELETE /values/:id', values.delete);
  routes.update('POST /values/:id/submit', ValueTransitionInput, values.submit);
  routes.update('POST /values/:id/approve', ValueTransitionInput, values.approve);
  routes.update('POST /values/:id/return', ReturnValueInput, values.return);

  evidenceRoutes(
    router,
    { attach: 'POST /values/:id/evidence', download: 'GET /evidence/:id', remove: 'DELETE /evidence/:id' },
    values,
    EVIDENCE_MAX_BYTES,
  );

  routes.read('GET /projects/:id/me-overview', indicators.overview);
  routes.read('GET /projects/:id/rag-thresholds', indicators.ragThresholds);
  routes.update('PATCH /projects/:id/rag-thresholds', UpdateRagThresholdsInput, indicators.updateRagThresholds);
}
