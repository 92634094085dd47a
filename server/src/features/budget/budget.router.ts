import type { Router } from 'express';
import { CreateBudgetLineInput, UpdateBudgetLineInput, UpdateBudgetSettingsInput } from '@shared/schemas/budget';
import { IdParams, VersionQuery } from '@shared/schemas/common';
import { parseBody, parseParams, parseQuery } from '../../http/parse';
import { authOf, route } from '../../http/route';
import type { BudgetService } from './budget.service';

export function registerBudgetRoutes(router: Router, budget: BudgetService): void {
  route(router, 'GET /projects/:id/budget', async (req, res) => {
    res.json(await budget.analysis(authOf(req).user, parseParams(IdParams, req).id));
  });
  route(router, 'GET /projects/:id/health', async (req, res) => {
    res.json(await budget.health(authOf(req).user, parseParams(IdParams, req).id));
  });
  route(router, 'PATCH /projects/:id/budget-settings', async (req, res) => {
    const { id } = parseParams(IdParams, req);
    res.json(await budget.updateSettings(authOf(req).user, id, parseBody(UpdateBudgetSettingsInput, req)));
  });
  route(router, 'GET /projects/:id/budget-lines', async (req, res) => {
    res.json(await budget.listLines(authOf(req).user, parseParams(IdParams, req).id));
  });
  route(router, 'POST /projects/:id/budget-lines', async (req, res) => {
    const { id } = parseParams(IdParams, req);
    res.status(201).json(await budget.createLine(authOf(req).user, id, parseBody(CreateBudgetLineInput, req)));
  });
  route(router, 'PATCH /budget-lines/:id', async (req, res) => {
    const { id } = parseParams(IdParams, req);
    res.json(await budget.updateLine(authOf(req).user, id, parseBody(UpdateBudgetLineInput, req)));
  });
  route(router, 'DELETE /budget-lines/:id', async (req, res) => {
    const { id } = parseParams(IdParams, req);
    await budget.deleteLine(authOf(req).user, id, parseQuery(VersionQuery, req).version);
    res.status(204).end();
  });
  route(router, 'GET /budget-lines/:id/revisions', async (req, res) => {
    res.json(await budget.revisions(authOf(req).user, parseParams(IdParams, req).id));
  });
}
