import type { Router } from 'express';
import { CreateActivityInput, ListActivitiesQuery, UpdateActivityInput } from '@shared/schemas/activity';
import { IdParams, VersionQuery } from '@shared/schemas/common';
import { parseBody, parseParams, parseQuery } from '../../http/parse';
import { authOf, route } from '../../http/route';
import type { ActivitiesService } from './activities.service';

export function registerActivityRoutes(router: Router, activities: ActivitiesService): void {
  route(router, 'GET /projects/:id/activities', (req, res) => {
    const { id } = parseParams(IdParams, req);
    res.json(activities.list(authOf(req).user, id, parseQuery(ListActivitiesQuery, req)));
  });
  route(router, 'POST /projects/:id/activities', (req, res) => {
    const { id } = parseParams(IdParams, req);
    res.status(201).json(activities.create(authOf(req).user, id, parseBody(CreateActivityInput, req)));
  });
  route(router, 'GET /activities/:id', (req, res) => {
    res.json(activities.get(authOf(req).user, parseParams(IdParams, req).id));
  });
  route(router, 'PATCH /activities/:id', (req, res) => {
    const { id } = parseParams(IdParams, req);
    res.json(activities.update(authOf(req).user, id, parseBody(UpdateActivityInput, req)));
  });
  route(router, 'DELETE /activities/:id', (req, res) => {
    const { id } = parseParams(IdParams, req);
    activities.delete(authOf(req).user, id, parseQuery(VersionQuery, req).version);
    res.status(204).end();
  });
  route(router, 'GET /activities/:id/history', (req, res) => {
    res.json(activities.history(authOf(req).user, parseParams(IdParams, req).id));
  });
}
