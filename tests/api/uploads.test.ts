import type { Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import express, { type Request } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileBody } from '../../server/src/http/body';
import { errorMiddleware } from '../../server/src/http/error-middleware';
import { jsonField } from '../../server/src/core/uploads';
import { readForm, readSingleFile } from '../../server/src/http/multipart';

// The upload readers on a bare app of their own, so their limits can be small.
const MAX_FILE = 1024;
const MAX_FIELD = 64;
const FORM = { field: 'file', maxBytes: MAX_FILE, fields: ['mapping', 'note'], maxFieldBytes: MAX_FIELD } as const;

let server: Server;
let url: string;

beforeAll(async () => {
  const app = express();
  const answer = (read: (req: Request) => Promise<unknown>) => async (req: Request, res: express.Response) => {
    res.json(await read(req));
  };
  const described = (file: { fileName: string; data: Buffer }) => ({ fileName: file.fileName, text: file.data.toString('utf8') });
  app.post(
    '/single',
    answer(async (req) => described(await readSingleFile(req, { field: 'file', maxBytes: MAX_FILE }))),
  );
  app.post(
    '/form',
    answer(async (req) => {
      const form = await readForm(req, FORM);
      return { ...described(form), fields: form.fields, mapping: jsonField(form, 'mapping') ?? null };
    }),
  );
  app.post(
    '/body',
    answer(async (req) => ({ text: (await readFileBody(req, MAX_FILE)).toString('utf8') })),
  );
  app.use(errorMiddleware);
  server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

type Part = { name: string; value: string } | { name: string; fileName: string; data: string | Buffer };

/** A multipart body built by hand, so that names arrive exactly as written and it can be cut anywhere. */
function multipart(parts: Part[], { boundary = 'b0undary', close = true } = {}): Buffer {
  const chunks = parts.flatMap((p) => [
    Buffer.from(
      'fileName' in p
        ? `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"; filename="${p.fileName}"\r\nContent-Type: text/csv\r\n\r\n`
        : `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"\r\n\r\n`,
    ),
    Buffer.from('fileName' in p ? p.data : p.value),
    Buffer.from('\r\n'),
  ]);
  if (close) chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}

/** Posts a body with its length declared or, `streamed`, in chunks without one. */
async function post(path: string, body: Buffer, headers: Record<string, string> = {}, { streamed = false } = {}) {
  const bytes = new Uint8Array(body);
  const res = await fetch(url + path, {
    method: 'POST',
    headers: { 'content-type': 'multipart/form-data; boundary=b0undary', ...headers },
    ...(streamed ? { body: new Blob([bytes]).stream(), duplex: 'half' } : { body: bytes }),
  } as RequestInit);
  return { status: res.status, body: (await res.json()) as any };
}

const file = (data: string | Buffer = 'a,b\r\n1,2\r\n', fileName = 'people.csv'): Part => ({ name: 'file', fileName, data });

describe('readSingleFile', () => {
  it('returns the file with its UTF-8 name as sent, and ignores text fields', async () => {
    const res = await post('/single', multipart([{ name: 'note', value: 'ignored' }, file('x', 'Отчёт форума.pdf')]));
    expect(res).toEqual({ status: 200, body: { fileName: 'Отчёт форума.pdf', text: 'x' } });
  });

  it.each([
    { name: 'no file', parts: [{ name: 'note', value: 'hello' }], path: 'file', message: 'Attach a file' },
    {
      name: 'the file in another field',
      parts: [{ name: 'upload', fileName: 'a.csv', data: 'x' }],
      path: 'upload',
      message: 'Send the file in the field "file"',
    },
    { name: 'two files', parts: [file(), file()], path: 'file', message: 'Send one file at a time' },
  ])('answers $name with 400 naming the field', async ({ parts, path, message }) => {
    const res = await post('/single', multipart(parts));
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: { issues: [{ path, message }] } });
  });

  it('answers a file over the limit with 413, whether the body says its length or not', async () => {
    for (const streamed of [false, true]) {
      const res = await post('/single', multipart([file('x'.repeat(MAX_FILE + 1))]), {}, { streamed });
      expect(res.status).toBe(413);
      expect(res.body.error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', details: { maxBytes: MAX_FILE } });
    }
  });

  it('refuses a declared length far beyond the limit with 413 before reading the body', async () => {
    const res = await rawRequest('/single', { 'content-length': String(MAX_FILE + 64 * 1024 + 1) }, '');
    expect(res.status).toBe(413);
  });

  it('answers a body that is not multipart, or one cut off in the middle of the file, with 400 BAD_REQUEST', async () => {
    const unbounded = await post('/single', Buffer.from('a,b'), { 'content-type': 'multipart/form-data' });
    expect(unbounded.status).toBe(400);
    expect(unbounded.body.error.code).toBe('BAD_REQUEST');
    const cut = await post('/single', multipart([file('a,b\r\n1,')], { close: false }).subarray(0, -2));
    expect(cut.status).toBe(400);
    expect(cut.body.error.code).toBe('BAD_REQUEST');
  });
});

describe('readForm', () => {
  it('returns the file and the named text fields', async () => {
    const res = await post('/form', multipart([{ name: 'mapping', value: '{"name":"Name"}' }, file(), { name: 'note', value: 'Ҷӯраева' }]));
    expect(res).toEqual({
      status: 200,
      body: { fileName: 'people.csv', text: 'a,b\r\n1,2\r\n', fields: { mapping: '{"name":"Name"}', note: 'Ҷӯраева' }, mapping: { name: 'Name' } },
    });
  });

  it.each([
    { name: 'an unknown field', parts: [{ name: 'extra', value: '1' }, file()], path: 'extra', message: 'Unknown field; expected mapping, note' },
    { name: 'a field over its limit', parts: [{ name: 'note', value: 'x'.repeat(MAX_FIELD + 1) }, file()], path: 'note', message: 'Too long' },
    {
      name: 'more parts than the fields and the file',
      parts: [{ name: 'note', value: '1' }, { name: 'mapping', value: '{}' }, { name: 'note', value: '2' }, file()],
      path: 'file',
      message: 'Send one file and the expected fields only',
    },
    {
      name: 'a field that is not JSON where JSON is expected',
      parts: [{ name: 'mapping', value: '{name' }, file()],
      path: 'mapping',
      message: 'Not valid JSON',
    },
    { name: 'no file', parts: [{ name: 'note', value: '1' }], path: 'file', message: 'Attach a file' },
  ])('answers $name with 400 naming it', async ({ parts, path, message }) => {
    const res = await post('/form', multipart(parts));
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: { issues: [{ path, message }] } });
  });

  it('allows room for the declared fields around the file, and refuses a body declared longer than that with 413 before reading it', async () => {
    const room = 64 * 1024 + FORM.fields.length * MAX_FIELD;
    // Padded after the closing boundary (the epilogue, which a reader skips) to the length wanted.
    const padded = (length: number) => {
      const form = multipart([{ name: 'note', value: 'x' }, file('y')]);
      return Buffer.concat([form, Buffer.alloc(length - form.length, '-')]);
    };
    expect((await post('/form', padded(MAX_FILE + room))).status).toBe(200);
    expect((await post('/form', padded(MAX_FILE + room + 1))).status).toBe(413);
  });

  it('answers a body cut off in the middle of the file, after its fields, with 400 BAD_REQUEST', async () => {
    const cut = multipart([{ name: 'mapping', value: '{}' }, file('Name\r\nZarina')], { close: false }).subarray(0, -4);
    const res = await post('/form', cut);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('BAD_REQUEST');
  });

  it('survives a client that goes away in the middle of the file, and goes on answering', async () => {
    const body = multipart([{ name: 'mapping', value: '{}' }, file('x'.repeat(MAX_FILE))]);
    await rawRequest('/form', { 'content-length': String(body.length) }, body.subarray(0, body.length / 2).toString('latin1'), { abort: true });
    const next = await post('/form', multipart([file()]));
    expect(next.status).toBe(200);
  });
});

describe('readFileBody', () => {
  it('returns a body sent as is, or the file of a multipart form', async () => {
    expect(await post('/body', Buffer.from('a;b\n'), { 'content-type': 'text/csv' })).toEqual({ status: 200, body: { text: 'a;b\n' } });
    expect(await post('/body', multipart([file('a;b\n')]))).toEqual({ status: 200, body: { text: 'a;b\n' } });
  });

  it('answers a body over the limit with 413, whether it says its length or not', async () => {
    for (const streamed of [false, true]) {
      const res = await post('/body', Buffer.alloc(MAX_FILE + 1, 'x'), { 'content-type': 'text/csv' }, { streamed });
      expect(res.status).toBe(413);
      expect(res.body.error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', details: { maxBytes: MAX_FILE } });
    }
  });
});

/**
 * A request written on a socket: the declared length need not match what is sent. With
 * `abort` the socket is destroyed once written (a client that goes away), so no answer.
 */
function rawRequest(path: string, headers: Record<string, string>, body: string, options: { abort?: boolean } = {}) {
  const { hostname, port } = new URL(url);
  const head = [
    `POST ${path} HTTP/1.1`,
    `host: ${hostname}:${port}`,
    'content-type: multipart/form-data; boundary=b0undary',
    'connection: close',
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
    '',
    '',
  ].join('\r\n');
  return new Promise<{ status: number }>((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', reject);
    socket.on('close', () => resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(Buffer.concat(chunks).toString('latin1'))?.[1] ?? 0) }));
    socket.write(head + body, 'latin1', () => {
      if (options.abort) socket.destroy();
    });
  });
}
