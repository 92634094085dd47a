import type { Response, Router } from 'express';
import type { z } from 'zod';
import { IdParams, VersionQuery } from '@shared/schemas/common';
import type { AuthUser } from '../core/auth-user';
import { parseBody, parseParams, parseQuery } from './parse';
import type { RouteKey } from './policy';
import { authOf, route } from './route';

type Call<A extends unknown[], R = unknown> = (user: AuthUser, id: number, ...rest: A) => Promise<R>;

/**
 * The routes of a record named by the id in the path (`…/:id`), all the same four steps:
 * parse the id and the query or body with their shared schemas, call the service as the
 * signed-in user, answer with what it returns. The id is parsed before the body, so a bad
 * path is the error a caller sees first. `prepare` sets what every answer of these routes
 * carries (e.g. no-store on personal data). A route whose answer is more than JSON (a file,
 * an upload, a status that depends on the outcome) uses route() itself.
 */
export function recordRoutes(router: Router, prepare: (res: Response) => Response = (res) => res) {
  return {
    /** GET: the service's answer for the id. */
    read(key: RouteKey, call: Call<[]>): void {
      route(router, key, async (req, res) => {
        prepare(res).json(await call(authOf(req).user, parseParams(IdParams, req).id));
      });
    },

    /** GET with a query string parsed by its schema. */
    query<S extends z.ZodType>(key: RouteKey, schema: S, call: Call<[z.infer<S>]>): void {
      route(router, key, async (req, res) => {
        const { id } = parseParams(IdParams, req);
        prepare(res).json(await call(authOf(req).user, id, parseQuery(schema, req)));
      });
    },

    /** POST that makes a record: 201 with it. */
    create<S extends z.ZodType>(key: RouteKey, schema: S, call: Call<[z.infer<S>]>): void {
      route(router, key, async (req, res) => {
        const { id } = parseParams(IdParams, req);
        prepare(res)
          .status(201)
          .json(await call(authOf(req).user, id, parseBody(schema, req)));
      });
    },

    /** PATCH, or a POST action on the record: 200 with what the service answers. */
    update<S extends z.ZodType>(key: RouteKey, schema: S, call: Call<[z.infer<S>]>): void {
      route(router, key, async (req, res) => {
        const { id } = parseParams(IdParams, req);
        prepare(res).json(await call(authOf(req).user, id, parseBody(schema, req)));
      });
    },

    /** DELETE with `?version=n`, so that a stale copy is refused (409): 204. */
    remove(key: RouteKey, call: Call<[number], void>): void {
      route(router, key, async (req, res) => {
        const { id } = parseParams(IdParams, req);
        await call(authOf(req).user, id, parseQuery(VersionQuery, req).version);
        res.status(204).end();
      });
    },
  };
}
