import type { Router } from 'express';
import { CreateBudgetLineInput, UpdateBudgetLineInput, UpdateBudgetSettingsInput } from '@shared/schemas/budget';
import { recordRoutes } from '../../http/record-routes';
import type { BudgetService } from './budget.service';

export function registerBudgetRoutes(router: Router, budget: BudgetService): void {
  const routes = recordRoutes(router);
  routes.read('GET /projects/:id/budget', budget.analysis);
  routes.read('GET /projects/:id/health', budget.health);
  routes.update('PATCH /projects/:id/budget-settings', UpdateBudgetSettingsInput, budget.updateSettings);
  routes.read('GET /projects/:id/budget-lines', budget.listLines);
  routes.create('POST /projects/:id/budget-lines', CreateBudgetLineInput, budget.createLine);
  routes.update('PATCH /budget-lines/:id', UpdateBudgetLineInput, budget.updateLine);
  routes.remove('DELETE /budget-lines/:id', budget.deleteLine);
  routes.read('GET /budget-lines/:id/revisions', budget.revisions);
}
