import { getHeapStatistics } from 'node:v8';
import { parentPort } from 'node:worker_threads';
import { ReadFailureError } from './import-limits';
import { runParseJob, type ParseJob } from './table-reader';

/**
 * The parse worker's body: one job at a time, answered with its value, the failure that
 * stopped it, or (a defect) an error message. Started by parse-pool.ts through
 * parse-worker.mjs, with a heap limit of its own.
 */

export type ParseReply =
  | { ok: true; value: unknown; heapUsedBytes: number }
  | { ok: false; failure: ReadFailureError['failure'] }
  | { ok: false; error: string };

const port = parentPort;
if (!port) throw new Error('parse-worker runs as a worker thread');

port.on('message', (job: ParseJob) => {
  runParseJob(job).then(
    (value) => port.postMessage({ ok: true, value, heapUsedBytes: getHeapStatistics().used_heap_size } satisfies ParseReply),
    (error: unknown) =>
      port.postMessage(
        (error instanceof ReadFailureError
          ? { ok: false, failure: error.failure }
          : { ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }) satisfies ParseReply,
      ),
  );
});
