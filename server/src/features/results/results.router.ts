import type { Router } from 'express';
import { IdParams, VersionQuery } from '@shared/schemas/common';
import { CreateOutcomeInput, CreateOutputInput, UpdateOutcomeInput, UpdateOutputInput } from '@shared/schemas/results';
import { parseBody, parseParams, parseQuery } from '../../http/parse';
import { authOf, route } from '../../http/route';
import type { ResultsService } from './results.service';

export function registerResultsRoutes(router: Router, results: ResultsService): void {
  route(router, 'GET /projects/:id/results', (req, res) => {
    res.json(results.get(authOf(req).user, parseParams(IdParams, req).id));
  });
  route(router, 'POST /projects/:id/outcomes', (req, res) => {
    const { id } = parseParams(IdParams, req);
    res.status(201).json(results.createOutcome(authOf(req).user, id, parseBody(CreateOutcomeInput, req)));
  });
  route(router, 'PATCH /outcomes/:id', (req, res) => {
    const { id } = parseParams(IdParams, req);
    res.json(results.updateOutcome(authOf(req).user, id, parseBody(UpdateOutcomeInput, req)));
  });
  route(router, 'DELETE /outcomes/:id', (req, res) => {
    const { id } = parseParams(IdParams, req);
    results.deleteOutcome(authOf(req).user, id, parseQuery(VersionQuery, req).version);
    res.status(204).end();
  });
  route(router, 'POST /outcomes/:id/outputs', (req, res) => {
    const { id } = parseParams(IdParams, req);
    res.status(201).json(results.createOutput(authOf(req).user, id, parseBody(CreateOutputInput, req)));
  });
  route(router, 'PATCH /outputs/:id', (req, res) => {
    const { id } = parseParams(IdParams, req);
    res.json(results.updateOutput(authOf(req).user, id, parseBody(UpdateOutputInput, req)));
  });
  route(router, 'DELETE /outputs/:id', (req, res) => {
    const { id } = parseParams(IdParams, req);
    results.deleteOutput(authOf(req).user, id, parseQuery(VersionQuery, req).version);
    res.status(204).end();
  });
}
