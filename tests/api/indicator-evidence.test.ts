import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@shared/enums';
import { EVIDENCE_MAX_BYTES } from '@shared/schemas/evidence';
import { EvidenceSchema } from '@shared/schemas/indicator-value';
import { auditRows, makeIndicator, makePeriod, makeProject, makeValue } from '../factories';
import { docxBytes, exeBytes, htmlBytes, pdfBytes, pngBytes } from '../factories/files';
import { EVERY_ROLE, databaseDigest, startTestApp, type ApiClient, type TestApp } from './harness';
import { rawAll, rawRun } from './raw-sql';

let app: TestApp;
let uploadsDir: string;
const root = mkdtempSync(join(tmpdir(), 'hamkori-evidence-'));
let as: Record<Role | 'outsider', ApiClient>;
let ids: Record<Role | 'outsider', number>;

beforeAll(async () => {
  uploadsDir = join(root, 'uploads');
  app = await startTestApp({ uploadsDir });
  ({ clients: as, ids } = await app.signInEach({ ...EVERY_ROLE, outsider: 'manager' }));
});
afterAll(async () => {
  await app.close();
  rmSync(root, { recursive: true, force: true });
});

const storedFiles = () => {
  try {
    return readdirSync(uploadsDir);
  } catch {
    return [];
  }
};

/** A draft value (or one of the status given) of a fresh project everyone belongs to. */
async function valueWith(overrides: Parameters<typeof makeValue>[2] = {}) {
  const project = await makeProject(app.db, { memberIds: [ids.admin, ids.manager, ids.partner, ids.donor] });
  return await makeValue(app.db, await makePeriod(app.db, await makeIndicator(app.db, project.id)), overrides);
}

/** Sends one file as multipart/form-data, built by hand so the file name arrives exactly as written. */
async function upload(client: ApiClient, valueId: number, data: Buffer, fileName: string, contentType = 'application/pdf') {
  const boundary = `----hamkori${Math.random().toString(16).slice(2)}`;
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${contentType}\r\n\r\n`),
    data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const res = await fetch(`${app.url}/values/${valueId}/evidence`, {
    method: 'POST',
    headers: { cookie: client.cookie, 'x-csrf-token': client.csrfToken, 'content-type': `multipart/form-data; boundary=${boundary}` },
    body,
  });
  const text = await res.text();
  return { status: res.status, text, body: text ? (JSON.parse(text) as any) : undefined };
}

describe('POST /values/:id/evidence', () => {
  it('stores a PDF under a random name and answers with its evidence record; the upload is audited', async () => {
    const value = await valueWith();
    const res = await upload(as.manager, value.id, pdfBytes(), 'Forum attendance.pdf');
    expect(res.status, res.text).toBe(201);
    const evidence = EvidenceSchema.parse(res.body);
    expect(evidence).toMatchObject({
      valueId: value.id,
      fileName: 'Forum attendance.pdf',
      mediaType: 'application/pdf',
      size: pdfBytes().length,
      uploadedBy: { id: ids.manager },
    });
    const [stored] = await rawAll<{ stored_name: string }>(app.db, 'SELECT stored_name FROM evidence_files WHERE id = ?', evidence.id);
    expect(stored?.stored_name).toMatch(/^[a-f0-9]{32}$/);
    expect(readFileSync(join(uploadsDir, stored!.stored_name))).toEqual(pdfBytes());
    expect((await auditRows(app.db, 'evidence', evidence.id)).map((r) => r.action)).toEqual(['create']);
  });

  it('judges the type by content: a PNG sent as "scan.pdf" with Content-Type application/pdf is stored as scan.png, image/png', async () => {
    const res = await upload(as.manager, (await valueWith()).id, pngBytes(), 'scan.pdf', 'application/pdf');
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ fileName: 'scan.png', mediaType: 'image/png' });
  });

  it('accepts an office document', async () => {
    const res = await upload(as.manager, (await valueWith()).id, docxBytes(), 'minutes.docx', 'application/octet-stream');
    expect(res.status, res.text).toBe(201);
    expect(res.body.mediaType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
  });

  it.each([
    { name: 'an executable renamed .pdf', data: exeBytes() },
    { name: 'an HTML page renamed .pdf', data: htmlBytes() },
    { name: 'an empty file', data: Buffer.alloc(0) },
  ])('refuses $name with 400 FILE_TYPE_NOT_ALLOWED and stores nothing', async ({ data }) => {
    const value = await valueWith();
    const before = await databaseDigest(app.db);
    const files = storedFiles();
    const res = await upload(as.manager, value.id, data, 'report.pdf', 'application/pdf');
    expect(res.status, res.text).toBe(400);
    expect(res.body.error.code).toBe('FILE_TYPE_NOT_ALLOWED');
    expect(await databaseDigest(app.db)).toBe(before);
    expect(storedFiles()).toEqual(files);
  });

  it('refuses a file over 10 MB with 413 PAYLOAD_TOO_LARGE and stores nothing', async () => {
    const value = await valueWith();
    const before = await databaseDigest(app.db);
    const files = storedFiles();
    const big = Buffer.concat([pdfBytes(), Buffer.alloc(EVIDENCE_MAX_BYTES)]);
    const res = await upload(as.manager, value.id, big, 'big.pdf');
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(await databaseDigest(app.db)).toBe(before);
    expect(storedFiles()).toEqual(files);
  });

  it('keeps path tricks in the file name harmless: stored under a random name, offered as a plain name', async () => {
    const value = await valueWith();
    const outside = join(root, 'etc');
    const res = await upload(as.manager, value.id, pdfBytes(), '../../etc/passwd.pdf');
    expect(res.status, res.text).toBe(201);
    expect(res.body.fileName).toBe('passwd.pdf');
    expect(readdirSync(root)).toEqual(['uploads']);
    expect(storedFiles().every((f) => /^[a-f0-9]{32}$/.test(f))).toBe(true);
    expect(() => readdirSync(outside)).toThrow();

    const download = await fetch(`${app.url}/evidence/${res.body.id}`, { headers: { cookie: as.donor.cookie } });
    expect(download.status).toBe(404); // still a draft: the donor may not see it
    const own = await fetch(`${app.url}/evidence/${res.body.id}`, { headers: { cookie: as.manager.cookie } });
    expect(own.status).toBe(200);
    expect(own.headers.get('content-disposition')).toBe('attachment; filename=passwd.pdf');
  });

  it('refuses evidence for a submitted value (409 INVALID_TRANSITION) or an approved one (409 PERIOD_LOCKED), storing nothing', async () => {
    const submitted = await valueWith({ status: 'submitted', submittedBy: ids.admin });
    const approved = await valueWith({ status: 'approved' });
    const before = await databaseDigest(app.db);
    const files = storedFiles();
    const a = await upload(as.manager, submitted.id, pdfBytes(), 'a.pdf');
    expect([a.status, a.body.error.code]).toEqual([409, 'INVALID_TRANSITION']);
    const b = await upload(as.manager, approved.id, pdfBytes(), 'b.pdf');
    expect([b.status, b.body.error.code]).toEqual([409, 'PERIOD_LOCKED']);
    expect(await databaseDigest(app.db)).toBe(before);
    expect(storedFiles()).toEqual(files);
  });

  it('refuses a body cut off in the middle of the file with 400 BAD_REQUEST and stores nothing', async () => {
    const value = await valueWith();
    const before = await databaseDigest(app.db);
    const files = storedFiles();
    const boundary = 'cut';
    const res = await as.manager.request('POST', `/values/${value.id}/evidence`, {
      raw: `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF-1.4 and then noth`,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    expect(res.status, res.text).toBe(400);
    expect(res.body.error.code).toBe('BAD_REQUEST');
    expect(await databaseDigest(app.db)).toBe(before);
    expect(storedFiles()).toEqual(files);
  });

  it('refuses a JSON body with 415, a form without the file with 400, and a non-member with 404', async () => {
    const value = await valueWith();
    const before = await databaseDigest(app.db);
    const json = await as.manager.post(`/values/${value.id}/evidence`, { file: 'x' });
    expect(json.status).toBe(415);
    const boundary = 'xyz';
    const empty = await as.manager.request('POST', `/values/${value.id}/evidence`, {
      raw: `--${boundary}\r\nContent-Disposition: form-data; name="note"\r\n\r\nhello\r\n--${boundary}--\r\n`,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    expect(empty.status, empty.text).toBe(400);
    expect(empty.body.error.details.issues[0].path).toBe('file');
    expect((await upload(as.outsider, value.id, pdfBytes(), 'x.pdf')).status).toBe(404);
    expect(await databaseDigest(app.db)).toBe(before);
  });
});

describe('GET /evidence/:id', () => {
  it('sends an approved value’s file to a donor as an attachment with its sniffed type and nosniff', async () => {
    const value = await valueWith();
    const uploaded = await upload(as.manager, value.id, pdfBytes(), 'Отчёт форума.pdf');
    expect(uploaded.body.fileName).toBe('Отчёт форума.pdf');
    await rawRun(app.db, "UPDATE indicator_values SET status = 'approved' WHERE id = ?", value.id);
    const res = await fetch(`${app.url}/evidence/${uploaded.body.id}`, { headers: { cookie: as.donor.cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const disposition = res.headers.get('content-disposition') ?? '';
    expect(disposition).toMatch(/^attachment; filename="[^"/\\]*\.pdf"; filename\*=UTF-8''/);
    expect(disposition).toContain(encodeURIComponent('Отчёт форума.pdf'));
    expect(Buffer.from(await res.arrayBuffer())).toEqual(pdfBytes());
  });
});

describe('DELETE /evidence/:id', () => {
  it('removes the record and the file, and is audited', async () => {
    const value = await valueWith();
    const uploaded = await upload(as.manager, value.id, pdfBytes(), 'x.pdf');
    const files = storedFiles();
    const res = await as.manager.delete(`/evidence/${uploaded.body.id}`);
    expect(res.status, res.text).toBe(204);
    expect(storedFiles()).toHaveLength(files.length - 1);
    expect((await auditRows(app.db, 'evidence', uploaded.body.id)).map((r) => r.action)).toEqual(['create', 'delete']);
  });

  it('DELETE /values/:id takes the value’s evidence files with it', async () => {
    const value = await valueWith();
    await upload(as.manager, value.id, pdfBytes(), 'x.pdf');
    const files = storedFiles();
    expect((await as.manager.delete(`/values/${value.id}?version=1`)).status).toBe(204);
    expect(storedFiles()).toHaveLength(files.length - 1);
  });
});
