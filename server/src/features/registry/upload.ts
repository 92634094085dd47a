import busboy from 'busboy';
import type { Request } from 'express';
import { AppError, validationFailed } from '../../http/app-error';

export type Upload = { fileName: string; data: Buffer; fields: Record<string, string> };

/** Room for the multipart framing and the form fields around the file. */
const FRAMING_BYTES = 2 * 1024 * 1024;

const tooLarge = (maxBytes: number) =>
  new AppError('PAYLOAD_TOO_LARGE', `The file is larger than ${Math.round(maxBytes / 1024 / 1024)} MB`, { maxBytes });

/**
 * Reads a multipart/form-data body holding one file (in `file`) and a few text fields
 * (mapping, decisions: JSON up to 1 MB each), in memory. 413 beyond maxBytes.
 */
export function readUpload(req: Request, options: { maxBytes: number; fields: readonly string[] }): Promise<Upload> {
  const { maxBytes } = options;
  return new Promise((resolve, reject) => {
    if (Number(req.headers['content-length'] ?? 0) > maxBytes + FRAMING_BYTES) {
      reject(tooLarge(maxBytes));
      return;
    }
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        limits: { fileSize: maxBytes, files: 1, fields: options.fields.length, fieldSize: 1024 * 1024, parts: options.fields.length + 2 },
      });
    } catch {
      reject(new AppError('BAD_REQUEST', 'The upload is not a valid multipart/form-data body'));
      return;
    }
    let file: { fileName: string; data: Buffer } | undefined;
    const fields: Record<string, string> = {};
    let failure: AppError | undefined;
    parser.on('file', (name, stream, info) => {
      if (name !== 'file') {
        failure ??= validationFailed([{ path: name, message: 'Send the file in the field "file"' }]);
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
        failure = tooLarge(maxBytes);
      });
      stream.on('end', () => {
        if (!failure) file = { fileName: info.filename ?? '', data: Buffer.concat(chunks) };
      });
    });
    parser.on('field', (name, value, info) => {
      if (!options.fields.includes(name)) {
        failure ??= validationFailed([{ path: name, message: `Unknown field; expected ${options.fields.join(', ')}` }]);
      } else if (info.valueTruncated) {
        failure ??= validationFailed([{ path: name, message: 'Too long' }]);
      } else fields[name] = value;
    });
    const limit = () => {
      failure ??= validationFailed([{ path: 'file', message: 'Send one file and the expected fields only' }]);
    };
    parser.on('filesLimit', limit);
    parser.on('fieldsLimit', limit);
    parser.on('partsLimit', limit);
    parser.on('error', () => {
      req.unpipe(parser);
      req.resume();
      reject(new AppError('BAD_REQUEST', 'The upload is not a valid multipart/form-data body'));
    });
    parser.on('close', () => {
      if (failure) reject(failure);
      else if (!file) reject(validationFailed([{ path: 'file', message: 'Attach a file' }]));
      else resolve({ ...file, fields });
    });
    req.pipe(parser);
  });
}

/** Parses a JSON form field; a malformed one is a 400 naming the field. */
export function jsonField(fields: Record<string, string>, name: string): unknown {
  const raw = fields[name];
  if (raw === undefined) return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    throw validationFailed([{ path: name, message: 'Not valid JSON' }]);
  }
}
