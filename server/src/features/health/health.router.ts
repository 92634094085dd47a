import type { Router } from 'express';
import { route } from '../../http/route';

export function registerHealthRoutes(router: Router): void {
  route(router, 'GET /health', (_req, res) => {
    res.json({ status: 'ok' });
  });
}
