// The parse worker's entry. The server runs its TypeScript through tsx, in the main
// thread under `tsx` and under the test runner alike; a worker thread starts bare, so it
// registers tsx itself before loading its body.
import { register } from 'tsx/esm/api';

register();
await import('./parse-worker.ts');
