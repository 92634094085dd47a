import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@shared/enums';
import { makeProject, makeUser } from '../factories';
import { ApiClient, databaseDigest, startTestApp, type TestApp } from './harness';
import { importXml } from './iati-support';

let app: TestApp;
const clients = {} as Record<Role, ApiClient>;
const ids = {} as Record<Role, number>;

beforeAll(async () => {
  app = await startTestApp();
  for (const role of ['admin', 'manager', 'partner', 'donor'] as Role[]) {
    const user = await makeUser(app.db, { role });
    ids[role] = user.id;
    clients[role] = await app.login(user.email);
  }
});

afterAll(() => app.close());

describe('IATI import under hostile input', () => {
  /** A small valid activity file; `extra` goes at the end of the activity, `edit` changes the rest. */
  const activityFile = (code: string, extra = '', edit: (xml: string) => string = (x) => x) =>
    edit(
      `<?xml version="1.0" encoding="UTF-8"?><iati-activities version="2.03"><iati-activity default-currency="USD"><iati-identifier>XM-DAC-47066-${code}</iati-identifier><reporting-org ref="XM-DAC-47066" type="40"><narrative>IOM</narrative></reporting-org><title><narrative>Activity ${code}</narrative></title><activity-status code="2"/><activity-date type="1" iso-date="2026-01-01"/><activity-date type="3" iso-date="2026-12-31"/><recipient-country code="TJ"/>${extra}</iati-activity></iati-activities>`,
    );

  async function postFile(client: ApiClient, bytes: Buffer, query = '') {
    const res = await fetch(`${app.url}/iati/import${query}`, {
      method: 'POST',
      headers: { cookie: client.cookie, 'x-csrf-token': client.csrfToken, 'content-type': 'application/xml' },
      body: new Uint8Array(bytes),
    });
    const text = await res.text();
    return { status: res.status, text, body: JSON.parse(text) };
  }

  /**
   * Sends a file to the import as the manager while the donor asks GET /auth/me every 20 ms
   * (a pause between, so that the asking does not itself crowd the one thread the test and
   * the server share), and measures how long the import took, the longest the event loop was held (the
   * server runs in this process) and which of the donor's requests were answered while the
   * import was still running.
   */
  async function importWhileOthersAsk(xml: string | Buffer, query = '', client = clients.manager) {
    const bytes = typeof xml === 'string' ? Buffer.from(xml) : xml;
    const lag = monitorEventLoopDelay({ resolution: 10 });
    lag.enable();
    let running = true;
    const others: { status: number; ms: number; whileRunning: boolean }[] = [];
    const asking = (async () => {
      while (running) {
        const t0 = performance.now();
        const res = await clients.donor.get('/auth/me');
        others.push({ status: res.status, ms: performance.now() - t0, whileRunning: running });
        if (running) await sleep(20);
      }
    })();
    const t0 = performance.now();
    const res = await postFile(client, bytes, query);
    const ms = performance.now() - t0;
    running = false;
    await asking;
    lag.disable();
    return { res, ms, others, heldMs: lag.max / 1e6 };
  }

  /** The other requests were all answered, promptly, and the event loop was never held for long. */
  function expectOthersServed(run: Awaited<ReturnType<typeof importWhileOthersAsk>>, whileRunning = 0) {
    expect(run.others.length).toBeGreaterThan(0);
    expect(run.others.every((o) => o.status === 200)).toBe(true);
    expect(Math.max(...run.others.map((o) => o.ms))).toBeLessThan(1000);
    expect(run.others.filter((o) => o.whileRunning).length).toBeGreaterThanOrEqual(whileRunning);
    expect(run.heldMs).toBeLessThan(500);
  }

  it('an import of 2.4 million empty elements is refused with 413 within 2 s, writes nothing, and other requests are answered meanwhile', async () => {
    const flood = Buffer.concat([
      Buffer.from('<iati-activities version="2.03">'),
      Buffer.alloc(2_400_000 * 4, '<a/>'),
      Buffer.from('</iati-activities>'),
    ]);
    expect(flood.length).toBeLessThan(10 * 1024 * 1024);
    const digest = await databaseDigest(app.db);
    const run = await importWhileOthersAsk(flood);
    expect(run.res.status, run.res.text).toBe(413);
    expect(run.res.body.error).toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      details: { rule: { code: 'xml.too_many_elements', params: { max: 500_000 } } },
    });
    expect(run.res.body.error.message).toBe('The file has more than 500000 elements');
    expect(run.ms).toBeLessThan(2000);
    expectOthersServed(run, 2);
    expect(await databaseDigest(app.db)).toBe(digest);
  });

  it.each([
    ['nested 65 levels deep', () => `<iati-activities version="2.03">${'<a>'.repeat(64)}${'</a>'.repeat(64)}</iati-activities>`, 'xml.too_deep', 64],
    [
      'an element with 101 attributes',
      () => `<iati-activities version="2.03"><a ${Array.from({ length: 101 }, (_, i) => `b${i}=""`).join(' ')}/></iati-activities>`,
      'xml.too_many_element_attributes',
      100,
    ],
    [
      '600,000 attributes in all',
      () =>
        `<iati-activities version="2.03">${`<a ${Array.from({ length: 10 }, (_, i) => `b${i}=""`).join(' ')}/>`.repeat(60_000)}</iati-activities>`,
      'xml.too_many_attributes',
      500_000,
    ],
    [
      'a text of 1,000,001 characters',
      () => `<iati-activities version="2.03"><a>${'x'.repeat(1_000_001)}</a></iati-activities>`,
      'xml.text_too_long',
      1_000_000,
    ],
    [
      'an attribute value of 1,000,001 characters',
      () => `<iati-activities version="2.03"><a b="${'x'.repeat(1_000_001)}"/></iati-activities>`,
      'xml.text_too_long',
      1_000_000,
    ],
    [
      'an element name of 5 MB',
      () => `<iati-activities version="2.03"><iati-activity><${'n'.repeat(5 * 1024 * 1024)}/></iati-activity></iati-activities>`,
      'xml.name_too_long',
      200,
    ],
  ])(
    'a file with %s is refused with 413 and its rule, quickly, in a small answer, while other requests are answered',
    async (_name, build, code, max) => {
      const digest = await databaseDigest(app.db);
      const run = await importWhileOthersAsk(build(), '?dryRun=1');
      expect(run.res.status, run.res.text.slice(0, 300)).toBe(413);
      expect(run.res.body.error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', details: { rule: { code, params: { max } } } });
      expect(run.res.text.length).toBeLessThan(2048);
      expect(run.ms).toBeLessThan(2000);
      expectOthersServed(run);
      expect(await databaseDigest(app.db)).toBe(digest);
    },
  );

  const long = 'z'.repeat(900_000);
  const name150 = 'n'.repeat(150);
  it.each([
    [
      'a 5 MB name in a closing tag',
      `<iati-activities version="2.03"><iati-activity></${'n'.repeat(5 * 1024 * 1024)}></iati-activities>`,
      400,
      /not well-formed/,
    ],
    ['a 900,000-character entity name', `<iati-activities version="2.03"><a>&${long};</a></iati-activities>`, 400, /not well-formed/],
    ['an unclosed element with a 150-character name', `<iati-activities version="2.03"><${name150}>`, 400, /not well-formed.*unclosed tag/],
    [
      'a duplicate attribute with a 150-character name',
      `<iati-activities version="2.03" ${name150}="1" ${name150}="2"/>`,
      400,
      /not well-formed.*duplicate attribute/,
    ],
    ['a 150-character root element name', `<${'r'.repeat(150)}/>`, 400, /not an IATI activity file/],
    ['a 900,000-character version', `<iati-activities version="${long}"/>`, 400, /IATI version/],
    [
      'a 900,000-character activity status',
      activityFile('ECHO.1', '', (x) => x.replace('<activity-status code="2"/>', `<activity-status code="${long}"/>`)),
      400,
      /activity-status/,
    ],
    [
      'a 900,000-character currency',
      activityFile('ECHO.2', '', (x) => x.replace('default-currency="USD"', `default-currency="${long}"`)),
      400,
      /default-currency/,
    ],
    ['a 900,000-character project ID', activityFile('ECHO.3', '', (x) => x.replace('XM-DAC-47066-ECHO.3', long)), 400, /project ID/],
    [
      'a 900,000-character indicator title and invalid period',
      activityFile(
        'ECHO.4',
        `<result type="2"><indicator measure="1"><title><narrative>${long}</narrative></title><period><period-start iso-date="2026-05-01"/><period-end iso-date="2026-02-01"/></period></indicator></result>`,
      ),
      400,
      /invalid dates/,
    ],
  ])('a file with %s is refused with a message that repeats at most 80 characters of it', async (_name, xml, status, message) => {
    const run = await importWhileOthersAsk(xml, '?dryRun=1');
    expect(run.res.status, run.res.text.slice(0, 300)).toBe(status);
    expect(run.res.body.error.message).toMatch(message);
    // Whatever of the file the message names is cut at 80 characters (79 and an ellipsis).
    expect(run.res.body.error.message).not.toMatch(/[nrz]{80}/);
    expect(run.res.text.length).toBeLessThan(2048);
    expect(run.ms).toBeLessThan(2000);
    expectOthersServed(run);
  });

  it('a long value of characters outside the BMP is cut between characters, not inside one', async () => {
    const res = await importXml(
      clients.manager,
      activityFile('ECHO.6', '', (x) => x.replace('<activity-status code="2"/>', `<activity-status code="${'😀'.repeat(100_000)}"/>`)),
    );
    expect(res.status, res.text.slice(0, 300)).toBe(400);
    expect(res.body.error.message).toBe(`XM-DAC-47066-ECHO.6: unknown activity-status code "${'😀'.repeat(39)}…"`);
  });

  it('the preview of a file with a 900,000-character country code warns about it in a few characters', async () => {
    const run = await importWhileOthersAsk(activityFile('ECHO.5', `<recipient-country code="${long}"/>`), '?dryRun=1');
    expect(run.res.status, run.res.text.slice(0, 300)).toBe(200);
    const [warning] = run.res.body.activities[0].warnings;
    expect(warning).toMatch(/^recipient-country "z{79}…" is not a known country code/);
    expect(run.res.text.length).toBeLessThan(2048);
    expectOthersServed(run);
  });

  it('the preview of an activity with 200,000 different elements it does not read lists the 100 most frequent, in a small answer', async () => {
    const unread = '<often/>'.repeat(3) + Array.from({ length: 200_000 }, (_, i) => `<u${i}/>`).join('');
    const run = await importWhileOthersAsk(activityFile('WIDE.1', unread), '?dryRun=1');
    expect(run.res.status, run.res.text.slice(0, 300)).toBe(200);
    const { ignored } = run.res.body as { ignored: { path: string; count: number }[] };
    expect(ignored).toHaveLength(100);
    expect(ignored).toContainEqual({ path: 'iati-activities/iati-activity/often', count: 3 });
    expect(ignored.map((x) => x.path)).toEqual(ignored.map((x) => x.path).sort());
    expect(run.res.text.length).toBeLessThan(20_000);
    // A legal file: reading 200,000 elements takes what it takes, and the others are still answered.
    expect(run.others.length).toBeGreaterThan(0);
    expect(run.others.every((o) => o.status === 200)).toBe(true);
  });

  it('an activity-status code of "constructor" is refused as unknown (no code is looked up among an object\'s inherited keys)', async () => {
    const digest = await databaseDigest(app.db);
    const res = await importXml(
      clients.manager,
      activityFile('PROTO.1', '', (x) => x.replace('<activity-status code="2"/>', '<activity-status code="constructor"/>')),
    );
    expect(res.status, res.text).toBe(400);
    expect(res.body.error.message).toBe('XM-DAC-47066-PROTO.1: unknown activity-status code "constructor"');
    expect(await databaseDigest(app.db)).toBe(digest);
  });

  it('a value by sex "constructor" or by a dimension "toString" is left out with a warning', async () => {
    const actual = (name: string, value: string) => `<actual value="3"><dimension name="${name}" value="${value}"/></actual>`;
    const result = `<result type="2"><title><narrative>R</narrative></title><indicator measure="1"><title><narrative>People</narrative></title><period><period-start iso-date="2026-01-01"/><period-end iso-date="2026-06-30"/><actual value="5"/>${actual('sex', 'constructor')}${actual('toString', 'x')}</period></indicator></result>`;
    const res = await importXml(clients.manager, activityFile('PROTO.2', result), '?dryRun=1');
    expect(res.status, res.text).toBe(200);
    expect(res.body.activities[0].warnings).toEqual([
      'Indicator "People" 2026-01-01: a value by dimension "sex" = "constructor" is not one Hamkori keeps; left out',
      'Indicator "People" 2026-01-01: a value by dimension "toString" = "x" is not one Hamkori keeps; left out',
    ]);
  });

  const far = ['0000-01-01', '9999-12-31'];
  const periods = (start: string, end: string) =>
    `<result type="2"><title><narrative>R</narrative></title><indicator measure="1" ascending="1"><title><narrative>I</narrative></title><period><period-start iso-date="${start}"/><period-end iso-date="${end}"/></period></indicator></result>`;
  const datedAt: [string, string, (date: string) => [extra: string, edit?: (xml: string) => string]][] = [
    ['the start (activity-date)', 'activity-date[1]/@iso-date', (d) => ['', (x) => x.replace('iso-date="2026-01-01"', `iso-date="${d}"`)]],
    ['the end (activity-date)', 'activity-date[2]/@iso-date', (d) => ['', (x) => x.replace('iso-date="2026-12-31"', `iso-date="${d}"`)]],
    [
      'a transaction-date',
      'transaction[1]/transaction-date/@iso-date',
      (d) => [
        `<transaction><transaction-type code="4"/><transaction-date iso-date="${d}"/><value currency="USD" value-date="2026-02-01">100.00</value></transaction>`,
      ],
    ],
    [
      'a transaction value-date',
      'transaction[1]/value/@value-date',
      (d) => [
        `<transaction><transaction-type code="4"/><transaction-date iso-date="2026-02-01"/><value currency="USD" value-date="${d}">100.00</value></transaction>`,
      ],
    ],
    [
      'a budget period-start',
      'budget[1]/period-start/@iso-date',
      (d) => [
        `<budget type="1"><period-start iso-date="${d}"/><period-end iso-date="2026-12-31"/><value currency="USD" value-date="2026-01-01">1000.00</value></budget>`,
      ],
    ],
    [
      'a budget value-date',
      'budget[1]/value/@value-date',
      (d) => [
        `<budget type="1"><period-start iso-date="2026-01-01"/><period-end iso-date="2026-12-31"/><value currency="USD" value-date="${d}">1000.00</value></budget>`,
      ],
    ],
    ['a result period-start', 'result[1]/indicator[1]/period[1]/period-start/@iso-date', (d) => [periods(d, '2026-06-30')]],
    ['a result period-end', 'result[1]/indicator[1]/period[1]/period-end/@iso-date', (d) => [periods('2026-01-01', d)]],
  ];
  it.each(far.flatMap((date) => datedAt.map(([where, element, place]) => [where, date, element, place] as const)))(
    'a file with %s on %s is refused by iati.date_out_of_range on the dry run and the import alike, and writes nothing',
    async (_where, date, element, place) => {
      const [extra, edit] = place(date);
      const xml = activityFile('FAR.1', extra, edit);
      const digest = await databaseDigest(app.db);
      for (const query of ['?dryRun=1', '']) {
        const run = await importWhileOthersAsk(xml, query);
        expect(run.res.status, run.res.text).toBe(400);
        const params = { identifier: 'XM-DAC-47066-FAR.1', element, date, min: '1990-01-01', max: '2100-12-31' };
        expect(run.res.body.error.details.rule).toEqual({ code: 'iati.date_out_of_range', params });
        expect(run.res.body.error.details.issues).toEqual([
          { path: `iati-activities/iati-activity[1]/${element}`, code: 'iati.date_out_of_range', params, message: run.res.body.error.message },
        ]);
        expect(run.res.body.error.message).toBe(
          `XM-DAC-47066-FAR.1: the date ${date} (${element}) is outside the dates Hamkori accepts, 1990-01-01 to 2100-12-31`,
        );
        expect(run.ms).toBeLessThan(1000);
        expectOthersServed(run);
      }
      expect(await databaseDigest(app.db)).toBe(digest);
    },
  );

  it.each(['0', '9999', '2020.5'])('a baseline year of %s is refused by iati.year_out_of_range and writes nothing', async (year) => {
    const xml = activityFile(
      'FAR.2',
      `<result type="2"><title><narrative>R</narrative></title><indicator measure="1"><title><narrative>I</narrative></title><baseline year="${year}" value="1"/></indicator></result>`,
    );
    const digest = await databaseDigest(app.db);
    const run = await importWhileOthersAsk(xml);
    expect(run.res.status, run.res.text).toBe(400);
    expect(run.res.body.error.details.rule).toEqual({
      code: 'iati.year_out_of_range',
      params: { identifier: 'XM-DAC-47066-FAR.2', element: 'result[1]/indicator[1]/baseline/@year', year, min: 1990, max: 2100 },
    });
    expect(run.ms).toBeLessThan(1000);
    expectOthersServed(run);
    expect(await databaseDigest(app.db)).toBe(digest);
  });

  it('dates on the bounds themselves are imported', async () => {
    const xml = activityFile('EDGE.1', '', (x) => x.replace('2026-01-01', '1990-01-01').replace('2026-12-31', '2100-12-31'));
    const res = await importXml(clients.manager, xml);
    expect(res.status, res.text).toBe(201);
    const project = (await clients.manager.get(`/projects/${res.body.activities[0].projectId}`)).body;
    expect(project).toMatchObject({ plannedStart: '1990-01-01', plannedEnd: '2100-12-31' });
  });

  it("an activity whose project ID belongs to a project the manager is not a member of is refused with 409 naming only the file's identifier, the same for any such project", async () => {
    const hidden = [
      await makeProject(app.db, { code: 'HIDDEN.7', title: 'Confidential seven', currency: 'USD' }),
      await makeProject(app.db, { code: 'HIDDEN.8', title: 'Confidential eight', currency: 'EUR' }),
    ];
    const digest = await databaseDigest(app.db);
    const answers: string[] = [];
    for (const p of hidden) {
      for (const query of ['?dryRun=1', '']) {
        const run = await importWhileOthersAsk(activityFile(p.code), query);
        expect(run.res.status, run.res.text).toBe(409);
        expect(run.res.body.error).toEqual({
          code: 'CONFLICT',
          message: `XM-DAC-47066-${p.code}: its project ID belongs to a project you may not update; remove the activity from the file or ask an administrator`,
          details: { rule: { code: 'iati.project_not_updatable', params: { identifier: `XM-DAC-47066-${p.code}` } } },
        });
        expect(run.res.text).not.toContain(p.title);
        expect(run.res.text).not.toMatch(new RegExp(`\\b${p.id}\\b`));
        expect(run.ms).toBeLessThan(1000);
        expectOthersServed(run);
        answers.push(run.res.text.replaceAll(p.code, 'CODE'));
      }
    }
    expect(new Set(answers).size).toBe(1);
    expect(await databaseDigest(app.db)).toBe(digest);
  });
});
