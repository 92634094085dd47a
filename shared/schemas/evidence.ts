/** Evidence files attached to indicator values and ledger entries. */
import { z } from 'zod';
import { UserRefSchema } from './common';

/** Evidence files: at most 10 MiB, and only these types, judged by the file's content. */
export const EVIDENCE_MAX_BYTES = 10 * 1024 * 1024;
export const EVIDENCE_MEDIA_TYPES = [
  'application/pdf',
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
  'application/vnd.oasis.opendocument.presentation',
  'application/msword',
  'application/vnd.ms-excel',
  'application/vnd.ms-powerpoint',
] as const;
export type EvidenceMediaType = (typeof EVIDENCE_MEDIA_TYPES)[number];

/** The fields every evidence file shares, whatever record it is attached to. */
export const evidenceFileFields = {
  /** A safe display name; the file is stored under a random name. */
  fileName: z.string(),
  mediaType: z.enum(EVIDENCE_MEDIA_TYPES),
  size: z.number().int(),
  uploadedBy: UserRefSchema.nullable(),
  uploadedAt: z.string(),
};
