import { fieldIssue } from '@shared/issues';
import { validationFailed } from './errors';

/**
 * An uploaded file as services take it: the web layer (`http/multipart.ts`) reads it off
 * the request; services and core see only the bytes and the client's name for it.
 */
export type UploadedFile = { fileName: string; data: Buffer };
export type UploadedForm = UploadedFile & { fields: Record<string, string> };

/** Parses a JSON text field of a form; a malformed one is a 400 naming the field. */
export function jsonField(form: UploadedForm, name: string): unknown {
  const raw = form.fields[name];
  if (raw === undefined) return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    throw validationFailed([fieldIssue(name, 'file.field_not_json')]);
  }
}
