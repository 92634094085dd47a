import type { Router } from 'express';
import { IdParams } from '@shared/schemas/common';
import { CheckDependenciesQuery, CreateDependencyInput } from '@shared/schemas/timeline';
import { parseBody, parseParams, parseQuery } from '../../http/parse';
import { authOf, route } from '../../http/route';
import type { TimelineService } from './timeline.service';

export function registerTimelineRoutes(router: Router, timeline: TimelineService): void {
  route(router, 'GET /projects/:id/timeline', async (req, res) => {
    res.json(await timeline.timeline(authOf(req).user, parseParams(IdParams, req).id));
  });
  route(router, 'GET /projects/:id/dependencies', async (req, res) => {
    res.json(await timeline.listDependencies(authOf(req).user, parseParams(IdParams, req).id));
  });
  route(router, 'POST /projects/:id/dependencies', async (req, res) => {
    const { id } = parseParams(IdParams, req);
    res.status(201).json(await timeline.createDependency(authOf(req).user, id, parseBody(CreateDependencyInput, req)));
  });
  route(router, 'DELETE /dependencies/:id', async (req, res) => {
    await timeline.deleteDependency(authOf(req).user, parseParams(IdParams, req).id);
    res.status(204).end();
  });
  route(router, 'GET /activities/:id/dependencies', async (req, res) => {
    const { id } = parseParams(IdParams, req);
    res.json(await timeline.checkActivity(authOf(req).user, id, parseQuery(CheckDependenciesQuery, req)));
  });
}
