import { Worker } from 'node:worker_threads';
import { messageOf } from '@shared/issue-messages';
import { issue } from '@shared/issues';
import { AppError, refused } from './errors';
import { PARSE_WORKER, type ReadFailure } from './import-limits';
import type { ParseReply, WorkerHeap } from './parse-worker';
import type { ParseJob } from './table-reader';

/**
 * Reads uploads in worker threads, so that no file, however built, holds up other
 * requests (decision 013). Each worker has its own heap limit and each file a time
 * limit; a worker past either is ended and the upload refused (413), and the server goes
 * on. At most PARSE_WORKER.concurrent files are read at once, PARSE_WORKER.queued more
 * wait, and one more is answered 429. Workers are kept while idle for the next file
 * (starting one costs a few hundred milliseconds) and never keep the process alive.
 */

const ENTRY = new URL('./parse-worker.mjs', import.meta.url);

const RETRY_AFTER_SECONDS = 10;
const busy = () => {
  const rule = issue('import.busy');
  return new AppError(
    'RATE_LIMITED',
    messageOf(rule),
    { retryAfterSeconds: RETRY_AFTER_SECONDS, rule },
    { 'Retry-After': String(RETRY_AFTER_SECONDS) },
  );
};

/** A failure the reader stopped at, as it came back from the worker. */
export class ParseFailure extends Error {
  constructor(readonly failure: ReadFailure) {
    super(failure.reason);
  }
}

type Idle = { worker: Worker; timer: NodeJS.Timeout; onExit: () => void };
export type ParsePoolSettings = Record<keyof typeof PARSE_WORKER, number>;

/** A pool of parse workers with the given limits; the app uses one, with PARSE_WORKER's. */
export function createParsePool(settings: ParsePoolSettings) {
  const idle: Idle[] = [];
  let running = 0;
  const waiting: (() => void)[] = [];
  let lastHeap: WorkerHeap = { usedBytes: 0, totalBytes: 0 };
  const tooComplex = () => refused('PAYLOAD_TOO_LARGE', issue('import.too_complex', { seconds: Math.ceil(settings.timeoutMs / 1000) }));

  function startWorker(): Worker {
    return new Worker(ENTRY, {
      // The worker registers its own TypeScript loader; the parent's flags are not its business.
      execArgv: [],
      resourceLimits: {
        maxOldGenerationSizeMb: settings.maxOldGenerationSizeMb,
        maxYoungGenerationSizeMb: settings.maxYoungGenerationSizeMb,
      },
    });
  }

  function takeWorker(): Worker {
    const kept = idle.pop();
    if (!kept) return startWorker();
    clearTimeout(kept.timer);
    kept.worker.off('exit', kept.onExit);
    kept.worker.ref();
    return kept.worker;
  }

  function keepWorker(worker: Worker): void {
    worker.unref();
    const forget = () => {
      const at = idle.findIndex((k) => k.worker === worker);
      if (at >= 0) idle.splice(at, 1);
    };
    const timer = setTimeout(() => {
      forget();
      void worker.terminate();
    }, settings.idleMs);
    timer.unref();
    // A worker that ends while idle is not handed a file.
    const onExit = () => {
      clearTimeout(timer);
      forget();
    };
    worker.once('exit', onExit);
    idle.push({ worker, timer, onExit });
  }

  /** A place to read one file: now, or after a file ahead of it; 429 when too many wait. */
  async function acquire(): Promise<void> {
    if (running < settings.concurrent) {
      running++;
      return;
    }
    if (waiting.length >= settings.queued) throw busy();
    // The place is handed over by release(), already counted.
    await new Promise<void>((resolve) => waiting.push(resolve));
  }

  function release(): void {
    const next = waiting.shift();
    if (next) next();
    else running--;
  }

  function runOn(worker: Worker, job: ParseJob, transfer: ArrayBuffer[]): Promise<unknown> {
    return new Promise((resolve, reject) => {
      let done = false;
      const finish = (keep: boolean, outcome: () => void) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        if (keep) keepWorker(worker);
        else void worker.terminate();
        outcome();
      };
      const onMessage = (reply: ParseReply) =>
        finish(true, () => {
          if (reply.ok) {
            lastHeap = reply.heap;
            resolve(reply.value);
          } else if ('failure' in reply) reject(new ParseFailure(reply.failure));
          else reject(new Error(`Parse worker failed: ${reply.error}`));
        });
      // Out of memory (ERR_WORKER_OUT_OF_MEMORY) ends the worker with an error; any other error is a defect.
      const onError = (error: Error) =>
        finish(false, () => reject((error as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY' ? tooComplex() : error));
      const onExit = () => finish(false, () => reject(tooComplex()));
      const timer = setTimeout(() => finish(false, () => reject(tooComplex())), settings.timeoutMs);
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.postMessage(job, transfer);
    });
  }

  return {
    /**
     * Runs one parse job in a worker and returns what it read. A limit the reader stopped
     * at rejects with ParseFailure; too long, too much memory or too many waiting reject
     * with the app's refusal (413, 413, 429).
     */
    async run(job: ParseJob): Promise<unknown> {
      await acquire();
      try {
        const transfer = job.kind === 'table' ? [job.data.buffer as ArrayBuffer] : [];
        return await runOn(takeWorker(), job, transfer);
      } finally {
        release();
      }
    },
    /** The heap of the worker that read the last file, at the end of that read (for the import benchmark). */
    lastWorkerHeap: () => lastHeap,
    /** Ends the idle workers (busy ones end with their job). */
    async close(): Promise<void> {
      await Promise.all(
        idle.splice(0).map(({ worker, timer }) => {
          clearTimeout(timer);
          return worker.terminate();
        }),
      );
    },
  };
}
export type ParsePool = ReturnType<typeof createParsePool>;

/** The app's pool. */
export const parsePool = createParsePool(PARSE_WORKER);
