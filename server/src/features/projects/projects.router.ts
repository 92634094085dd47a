import type { Router } from 'express';
import { IdParams } from '@shared/schemas/common';
import { CreateProjectInput, ListProjectsQuery, UpdateProjectInput } from '@shared/schemas/project';
import { parseBody, parseParams, parseQuery } from '../../http/parse';
import { authOf, route } from '../../http/route';
import type { ProjectsService } from './projects.service';

export function registerProjectRoutes(router: Router, projects: ProjectsService): void {
  route(router, 'GET /projects', (req, res) => {
    res.json(projects.list(authOf(req).user, parseQuery(ListProjectsQuery, req)));
  });
  route(router, 'POST /projects', (req, res) => {
    res.status(201).json(projects.create(authOf(req).user, parseBody(CreateProjectInput, req)));
  });
  route(router, 'GET /projects/:id', (req, res) => {
    res.json(projects.get(authOf(req).user, parseParams(IdParams, req).id));
  });
  route(router, 'PATCH /projects/:id', (req, res) => {
    const { id } = parseParams(IdParams, req);
    res.json(projects.update(authOf(req).user, id, parseBody(UpdateProjectInput, req)));
  });
}
