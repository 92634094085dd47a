import { useSyncExternalStore } from 'react';

/**
 * What the app knows about its connection: the browser says it is offline, or it says
 * online but the last request could not reach the server (status 0), or all is well.
 */
export type ConnectionState = 'online' | 'offline' | 'unreachable';

let unreachable = false;
const listeners = new Set<() => void>();

function notify(): void {
  for (const listener of listeners) listener();
}

/** Called by the api-client when a request never got an answer. */
export function reportNetworkFailure(): void {
  if (unreachable) return;
  unreachable = true;
  notify();
}

/** Called by the api-client whenever the server answered, whatever the status. */
export function reportNetworkSuccess(): void {
  if (!unreachable) return;
  unreachable = false;
  notify();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener('online', listener);
  window.addEventListener('offline', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('online', listener);
    window.removeEventListener('offline', listener);
  };
}

function getSnapshot(): ConnectionState {
  if (typeof navigator !== 'undefined' && navigator.onLine === false) return 'offline';
  return unreachable ? 'unreachable' : 'online';
}

export function useConnection(): ConnectionState {
  return useSyncExternalStore(subscribe, getSnapshot, () => 'online');
}
