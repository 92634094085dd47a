import type { Router } from 'express';
import { IdParams } from '@shared/schemas/common';
import { CreateProjectInput, ListProjectsQuery, UpdateProjectInput } from '@shared/schemas/project';
import { parseBody, parseParams, parseQuery } from '../../http/parse';
import { authOf, route } from '../../http/route';
import type { ProjectsService } from './projects.service';

export function registerProjectRoutes(router: Router, projects: ProjectsService): void {
  route(router, 'GET /projects', async (req, res) => {
    res.json(await projects.list(authOf(req).user, parseQuery(ListProjectsQuery, req)));
  });
  route(router, 'POST /projects', async (req, res) => {
    res.status(201).json(await projects.create(authOf(req).user, parseBody(CreateProjectInput, req)));
  });
  route(router, 'GET /projects/:id', async (req, res) => {
    res.json(await projects.get(authOf(req).user, parseParams(IdParams, req).id));
  });
  route(router, 'PATCH /projects/:id', async (req, res) => {
    const { id } = parseParams(IdParams, req);
    res.json(await projects.update(authOf(req).user, id, parseBody(UpdateProjectInput, req)));
  });
}
