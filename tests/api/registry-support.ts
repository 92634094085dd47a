import type { ApiClient, ApiResponse } from './harness';

/**
 * Posts a multipart upload (a file in "file" plus text fields) as the client, with its
 * session cookie and CSRF token: what the registry and attendance imports take.
 */
export async function upload<T = any>(
  client: ApiClient,
  url: string,
  path: string,
  file: { data: string | Buffer; name?: string },
  fields: Record<string, unknown> = {},
): Promise<ApiResponse<T>> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, typeof value === 'string' ? value : JSON.stringify(value));
  const bytes = typeof file.data === 'string' ? Buffer.from(file.data, 'utf8') : file.data;
  form.append('file', new Blob([new Uint8Array(bytes)]), file.name ?? 'survey.csv');
  const headers: Record<string, string> = { 'x-csrf-token': client.csrfToken };
  if (client.cookie) headers.cookie = client.cookie;
  const res = await fetch(url + path, { method: 'POST', headers, body: form });
  const text = await res.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  return { status: res.status, headers: res.headers, body: body as T, text };
}

/** A CSV text from a header and rows (fields quoted when needed). */
export function csv(header: string[], rows: (string | number | null)[][]): string {
  const field = (v: string | number | null) => {
    const s = v === null ? '' : String(v);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [header, ...rows].map((r) => r.map(field).join(',')).join('\r\n') + '\r\n';
}
