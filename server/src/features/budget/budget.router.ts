import type { Router } from 'express';
import { CreateBudgetLineInput, UpdateBudgetLineInput, UpdateBudgetSettingsInput } from '@shared/schemas/budget';
import { IdParams, VersionQuery } from '@shared/schemas/common';
import { parseBody, parseParams, parseQuery } from '../../http/parse';
import { authOf, route } from '../../http/route';
import type { BudgetService } from './budget.service';

export function registerBudgetRoutes(router: Router, budget: BudgetService): void {
  route(router, 'GET /projects/:id/budget', (req, res) => {
    res.json(budget.analysis(authOf(req).user, parseParams(IdParams, req).id));
  });
  route(router, 'GET /projects/:id/health', (req, res) => {
    res.json(budget.health(authOf(req).user, parseParams(IdParams, req).id));
  });
  route(router, 'PATCH /projects/:id/budget-settings', (req, res) => {
    const { id } = parseParams(IdParams, req);
    res.json(budget.updateSettings(authOf(req).user, id, parseBody(UpdateBudgetSettingsInput, req)));
  });
  route(router, 'GET /projects/:id/budget-lines', (req, res) => {
    res.json(budget.listLines(authOf(req).user, parseParams(IdParams, req).id));
  });
  route(router, 'POST /projects/:id/budget-lines', (req, res) => {
    const { id } = parseParams(IdParams, req);
    res.status(201).json(budget.createLine(authOf(req).user, id, parseBody(CreateBudgetLineInput, req)));
  });
  route(router, 'PATCH /budget-lines/:id', (req, res) => {
    const { id } = parseParams(IdParams, req);
    res.json(budget.updateLine(authOf(req).user, id, parseBody(UpdateBudgetLineInput, req)));
  });
  route(router, 'DELETE /budget-lines/:id', (req, res) => {
    const { id } = parseParams(IdParams, req);
    budget.deleteLine(authOf(req).user, id, parseQuery(VersionQuery, req).version);
    res.status(204).end();
  });
  route(router, 'GET /budget-lines/:id/revisions', (req, res) => {
    res.json(budget.revisions(authOf(req).user, parseParams(IdParams, req).id));
  });
}
