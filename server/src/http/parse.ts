import type { Request } from 'express';
import type { z } from 'zod';

/** Parses req.body with a shared schema; a ZodError becomes a 400 in the error middleware. */
export function parseBody<S extends z.ZodType>(schema: S, req: Request): z.infer<S> {
  return schema.parse(req.body ?? {});
}

export function parseParams<S extends z.ZodType>(schema: S, req: Request): z.infer<S> {
  return schema.parse({ ...req.params });
}

/**
 * Parses the query string. A parameter given twice arrives as an array; it is refused
 * rather than silently picking one.
 */
export function parseQuery<S extends z.ZodType>(schema: S, req: Request): z.infer<S> {
  return schema.parse({ ...(req.query as Record<string, unknown>) });
}
