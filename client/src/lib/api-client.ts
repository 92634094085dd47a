import type { z } from 'zod';
import { ErrorBodySchema, type ErrorIssue, ErrorIssueSchema } from '@shared/errors';

/** A failed API call, carrying the shared error body. status 0 means the network failed. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;

  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }

  /** Field issues of a 400 VALIDATION_FAILED, as `[{path, message}]`. */
  get issues(): ErrorIssue[] {
    if (typeof this.details !== 'object' || this.details === null || !('issues' in this.details)) return [];
    const { issues } = this.details as { issues: unknown };
    if (!Array.isArray(issues)) return [];
    return issues.flatMap((i) => {
      const parsed = ErrorIssueSchema.safeParse(i);
      return parsed.success ? [parsed.data] : [];
    });
  }

  /** The record as it is now on the server, sent with 409 VERSION_CONFLICT. */
  current<T>(schema: z.ZodType<T>): T | null {
    if (typeof this.details !== 'object' || this.details === null || !('current' in this.details)) return null;
    const parsed = schema.safeParse((this.details as { current: unknown }).current);
    return parsed.success ? parsed.data : null;
  }

  get isVersionConflict(): boolean {
    return this.status === 409 && this.code === 'VERSION_CONFLICT';
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

/** Kept in memory only: it comes with every login and every `GET /api/auth/me`. */
let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

type UnauthenticatedHandler = () => void;
let onUnauthenticated: UnauthenticatedHandler = () => undefined;

/** The app decides where a 401 leads (the login page, remembering the path). */
export function setUnauthenticatedHandler(handler: UnauthenticatedHandler): void {
  onUnauthenticated = handler;
}

export type QueryValue = string | number | boolean | null | undefined;

export type RequestOptions = {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  query?: Record<string, QueryValue>;
  signal?: AbortSignal;
  /** The login call answers 401 for a wrong password; that must not bounce to the login page. */
  skipUnauthenticatedRedirect?: boolean;
};

export function buildUrl(path: string, query?: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const search = params.toString();
  return `/api${path}${search ? `?${search}` : ''}`;
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

async function toApiError(response: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  const parsed = ErrorBodySchema.safeParse(body);
  if (parsed.success) {
    const { code, message, details } = parsed.data.error;
    const retryAfter = response.headers.get('Retry-After');
    const extra = retryAfter !== null && details === undefined ? { retryAfter: Number(retryAfter) } : details;
    return new ApiError(response.status, code, message, extra);
  }
  return new ApiError(response.status, response.status >= 500 ? 'INTERNAL' : 'UNKNOWN', response.statusText);
}

/**
 * The one place that talks to the server. Answers are checked against the shared
 * schema so that a contract drift shows up as a clear error, not as a broken screen.
 */
export async function apiRequest<T>(path: string, schema: z.ZodType<T> | null, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (UNSAFE_METHODS.has(method) && csrfToken) headers['X-CSRF-Token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'NETWORK', 'The server could not be reached');
  }

  if (!response.ok) {
    const error = await toApiError(response);
    // INVALID_CREDENTIALS is a wrong password (login, password change), not a lost session.
    if (response.status === 401 && !options.skipUnauthenticatedRedirect && error.code !== 'INVALID_CREDENTIALS') {
      csrfToken = null;
      onUnauthenticated();
    }
    throw error;
  }

  if (schema === null || response.status === 204) return undefined as T;
  const data: unknown = await response.json();
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    throw new ApiError(response.status, 'INVALID_RESPONSE', `Unexpected answer from ${method} ${path}`, {
      issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    });
  }
  return parsed.data;
}

export const api = {
  get: <T>(path: string, schema: z.ZodType<T>, options?: Pick<RequestOptions, 'query' | 'signal'>) =>
    apiRequest(path, schema, { ...options, method: 'GET' }),
  post: <T>(path: string, body: unknown, schema: z.ZodType<T> | null, options?: Pick<RequestOptions, 'skipUnauthenticatedRedirect'>) =>
    apiRequest(path, schema, { ...options, method: 'POST', body }),
  patch: <T>(path: string, body: unknown, schema: z.ZodType<T>) => apiRequest(path, schema, { method: 'PATCH', body }),
  delete: (path: string, query?: Record<string, QueryValue>) => apiRequest<void>(path, null, { method: 'DELETE', query }),
};
