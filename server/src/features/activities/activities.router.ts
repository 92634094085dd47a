import type { Router } from 'express';
import { CreateActivityInput, ListActivitiesQuery, UpdateActivityInput } from '@shared/schemas/activity';
import { recordRoutes } from '../../http/record-routes';
import type { ActivitiesService } from './activities.service';

export function registerActivityRoutes(router: Router, activities: ActivitiesService): void {
  const routes = recordRoutes(router);
  routes.query('GET /projects/:id/activities', ListActivitiesQuery, activities.list);
  routes.create('POST /projects/:id/activities', CreateActivityInput, activities.create);
  routes.read('GET /activities/:id', activities.get);
  routes.update('PATCH /activities/:id', UpdateActivityInput, activities.update);
  routes.remove('DELETE /activities/:id', activities.delete);
  routes.read('GET /activities/:id/history', activities.history);
}
