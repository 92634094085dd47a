/**
 * How the Gantt copes with a large project: adds 500 activities (with 200 dependencies
 * and 100 milestones) to the demo follow-up project, opens its timeline in headless
 * Chromium as the demo manager, and reports load time, DOM size and scroll frame times.
 *
 *   npm run build && npx tsx scripts/bench-gantt.ts
 *
 * With BENCH_URL and DATABASE_PATH it uses a server already running on that database
 * (seeded with the demo) instead of starting one.
 */
import { eq } from 'drizzle-orm';
import { chromium } from 'playwright-core';
import { single, first, inTransaction, openDatabase, type Db } from '../server/src/db/client';
import { activities, activityDependencies, milestones, outcomes, outputs, projects } from '../server/src/db/schema';

const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const DEMO_PASSWORD = 'hamkori-demo-2026';

const N = 500;
const addDays = (iso: string, n: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

async function target(): Promise<{ baseUrl: string; db: Db; close(): Promise<void> }> {
  const url = process.env.BENCH_URL;
  const path = process.env.DATABASE_PATH;
  if (url && path) {
    const db = openDatabase(path);
    return {
      baseUrl: url,
      db,
      close: async () => {
        db.$client.close();
      },
    };
  }
  const { startApp } = await import('../tests/e2e/harness');
  return startApp();
}

const app = await target();
try {
  const { db } = app;
  const project = await first(db.select({ id: projects.id }).from(projects).where(eq(projects.code, 'DEMO-TJ-02')));
  if (!project) throw new Error('The demo follow-up project is missing');
  const outcomeRows = await db.select().from(outcomes).where(eq(outcomes.projectId, project.id));
  const outputRows = await db.select().from(outputs).where(eq(outputs.projectId, project.id));
  const today = new Date().toISOString().slice(0, 10);
  const ids: number[] = [];
  await inTransaction(db, async () => {
    for (let i = 0; i < N; i++) {
      const output = i % 3 === 0 ? null : (outputRows[i % outputRows.length] ?? null);
      const outcomeId = output?.outcomeId ?? outcomeRows[i % outcomeRows.length]?.id ?? 0;
      const start = addDays(today, -300 + ((i * 7) % 500));
      const end = addDays(start, 20 + (i % 60));
      const begun = start < today;
      const done = end < addDays(today, -30);
      ids.push(
        (
          await single(
            db
              .insert(activities)
              .values({
                projectId: project.id,
                outcomeId,
                outputId: output?.id ?? null,
                kind: 'other',
                title: `Benchmark activity ${i + 1}`,
                status: done ? 'completed' : begun ? 'in_progress' : 'planned',
                plannedStart: start,
                plannedEnd: end,
                actualStart: begun ? addDays(start, i % 9) : null,
                actualEnd: done ? addDays(end, (i % 13) - 4) : null,
                percentComplete: done ? 100 : begun ? 40 : 0,
                position: 1000 + i,
                illustrative: true,
              })
              .returning({ id: activities.id }),
          )
        ).id,
      );
    }
    for (let i = 1; i <= 200; i++) {
      await db
        .insert(activityDependencies)
        .values({ projectId: project.id, predecessorId: ids[i * 2 - 1] as number, successorId: ids[i * 2] as number });
    }
    for (let i = 0; i < 100; i++) {
      await db.insert(milestones).values({
        projectId: project.id,
        activityId: ids[i * 5] as number,
        kind: 'milestone',
        title: `Benchmark milestone ${i + 1}`,
        dueDate: addDays(today, -200 + i * 4),
        doneDate: null,
        evidenceNote: '',
        illustrative: true,
      });
    }
  });

  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${app.baseUrl}/login`);
  await page.getByLabel('E-mail address').fill('manager@example.org');
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Projects' }).waitFor();

  const started = Date.now();
  await page.goto(`${app.baseUrl}/projects/${project.id}/timeline`);
  await page.locator('.gantt-row-activity').first().waitFor();
  const loadMs = Date.now() - started;

  // Passed as text: tsx would otherwise wrap the function's helpers in names the page lacks.
  const result = (await page.evaluate(`(async () => {
    const scroller = document.querySelector('.gantt-scroll');
    if (!scroller) throw new Error('No Gantt on the page');
    const nodes = scroller.querySelectorAll('*').length;
    const rowsInDom = scroller.querySelectorAll('.gantt-row').length;
    // Idle frames first: the machine's own noise, to read the scroll numbers against.
    const idle = [];
    let t0 = performance.now();
    await new Promise((resolve) => {
      function tick() {
        const now = performance.now();
        idle.push(now - t0);
        t0 = now;
        if (idle.length > 120) resolve();
        else requestAnimationFrame(tick);
      }
      requestAnimationFrame(tick);
    });
    idle.shift();
    idle.sort((a, b) => a - b);
    // Long animation frames (over 50 ms) tell script time from rendering time.
    const loaf = [];
    const observer = typeof PerformanceObserver !== 'undefined' && PerformanceObserver.supportedEntryTypes.includes('long-animation-frame')
      ? new PerformanceObserver((list) => loaf.push(...list.getEntries()))
      : null;
    observer?.observe({ type: 'long-animation-frame', buffered: false });
    const frames = [];
    let last = performance.now();
    // Scroll the whole chart, a step per frame, and record each frame's duration.
    const max = scroller.scrollHeight - scroller.clientHeight;
    await new Promise((resolve) => {
      function step() {
        const now = performance.now();
        frames.push(now - last);
        last = now;
        const before = scroller.scrollTop;
        scroller.scrollTop = before + 120;
        if (scroller.scrollTop >= max - 1 || scroller.scrollTop === before || frames.length > 3000) resolve();
        else requestAnimationFrame(step);
      }
      requestAnimationFrame(step);
    });
    frames.shift();
    frames.sort((a, b) => a - b);
    await new Promise((r) => setTimeout(r, 100));
    observer?.disconnect();
    const longFrames = loaf.length;
    const longScript = loaf.reduce((t, e) => t + e.scripts.reduce((u, x) => u + x.duration, 0), 0);
    const longTotal = loaf.reduce((t, e) => t + e.duration, 0);
    const pct = (p) => frames[Math.min(frames.length - 1, Math.floor(frames.length * p))] || 0;
    return { longFrames, longScript, longTotal, idleMedian: idle[Math.floor(idle.length / 2)], idleP95: idle[Math.floor(idle.length * 0.95)], nodes, rowsInDom, frames: frames.length, median: pct(0.5), p95: pct(0.95), worst: frames[frames.length - 1] || 0, heapMb: performance.memory ? performance.memory.usedJSHeapSize : 0 };
  })()`)) as {
    longFrames: number;
    longScript: number;
    longTotal: number;
    idleMedian: number;
    idleP95: number;
    nodes: number;
    rowsInDom: number;
    frames: number;
    median: number;
    p95: number;
    worst: number;
    heapMb: number;
  };
  const totalRows = Number(await page.evaluate(`(document.querySelector('.gantt-body')?.style.height ?? '0').replace('px', '')`)) / 40;
  await browser.close();
  console.log(
    [
      `Gantt benchmark: ${N} added activities (${totalRows} rows in all), 200 dependencies, 100 milestones`,
      `  load to first row: ${loadMs} ms (includes the API call and the lazy chunk)`,
      `  DOM in the chart: ${result.nodes} elements, ${result.rowsInDom} rows rendered of ${totalRows}`,
      `  idle frames (machine baseline): median ${result.idleMedian.toFixed(1)} ms, p95 ${result.idleP95.toFixed(1)} ms`,
      `  scrolling top to bottom, ${result.frames} frames: median ${result.median.toFixed(1)} ms, p95 ${result.p95.toFixed(1)} ms, worst ${result.worst.toFixed(1)} ms`,
      `  long frames (>50 ms): ${result.longFrames}, ${result.longTotal.toFixed(0)} ms in all, of which script ${result.longScript.toFixed(0)} ms`,
      result.heapMb ? `  JS heap: ${(result.heapMb / 1024 / 1024).toFixed(1)} MB` : '',
    ]
      .filter(Boolean)
      .join('\n'),
  );
} finally {
  await app.close();
}
