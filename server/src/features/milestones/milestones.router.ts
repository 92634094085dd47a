import type { Router } from 'express';
import { IdParams, VersionQuery } from '@shared/schemas/common';
import {
  CreateMilestoneInput,
  CreateSubEventInput,
  ListMilestonesQuery,
  UpdateMilestoneInput,
  UpdateSubEventInput,
} from '@shared/schemas/timeline';
import { parseBody, parseParams, parseQuery } from '../../http/parse';
import { authOf, route } from '../../http/route';
import type { MilestonesService } from './milestones.service';

export function registerMilestoneRoutes(router: Router, milestones: MilestonesService): void {
  route(router, 'GET /projects/:id/milestones', (req, res) => {
    const { id } = parseParams(IdParams, req);
    res.json(milestones.listMilestones(authOf(req).user, id, parseQuery(ListMilestonesQuery, req)));
  });
  route(router, 'POST /projects/:id/milestones', (req, res) => {
    const { id } = parseParams(IdParams, req);
    res.status(201).json(milestones.createMilestone(authOf(req).user, id, parseBody(CreateMilestoneInput, req)));
  });
  route(router, 'PATCH /milestones/:id', (req, res) => {
    const { id } = parseParams(IdParams, req);
    res.json(milestones.updateMilestone(authOf(req).user, id, parseBody(UpdateMilestoneInput, req)));
  });
  route(router, 'DELETE /milestones/:id', (req, res) => {
    const { id } = parseParams(IdParams, req);
    milestones.deleteMilestone(authOf(req).user, id, parseQuery(VersionQuery, req).version);
    res.status(204).end();
  });

  route(router, 'GET /activities/:id/sub-events', (req, res) => {
    res.json(milestones.listSubEvents(authOf(req).user, parseParams(IdParams, req).id));
  });
  route(router, 'POST /activities/:id/sub-events', (req, res) => {
    const { id } = parseParams(IdParams, req);
    res.status(201).json(milestones.createSubEvent(authOf(req).user, id, parseBody(CreateSubEventInput, req)));
  });
  route(router, 'PATCH /sub-events/:id', (req, res) => {
    const { id } = parseParams(IdParams, req);
    res.json(milestones.updateSubEvent(authOf(req).user, id, parseBody(UpdateSubEventInput, req)));
  });
  route(router, 'DELETE /sub-events/:id', (req, res) => {
    const { id } = parseParams(IdParams, req);
    milestones.deleteSubEvent(authOf(req).user, id, parseQuery(VersionQuery, req).version);
    res.status(204).end();
  });
}
