import { getHeapStatistics } from 'node:v8';
import { parentPort } from 'node:worker_threads';
import { ReadFailureError } from './import-limits';
import { runParseJob, type ParseJob } from './table-reader';

/**
 * The parse worker's body: one job at a time, answered with its value, the failure that
 * stopped it, or (a defect) an error message. Started by parse-pool.ts through
 * parse-worker.mjs, with a heap limit of its own.
 */

/** The worker's heap at the end of a job, the table still held: used, and taken from the system (its peak, near enough). */
export type WorkerHeap = { usedBytes: number; totalBytes: number };

export type ParseReply =
  { ok: true; value: unknown; heap: WorkerHeap } | { ok: false; failure: ReadFailureError['failure'] } | { ok: false; error: string };

const port = parentPort;
if (!port) throw new Error('parse-worker runs as a worker thread');

port.on('message', (job: ParseJob) => {
  runParseJob(job).then(
    (value) => {
      const { used_heap_size: usedBytes, total_heap_size: totalBytes } = getHeapStatistics();
      port.postMessage({ ok: true, value, heap: { usedBytes, totalBytes } } satisfies ParseReply);
    },
    (error: unknown) =>
      port.postMessage(
        (error instanceof ReadFailureError
          ? { ok: false, failure: error.failure }
          : { ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }) satisfies ParseReply,
      ),
  );
});
