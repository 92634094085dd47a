import type { Router } from 'express';
import { IdParams, VersionQuery } from '@shared/schemas/common';
import { CreateMilestoneInput, CreateSubEventInput, ListMilestonesQuery, UpdateMilestoneInput, UpdateSubEventInput } from '@shared/schemas/timeline';
import { parseBody, parseParams, parseQuery } from '../../http/parse';
import { authOf, route } from '../../http/route';
import type { MilestonesService } from './milestones.service';

export function registerMilestoneRoutes(router: Router, milestones: MilestonesService): void {
  route(router, 'GET /projects/:id/milestones', async (req, res) => {
    const { id } = parseParams(IdParams, req);
    res.json(await milestones.listMilestones(authOf(req).user, id, parseQuery(ListMilestonesQuery, req)));
  });
  route(router, 'POST /projects/:id/milestones', async (req, res) => {
    const { id } = parseParams(IdParams, req);
    res.status(201).json(await milestones.createMilestone(authOf(req).user, id, parseBody(CreateMilestoneInput, req)));
  });
  route(router, 'PATCH /milestones/:id', async (req, res) => {
    const { id } = parseParams(IdParams, req);
    res.json(await milestones.updateMilestone(authOf(req).user, id, parseBody(UpdateMilestoneInput, req)));
  });
  route(router, 'DELETE /milestones/:id', async (req, res) => {
    const { id } = parseParams(IdParams, req);
    await milestones.deleteMilestone(authOf(req).user, id, parseQuery(VersionQuery, req).version);
    res.status(204).end();
  });

  route(router, 'GET /activities/:id/sub-events', async (req, res) => {
    res.json(await milestones.listSubEvents(authOf(req).user, parseParams(IdParams, req).id));
  });
  route(router, 'POST /activities/:id/sub-events', async (req, res) => {
    const { id } = parseParams(IdParams, req);
    res.status(201).json(await milestones.createSubEvent(authOf(req).user, id, parseBody(CreateSubEventInput, req)));
  });
  route(router, 'PATCH /sub-events/:id', async (req, res) => {
    const { id } = parseParams(IdParams, req);
    res.json(await milestones.updateSubEvent(authOf(req).user, id, parseBody(UpdateSubEventInput, req)));
  });
  route(router, 'DELETE /sub-events/:id', async (req, res) => {
    const { id } = parseParams(IdParams, req);
    await milestones.deleteSubEvent(authOf(req).user, id, parseQuery(VersionQuery, req).version);
    res.status(204).end();
  });
}
