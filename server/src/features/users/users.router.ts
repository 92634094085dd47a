import type { Router } from 'express';
import { IdParams } from '@shared/schemas/common';
import { CreateUserInput, ListUsersQuery, UpdateUserInput } from '@shared/schemas/user';
import { parseBody, parseParams, parseQuery } from '../../http/parse';
import { authOf, route } from '../../http/route';
import type { UsersService } from './users.service';

export function registerUserRoutes(router: Router, users: UsersService): void {
  route(router, 'GET /users', async (req, res) => {
    res.json(await users.list(parseQuery(ListUsersQuery, req)));
  });
  route(router, 'POST /users', async (req, res) => {
    res.status(201).json(await users.create(authOf(req).user, parseBody(CreateUserInput, req)));
  });
  route(router, 'GET /users/:id', async (req, res) => {
    res.json(await users.get(parseParams(IdParams, req).id));
  });
  route(router, 'PATCH /users/:id', async (req, res) => {
    const { id } = parseParams(IdParams, req);
    res.json(await users.update(authOf(req).user, id, parseBody(UpdateUserInput, req)));
  });
}
