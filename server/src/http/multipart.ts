import busboy from 'busboy';
import type { Request } from 'express';
import { fieldIssue, issue } from '@shared/issues';
import { refused, validationFailed, type AppError } from '../core/errors';
import type { UploadedFile, UploadedForm } from '../core/uploads';

type FileOptions = {
  /** The form field that carries the file. */
  field: string;
  /** The file's size limit: 413 beyond. */
  maxBytes: number;
};
type FormOptions = FileOptions & {
  /** The text fields taken beside the file; any other is 400. */
  fields: readonly string[];
  /** Each text field's size limit: 400 beyond. */
  maxFieldBytes: number;
};

export const payloadTooLarge = (maxBytes: number) =>
  refused('PAYLOAD_TOO_LARGE', issue('file.too_large', { maxMb: Math.round(maxBytes / 1024 / 1024) }), { maxBytes });

const notMultipart = () => refused('BAD_REQUEST', issue('file.not_multipart'));

/** Room for the multipart framing around the file and the fields. */
const FRAMING_BYTES = 64 * 1024;

/**
 * Reads a multipart/form-data body holding exactly one file in `field`, in memory, up to
 * maxBytes (413 beyond). Text fields are ignored. The client's file name is returned as
 * given, for display only; its Content-Type is ignored (the content decides the type).
 */
export async function readSingleFile(req: Request, options: FileOptions): Promise<UploadedFile> {
  const { fileName, data } = await readMultipart(req, options);
  return { fileName, data };
}

/**
 * Reads a multipart/form-data body holding one file in `field` (as readSingleFile) and
 * the text fields named in `fields`, each up to maxFieldBytes; an unknown field, a field
 * too long, or more parts than these are 400.
 */
export function readForm(req: Request, options: FormOptions): Promise<UploadedForm> {
  return readMultipart(req, options);
}

function readMultipart(req: Request, options: FileOptions | FormOptions): Promise<UploadedForm> {
  const { field, maxBytes } = options;
  const form = 'fields' in options ? options : null;
  return new Promise((resolve, reject) => {
    // A declared length far beyond the limits is refused before reading it.
    const room = FRAMING_BYTES + (form ? form.fields.length * form.maxFieldBytes : 0);
    if (Number(req.headers['content-length'] ?? 0) > maxBytes + room) {
      reject(payloadTooLarge(maxBytes));
      return;
    }
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        // Browsers send file names as raw UTF-8 (Russian and Tajik names must survive).
        defParamCharset: 'utf8',
        limits: form
          ? { fileSize: maxBytes, files: 1, fields: form.fields.length, fieldSize: form.maxFieldBytes, parts: form.fields.length + 2 }
          : { fileSize: maxBytes, files: 1, fields: 10, fieldSize: 1024, parts: 11 },
      });
    } catch {
      reject(notMultipart());
      return;
    }

    let file: UploadedFile | undefined;
    const fields: Record<string, string> = {};
    let failure: AppError | undefined;
    parser.on('file', (name, stream, info) => {
      if (name !== field) {
        failure ??= validationFailed([fieldIssue(name, 'file.wrong_field', { field })]);
        // A cut-off upload errors this stream too; the parser's own error handler answers.
        stream.on('error', () => undefined);
        stream.resume();
        return;
      }
      const chunks: Buffer[] = [];
      // A body cut short destroys the file stream with an error; the parser reports it as well.
      stream.on('error', () => undefined);
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('limit', () => {
        failure = payloadTooLarge(maxBytes);
      });
      stream.on('end', () => {
        if (!failure) file = { fileName: info.filename ?? '', data: Buffer.concat(chunks) };
      });
    });
    if (form) {
      parser.on('field', (name, value, info) => {
        if (!form.fields.includes(name)) {
          failure ??= validationFailed([fieldIssue(name, 'file.unknown_field', { expected: form.fields.join(', ') })]);
        } else if (info.valueTruncated) {
          failure ??= validationFailed([fieldIssue(name, 'file.field_too_long')]);
        } else fields[name] = value;
      });
      const tooMany = () => {
        failure ??= validationFailed([fieldIssue(field, 'file.too_many_parts')]);
      };
      parser.on('filesLimit', tooMany);
      parser.on('fieldsLimit', tooMany);
      parser.on('partsLimit', tooMany);
    } else {
      parser.on('filesLimit', () => {
        failure ??= validationFailed([fieldIssue(field, 'file.one_only')]);
      });
    }
    parser.on('error', () => {
      req.unpipe(parser);
      req.resume();
      reject(notMultipart());
    });
    parser.on('close', () => {
      if (failure) reject(failure);
      else if (!file) reject(validationFailed([fieldIssue(field, 'file.missing')]));
      else resolve({ ...file, fields });
    });
    req.pipe(parser);
  });
}
