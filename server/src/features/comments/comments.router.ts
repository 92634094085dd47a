import type { Router } from 'express';
import { CreateCommentInput } from '@shared/schemas/comment';
import { IdParams } from '@shared/schemas/common';
import { parseBody, parseParams } from '../../http/parse';
import { authOf, route } from '../../http/route';
import type { CommentsService } from './comments.service';

export function registerCommentRoutes(router: Router, comments: CommentsService): void {
  route(router, 'GET /activities/:id/comments', async (req, res) => {
    res.json(await comments.list(authOf(req).user, parseParams(IdParams, req).id));
  });
  route(router, 'POST /activities/:id/comments', async (req, res) => {
    const { id } = parseParams(IdParams, req);
    res.status(201).json(await comments.create(authOf(req).user, id, parseBody(CreateCommentInput, req)));
  });
}
