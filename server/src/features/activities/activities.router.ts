import type { Router } from 'express';
import { CreateActivityInput, ListActivitiesQuery, UpdateActivityInput } from '@shared/schemas/activity';
import { IdParams, VersionQuery } from '@shared/schemas/common';
import { parseBody, parseParams, parseQuery } from '../../http/parse';
import { authOf, route } from '../../http/route';
import type { ActivitiesService } from './activities.service';

export function registerActivityRoutes(router: Router, activities: ActivitiesService): void {
  route(router, 'GET /projects/:id/activities', async (req, res) => {
    const { id } = parseParams(IdParams, req);
    res.json(await activities.list(authOf(req).user, id, parseQuery(ListActivitiesQuery, req)));
  });
  route(router, 'POST /projects/:id/activities', async (req, res) => {
    const { id } = parseParams(IdParams, req);
    res.status(201).json(await activities.create(authOf(req).user, id, parseBody(CreateActivityInput, req)));
  });
  route(router, 'GET /activities/:id', async (req, res) => {
    res.json(await activities.get(authOf(req).user, parseParams(IdParams, req).id));
  });
  route(router, 'PATCH /activities/:id', async (req, res) => {
    const { id } = parseParams(IdParams, req);
    res.json(await activities.update(authOf(req).user, id, parseBody(UpdateActivityInput, req)));
  });
  route(router, 'DELETE /activities/:id', async (req, res) => {
    const { id } = parseParams(IdParams, req);
    await activities.delete(authOf(req).user, id, parseQuery(VersionQuery, req).version);
    res.status(204).end();
  });
  route(router, 'GET /activities/:id/history', async (req, res) => {
    res.json(await activities.history(authOf(req).user, parseParams(IdParams, req).id));
  });
}
