import type { Response } from 'express';

/**
 * Sends a file a user uploaded: always as a download, never rendered in the app's origin,
 * with the type its content showed.
 */
export function sendUploadedFile(res: Response, file: { fileName: string; mediaType: string }, data: Buffer): void {
  res.attachment(file.fileName);
  res.set({
    'Content-Type': file.mediaType,
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': "default-src 'none'; sandbox",
  });
  res.send(data);
}
