import busboy from 'busboy';
import type { Request } from 'express';
import { AppError, validationFailed } from './app-error';

export type UploadedFile = { fileName: string; data: Buffer };

const tooLarge = (maxBytes: number) =>
  new AppError('PAYLOAD_TOO_LARGE', `The file is larger than ${Math.round(maxBytes / 1024 / 1024)} MB`, { maxBytes });

/** Room for the multipart framing around the file. */
const FRAMING_BYTES = 64 * 1024;

/**
 * Reads a multipart/form-data body holding exactly one file in `field`, in memory, up to
 * maxBytes (413 beyond). The client's file name is returned as given, for display only;
 * its Content-Type is ignored (the content decides the type).
 */
export function readSingleFile(req: Request, options: { field: string; maxBytes: number }): Promise<UploadedFile> {
  const { field, maxBytes } = options;
  return new Promise((resolve, reject) => {
    // A declared length far beyond the limit is refused before reading it.
    if (Number(req.headers['content-length'] ?? 0) > maxBytes + FRAMING_BYTES) {
      reject(tooLarge(maxBytes));
      return;
    }
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        // Browsers send file names as raw UTF-8 (Russian and Tajik names must survive).
        defParamCharset: 'utf8',
        limits: { fileSize: maxBytes, files: 1, fields: 10, fieldSize: 1024, parts: 11 },
      });
    } catch {
      reject(new AppError('BAD_REQUEST', 'The upload is not a valid multipart/form-data body'));
      return;
    }

    let file: UploadedFile | undefined;
    let failure: AppError | undefined;
    parser.on('file', (name, stream, info) => {
      if (name !== field) {
        failure ??= validationFailed([{ path: name, message: `Send the file in the field "${field}"` }]);
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
    parser.on('filesLimit', () => {
      failure ??= validationFailed([{ path: field, message: 'Send one file at a time' }]);
    });
    parser.on('error', () => {
      req.unpipe(parser);
      req.resume();
      reject(new AppError('BAD_REQUEST', 'The upload is not a valid multipart/form-data body'));
    });
    parser.on('close', () => {
      if (failure) reject(failure);
      else if (!file) reject(validationFailed([{ path: field, message: 'Attach a file' }]));
      else resolve(file);
    });
    req.pipe(parser);
  });
}
