import type { Request } from 'express';
import { issue } from '@shared/issues';
import { refused } from '../../core/errors';
import { readFileBody } from '../../http/body';
import { IMPORT_LIMITS } from '../../core/import-limits';

function decode(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw refused('BAD_REQUEST', issue('file.not_utf8'));
  }
}

/** The CSV of a text/csv body, or of the file in the field "file" of a multipart/form-data body, as text. */
export async function readCsvText(req: Request): Promise<string> {
  return decode(await readFileBody(req, IMPORT_LIMITS.ledger.maxUploadBytes));
}
