import type { Router } from 'express';
import { CreateMilestoneInput, CreateSubEventInput, ListMilestonesQuery, UpdateMilestoneInput, UpdateSubEventInput } from '@shared/schemas/timeline';
import { recordRoutes } from '../../http/record-routes';
import type { MilestonesService } from './milestones.service';

export function registerMilestoneRoutes(router: Router, milestones: MilestonesService): void {
  const routes = recordRoutes(router);
  routes.query('GET /projects/:id/milestones', ListMilestonesQuery, milestones.listMilestones);
  routes.create('POST /projects/:id/milestones', CreateMilestoneInput, milestones.createMilestone);
  routes.update('PATCH /milestones/:id', UpdateMilestoneInput, milestones.updateMilestone);
  routes.remove('DELETE /milestones/:id', milestones.deleteMilestone);

  routes.read('GET /activities/:id/sub-events', milestones.listSubEvents);
  routes.create('POST /activities/:id/sub-events', CreateSubEventInput, milestones.createSubEvent);
  routes.update('PATCH /sub-events/:id', UpdateSubEventInput, milestones.updateSubEvent);
  routes.remove('DELETE /sub-events/:id', milestones.deleteSubEvent);
}
