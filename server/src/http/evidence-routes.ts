import type { Router } from 'express';
import { IdParams } from '@shared/schemas/common';
import type { AuthUser } from '../core/auth-user';
import type { UploadedFile } from '../core/uploads';
import { sendUploadedFile } from './download';
import { readSingleFile } from './multipart';
import { parseParams } from './parse';
import type { RouteKey } from './policy';
import { authOf, route } from './route';

/** What a feature that keeps evidence files on its records offers (core/evidence.ts does the work). */
export type EvidenceFiles = {
  assertCanAttach(user: AuthUser, recordId: number): Promise<void>;
  attach(user: AuthUser, recordId: number, upload: UploadedFile): Promise<unknown>;
  download(user: AuthUser, fileId: number): Promise<{ evidence: { fileName: string; mediaType: string }; data: Buffer }>;
  removeEvidence(user: AuthUser, fileId: number): Promise<void>;
};

/**
 * Attach (multipart "file", 201), download and remove of evidence files. Access to the
 * record is checked before the upload is read, so nobody without it gets a file read.
 */
export function evidenceRoutes(
  router: Router,
  keys: { attach: RouteKey; download: RouteKey; remove: RouteKey },
  files: EvidenceFiles,
  maxBytes: number,
): void {
  route(
    router,
    keys.attach,
    async (req, res) => {
      const { id } = parseParams(IdParams, req);
      const { user } = authOf(req);
      await files.assertCanAttach(user, id);
      const upload = await readSingleFile(req, { field: 'file', maxBytes });
      res.status(201).json(await files.attach(user, id, upload));
    },
    { body: 'multipart' },
  );
  route(router, keys.download, async (req, res) => {
    const { evidence, data } = await files.download(authOf(req).user, parseParams(IdParams, req).id);
    sendUploadedFile(res, evidence, data);
  });
  route(router, keys.remove, async (req, res) => {
    await files.removeEvidence(authOf(req).user, parseParams(IdParams, req).id);
    res.status(204).end();
  });
}
