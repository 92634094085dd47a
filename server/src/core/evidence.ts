import { fieldIssue } from '@shared/issues';
import { inTransaction, type Db } from '../db/client';
import { AppError, notFound } from './errors';
import type { UploadedFile } from './uploads';
import type { AuthUser } from './auth-user';
import { writeAudit } from './audit';
import { safeFileName, sniffFileType, type FileStore, type SniffedType } from './files';

/** The columns every evidence row stores about its file; the feature adds what it belongs to. */
export type StoredFile = {
  storedName: string;
  fileName: string;
  mediaType: SniffedType['mediaType'];
  size: number;
  sha256: string;
  uploadedBy: number;
  uploadedAt: string;
};

type EvidenceRow = { id: number; projectId: number; storedName: string };

/** A feature's table of evidence files, and the entity its audit rows are written under. */
export type EvidenceTable<Row extends EvidenceRow, Evidence> = {
  entity: string;
  findRow: (id: number) => Promise<Row | undefined>;
  describe: (row: Row) => Promise<Evidence>;
  deleteRow: (id: number) => Promise<void>;
};

/**
 * Runs the feature's check of the record a file belongs to. A record the user may not see
 * makes the file "not found" like a file id that does not exist, not "<record> not found",
 * which would confirm the file is there.
 */
async function asFileCheck<Row>(check: (row: Row) => Promise<void>, row: Row): Promise<void> {
  try {
    await check(row);
  } catch (err) {
    if (err instanceof AppError && err.code === 'NOT_FOUND') throw notFound('File');
    throw err;
  }
}

/**
 * Evidence files of a feature's records (indicator values, ledger entries): accepted by
 * their content, kept in the file store under random names, each row audited. What the
 * user may do with the record a file belongs to is the feature's to check, through the
 * callbacks.
 */
export function createEvidenceFiles<Row extends EvidenceRow, Evidence>(db: Db, files: FileStore, table: EvidenceTable<Row, Evidence>) {
  return {
    /**
     * Stores an upload if its content is of an accepted type. `insert` runs in the
     * transaction that writes the row: it checks the record again (it may have changed
     * while the file was written) and inserts the row with these columns.
     */
    async attach(user: AuthUser, upload: UploadedFile, insert: (file: StoredFile) => Promise<Row>): Promise<Evidence> {
      const type = sniffFileType(upload.data);
      if (!type) {
        throw new AppError('FILE_TYPE_NOT_ALLOWED', 'Attach a PDF, an image (PNG, JPEG, GIF, WebP) or an office document', {
          issues: [fieldIssue('file', 'file.type_not_accepted')],
        });
      }
      const { storedName, sha256 } = await files.save(upload.data);
      try {
        return await inTransaction(db, async () => {
          const row = await insert({
            storedName,
            fileName: safeFileName(upload.fileName, type.extension),
            mediaType: type.mediaType,
            size: upload.data.length,
            sha256,
            uploadedBy: user.id,
            uploadedAt: new Date().toISOString(),
          });
          const evidence = await table.describe(row);
          await writeAudit(db, {
            userId: user.id,
            entity: table.entity,
            entityId: row.id,
            projectId: row.projectId,
            action: 'create',
            after: evidence,
          });
          return evidence;
        });
      } catch (err) {
        await files.remove(storedName);
        throw err;
      }
    },

    /**
     * A file to download, if `assertCanRead` lets the user see its record. A record the
     * user may not see (404) makes its files not found either.
     */
    async download(id: number, assertCanRead: (row: Row) => Promise<void>): Promise<{ evidence: Evidence; data: Buffer }> {
      const row = await table.findRow(id);
      if (!row) throw notFound('File');
      await asFileCheck(assertCanRead, row);
      const data = await files.read(row.storedName);
      if (!data) throw notFound('File');
      return { evidence: await table.describe(row), data };
    },

    /** Deletes a file's row, if `assertCanEdit` lets the user change its record, then the file. */
    async remove(user: AuthUser, id: number, assertCanEdit: (row: Row) => Promise<void>): Promise<void> {
      const storedName = await inTransaction(db, async () => {
        const row = await table.findRow(id);
        if (!row) throw notFound('File');
        await asFileCheck(assertCanEdit, row);
        const before = await table.describe(row);
        await table.deleteRow(id);
        await writeAudit(db, { userId: user.id, entity: table.entity, entityId: id, projectId: row.projectId, action: 'delete', before });
        return row.storedName;
      });
      await files.remove(storedName);
    },
  };
}
