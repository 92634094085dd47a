import type { Router } from 'express';
import { IdParams } from '@shared/schemas/common';
import { CheckDependenciesQuery, CreateDependencyInput } from '@shared/schemas/timeline';
import { parseParams } from '../../http/parse';
import { recordRoutes } from '../../http/record-routes';
import { authOf, route } from '../../http/route';
import type { TimelineService } from './timeline.service';

export function registerTimelineRoutes(router: Router, timeline: TimelineService): void {
  const routes = recordRoutes(router);
  routes.read('GET /projects/:id/timeline', timeline.timeline);
  routes.read('GET /projects/:id/dependencies', timeline.listDependencies);
  routes.create('POST /projects/:id/dependencies', CreateDependencyInput, timeline.createDependency);
  route(router, 'DELETE /dependencies/:id', async (req, res) => {
    await timeline.deleteDependency(authOf(req).user, parseParams(IdParams, req).id);
    res.status(204).end();
  });
  routes.query('GET /activities/:id/dependencies', CheckDependenciesQuery, timeline.checkActivity);
}
