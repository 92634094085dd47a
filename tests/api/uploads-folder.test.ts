import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uploadsBesideDatabase } from '../../server/src/core/files';
import { makeIndicator, makePeriod, makeProject, makeUser, makeValue } from '../factories';
import { startTestApp, type ApiClient, type TestApp } from './harness';

let app: TestApp;
let manager: ApiClient;
let managerId: number;
/** A small PDF, plain ASCII so that it travels unchanged in a text body. */
const PDF = '%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n';

beforeAll(async () => {
  // No uploads folder given: the app must choose its own default.
  app = await startTestApp({ uploadsDir: undefined });
  const user = await makeUser(app.db, { role: 'manager' });
  managerId = user.id;
  manager = await app.login(user.email);
});
afterAll(() => app.close());

describe('the uploads folder', () => {
  it('by default is "uploads" beside the database file, not under the working directory', async () => {
    const project = await makeProject(app.db, { memberIds: [managerId] });
    const value = await makeValue(app.db, await makePeriod(app.db, await makeIndicator(app.db, project.id)));
    const boundary = 'uploads-folder-boundary';
    const res = await manager.request('POST', `/values/${value.id}/evidence`, {
      raw: `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="report.pdf"\r\nContent-Type: application/pdf\r\n\r\n${PDF}\r\n--${boundary}--\r\n`,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    expect(res.status, res.text).toBe(201);

    const { stored_name: storedName } = app.db.$client.prepare('SELECT stored_name FROM evidence_files WHERE id = ?').get(res.body.id) as {
      stored_name: string;
    };
    const besideDatabase = join(dirname(app.db.$client.name), 'uploads');
    expect(readdirSync(besideDatabase)).toEqual([storedName]);
    expect(readFileSync(join(besideDatabase, storedName), 'utf8')).toBe(PDF);
    expect(existsSync(resolve('data', 'uploads', storedName))).toBe(false);
  });

  it('beside a relative database path is resolved to a full path, and a database without a file has none', () => {
    expect(uploadsBesideDatabase('data/hamkori.db')).toBe(resolve('data', 'uploads'));
    expect(uploadsBesideDatabase('/srv/hamkori/db/main.db')).toBe('/srv/hamkori/db/uploads');
    expect(() => uploadsBesideDatabase(':memory:')).toThrow(/no folder for uploads/);
    expect(() => uploadsBesideDatabase('')).toThrow(/no folder for uploads/);
  });
});
