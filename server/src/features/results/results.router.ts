import type { Router } from 'express';
import { IdParams, VersionQuery } from '@shared/schemas/common';
import { CreateOutcomeInput, CreateOutputInput, UpdateOutcomeInput, UpdateOutputInput } from '@shared/schemas/results';
import { parseBody, parseParams, parseQuery } from '../../http/parse';
import { authOf, route } from '../../http/route';
import type { ResultsService } from './results.service';

export function registerResultsRoutes(router: Router, results: ResultsService): void {
  route(router, 'GET /projects/:id/results', async (req, res) => {
    res.json(await results.get(authOf(req).user, parseParams(IdParams, req).id));
  });
  route(router, 'POST /projects/:id/outcomes', async (req, res) => {
    const { id } = parseParams(IdParams, req);
    res.status(201).json(await results.createOutcome(authOf(req).user, id, parseBody(CreateOutcomeInput, req)));
  });
  route(router, 'PATCH /outcomes/:id', async (req, res) => {
    const { id } = parseParams(IdParams, req);
    res.json(await results.updateOutcome(authOf(req).user, id, parseBody(UpdateOutcomeInput, req)));
  });
  route(router, 'DELETE /outcomes/:id', async (req, res) => {
    const { id } = parseParams(IdParams, req);
    await results.deleteOutcome(authOf(req).user, id, parseQuery(VersionQuery, req).version);
    res.status(204).end();
  });
  route(router, 'POST /outcomes/:id/outputs', async (req, res) => {
    const { id } = parseParams(IdParams, req);
    res.status(201).json(await results.createOutput(authOf(req).user, id, parseBody(CreateOutputInput, req)));
  });
  route(router, 'PATCH /outputs/:id', async (req, res) => {
    const { id } = parseParams(IdParams, req);
    res.json(await results.updateOutput(authOf(req).user, id, parseBody(UpdateOutputInput, req)));
  });
  route(router, 'DELETE /outputs/:id', async (req, res) => {
    const { id } = parseParams(IdParams, req);
    await results.deleteOutput(authOf(req).user, id, parseQuery(VersionQuery, req).version);
    res.status(204).end();
  });
}
