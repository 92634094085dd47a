import { randomBytes, createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVIDENCE_MAX_BYTES } from '@shared/schemas/evidence';
import { createDatabaseFileStore, createFileStore, type FileStore } from '../../server/src/core/files';
import { engineOf } from '../../server/src/db/client';
import { databaseEngine } from '../../server/src/db/engine';
import { evidenceFiles, expenditureFiles, storedFiles } from '../../server/src/db/schema';
import { makeExpenditure, makeIndicator, makePeriod, makeProject, makeUser, makeValue } from '../factories';
import { pdfBytes } from '../factories/files';
import { startTestApp, type ApiClient, type TestApp } from './harness';

// Runs on SQLite (project api) and on PostgreSQL (project api-pg).
let app: TestApp;
let second: TestApp;
let manager: ApiClient;
let managerOnSecond: ApiClient;
let managerId: number;
const folder = mkdtempSync(join(tmpdir(), 'hamkori-file-store-'));

beforeAll(async () => {
  app = await startTestApp();
  // A second instance on the same database, as a load balancer would send requests to.
  second = await startTestApp({}, { databaseOf: app });
  const user = await makeUser(app.db, { role: 'manager' });
  managerId = user.id;
  manager = await app.login(user.email);
  managerOnSecond = await second.login(user.email);
});
afterAll(async () => {
  await second.close();
  await app.close();
  rmSync(folder, { recursive: true, force: true });
});

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');
const storedRow = async (storedName: string) => (await app.db.select().from(storedFiles).where(eq(storedFiles.storedName, storedName)))[0];

/** Every byte value, so that no encoding on the way (text, hex, escapes) can pass unnoticed. */
const everyByte = () => Buffer.from(Array.from({ length: 512 }, (_, i) => i % 256));

describe.each([
  { kind: 'database', store: (): FileStore => createDatabaseFileStore(app.db) },
  { kind: 'folder', store: (): FileStore => createFileStore(join(folder, 'uploads')) },
])('the $kind file store', ({ store }) => {
  it('saves under a new random name with the SHA-256 of the data, and reads back the same bytes as a Buffer', async () => {
    const files = store();
    const data = everyByte();
    const saved = await files.save(data);
    const again = await files.save(data);
    expect(saved.storedName).toMatch(/^[a-f0-9]{32}$/);
    expect(again.storedName).not.toBe(saved.storedName);
    expect(saved.sha256).toBe(sha256(data));
    const read = await files.read(saved.storedName);
    expect(Buffer.isBuffer(read)).toBe(true);
    expect(read?.equals(data)).toBe(true);
  });

  it('removes a file: reading it then gives null, and removing it again is no error', async () => {
    const files = store();
    const { storedName } = await files.save(pdfBytes());
    const other = await files.save(pdfBytes());
    await files.remove(storedName);
    expect(await files.read(storedName)).toBeNull();
    await expect(files.remove(storedName)).resolves.toBeUndefined();
    expect((await files.read(other.storedName))?.equals(pdfBytes())).toBe(true);
  });

  it('reads null for a well-formed name it never stored', async () => {
    expect(await store().read(randomBytes(16).toString('hex'))).toBeNull();
  });

  it.each(['../../etc/passwd', '', 'A'.repeat(32), `${'a'.repeat(32)}\n`, `${'a'.repeat(31)}'`, "' OR 1=1 --", 'a'.repeat(33)])(
    'refuses the name %j, which it never makes, on read and on remove',
    async (name) => {
      const files = store();
      await expect(files.read(name)).rejects.toThrow(/Not a stored file name/);
      await expect(files.remove(name)).rejects.toThrow(/Not a stored file name/);
    },
  );

  it('keeps a file as large as the upload limit byte for byte', async () => {
    const files = store();
    const data = randomBytes(EVIDENCE_MAX_BYTES);
    const { storedName, sha256: digest } = await files.save(data);
    expect(digest).toBe(sha256(data));
    expect((await files.read(storedName))?.equals(data)).toBe(true);
    await files.remove(storedName);
  });
});

describe('the database file store', () => {
  it('writes one stored_files row with the size, digest and a creation time', async () => {
    const data = everyByte();
    const { storedName } = await createDatabaseFileStore(app.db).save(data);
    const row = await storedRow(storedName);
    expect(row).toMatchObject({ storedName, sha256: sha256(data), size: data.length });
    expect(row?.data.equals(data)).toBe(true);
    expect(row?.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('reads from another instance on the same database what one instance saved', async () => {
    const { storedName } = await createDatabaseFileStore(app.db).save(pdfBytes());
    expect((await createDatabaseFileStore(second.db).read(storedName))?.equals(pdfBytes())).toBe(true);
  });
});

/** The upload of a PDF as multipart/form-data; the PDF is ASCII, so it travels unchanged in a text body. */
const PDF = pdfBytes().toString('ascii');
function pdfUpload(fileName = 'receipt.pdf') {
  const boundary = `----hamkori${randomBytes(8).toString('hex')}`;
  return {
    raw: `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/pdf\r\n\r\n${PDF}\r\n--${boundary}--\r\n`,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

describe(`evidence uploads with the app's default store (${databaseEngine()})`, () => {
  const onPostgres = () => engineOf(app.db) === 'postgres';

  it('an indicator value evidence uploaded on one instance downloads from another; on PostgreSQL its content is a stored_files row, gone once the evidence is deleted', async () => {
    const project = await makeProject(app.db, { memberIds: [managerId] });
    const value = await makeValue(app.db, await makePeriod(app.db, await makeIndicator(app.db, project.id)));
    const res = await manager.request('POST', `/values/${value.id}/evidence`, pdfUpload('report.pdf'));
    expect(res.status, res.text).toBe(201);
    const [evidence] = await app.db.select().from(evidenceFiles).where(eq(evidenceFiles.id, res.body.id));

    const download = await managerOnSecond.get(`/evidence/${res.body.id}`);
    expect(download.status).toBe(200);
    expect(download.text).toBe(PDF);

    const row = await storedRow(evidence!.storedName);
    if (onPostgres()) expect(row).toMatchObject({ sha256: evidence!.sha256, size: pdfBytes().length });
    else expect(row).toBeUndefined(); // SQLite keeps files in a folder beside the database
    expect((await manager.delete(`/evidence/${res.body.id}`)).status).toBe(204);
    expect(await storedRow(evidence!.storedName)).toBeUndefined();
    expect((await managerOnSecond.get(`/evidence/${res.body.id}`)).status).toBe(404);
  });

  it('a receipt of a ledger entry is kept the same way, and deleting the entry deletes its file', async () => {
    const project = await makeProject(app.db, { memberIds: [managerId] });
    const entry = await makeExpenditure(app.db, project);
    const res = await manager.request('POST', `/expenditures/${entry.id}/evidence`, pdfUpload());
    expect(res.status, res.text).toBe(201);
    const [file] = await app.db.select().from(expenditureFiles).where(eq(expenditureFiles.id, res.body.id));
    expect((await managerOnSecond.get(`/expenditure-evidence/${res.body.id}`)).text).toBe(PDF);
    expect((await storedRow(file!.storedName)) !== undefined).toBe(onPostgres());

    expect((await manager.delete(`/expenditures/${entry.id}?version=${entry.version}`)).status).toBe(204);
    expect(await storedRow(file!.storedName)).toBeUndefined();
    if (!onPostgres()) expect(existsSync(join(app.databasePath, '..', 'uploads', file!.storedName))).toBe(false);
  });
});
