import type { Router } from 'express';
import { CreateCommentInput } from '@shared/schemas/comment';
import { recordRoutes } from '../../http/record-routes';
import type { CommentsService } from './comments.service';

export function registerCommentRoutes(router: Router, comments: CommentsService): void {
  const routes = recordRoutes(router);
  routes.read('GET /activities/:id/comments', comments.list);
  routes.create('POST /activities/:id/comments', CreateCommentInput, comments.create);
}
