import { setImmediate } from 'node:timers/promises';

/**
 * For long work inside one request (reading a large file): call the returned function
 * between small steps, and it lets the event loop turn once the work has run for
 * `sliceMs` since the last turn. Other requests then wait that long at most, and the
 * work is not slowed by a turn after every step.
 */
export function createTurns(sliceMs = 10): () => Promise<void> {
  let since = performance.now();
  return async () => {
    if (performance.now() - since < sliceMs) return;
    await setImmediate();
    since = performance.now();
  };
}
