import type { Router } from 'express';
import { CreateOutcomeInput, CreateOutputInput, UpdateOutcomeInput, UpdateOutputInput } from '@shared/schemas/results';
import { recordRoutes } from '../../http/record-routes';
import type { ResultsService } from './results.service';

export function registerResultsRoutes(router: Router, results: ResultsService): void {
  const routes = recordRoutes(router);
  routes.read('GET /projects/:id/results', results.get);
  routes.create('POST /projects/:id/outcomes', CreateOutcomeInput, results.createOutcome);
  routes.update('PATCH /outcomes/:id', UpdateOutcomeInput, results.updateOutcome);
  routes.remove('DELETE /outcomes/:id', results.deleteOutcome);
  routes.create('POST /outcomes/:id/outputs', CreateOutputInput, results.createOutput);
  routes.update('PATCH /outputs/:id', UpdateOutputInput, results.updateOutput);
  routes.remove('DELETE /outputs/:id', results.deleteOutput);
}
